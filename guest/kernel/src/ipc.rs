//! Mailboxes: each process has one, holding up to `MAILBOX_CAPACITY`
//! messages of `MSG_BYTES`. A send to a full mailbox and a receive from an
//! empty one block (or fail with EAGAIN under NONBLOCK); each side wakes the
//! other's waiters.

use abi::{Errno, MAILBOX_CAPACITY, Message};

use crate::proc::{Kernel, Pid, State, Wait};

/// Why a mailbox operation cannot finish now.
pub enum Stall {
    /// It would block; try again when woken for this reason.
    Wait(Wait),
    /// It failed.
    Fail(Errno),
}

/// Puts `msg` from `from` in `to`'s mailbox.
pub fn send(k: &mut Kernel, from: Pid, to: Pid, msg: Message) -> Result<(), Stall> {
    let Some(target) = k.proc(to) else {
        return Err(Stall::Fail(Errno::ESRCH));
    };
    if matches!(target.state, State::Zombie(_)) {
        return Err(Stall::Fail(Errno::ESRCH));
    }
    if target.mailbox.len() >= MAILBOX_CAPACITY {
        return Err(Stall::Wait(Wait::Send(to)));
    }
    target.mailbox.push_back((from, msg));
    if target.state == State::Blocked(Wait::Recv) {
        k.make_runnable(to);
    }
    Ok(())
}

/// The oldest message in `pid`'s mailbox and its sender.
pub fn recv(k: &mut Kernel, pid: Pid) -> Result<(Pid, Message), Stall> {
    let p = k.proc(pid).ok_or(Stall::Fail(Errno::ESRCH))?;
    let m = p.mailbox.pop_front().ok_or(Stall::Wait(Wait::Recv))?;
    k.wake(Wait::Send(pid));
    Ok(m)
}

/// Whether `pid`'s mailbox holds a message.
pub fn has_message(k: &mut Kernel, pid: Pid) -> bool {
    k.proc(pid).is_some_and(|p| !p.mailbox.is_empty())
}
