//! The kernel's one volatile MMIO wrapper: 8- and 32-bit register reads and
//! writes of the `virt` machine's devices (UART, PLIC; the virtio
//! transports go through the shared `virtio` crate's own accessor).
//!
//! Invariant: every access lands in one of [`WINDOWS`], which `kmain` maps
//! one-to-one (supervisor only) in the kernel page table and which every
//! process's address space shares (`vm::address_space`). Before paging is on
//! the hart reaches them physically. Each access is checked against the
//! windows and its alignment, so a wrong address is a kernel panic, never a
//! stray store.

use core::mem::size_of;

/// 4 MiB: one Sv32 superpage.
pub const WINDOW_BYTES: usize = 4 << 20;

/// The device windows mapped for the kernel, one superpage each: the PLIC
/// (two superpages) and the UART plus the virtio transports.
pub const WINDOWS: [usize; 3] = [0x0c00_0000, 0x0c40_0000, 0x1000_0000];

/// Whether `[addr, addr + bytes)` is aligned to `bytes` and inside a device
/// window.
fn is_device(addr: usize, bytes: usize) -> bool {
    addr.is_multiple_of(bytes)
        && WINDOWS
            .iter()
            .any(|&w| addr >= w && addr - w <= WINDOW_BYTES - bytes)
}

fn read<T: Copy>(addr: usize) -> T {
    assert!(is_device(addr, size_of::<T>()), "mmio read outside devices");
    // SAFETY: checked just above: `addr` is aligned and lies in a device
    // window, mapped (or reached physically before paging) as the module
    // invariant says; a register read has no effect on Rust-visible memory.
    unsafe { (addr as *const T).read_volatile() }
}

fn write<T: Copy>(addr: usize, v: T) {
    assert!(
        is_device(addr, size_of::<T>()),
        "mmio write outside devices"
    );
    // SAFETY: as in `read`: an aligned register in a mapped device window,
    // which no Rust reference covers.
    unsafe { (addr as *mut T).write_volatile(v) }
}

/// Reads the byte register at `addr` (panics outside [`WINDOWS`]).
pub fn read8(addr: usize) -> u8 {
    read(addr)
}

/// Writes the byte register at `addr` (panics outside [`WINDOWS`]).
pub fn write8(addr: usize, v: u8) {
    write(addr, v)
}

/// Reads the 32-bit register at `addr` (panics outside [`WINDOWS`] or if
/// unaligned).
pub fn read32(addr: usize) -> u32 {
    read(addr)
}

/// Writes the 32-bit register at `addr` (panics outside [`WINDOWS`] or if
/// unaligned).
pub fn write32(addr: usize, v: u32) {
    write(addr, v)
}
