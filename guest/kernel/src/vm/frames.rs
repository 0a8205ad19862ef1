//! The physical frame allocator: a stack of free frames over the RAM the
//! device tree reports (past the kernel image), with a reference count per
//! frame so copy-on-write and shared memory can share frames. A frame is
//! free exactly when its count is 0.

use alloc::vec::Vec;
use spin::Mutex;

use super::PAGE_SIZE;

struct Frames {
    /// Physical address of frame 0.
    base: usize,
    refs: Vec<u16>,
    free: Vec<u32>,
}

static FRAMES: Mutex<Frames> = Mutex::new(Frames {
    base: 0,
    refs: Vec::new(),
    free: Vec::new(),
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
