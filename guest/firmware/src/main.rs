//! The M-mode firmware of the guest OS (see guest/README.md, "Boot").
//!
//! Protects itself with PMP, delegates S-level traps, finds the virtio block
//! disk, checks and loads `/boot/kernel` (an ELF) from its rvfs file system
//! by polling, moves the device tree above it, and enters it in S-mode
//! with a0 = hartid, a1 = device tree. Afterwards it
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

/// The loader's heap (see `arch::init_heap`).
#[global_allocator]
static HEAP: LockedHeap = LockedHeap::empty();

/// Rust entry from `arch::_start`, on hart 0 with a zeroed .bss.
#[unsafe(no_mangle)]
extern "C" fn fw_main(hartid: usize, fdt: usize) -> ! {
    console::init();
    println!("rvjit firmware: hart {hartid}, device tree at {fdt:#x}");
    arch::init_heap(&HEAP);
    arch::setup_machine();
    let kernel = match loader::load_kernel(fdt) {
        Ok(kernel) => kernel,
        Err(why) => {
            println!("firmware: cannot boot: {why}");
            sbi::shutdown(1);
        }
    };
    println!(
        "firmware: entering the kernel at {:#x} in S-mode, device tree at {:#x}",
        kernel.entry, kernel.fdt
    );
    arch::enter_supervisor(kernel.entry, hartid, kernel.fdt)
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    println!("firmware panic: {info}");
    sbi::shutdown(1)
}
