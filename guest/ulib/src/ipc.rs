//! Mailbox receive that also sees the messages the file-server client set
//! aside while it waited for a reply (see [`crate::fs`]).

use abi::{Errno, Message, NONBLOCK};
use alloc::collections::VecDeque;
use spin::Mutex;

/// Messages that arrived while waiting for the file server: (sender, message).
static PENDING: Mutex<VecDeque<(usize, Message)>> = Mutex::new(VecDeque::new());

/// Keeps a message for a later [`recv`].
pub(crate) fn set_aside(from: usize, msg: Message) {
    PENDING.lock().push_back((from, msg));
}

/// Receives a message (`abi::NONBLOCK`: `EAGAIN` if none); the sender's pid.
pub fn recv(msg: &mut Message, flags: usize) -> Result<usize, Errno> {
    if let Some((from, m)) = PENDING.lock().pop_front() {
        *msg = m;
        return Ok(from);
    }
    crate::sys::recv(msg, flags)
}

/// Receives without blocking: `None` if the mailbox is empty.
pub fn try_recv() -> Option<(usize, Message)> {
    let mut m = Message::default();
    recv(&mut m, NONBLOCK).ok().map(|from| (from, m))
}

/// Sends a message, waiting while the receiver's mailbox is full.
pub fn send(pid: usize, msg: &Message) -> Result<(), Errno> {
    crate::sys::send(pid, msg, 0)
}
