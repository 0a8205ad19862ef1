//! Processes: fork that keeps file-server references counted, exec of a
//! program file, exit that closes files first.

use abi::Errno;

/// Duplicates the calling process; the child's pid, 0 in the child.
pub fn fork() -> Result<usize, Errno> {
    let taken = crate::fs::dup_all_for_fork();
    match crate::sys::fork() {
        Ok(0) => {
            crate::fs::reset_after_fork();
            Ok(0)
        }
        Ok(pid) => Ok(pid),
        Err(e) => {
            crate::fs::undo_dups(&taken);
            Err(e)
        }
    }
}

/// Runs the program file `path` in this process with `args` (args[0] is
/// the program's name). Returns only on failure.
pub fn exec(path: &str, args: &[&str]) -> Errno {
    let image = match crate::fs::read_file(path) {
        Ok(image) => image,
        Err(e) => return e,
    };
    let (_strings, argv) = crate::argv::c_argv(args);
    crate::sys::exec(&image, &argv)
}

/// Waits for child `pid` (-1: any); (pid, exit status).
pub fn wait(pid: isize) -> Result<(usize, i32), Errno> {
    crate::sys::wait(pid, 0)
}

/// Ends the process with `code` after closing its files.
pub fn exit(code: i32) -> ! {
    crate::fs::close_all();
    crate::sys::exit(code)
}

/// Gets ready to compare free-frame counts: touches the next 16 KiB of
/// stack, maps and unmaps a page in the mmap area, and connects to the
/// file server (its shared buffer stays until exit; `fork` needs it when
/// files are open, such as the current directory), so that later calls
/// take no new stack frames, mappings need no new page-table page (page
/// tables stay until exit) and no buffer is made.
pub fn prefault_for_counting() {
    prefault_stack();
    let _ = crate::fs::connect();
    if let Ok(a) = crate::sys::mmap(0, 4096, abi::PROT_READ | abi::PROT_WRITE, abi::MAP_PRIVATE) {
        let _ = crate::sys::munmap(a, 4096);
    }
}

#[inline(never)]
fn prefault_stack() {
    let mut a = [0u8; 16 * 1024];
    core::hint::black_box(&mut a);
}
