//! The firmware's device registers (UART, CLINT, test finisher), reached
//! through the shared `mmio` crate's checked access ([`DEVICES`]), and the
//! hand-over of the virtio transports to the shared `virtio` driver, whose
//! own accessor reaches them.
//!
//! Invariant: the firmware runs in M-mode with paging off, so a device
//! register is reached at its physical address.

use core::sync::atomic::{AtomicBool, Ordering};

use virtio::{Blk, DmaArea};

/// The device registers the firmware touches, as checked register access.
pub static DEVICES: mmio::Windows = {
    const LIST: [(usize, usize); 3] = [
        (0x0010_0000, 0x1000),   // SiFive test finisher
        (0x0200_0000, 0x1_0000), // CLINT
        (0x1000_0000, 0x100),    // NS16550A UART
    ];
    // SAFETY: the module invariant: these are the virt machine's device
    // registers, reached physically (paging is off in M-mode), and no Rust
    // reference covers them.
    unsafe { mmio::Windows::new(&LIST) }
};

/// The virtio queue memory: in the firmware's .bss, at its physical address.
static mut DMA: DmaArea = DmaArea::new();

/// Set once the virtio transports (and [`DMA`]) have been handed out.
static VIRTIO_TAKEN: AtomicBool = AtomicBool::new(false);

/// Finds and initialises the virtio block device. Only the first call
/// probes; later ones fail with [`virtio::Error::Busy`], since the
/// transports and the queue memory then belong to the first driver.
pub fn probe_virtio_blk() -> Result<Blk, virtio::Error> {
    if VIRTIO_TAKEN.swap(true, Ordering::Relaxed) {
        return Err(virtio::Error::Busy);
    }
    // SAFETY: `VIRTIO_TAKEN` makes this the only reference to `DMA` ever
    // taken and this driver the transports' only one; the firmware runs
    // unpaged, so the transports and `DMA` sit at their physical addresses.
    unsafe { Blk::probe(&mut *core::ptr::addr_of_mut!(DMA)) }
}
