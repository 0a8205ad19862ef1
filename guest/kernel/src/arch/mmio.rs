//! The kernel's one volatile MMIO wrapper: 8- and 32-bit register reads and
//! writes of the `virt` machine's devices (UART, PLIC; the virtio
//! transports go through the shared `virtio` crate's own accessor).
//!
//! [`probe_virtio_blk`] vouches for the virtio transports, which lie in the
//! third window, once.
//!
//! Invariant: every access lands in one of [`WINDOWS`], which `kmain` maps
//! one-to-one (supervisor only) in the kernel page table and which every
//! process's address space shares (`vm::address_space`). Before paging is on
//! the hart reaches them physically. Each access is checked against the
//! windows and its alignment, so a wrong address is a kernel panic, never a
//! stray store.

use core::mem::size_of;
use core::sync::atomic::{AtomicBool, Ordering};

use virtio::{Blk, DmaArea};

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

/// The virtio transports must lie in the third device window.
const _: () = assert!(
    virtio::MMIO_BASE >= WINDOWS[2]
        && virtio::MMIO_BASE + virtio::MMIO_COUNT * virtio::MMIO_STRIDE
            <= WINDOWS[2] + WINDOW_BYTES
);

/// Set once the virtio transports have been handed to a driver.
static VIRTIO_TAKEN: AtomicBool = AtomicBool::new(false);

/// Finds and initialises the virtio block device with `dma` as its queue
/// memory. Only the first call probes; later ones fail with
/// [`virtio::Error::Busy`], since the transports then have a driver.
/// `dma` is kernel memory, which is all mapped one-to-one.
pub fn probe_virtio_blk(dma: &'static mut DmaArea) -> Result<Blk, virtio::Error> {
    if VIRTIO_TAKEN.swap(true, Ordering::Relaxed) {
        return Err(virtio::Error::Busy);
    }
    // SAFETY: the transports lie in a mapped device window (the assertion
    // above and the module invariant); `VIRTIO_TAKEN` makes this driver
    // their only one; `dma`, like all kernel memory (image, heap, frames),
    // sits at its physical address because RAM is mapped one-to-one.
    unsafe { Blk::probe(dma) }
}
