//! Files: the client of the file server (`fsd`) and the fd layer.
//!
//! File descriptors live in the kernel (`fd_get`/`fd_set`), so they survive
//! `exec` and are inherited by `fork`. Console fds are read and written by
//! system calls; file fds hold a handle of the file server, reached by
//! messages (`abi::FsOp`) plus a shared buffer of `FS_SHM_BYTES` that each
//! process creates and attaches on its first file operation.

use abi::{
    CWD_FD, DirEntry, Errno, FS_CWD_WORD, FS_SHM_BYTES, FdKind, FsOp, MAX_FDS, Message, O_READ,
    SERVICE_FS, Stat,
};
use alloc::vec::Vec;
use spin::Mutex;

/// This process's link to the file server.
struct Client {
    /// The server's pid.
    server: usize,
    /// Address of our shared buffer (FS_SHM_BYTES, mapped for our lifetime).
    buf: usize,
}

static CLIENT: Mutex<Option<Client>> = Mutex::new(None);

impl Client {
    /// Finds the server, creates and maps our buffer and attaches it.
    fn connect() -> Result<Client, Errno> {
        let server = crate::sys::lookup(SERVICE_FS)?;
        let id = crate::sys::shm_create(FS_SHM_BYTES)?;
        let buf = crate::sys::shm_map(id)?;
        let mut c = Client { server, buf };
        let mut m = Message::default();
        m.words[0] = FsOp::Attach as u32;
        m.words[1] = id as u32;
        if let Err(e) = c.call(m) {
            let _ = crate::sys::shm_unmap(buf);
            return Err(e);
        }
        Ok(c)
    }

    /// The shared buffer.
    fn buf(&mut self) -> &mut [u8] {
        // SAFETY: `buf` is our mapping of FS_SHM_BYTES, alive until the
        // process ends (it is never unmapped while the Client exists); the
        // server touches it only while we wait in `call`, and `&mut self`
        // (behind CLIENT's lock) makes this the only reference.
        unsafe { core::slice::from_raw_parts_mut(self.buf as *mut u8, FS_SHM_BYTES) }
    }

    /// Puts `path` in the buffer, NUL-terminated.
    fn put_path(&mut self, path: &str) -> Result<(), Errno> {
        let b = path.as_bytes();
        if b.len() + 1 > FS_SHM_BYTES {
            return Err(Errno::ENAMETOOLONG);
        }
        let buf = self.buf();
        buf[..b.len()].copy_from_slice(b);
        buf[b.len()] = 0;
        Ok(())
    }

    /// Sends a request and waits for the server's reply; its result word.
    /// Other messages that arrive meanwhile are kept for `ipc::recv`.
    fn call(&mut self, mut m: Message) -> Result<usize, Errno> {
        m.words[FS_CWD_WORD] = match crate::sys::fd_get(CWD_FD) {
            Ok((FdKind::File, h)) => h + 1,
            _ => 0,
        };
        crate::sys::send(self.server, &m, 0)?;
        loop {
            let mut reply = Message::default();
            let from = crate::sys::recv(&mut reply, 0)?;
            if from == self.server {
                return crate::sys::check(reply.words[0] as i32 as isize);
            }
            crate::ipc::set_aside(from, reply);
        }
    }
}

/// Runs `f` with the connected client, connecting first if needed.
fn with_client<T>(f: impl FnOnce(&mut Client) -> Result<T, Errno>) -> Result<T, Errno> {
    let mut guard = CLIENT.lock();
    if guard.is_none() {
        *guard = Some(Client::connect()?);
    }
    match guard.as_mut() {
        Some(c) => f(c),
        None => Err(Errno::EIO),
    }
}

/// Connects to the file server now rather than at the first file operation.
pub fn connect() -> Result<(), Errno> {
    with_client(|_| Ok(()))
}

/// A request with `words[1..]` set from `args`.
fn msg(op: FsOp, args: &[u32]) -> Message {
    let mut m = Message::default();
    m.words[0] = op as u32;
    m.words[1..=args.len()].copy_from_slice(args);
    m
}

/// A request on a path.
fn path_op(op: FsOp, path: &str, args: &[u32]) -> Result<usize, Errno> {
    with_client(|c| {
        c.put_path(path)?;
        c.call(msg(op, args))
    })
}

/// Opens `path` (`abi::O_*` flags); the new fd, the lowest free one.
pub fn open(path: &str, flags: u32) -> Result<usize, Errno> {
    let handle = path_op(FsOp::Open, path, &[flags])? as u32;
    let fd = (0..MAX_FDS)
        .filter(|&fd| fd != CWD_FD)
        .find(|&fd| matches!(crate::sys::fd_get(fd), Ok((FdKind::Closed, _))));
    let Some(fd) = fd else {
        let _ = server_close(handle);
        return Err(Errno::EMFILE);
    };
    if let Err(e) = crate::sys::fd_set(fd, FdKind::File, handle) {
        let _ = server_close(handle);
        return Err(e);
    }
    Ok(fd)
}

fn server_close(handle: u32) -> Result<usize, Errno> {
    with_client(|c| c.call(msg(FsOp::Close, &[handle])))
}

fn server_dup(handle: u32) -> Result<usize, Errno> {
    with_client(|c| c.call(msg(FsOp::Dup, &[handle])))
}

/// The file-server handle behind `fd`, or `EBADF`.
fn handle(fd: usize) -> Result<u32, Errno> {
    match crate::sys::fd_get(fd)? {
        (FdKind::File, h) => Ok(h),
        _ => Err(Errno::EBADF),
    }
}

/// Closes `fd`.
pub fn close(fd: usize) -> Result<(), Errno> {
    match crate::sys::fd_get(fd)? {
        (FdKind::Closed, _) => return Err(Errno::EBADF),
        (FdKind::File, h) => {
            server_close(h)?;
        }
        (FdKind::Console, _) => {}
    }
    crate::sys::fd_set(fd, FdKind::Closed, 0)
}

/// Makes `new` refer to what `old` refers to (closing `new` first), as `dup2`.
pub fn dup2(old: usize, new: usize) -> Result<(), Errno> {
    if old == new {
        return crate::sys::fd_get(old).map(|_| ());
    }
    let (kind, h) = crate::sys::fd_get(old)?;
    if kind == FdKind::Closed {
        return Err(Errno::EBADF);
    }
    if kind == FdKind::File {
        server_dup(h)?;
    }
    if !matches!(crate::sys::fd_get(new)?, (FdKind::Closed, _)) {
        let _ = close(new);
    }
    crate::sys::fd_set(new, kind, h)
}

/// Reads up to `buf.len()` bytes from `fd`; 0 at the end.
pub fn read(fd: usize, buf: &mut [u8]) -> Result<usize, Errno> {
    match crate::sys::fd_get(fd)? {
        (FdKind::Console, _) => crate::sys::read(fd, buf),
        (FdKind::File, h) => with_client(|c| {
            let mut done = 0;
            while done < buf.len() {
                let want = (buf.len() - done).min(FS_SHM_BYTES);
                let n = c.call(msg(FsOp::Read, &[h, want as u32]))?.min(want);
                buf[done..done + n].copy_from_slice(&c.buf()[..n]);
                done += n;
                if n < want {
                    break;
                }
            }
            Ok(done)
        }),
        (FdKind::Closed, _) => Err(Errno::EBADF),
    }
}

/// Writes all of `buf` to `fd`; returns `buf.len()`, or the error that
/// stopped it. A short write (the disk filled up) is not a success: the
/// rest is tried again, which names the error (`ENOSPC`).
pub fn write(fd: usize, buf: &[u8]) -> Result<usize, Errno> {
    match crate::sys::fd_get(fd)? {
        (FdKind::Console, _) => {
            let mut done = 0;
            while done < buf.len() {
                match crate::sys::write(fd, &buf[done..])? {
                    0 => return Err(Errno::EIO),
                    n => done += n,
                }
            }
            Ok(done)
        }
        (FdKind::File, h) => with_client(|c| {
            let mut done = 0;
            while done < buf.len() {
                let len = (buf.len() - done).min(FS_SHM_BYTES);
                c.buf()[..len].copy_from_slice(&buf[done..done + len]);
                match c.call(msg(FsOp::Write, &[h, len as u32]))?.min(len) {
                    0 => return Err(Errno::EIO),
                    n => done += n,
                }
            }
            Ok(done)
        }),
        (FdKind::Closed, _) => Err(Errno::EBADF),
    }
}

/// Where [`seek`] counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Whence {
    /// From the start.
    Set = 0,
    /// From the current offset.
    Current = 1,
    /// From the end.
    End = 2,
}

/// Moves `fd`'s offset; the new offset.
pub fn seek(fd: usize, offset: i32, whence: Whence) -> Result<usize, Errno> {
    let h = handle(fd)?;
    with_client(|c| c.call(msg(FsOp::Seek, &[h, offset as u32, whence as u32])))
}

fn read_stat(c: &mut Client) -> Stat {
    let b = c.buf();
    let w = |i: usize| u32::from_ne_bytes([b[i * 4], b[i * 4 + 1], b[i * 4 + 2], b[i * 4 + 3]]);
    Stat {
        inode: w(0),
        kind: w(1),
        size: w(2),
        links: w(3),
    }
}

/// The `Stat` of `path`.
pub fn stat(path: &str) -> Result<Stat, Errno> {
    with_client(|c| {
        c.put_path(path)?;
        c.call(msg(FsOp::Stat, &[]))?;
        Ok(read_stat(c))
    })
}

/// The `Stat` of the file open as `fd`.
pub fn fstat(fd: usize) -> Result<Stat, Errno> {
    let h = handle(fd)?;
    with_client(|c| {
        c.call(msg(FsOp::Fstat, &[h]))?;
        Ok(read_stat(c))
    })
}

/// Makes a directory.
pub fn mkdir(path: &str) -> Result<(), Errno> {
    path_op(FsOp::Mkdir, path, &[]).map(|_| ())
}

/// Removes an empty directory.
pub fn rmdir(path: &str) -> Result<(), Errno> {
    path_op(FsOp::Rmdir, path, &[]).map(|_| ())
}

/// Removes a file.
pub fn unlink(path: &str) -> Result<(), Errno> {
    path_op(FsOp::Unlink, path, &[]).map(|_| ())
}

/// Sets the length of the file open (for writing) as `fd`.
pub fn truncate(fd: usize, len: u32) -> Result<(), Errno> {
    let h = handle(fd)?;
    with_client(|c| c.call(msg(FsOp::Truncate, &[h, len]))).map(|_| ())
}

/// Entry `index` of the directory open as `fd`; `None` past the end.
pub fn readdir(fd: usize, index: u32) -> Result<Option<DirEntry>, Errno> {
    let h = handle(fd)?;
    with_client(|c| {
        if c.call(msg(FsOp::ReadDir, &[h, index]))? == 0 {
            return Ok(None);
        }
        let b = c.buf();
        let w = |i: usize| u32::from_ne_bytes([b[i * 4], b[i * 4 + 1], b[i * 4 + 2], b[i * 4 + 3]]);
        let mut e = DirEntry {
            inode: w(0),
            kind: w(1),
            name_len: w(2),
            name: [0; abi::NAME_MAX + 1],
        };
        e.name.copy_from_slice(&b[12..12 + abi::NAME_MAX + 1]);
        e.name_len = e.name_len.min(abi::NAME_MAX as u32);
        Ok(Some(e))
    })
}

/// A directory entry's name.
pub fn entry_name(e: &DirEntry) -> &str {
    core::str::from_utf8(&e.name[..e.name_len as usize]).unwrap_or("?")
}

/// Every entry of directory `path`.
pub fn list_dir(path: &str) -> Result<Vec<DirEntry>, Errno> {
    let fd = open(path, O_READ)?;
    let mut out = Vec::new();
    let mut i = 0;
    let r = loop {
        match readdir(fd, i) {
            Ok(Some(e)) => out.push(e),
            Ok(None) => break Ok(out),
            Err(e) => break Err(e),
        }
        i += 1;
    };
    let _ = close(fd);
    r
}

/// The whole contents of `path`.
pub fn read_file(path: &str) -> Result<Vec<u8>, Errno> {
    let fd = open(path, O_READ)?;
    let r = (|| {
        let size = fstat(fd)?.size as usize;
        let mut data = Vec::new();
        data.try_reserve_exact(size).map_err(|_| Errno::ENOMEM)?;
        data.resize(size, 0);
        let n = read(fd, &mut data)?;
        data.truncate(n);
        Ok(data)
    })();
    let _ = close(fd);
    r
}

/// Makes `path` (a directory) the current directory, kept open in fd
/// `CWD_FD`: relative paths of this process and its children (across exec)
/// resolve against it.
pub fn chdir(path: &str) -> Result<(), Errno> {
    let st = stat(path)?;
    if st.kind != abi::KIND_DIR {
        return Err(Errno::ENOTDIR);
    }
    let handle = path_op(FsOp::Open, path, &[O_READ])? as u32;
    if let Ok((FdKind::File, old)) = crate::sys::fd_get(CWD_FD) {
        let _ = server_close(old);
    }
    crate::sys::fd_set(CWD_FD, FdKind::File, handle)
}

/// Before a fork: one more server reference for every open file fd, so the
/// child's closes do not close the parent's files. Returns the handles taken.
pub(crate) fn dup_all_for_fork() -> Vec<u32> {
    let mut taken = Vec::new();
    for fd in 0..MAX_FDS {
        if let Ok((FdKind::File, h)) = crate::sys::fd_get(fd)
            && server_dup(h).is_ok()
        {
            taken.push(h);
        }
    }
    taken
}

/// Undoes [`dup_all_for_fork`] when the fork failed.
pub(crate) fn undo_dups(handles: &[u32]) {
    for &h in handles {
        let _ = server_close(h);
    }
}

/// In a new child: forget the parent's link (the buffer is the parent's and
/// the server knows us by pid); the child connects anew when it needs to.
pub(crate) fn reset_after_fork() {
    if let Some(c) = CLIENT.lock().take() {
        // The kernel may or may not have copied the mapping; either way
        // the child must not use it.
        let _ = crate::sys::shm_unmap(c.buf);
    }
}

/// At exit: drop this process's reference to each open file, then detach
/// from the server, so that our buffer is freed when we end. Skipped if
/// the client is busy (a panic inside a request).
pub(crate) fn close_all() {
    if CLIENT.try_lock().is_none() {
        return;
    }
    for fd in 0..MAX_FDS {
        if let Ok((FdKind::File, h)) = crate::sys::fd_get(fd) {
            let _ = server_close(h);
            let _ = crate::sys::fd_set(fd, FdKind::Closed, 0);
        }
    }
    if let Some(mut c) = CLIENT.lock().take() {
        let _ = c.call(msg(FsOp::Detach, &[]));
        let _ = crate::sys::shm_unmap(c.buf);
    }
}
