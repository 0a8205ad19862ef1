//! The firmware's one volatile MMIO wrapper: register reads and writes of
//! the `virt` machine's devices it drives (UART, CLINT, test finisher), and
//! the hand-over of the virtio transports to the shared `virtio` driver,
//! whose own accessor reaches them.
//!
//! Invariant: the firmware runs in M-mode with paging off, so a device
//! register is reached at its physical address. Each access is checked
//! against [`WINDOWS`] and its alignment, so a wrong address is a firmware
//! panic, never a stray store into memory.

use core::mem::size_of;
use core::sync::atomic::{AtomicBool, Ordering};

use virtio::{Blk, DmaArea};

/// The device register windows the firmware touches: (base, bytes).
const WINDOWS: [(usize, usize); 3] = [
    (0x0010_0000, 0x1000),   // SiFive test finisher
    (0x0200_0000, 0x1_0000), // CLINT
    (0x1000_0000, 0x100),    // NS16550A UART
];

/// Whether `[addr, addr + bytes)` is aligned to `bytes` and inside a device
/// window.
fn is_device(addr: usize, bytes: usize) -> bool {
    addr.is_multiple_of(bytes)
        && WINDOWS
            .iter()
            .any(|&(base, len)| addr >= base && addr - base <= len - bytes)
}

fn read<T: Copy>(addr: usize) -> T {
    assert!(is_device(addr, size_of::<T>()), "mmio read outside devices");
    // SAFETY: checked just above: `addr` is an aligned device register,
    // reached physically (module invariant); a register read has no effect
    // on Rust-visible memory.
    unsafe { (addr as *const T).read_volatile() }
}

fn write<T: Copy>(addr: usize, v: T) {
    assert!(
        is_device(addr, size_of::<T>()),
        "mmio write outside devices"
    );
    // SAFETY: as in `read`: an aligned device register, which no Rust
    // reference covers.
    unsafe { (addr as *mut T).write_volatile(v) }
}

/// Reads the byte register at `addr` (panics outside the device windows).
pub fn read8(addr: usize) -> u8 {
    read(addr)
}

/// Writes the byte register at `addr` (panics outside the device windows).
pub fn write8(addr: usize, v: u8) {
    write(addr, v)
}

/// Writes the 32-bit register at `addr` (panics outside the device windows
/// or if unaligned).
pub fn write32(addr: usize, v: u32) {
    write(addr, v)
}

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
