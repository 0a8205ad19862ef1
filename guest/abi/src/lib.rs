//! The guest's user/kernel contract, shared by the kernel, the user runtime
//! and the file server.
//!
//! # System calls
//!
//! `ecall` from U-mode with the number in `a7` and arguments in `a0..a5`;
//! the result comes back in `a0`: a value `>= 0`, or a negated [`Errno`].
//! Every pointer argument is checked against the caller's page table; a bad
//! one gives `-EFAULT`, never a kernel fault.
//!
//! | nr | name | arguments | result |
//! |----|------|-----------|--------|
//! | 0  | exit | code | does not return |
//! | 1  | fork | | child pid (0 in the child) |
//! | 2  | exec | image ptr, image len, argv ptr (NULL-terminated `*const u8` C strings) | only errors |
//! | 3  | wait | pid (-1: any child), status ptr (may be 0), options ([`WNOHANG`]) | pid (0: none ready with WNOHANG) |
//! | 4  | getpid | | pid |
//! | 5  | kill | pid | 0 |
//! | 6  | sleep | milliseconds | 0 |
//! | 7  | yield | | 0 |
//! | 8  | sbrk | increment (bytes, may be negative) | old break |
//! | 9  | mmap | address hint (0: any), length, [`PROT_READ`]…, [`MAP_SHARED`]… | address |
//! | 10 | munmap | address, length | 0 |
//! | 11 | write | fd, buffer, length | bytes written (console fds; file fds go to the file server) |
//! | 12 | read | fd, buffer, length | bytes read, 0 at end of input (Ctrl-D) |
//! | 13 | send | pid, message ptr ([`MSG_BYTES`] bytes), flags ([`NONBLOCK`]) | 0 |
//! | 14 | recv | message ptr, flags ([`NONBLOCK`]) | sender pid |
//! | 15 | shm_create | length | shared-memory id |
//! | 16 | shm_map | id | address |
//! | 17 | shm_unmap | address | 0 |
//! | 18 | ps | buffer of [`ProcInfo`], capacity | number of processes |
//! | 19 | disk_read | block number, buffer ([`rvfs`-sized] 4096 bytes) | 0 (file server only) |
//! | 20 | disk_write | block number, buffer | 0 (file server only) |
//! | 21 | register | service id ([`SERVICE_FS`]) | 0 |
//! | 22 | lookup | service id | pid |
//! | 23 | set_foreground | pid (0: the shell itself) | 0 |
//! | 24 | fd_get | fd | [`FdEntry`] packed as `kind << 24 \| handle` |
//! | 25 | fd_set | fd, kind, handle | 0 |
//! | 26 | uptime | | milliseconds since boot |
//! | 27 | free_frames | | free physical frames (to check for leaks) |
//! | 28 | disk_flush | | 0 (file server only) |
//!
//! File descriptors live in the kernel so that they survive `exec` and are
//! copied by `fork`: each is a [`FdKind`] and a handle. Console fds are
//! served by the kernel; file fds name an open file of the file server,
//! which the user runtime reaches through IPC ([`FsOp`]).
//!
//! # Initial user stack
//!
//! `exec` starts the new image at its ELF entry with sp 16-byte aligned
//! and pointing at:
//!
//! ```text
//! sp + 0              argc
//! sp + 4              argv[0] .. argv[argc-1]   (pointers to the strings)
//! sp + 4 + 4*argc     0                         (NULL)
//! above               the NUL-terminated strings, below USER_STACK_TOP
//! ```
//!
//! The user runtime's `_start` reads argc/argv from sp; other registers
//! carry nothing.
//!
//! # Exit statuses
//!
//! A program's own `exit(code)` gives `code & 0xff`. A process the kernel
//! kills gets 128 + a signal number, as in Unix shells: [`STATUS_KILLED`],
//! [`STATUS_INTERRUPTED`] (Ctrl-C), [`STATUS_SEGV`] (bad memory access),
//! [`STATUS_ILLEGAL`] (illegal instruction).
#![no_std]

/// System call numbers (`a7`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(usize)]
pub enum Sysno {
    /// End the calling process.
    Exit = 0,
    /// Duplicate the calling process, copy-on-write.
    Fork = 1,
    /// Replace the calling process's image with an ELF image in its memory.
    Exec = 2,
    /// Wait for a child to end.
    Wait = 3,
    /// The caller's process id.
    Getpid = 4,
    /// End another process.
    Kill = 5,
    /// Sleep for a number of milliseconds.
    Sleep = 6,
    /// Give the processor to the next runnable process.
    Yield = 7,
    /// Grow or shrink the heap.
    Sbrk = 8,
    /// Map anonymous or shared memory.
    Mmap = 9,
    /// Unmap memory.
    Munmap = 10,
    /// Write to a console file descriptor.
    Write = 11,
    /// Read from a console file descriptor.
    Read = 12,
    /// Send a message to a process's mailbox.
    Send = 13,
    /// Receive a message from the caller's mailbox.
    Recv = 14,
    /// Create a shared-memory region.
    ShmCreate = 15,
    /// Map a shared-memory region.
    ShmMap = 16,
    /// Unmap a shared-memory region.
    ShmUnmap = 17,
    /// List processes.
    Ps = 18,
    /// Read a disk block (file server only).
    DiskRead = 19,
    /// Write a disk block (file server only).
    DiskWrite = 20,
    /// Register the caller as a service.
    Register = 21,
    /// Find a service's process.
    Lookup = 22,
    /// Set the process that Ctrl-C interrupts.
    SetForeground = 23,
    /// Read a file-descriptor entry.
    FdGet = 24,
    /// Write a file-descriptor entry.
    FdSet = 25,
    /// Milliseconds since boot.
    Uptime = 26,
    /// Free physical frames.
    FreeFrames = 27,
    /// Flush the disk's write cache (file server only).
    DiskFlush = 28,
    /// Power the machine off, or crash the kernel on purpose: a0 =
    /// [`REBOOT_MAGIC`], a1 = [`REBOOT_POWER_OFF`] (a2: nonzero reports a
    /// failure) or [`REBOOT_CRASH`].
    Reboot = 29,
    /// Frame accounting: a0 = 1 starts an account for the caller and the
    /// children it forks from then on; a0 = 0 returns the frames they
    /// allocated minus those they freed since (a signed count).
    FrameAccount = 30,
}

/// `Reboot`'s a0, so that a stray system call cannot stop the machine.
pub const REBOOT_MAGIC: usize = 0x5242_4f54;
/// `Reboot` command: power off.
pub const REBOOT_POWER_OFF: usize = 0;
/// `Reboot` command: the kernel faults on purpose, to show its panic
/// report (as Linux's SysRq-c).
pub const REBOOT_CRASH: usize = 1;

impl TryFrom<usize> for Sysno {
    type Error = Errno;

    fn try_from(n: usize) -> Result<Sysno, Errno> {
        use Sysno::*;
        // One line per group of calls (rustfmt would give each its own).
        #[rustfmt::skip]
        const ALL: [Sysno; 31] = [
            Exit, Fork, Exec, Wait, Getpid, Kill, Sleep, Yield, Sbrk, Mmap, Munmap, Write, Read, Send,
            Recv, ShmCreate, ShmMap, ShmUnmap, Ps, DiskRead, DiskWrite, Register, Lookup,
            SetForeground, FdGet, FdSet, Uptime, FreeFrames, DiskFlush, Reboot, FrameAccount,
        ];
        ALL.get(n).copied().ok_or(Errno::ENOSYS)
    }
}

/// Error numbers, returned negated in `a0` (Linux's values).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum Errno {
    /// Operation not permitted.
    EPERM = 1,
    /// No such file or directory.
    ENOENT = 2,
    /// No such process.
    ESRCH = 3,
    /// Input/output error.
    EIO = 5,
    /// Argument list too long.
    E2BIG = 7,
    /// Not an executable.
    ENOEXEC = 8,
    /// Bad file descriptor.
    EBADF = 9,
    /// No child processes.
    ECHILD = 10,
    /// Try again (a non-blocking call would block).
    EAGAIN = 11,
    /// Out of memory.
    ENOMEM = 12,
    /// Bad address.
    EFAULT = 14,
    /// Busy.
    EBUSY = 16,
    /// File exists.
    EEXIST = 17,
    /// Not a directory.
    ENOTDIR = 20,
    /// Is a directory.
    EISDIR = 21,
    /// Invalid argument.
    EINVAL = 22,
    /// Too many open files.
    EMFILE = 24,
    /// File too large.
    EFBIG = 27,
    /// No space left on device.
    ENOSPC = 28,
    /// Name too long.
    ENAMETOOLONG = 36,
    /// No such system call.
    ENOSYS = 38,
    /// Directory not empty.
    ENOTEMPTY = 39,
}

impl Errno {
    /// The errno for a negative system-call result.
    pub fn from_result(value: isize) -> Option<Errno> {
        use Errno::*;
        const ALL: [Errno; 22] = [
            EPERM,
            ENOENT,
            ESRCH,
            EIO,
            E2BIG,
            ENOEXEC,
            EBADF,
            ECHILD,
            EAGAIN,
            ENOMEM,
            EFAULT,
            EBUSY,
            EEXIST,
            ENOTDIR,
            EISDIR,
            EINVAL,
            EMFILE,
            EFBIG,
            ENOSPC,
            ENAMETOOLONG,
            ENOSYS,
            ENOTEMPTY,
        ];
        ALL.into_iter().find(|e| -(*e as i32 as isize) == value)
    }

    /// A short description, as `strerror` gives.
    pub fn message(self) -> &'static str {
        use Errno::*;
        match self {
            EPERM => "operation not permitted",
            ENOENT => "no such file or directory",
            ESRCH => "no such process",
            EIO => "input/output error",
            E2BIG => "argument list too long",
            ENOEXEC => "exec format error",
            EBADF => "bad file descriptor",
            ECHILD => "no child processes",
            EAGAIN => "resource temporarily unavailable",
            ENOMEM => "out of memory",
            EFAULT => "bad address",
            EBUSY => "device or resource busy",
            EEXIST => "file exists",
            ENOTDIR => "not a directory",
            EISDIR => "is a directory",
            EINVAL => "invalid argument",
            EMFILE => "too many open files",
            EFBIG => "file too large",
            ENOSPC => "no space left on device",
            ENAMETOOLONG => "file name too long",
            ENOSYS => "function not implemented",
            ENOTEMPTY => "directory not empty",
        }
    }
}

/// `wait` option: return 0 at once when no child has ended.
pub const WNOHANG: usize = 1;
/// `send`/`recv` flag: fail with `EAGAIN` instead of blocking.
pub const NONBLOCK: usize = 1;

/// `mmap` protection: readable.
pub const PROT_READ: usize = 1;
/// `mmap` protection: writable.
pub const PROT_WRITE: usize = 2;
/// `mmap` protection: executable.
pub const PROT_EXEC: usize = 4;
/// `mmap` flag: private anonymous memory (zeroed, copied on fork).
pub const MAP_PRIVATE: usize = 1;
/// `mmap` flag: shared anonymous memory (shared with children after fork).
pub const MAP_SHARED: usize = 2;

/// Size of an IPC message.
pub const MSG_BYTES: usize = 64;

/// An IPC message: sixteen words, their meaning set by the protocol.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Message {
    /// The payload.
    pub words: [u32; 16],
}

/// Messages a mailbox holds before `send` blocks (or fails with NONBLOCK).
pub const MAILBOX_CAPACITY: usize = 16;

/// Service id of the file server.
pub const SERVICE_FS: usize = 1;

/// Kinds of file-descriptor entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum FdKind {
    /// Not open.
    Closed = 0,
    /// The console (UART through the kernel's line discipline).
    Console = 1,
    /// An open file of the file server; the handle is the server's.
    File = 2,
}

/// File descriptors per process.
pub const MAX_FDS: usize = 16;

/// File-server requests: `words[0]` is the [`FsOp`], the reply's `words[0]`
/// the result (`>= 0`, or a negated [`Errno`]). Paths and data travel in the
/// client's shared-memory buffer of [`FS_SHM_BYTES`], attached once with
/// [`FsOp::Attach`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum FsOp {
    /// `words[1]` = shm id of the client's buffer.
    Attach = 1,
    /// Path in the buffer (NUL-terminated), `words[1]` = open flags → handle.
    Open = 2,
    /// `words[1]` = handle.
    Close = 3,
    /// `words[1]` = handle, `words[2]` = length → bytes read into the buffer.
    Read = 4,
    /// `words[1]` = handle, `words[2]` = length of the data in the buffer → bytes written.
    Write = 5,
    /// `words[1]` = handle, `words[2]` = offset, `words[3]` = whence (0 set, 1 current, 2 end) → new offset.
    Seek = 6,
    /// Path in the buffer → a [`Stat`] in the buffer.
    Stat = 7,
    /// `words[1]` = handle → a [`Stat`] in the buffer.
    Fstat = 8,
    /// Path in the buffer.
    Mkdir = 9,
    /// Path in the buffer.
    Rmdir = 10,
    /// Path in the buffer.
    Unlink = 11,
    /// `words[1]` = directory handle, `words[2]` = index → a [`DirEntry`] in the buffer (0: past the end).
    ReadDir = 12,
    /// `words[1]` = handle, `words[2]` = new length.
    Truncate = 13,
    /// `words[1]` = handle: one more reference (a forked fd, a dup); each
    /// `Close` drops one and the file closes with the last.
    Dup = 14,
    /// The client is done (it exits): the server unmaps its buffer, which
    /// is then freed with the client's own mapping.
    Detach = 15,
}

impl FsOp {
    /// The operation a request's `words[0]` names.
    pub fn from_word(w: u32) -> Option<FsOp> {
        use FsOp::*;
        const ALL: [FsOp; 15] = [
            Attach, Open, Close, Read, Write, Seek, Stat, Fstat, Mkdir, Rmdir, Unlink, ReadDir,
            Truncate, Dup, Detach,
        ];
        ALL.into_iter().find(|op| *op as u32 == w)
    }
}

/// In every file-server request, `words[15]` is the handle of the client's
/// current directory plus one (0: the root); relative paths are resolved
/// against it. The runtime keeps that directory open in fd [`CWD_FD`], so
/// the current directory survives `exec` and is inherited by `fork`.
pub const FS_CWD_WORD: usize = 15;

/// The fd holding the current directory (a directory handle of the file server).
pub const CWD_FD: usize = MAX_FDS - 1;

/// Size of each client's shared buffer with the file server.
pub const FS_SHM_BYTES: usize = 16384;

/// Open flag: read.
pub const O_READ: u32 = 1;
/// Open flag: write.
pub const O_WRITE: u32 = 2;
/// Open flag: create the file if missing.
pub const O_CREATE: u32 = 4;
/// Open flag: truncate to zero length.
pub const O_TRUNC: u32 = 8;
/// Open flag: every write appends.
pub const O_APPEND: u32 = 16;

/// File types in [`Stat::kind`] and [`DirEntry::kind`].
pub const KIND_FILE: u32 = 1;
/// A directory.
pub const KIND_DIR: u32 = 2;

/// What `Stat`/`Fstat` return.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Stat {
    /// Inode number.
    pub inode: u32,
    /// [`KIND_FILE`] or [`KIND_DIR`].
    pub kind: u32,
    /// Size in bytes.
    pub size: u32,
    /// Number of directory entries naming it.
    pub links: u32,
}

/// Longest file name in a directory entry.
pub const NAME_MAX: usize = 59;

/// One directory entry, as `ReadDir` returns it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub struct DirEntry {
    /// Inode number.
    pub inode: u32,
    /// [`KIND_FILE`] or [`KIND_DIR`].
    pub kind: u32,
    /// Bytes of `name` in use.
    pub name_len: u32,
    /// The name, not NUL-terminated.
    pub name: [u8; NAME_MAX + 1],
}

/// Process states in [`ProcInfo::state`].
pub const STATE_RUNNABLE: u32 = 0;
/// Running now.
pub const STATE_RUNNING: u32 = 1;
/// Blocked (sleep, wait, recv, console, disk).
pub const STATE_SLEEPING: u32 = 2;
/// Exited, not yet reaped.
pub const STATE_ZOMBIE: u32 = 3;

/// One row of `ps`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct ProcInfo {
    /// Process id.
    pub pid: u32,
    /// Parent's process id (0 for the first process).
    pub ppid: u32,
    /// One of the `STATE_*` values.
    pub state: u32,
    /// Resident frames.
    pub frames: u32,
    /// Program name, NUL-padded.
    pub name: [u8; 16],
}

/// Exit status of a process killed by `kill` (128 + SIGKILL).
pub const STATUS_KILLED: i32 = 137;
/// Exit status of a process interrupted by Ctrl-C (128 + SIGINT).
pub const STATUS_INTERRUPTED: i32 = 130;
/// Exit status of a process killed for a bad memory access (128 + SIGSEGV).
pub const STATUS_SEGV: i32 = 139;
/// Exit status of a process killed for an illegal instruction (128 + SIGILL).
pub const STATUS_ILLEGAL: i32 = 132;

/// Bottom of user space: the first page stays unmapped to catch null pointers.
pub const USER_BASE: usize = 0x0001_0000;
/// Top of the user stack (exclusive); the kernel's direct map starts at 0x8000_0000.
pub const USER_STACK_TOP: usize = 0x7fff_0000;
/// Where `mmap` places mappings without a hint.
pub const MMAP_BASE: usize = 0x4000_0000;
