//! The M-mode firmware of the guest OS (see guest/README.md, "Boot").
//!
//! Protects itself with PMP, delegates S-level traps, finds the virtio block
//! disk, loads `/boot/kernel` (an ELF) from its rvfs file system by polling,
//! and enters it in S-mode with a0 = hartid, a1 = device tree. Afterwards it
//! only serves SBI calls ([`sbi`]) and forwards the machine timer.
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]

extern crate alloc;

mod arch;
mod console;
mod elf;
mod loader;
mod mmio;
mod sbi;

use linked_list_allocator::LockedHeap;

/// The loader's heap: the 1.5 MiB between the firmware's PMP region and the
/// kernel image. The kernel never hands these frames out (its allocator
/// starts after its own image), and the heap is dead once the kernel runs.
const HEAP_START: usize = 0x8008_0000;
const HEAP_BYTES: usize = 0x0018_0000;

#[global_allocator]
static HEAP: LockedHeap = LockedHeap::empty();

/// Rust entry from `arch::_start`, on hart 0 with a zeroed .bss.
#[unsafe(no_mangle)]
extern "C" fn fw_main(hartid: usize, fdt: usize) -> ! {
    console::init();
    println!("rvjit firmware: hart {hartid}, device tree at {fdt:#x}");
    // SAFETY: the heap range is RAM that nothing else uses while the
    // firmware loads the kernel (see HEAP_START).
    unsafe { HEAP.lock().init(HEAP_START as *mut u8, HEAP_BYTES) };
    arch::setup_machine();
    let entry = match loader::load_kernel() {
        Ok(entry) => entry,
        Err(why) => {
            println!("firmware: cannot boot: {why}");
            sbi::shutdown(1);
        }
    };
    println!("firmware: entering the kernel at {entry:#x} in S-mode");
    arch::enter_supervisor(entry, hartid, fdt)
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    println!("firmware panic: {info}");
    sbi::shutdown(1)
}
