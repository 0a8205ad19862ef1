//! The heap: a linked-list allocator over memory from `sbrk`, grown on
//! demand. Only this allocator should move the break; a program that calls
//! `sbrk` itself must put the break back before allocating again (growth
//! needs the new memory to follow the heap's top).

use core::alloc::{GlobalAlloc, Layout};
use core::ptr::{NonNull, null_mut};
use linked_list_allocator::LockedHeap;

/// Growth step: at least this much is asked of `sbrk` at a time.
const CHUNK: usize = 64 * 1024;

struct Heap(LockedHeap);

#[global_allocator]
static HEAP: Heap = Heap(LockedHeap::empty());

/// Sets up an empty heap at the current break. Called by `_start`.
pub fn init() {
    if let Ok(brk) = crate::sys::sbrk(CHUNK as isize) {
        // SAFETY: sbrk just gave us CHUNK fresh bytes at brk that nothing
        // else uses; init runs once, before any allocation.
        unsafe { HEAP.0.lock().init(brk as *mut u8, CHUNK) };
    }
}

// SAFETY: allocation is delegated to linked_list_allocator, which returns
// blocks of the requested layout from memory it owns; growth only adds
// memory sbrk handed us right after the heap's top.
unsafe impl GlobalAlloc for Heap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let mut heap = self.0.lock();
        if let Ok(p) = heap.allocate_first_fit(layout) {
            return p.as_ptr();
        }
        let want = (layout.size() + layout.align() + 64)
            .max(CHUNK)
            .next_multiple_of(4096);
        let Ok(old) = crate::sys::sbrk(want as isize) else {
            return null_mut();
        };
        if old != heap.top() as usize {
            // Someone else moved the break: give the memory back.
            let _ = crate::sys::sbrk(-(want as isize));
            return null_mut();
        }
        // SAFETY: [top, top + want) is the memory sbrk just added after the heap.
        unsafe { heap.extend(want) };
        heap.allocate_first_fit(layout)
            .map_or(null_mut(), |p| p.as_ptr())
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if let Some(p) = NonNull::new(ptr) {
            // SAFETY: the caller gives back a block `alloc` returned with this layout.
            unsafe { self.0.lock().deallocate(p, layout) };
        }
    }
}

/// Bytes of heap in use and free, as (used, free).
pub fn usage() -> (usize, usize) {
    let h = HEAP.0.lock();
    (h.used(), h.free())
}
