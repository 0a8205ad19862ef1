//! The kernel's device windows, reached through the shared `mmio` crate's
//! checked register access ([`DEVICES`]) for the UART and the PLIC; the
//! virtio transports go through the shared `virtio` crate's own accessor.
//!
//! [`probe_virtio_blk`] vouches for the virtio transports, which lie in the
//! third window, once.
//!
//! Invariant: every access lands in one of [`WINDOWS`], which `kmain` maps
//! one-to-one (supervisor only) in the kernel page table and which every
//! process's address space shares (`vm::address_space`). Before paging is on
//! the hart reaches them physically.

use core::sync::atomic::{AtomicBool, Ordering};

use virtio::{Blk, DmaArea};

/// 4 MiB: one Sv32 superpage.
pub const WINDOW_BYTES: usize = 4 << 20;

/// The device windows mapped for the kernel, one superpage each: the PLIC
/// (two superpages) and the UART plus the virtio transports.
pub const WINDOWS: [usize; 3] = [0x0c00_0000, 0x0c40_0000, 0x1000_0000];

/// The device windows as checked register access.
pub static DEVICES: mmio::Windows = {
    const LIST: [(usize, usize); 3] = [
        (WINDOWS[0], WINDOW_BYTES),
        (WINDOWS[1], WINDOW_BYTES),
        (WINDOWS[2], WINDOW_BYTES),
    ];
    // SAFETY: the module invariant: these windows are the virt machine's
    // devices, mapped one-to-one for the kernel (or reached physically
    // before paging), and no Rust reference covers them.
    unsafe { mmio::Windows::new(&LIST) }
};

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
