//! Console I/O and the file-descriptor table: read, write, fd_get, fd_set.
//! Only console fds are served here; file fds belong to the file server,
//! which the user runtime reaches itself.

use abi::{Errno, FdKind, MAX_FDS};

use super::{Args, Outcome, aspace};
use crate::proc::{FdEntry, Kernel, Pid, Wait};
use crate::{uart, user_ptr};

/// Bytes moved per step (a kernel buffer on the stack).
const CHUNK: usize = 256;

fn fd_kind(k: &mut Kernel, pid: Pid, fd: usize) -> Result<u32, Errno> {
    let p = k.proc(pid).ok_or(Errno::ESRCH)?;
    p.fds.get(fd).map(|e| e.kind).ok_or(Errno::EBADF)
}

pub fn write(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    let (fd, buf, len) = (a[0], a[1], a[2]);
    match fd_kind(k, pid, fd) {
        Ok(kind) if kind == FdKind::Console as u32 => {}
        Ok(_) => return Outcome::from(Err(Errno::EBADF)),
        Err(e) => return Outcome::from(Err(e)),
    }
    let Ok(space) = aspace(k, pid) else {
        return Outcome::Exited;
    };
    // All or nothing: a bad range writes no byte.
    if let Err(e) = user_ptr::check_readable(space, buf, len) {
        return Outcome::from(Err(e));
    }
    let mut chunk = [0u8; CHUNK];
    let mut done = 0;
    while done < len {
        let n = (len - done).min(CHUNK);
        if let Err(e) = user_ptr::copy_in(space, buf + done, &mut chunk[..n]) {
            return Outcome::from(Err(e));
        }
        uart::write_bytes(&chunk[..n]);
        done += n;
    }
    Outcome::Return(len as isize)
}

pub fn read(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    let (fd, buf, len) = (a[0], a[1], a[2].min(CHUNK));
    match fd_kind(k, pid, fd) {
        Ok(kind) if kind == FdKind::Console as u32 => {}
        Ok(_) => return Outcome::from(Err(Errno::EBADF)),
        Err(e) => return Outcome::from(Err(e)),
    }
    if len == 0 {
        return Outcome::Return(0);
    }
    {
        let Ok(space) = aspace(k, pid) else {
            return Outcome::Exited;
        };
        if let Err(e) = user_ptr::check_writable(space, buf, len) {
            return Outcome::from(Err(e));
        }
    }
    let mut chunk = [0u8; CHUNK];
    let Some(n) = k.console.read(&mut chunk[..len]) else {
        return Outcome::Block(Wait::Console);
    };
    let Ok(space) = aspace(k, pid) else {
        return Outcome::Exited;
    };
    Outcome::from(user_ptr::copy_out(space, buf, &chunk[..n]).map(|()| n))
}

pub fn fd_get(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    let Some(p) = k.proc(pid) else {
        return Outcome::Exited;
    };
    match p.fds.get(a[0]) {
        Some(e) => Outcome::Return((((e.kind & 0x7f) << 24) | (e.handle & 0x00ff_ffff)) as isize),
        None => Outcome::from(Err(Errno::EBADF)),
    }
}

pub fn fd_set(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    let (fd, kind, handle) = (a[0], a[1] as u32, a[2] as u32);
    if fd >= MAX_FDS {
        return Outcome::from(Err(Errno::EBADF));
    }
    if kind > FdKind::File as u32 || handle > 0x00ff_ffff {
        return Outcome::from(Err(Errno::EINVAL));
    }
    let Some(p) = k.proc(pid) else {
        return Outcome::Exited;
    };
    p.fds[fd] = FdEntry { kind, handle };
    Outcome::Return(0)
}
