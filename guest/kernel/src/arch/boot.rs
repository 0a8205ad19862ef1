//! What the boot hands the kernel: the linker script's layout (the heap
//! range, the kernel's end) and the firmware's device tree pointer.

use core::sync::atomic::{AtomicBool, Ordering};

use linked_list_allocator::LockedHeap;

unsafe extern "C" {
    static __heap_start: u8;
    static __heap_end: u8;
    static __kernel_end: u8;
}

/// Set once the heap range has been handed to an allocator.
static HEAP_GIVEN: AtomicBool = AtomicBool::new(false);

/// Gives `heap` the linker script's heap range; only the first call does
/// anything, so the range is never handed out twice.
pub fn init_heap(heap: &LockedHeap) {
    if HEAP_GIVEN.swap(true, Ordering::Relaxed) {
        return;
    }
    let start = core::ptr::addr_of!(__heap_start) as usize;
    let end = core::ptr::addr_of!(__heap_end) as usize;
    // SAFETY: the linker script reserves [__heap_start, __heap_end) for the
    // heap and nothing else refers to it; `HEAP_GIVEN` makes this run once.
    unsafe { heap.lock().init(start as *mut u8, end - start) }
}

/// The first address past the kernel image (code, data, bss, stack, heap).
pub fn kernel_end() -> usize {
    core::ptr::addr_of!(__kernel_end) as usize
}

/// The device tree at `fdt_addr`, which must be what the firmware passed in
/// a1 (the boot ROM's blob); `None` if it is not a valid one.
pub fn device_tree(fdt_addr: usize) -> Option<fdt::Fdt<'static>> {
    // SAFETY: `fdt_addr` is the firmware's device tree pointer (the
    // precondition above: `kmain` hands its a1 through `boot_info`, the one
    // caller): a blob in RAM that nobody modifies; `from_ptr` checks its
    // header before using it.
    unsafe { fdt::Fdt::from_ptr(fdt_addr as *const u8) }.ok()
}
