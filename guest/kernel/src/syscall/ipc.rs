//! IPC system calls: send, recv, register, lookup.

use abi::{Errno, MSG_BYTES, Message, NONBLOCK};

use super::{Args, Outcome, aspace};
use crate::ipc::{self, Stall};
use crate::proc::{Kernel, Pid};
use crate::user_ptr;

fn stalled(s: Stall, flags: usize) -> Outcome {
    match s {
        Stall::Wait(_) if flags & NONBLOCK != 0 => Outcome::from(Err(Errno::EAGAIN)),
        Stall::Wait(w) => Outcome::Block(w),
        Stall::Fail(e) => Outcome::from(Err(e)),
    }
}

pub fn send(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    let mut bytes = [0u8; MSG_BYTES];
    {
        let Ok(space) = aspace(k, pid) else {
            return Outcome::Exited;
        };
        if let Err(e) = user_ptr::copy_in(space, a[1], &mut bytes) {
            return Outcome::from(Err(e));
        }
    }
    let mut msg = Message::default();
    for (w, c) in msg.words.iter_mut().zip(bytes.chunks_exact(4)) {
        *w = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
    }
    match ipc::send(k, pid, a[0] as Pid, msg) {
        Ok(()) => Outcome::Return(0),
        Err(s) => stalled(s, a[2]),
    }
}

pub fn recv(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    {
        let Ok(space) = aspace(k, pid) else {
            return Outcome::Exited;
        };
        if let Err(e) = user_ptr::check_writable(space, a[0], MSG_BYTES) {
            return Outcome::from(Err(e));
        }
    }
    if !ipc::has_message(k, pid) && a[1] & NONBLOCK != 0 {
        return Outcome::from(Err(Errno::EAGAIN));
    }
    let (from, msg) = match ipc::recv(k, pid) {
        Ok(m) => m,
        Err(s) => return stalled(s, a[1]),
    };
    let mut bytes = [0u8; MSG_BYTES];
    for (c, w) in bytes.chunks_exact_mut(4).zip(msg.words) {
        c.copy_from_slice(&w.to_le_bytes());
    }
    let Ok(space) = aspace(k, pid) else {
        return Outcome::Exited;
    };
    Outcome::from(user_ptr::copy_out(space, a[0], &bytes).map(|()| from as usize))
}

pub fn register(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    let Some(slot) = k.services.get_mut(a[0]).filter(|_| a[0] != 0) else {
        return Outcome::from(Err(Errno::EINVAL));
    };
    if *slot != 0 && *slot != pid {
        return Outcome::from(Err(Errno::EBUSY));
    }
    *slot = pid;
    Outcome::Return(0)
}

pub fn lookup(k: &mut Kernel, _: Pid, a: Args) -> Outcome {
    match k.services.get(a[0]) {
        Some(&pid) if pid != 0 && a[0] != 0 => Outcome::Return(pid as isize),
        Some(_) => Outcome::from(Err(Errno::ESRCH)),
        None => Outcome::from(Err(Errno::EINVAL)),
    }
}
