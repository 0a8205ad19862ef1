//! Argument vectors in both directions: reading argc/argv from the initial
//! stack that `exec` builds, and building the NULL-terminated array of C
//! strings that the exec system call takes.

use alloc::vec::Vec;

/// Reads argv from the initial stack at `sp`; arguments that are not UTF-8
/// become empty strings.
///
/// # Safety
/// `sp` must point at the layout above, with the strings alive for the
/// rest of the program (they are on the stack below `_start`'s frame).
pub unsafe fn args_from_stack(sp: *const usize) -> Vec<&'static str> {
    // SAFETY: the caller vouches for the layout; argc and the argv slots
    // are consecutive words from sp.
    let argc = unsafe { *sp };
    let mut args = Vec::with_capacity(argc);
    for i in 0..argc {
        // SAFETY: slot 1 + i is within the argv array (i < argc).
        let p = unsafe { *sp.add(1 + i) } as *const u8;
        if p.is_null() {
            break;
        }
        let mut len = 0;
        // SAFETY: each argv string is NUL-terminated, so reading up to the
        // NUL stays inside it.
        while unsafe { *p.add(len) } != 0 {
            len += 1;
        }
        // SAFETY: p..p+len was just read byte by byte and lives forever.
        let bytes = unsafe { core::slice::from_raw_parts(p, len) };
        args.push(core::str::from_utf8(bytes).unwrap_or(""));
    }
    args
}

/// `args` as NUL-terminated strings plus the NULL-terminated pointer array
/// the exec system call takes (the pointers point into the first vector).
pub fn c_argv(args: &[&str]) -> (Vec<Vec<u8>>, Vec<*const u8>) {
    let strings: Vec<Vec<u8>> = args
        .iter()
        .map(|a| {
            let mut v = Vec::with_capacity(a.len() + 1);
            v.extend_from_slice(a.as_bytes());
            v.push(0);
            v
        })
        .collect();
    let mut ptrs: Vec<*const u8> = strings.iter().map(|s| s.as_ptr()).collect();
    ptrs.push(core::ptr::null());
    (strings, ptrs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_argv_from_a_built_stack() {
        let a = b"ls\0";
        let b = b"-l\0";
        let c = b"\xff\0";
        let stack: [usize; 5] = [
            3,
            a.as_ptr() as usize,
            b.as_ptr() as usize,
            c.as_ptr() as usize,
            0,
        ];
        // SAFETY: the stack above has the documented layout, with static strings.
        let args = unsafe { args_from_stack(stack.as_ptr()) };
        assert_eq!(args, ["ls", "-l", ""]);
    }

    #[test]
    fn empty_argv() {
        let stack: [usize; 2] = [0, 0];
        // SAFETY: as above.
        assert!(unsafe { args_from_stack(stack.as_ptr()) }.is_empty());
    }

    #[test]
    fn c_argv_is_nul_terminated_and_null_ended() {
        let (strings, ptrs) = c_argv(&["echo", "hi"]);
        assert_eq!(strings, [b"echo\0".to_vec(), b"hi\0".to_vec()]);
        assert_eq!(ptrs.len(), 3);
        assert_eq!(ptrs[0], strings[0].as_ptr());
        assert!(ptrs[2].is_null());
    }
}
