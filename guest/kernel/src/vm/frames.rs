//! The physical frame allocator: a stack of free frames over the RAM the
//! device tree reports (past the kernel image), with a reference count per
//! frame so copy-on-write and shared memory can share frames. A frame is
//! free exactly when its count is 0.
//!
//! The frame account, for leak checks beside other work: while a process
//! of the account runs (`Proc::accounted`, told at each trap with
//! [`set_charging`]), each frame allocated counts one up and each frame
//! freed one down; [`account_balance`] is the sum. A copy-on-write copy
//! made by one member and the original freed when another exits cancel
//! out; frames that other processes take and free do not count.

use alloc::vec::Vec;
use spin::Mutex;

use super::PAGE_SIZE;

struct Frames {
    /// Physical address of frame 0.
    base: usize,
    refs: Vec<u16>,
    free: Vec<u32>,
    /// A process of the account runs.
    charging: bool,
    /// Frames the account allocated minus those it freed.
    balance: isize,
}

static FRAMES: Mutex<Frames> = Mutex::new(Frames {
    base: 0,
    refs: Vec::new(),
    free: Vec::new(),
    charging: false,
    balance: 0,
});

/// Hands `[start, end)` (page-aligned) to the allocator; once, at boot.
pub fn init(start: usize, end: usize) {
    let count = (end - start) / PAGE_SIZE;
    let mut f = FRAMES.lock();
    f.base = start;
    f.refs = alloc::vec![0; count];
    // Low addresses first out: handy when reading traces.
    f.free = (0..count as u32).rev().collect();
}

/// A zeroed frame with one reference, or None when memory is exhausted.
pub fn alloc() -> Option<usize> {
    let mut f = FRAMES.lock();
    let n = f.free.pop()? as usize;
    f.refs[n] = 1;
    if f.charging {
        f.balance += 1;
    }
    let pa = f.base + n * PAGE_SIZE;
    drop(f);
    zero(pa);
    Some(pa)
}

/// One more reference to an allocated frame.
pub fn incref(pa: usize) {
    let mut f = FRAMES.lock();
    if let Some(n) = index(&f, pa) {
        f.refs[n] = f.refs[n].saturating_add(1);
    }
}

/// Drops a reference; the frame is free when the last one goes.
pub fn decref(pa: usize) {
    let mut f = FRAMES.lock();
    if let Some(n) = index(&f, pa)
        && f.refs[n] > 0
    {
        f.refs[n] -= 1;
        if f.refs[n] == 0 {
            f.free.push(n as u32);
            if f.charging {
                f.balance -= 1;
            }
        }
    }
}

/// References to a frame (0 if it is free or not ours).
pub fn refcount(pa: usize) -> u16 {
    let f = FRAMES.lock();
    index(&f, pa).map_or(0, |n| f.refs[n])
}

/// Free frames now.
pub fn free_count() -> usize {
    FRAMES.lock().free.len()
}

/// Whether frames allocated and freed from now on count for the account
/// (a process of it runs).
pub fn set_charging(on: bool) {
    FRAMES.lock().charging = on;
}

/// Starts the account afresh, at 0.
pub fn start_account() {
    FRAMES.lock().balance = 0;
}

/// Frames the account allocated minus those it freed since its start.
pub fn account_balance() -> isize {
    FRAMES.lock().balance
}

fn index(f: &Frames, pa: usize) -> Option<usize> {
    let n = pa.checked_sub(f.base)? / PAGE_SIZE;
    (n < f.refs.len()).then_some(n)
}

/// The frame at `pa` as bytes.
pub fn bytes_mut(pa: usize) -> &'static mut [u8; PAGE_SIZE] {
    // SAFETY: `pa` is a page-aligned RAM frame of this allocator, mapped
    // one-to-one; the kernel is single-hart and callers own the frame (or
    // hold a reference) while they use the slice.
    unsafe { &mut *(pa as *mut [u8; PAGE_SIZE]) }
}

fn zero(pa: usize) {
    bytes_mut(pa).fill(0);
}
