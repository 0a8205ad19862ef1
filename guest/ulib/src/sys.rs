//! The system calls: one thin wrapper per entry of the table in `abi`.
//!
//! `ecall` with the number in a7 and arguments in a0..a5; a0 comes back as
//! a value or a negated errno. Addresses in user space are below
//! 0x8000_0000, so a result in -4095..=-1 is always an error.

use abi::{Errno, FdKind, Message, ProcInfo, Sysno};
use core::arch::asm;

/// Issues system call `nr` with up to four arguments; the raw a0.
fn syscall(nr: Sysno, a0: usize, a1: usize, a2: usize, a3: usize) -> isize {
    raw(nr as usize, a0, a1, a2, a3)
}

/// Issues system call number `nr` (any number, for tests of bad calls);
/// the raw a0.
pub fn raw(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> isize {
    let ret: isize;
    // SAFETY: ecall traps to the kernel, which validates every argument
    // (pointers included) and only writes memory we passed it; the asm
    // touches no memory of ours itself.
    unsafe {
        asm!("ecall",
            inlateout("a0") a0 => ret,
            in("a1") a1, in("a2") a2, in("a3") a3,
            in("a7") nr,
            options(nostack));
    }
    ret
}

/// A raw result as `Ok(value)` or `Err(errno)`.
pub fn check(ret: isize) -> Result<usize, Errno> {
    if (-4095..0).contains(&ret) {
        Err(Errno::from_result(ret).unwrap_or(Errno::EIO))
    } else {
        Ok(ret as usize)
    }
}

/// Ends the calling process at once (no clean-up; see [`crate::exit`]).
pub fn exit(code: i32) -> ! {
    syscall(Sysno::Exit, code as usize, 0, 0, 0);
    // The kernel never returns from exit; spin if it somehow did.
    loop {
        core::hint::spin_loop();
    }
}

/// Duplicates the calling process (see [`crate::fork`], which also keeps
/// file-server handles counted).
pub fn fork() -> Result<usize, Errno> {
    check(syscall(Sysno::Fork, 0, 0, 0, 0))
}

/// Replaces the image with the ELF `image`; `argv` is a NULL-terminated
/// array of NUL-terminated strings. Returns only on error.
pub fn exec(image: &[u8], argv: &[*const u8]) -> Errno {
    match check(syscall(
        Sysno::Exec,
        image.as_ptr() as usize,
        image.len(),
        argv.as_ptr() as usize,
        0,
    )) {
        Ok(_) => Errno::EIO,
        Err(e) => e,
    }
}

/// Waits for child `pid` (-1: any); returns its pid and exit status.
/// With `abi::WNOHANG`, `Ok((0, 0))` means no child has ended yet.
pub fn wait(pid: isize, options: usize) -> Result<(usize, i32), Errno> {
    let mut status: i32 = 0;
    let r = check(syscall(
        Sysno::Wait,
        pid as usize,
        &mut status as *mut i32 as usize,
        options,
        0,
    ))?;
    Ok((r, status))
}

/// The caller's pid.
pub fn getpid() -> usize {
    syscall(Sysno::Getpid, 0, 0, 0, 0) as usize
}

/// Ends process `pid` (its status becomes `abi::STATUS_KILLED`).
pub fn kill(pid: usize) -> Result<(), Errno> {
    check(syscall(Sysno::Kill, pid, 0, 0, 0)).map(|_| ())
}

/// Sleeps for `ms` milliseconds.
pub fn sleep(ms: usize) {
    syscall(Sysno::Sleep, ms, 0, 0, 0);
}

/// Gives the processor to the next runnable process.
pub fn yield_now() {
    syscall(Sysno::Yield, 0, 0, 0, 0);
}

/// Moves the heap's end by `increment` bytes; the old end.
pub fn sbrk(increment: isize) -> Result<usize, Errno> {
    check(syscall(Sysno::Sbrk, increment as usize, 0, 0, 0))
}

/// Maps `len` bytes (`abi::PROT_*`, `abi::MAP_*`); the address.
pub fn mmap(hint: usize, len: usize, prot: usize, flags: usize) -> Result<usize, Errno> {
    check(syscall(Sysno::Mmap, hint, len, prot, flags))
}

/// Unmaps `len` bytes at `addr`.
pub fn munmap(addr: usize, len: usize) -> Result<(), Errno> {
    check(syscall(Sysno::Munmap, addr, len, 0, 0)).map(|_| ())
}

/// Writes to a console fd (file fds: [`crate::fs::write`]).
pub fn write(fd: usize, buf: &[u8]) -> Result<usize, Errno> {
    check(syscall(
        Sysno::Write,
        fd,
        buf.as_ptr() as usize,
        buf.len(),
        0,
    ))
}

/// Reads from a console fd; 0 at end of input (Ctrl-D).
pub fn read(fd: usize, buf: &mut [u8]) -> Result<usize, Errno> {
    check(syscall(
        Sysno::Read,
        fd,
        buf.as_mut_ptr() as usize,
        buf.len(),
        0,
    ))
}

/// Sends `msg` to `pid`'s mailbox (`abi::NONBLOCK`: fail instead of waiting).
pub fn send(pid: usize, msg: &Message, flags: usize) -> Result<(), Errno> {
    check(syscall(
        Sysno::Send,
        pid,
        msg as *const Message as usize,
        flags,
        0,
    ))
    .map(|_| ())
}

/// Receives a message straight from the mailbox; the sender's pid. Programs
/// use [`crate::ipc::recv`], which also sees messages the file-server
/// client set aside.
pub fn recv(msg: &mut Message, flags: usize) -> Result<usize, Errno> {
    check(syscall(
        Sysno::Recv,
        msg as *mut Message as usize,
        flags,
        0,
        0,
    ))
}

/// Creates a shared-memory region of `len` bytes; its id.
pub fn shm_create(len: usize) -> Result<usize, Errno> {
    check(syscall(Sysno::ShmCreate, len, 0, 0, 0))
}

/// Maps shared-memory region `id`; its address.
pub fn shm_map(id: usize) -> Result<usize, Errno> {
    check(syscall(Sysno::ShmMap, id, 0, 0, 0))
}

/// Unmaps the shared-memory mapping at `addr`.
pub fn shm_unmap(addr: usize) -> Result<(), Errno> {
    check(syscall(Sysno::ShmUnmap, addr, 0, 0, 0)).map(|_| ())
}

/// Fills `out` with the process list; the number of rows written.
pub fn ps(out: &mut [ProcInfo]) -> Result<usize, Errno> {
    let n = check(syscall(
        Sysno::Ps,
        out.as_mut_ptr() as usize,
        out.len(),
        0,
        0,
    ))?;
    Ok(n.min(out.len()))
}

/// Reads disk block `block` (file server only).
pub fn disk_read(block: u32, buf: &mut [u8; 4096]) -> Result<(), Errno> {
    check(syscall(
        Sysno::DiskRead,
        block as usize,
        buf.as_mut_ptr() as usize,
        0,
        0,
    ))
    .map(|_| ())
}

/// Writes disk block `block` (file server only).
pub fn disk_write(block: u32, buf: &[u8; 4096]) -> Result<(), Errno> {
    check(syscall(
        Sysno::DiskWrite,
        block as usize,
        buf.as_ptr() as usize,
        0,
        0,
    ))
    .map(|_| ())
}

/// Flushes the disk's write cache (file server only).
pub fn disk_flush() -> Result<(), Errno> {
    check(syscall(Sysno::DiskFlush, 0, 0, 0, 0)).map(|_| ())
}

/// Registers the caller as service `id`.
pub fn register(id: usize) -> Result<(), Errno> {
    check(syscall(Sysno::Register, id, 0, 0, 0)).map(|_| ())
}

/// The pid serving `id`.
pub fn lookup(id: usize) -> Result<usize, Errno> {
    check(syscall(Sysno::Lookup, id, 0, 0, 0))
}

/// Makes `pid` the process Ctrl-C interrupts (0: the caller).
pub fn set_foreground(pid: usize) -> Result<(), Errno> {
    check(syscall(Sysno::SetForeground, pid, 0, 0, 0)).map(|_| ())
}

/// The kind and handle of fd `fd`.
pub fn fd_get(fd: usize) -> Result<(FdKind, u32), Errno> {
    let packed = check(syscall(Sysno::FdGet, fd, 0, 0, 0))? as u32;
    let kind = match packed >> 24 {
        0 => FdKind::Closed,
        1 => FdKind::Console,
        2 => FdKind::File,
        _ => return Err(Errno::EIO),
    };
    Ok((kind, packed & 0x00ff_ffff))
}

/// Sets fd `fd` to `kind` and `handle`.
pub fn fd_set(fd: usize, kind: FdKind, handle: u32) -> Result<(), Errno> {
    check(syscall(Sysno::FdSet, fd, kind as usize, handle as usize, 0)).map(|_| ())
}

/// Milliseconds since boot.
pub fn uptime() -> usize {
    syscall(Sysno::Uptime, 0, 0, 0, 0) as usize
}

/// Free physical frames.
pub fn free_frames() -> usize {
    syscall(Sysno::FreeFrames, 0, 0, 0, 0) as usize
}

/// Powers the machine off, reporting a failure if `failed` (rvjit then
/// exits non-zero). Returns only if the kernel refused.
pub fn power_off(failed: bool) -> Errno {
    let r = syscall(
        Sysno::Reboot,
        abi::REBOOT_MAGIC,
        abi::REBOOT_POWER_OFF,
        usize::from(failed),
        0,
    );
    check(r).err().unwrap_or(Errno::EIO)
}

/// Makes the kernel fault on purpose, to see its panic report. Returns
/// only if the kernel refused.
pub fn crash_kernel() -> Errno {
    let r = syscall(Sysno::Reboot, abi::REBOOT_MAGIC, abi::REBOOT_CRASH, 0, 0);
    check(r).err().unwrap_or(Errno::EIO)
}

/// Starts the frame account for this process and the children it forks
/// from now on (any earlier account ends).
pub fn frame_account_start() {
    syscall(Sysno::FrameAccount, 1, 0, 0, 0);
}

/// Frames the account allocated minus those it freed since its start.
pub fn frame_account_balance() -> isize {
    syscall(Sysno::FrameAccount, 0, 0, 0, 0)
}
