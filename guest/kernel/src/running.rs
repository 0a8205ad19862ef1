//! The name of the program the hart is about to run in U-mode, kept where
//! a host-side profiler can read it: `rvjit profile` looks up
//! [`RUNNING_PROGRAM`] in the kernel's symbol table and reads it from guest
//! memory (the kernel maps RAM one-to-one, so its address is the same in
//! every address space) to name user frames with that program's symbols.
//!
//! Layout: the process name (`Proc::name`, the last component of the path
//! it was exec'd from, NUL-padded, at most 15 bytes), as four
//! little-endian words. Written at each return to user mode; nothing in
//! the kernel reads it.

use core::sync::atomic::{AtomicU32, Ordering};

/// The running program's name: see the module docs. The profiler finds it
/// by its demangled name, `kernel::running::RUNNING_PROGRAM`. `#[used]`:
/// no kernel code reads it, and the compiler must not drop the stores.
#[used]
pub static RUNNING_PROGRAM: [AtomicU32; 4] = [const { AtomicU32::new(0) }; 4];

/// Records that the process named `name` runs next.
pub fn publish(name: &[u8; 16]) {
    for (word, bytes) in RUNNING_PROGRAM.iter().zip(name.chunks_exact(4)) {
        let value = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        word.store(value, Ordering::Relaxed);
    }
}
