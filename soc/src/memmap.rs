//! The physical address map, QEMU `virt`-compatible (see `hw/riscv/virt.c`).
//!
//! One list feeds both the bus and the generated device tree, so an address
//! is written down once.

/// Boot ROM: the reset vector lives here.
pub const BOOT_ROM_BASE: u32 = 0x0000_1000;
/// Size of the boot ROM window.
pub const BOOT_ROM_SIZE: u32 = 0x0000_f000;
/// SiFive test finisher.
pub const FINISHER_BASE: u32 = 0x0010_0000;
/// Size of the finisher window.
pub const FINISHER_SIZE: u32 = 0x0000_1000;
/// CLINT (msip, mtimecmp, mtime).
pub const CLINT_BASE: u32 = 0x0200_0000;
/// Size of the CLINT window.
pub const CLINT_SIZE: u32 = 0x0001_0000;
/// PLIC.
pub const PLIC_BASE: u32 = 0x0c00_0000;
/// Size of the PLIC window (QEMU maps 0x600000 for up to 8 harts; one hart
/// needs the first 0x202000 bytes, which this covers).
pub const PLIC_SIZE: u32 = 0x0060_0000;
/// NS16550A UART.
pub const UART0_BASE: u32 = 0x1000_0000;
/// Size of the UART window.
pub const UART0_SIZE: u32 = 0x0000_0100;
/// PLIC source of UART0.
pub const UART0_IRQ: u32 = 10;
/// First virtio-mmio transport; the others follow it, one window apart.
pub const VIRTIO0_BASE: u32 = 0x1000_1000;
/// Size of one virtio-mmio window.
pub const VIRTIO_SIZE: u32 = 0x0000_1000;
/// PLIC source of the first virtio-mmio transport.
pub const VIRTIO0_IRQ: u32 = 1;
/// Number of virtio-mmio transports (QEMU's `VIRTIO_COUNT`).
pub const MAX_VIRTIO_TRANSPORTS: u32 = 8;

/// Base address of virtio-mmio transport `n` (below
/// [`MAX_VIRTIO_TRANSPORTS`]).
pub const fn virtio_base(n: u32) -> u32 {
    VIRTIO0_BASE + n * VIRTIO_SIZE
}

/// PLIC source of virtio-mmio transport `n` (below
/// [`MAX_VIRTIO_TRANSPORTS`]).
pub const fn virtio_irq(n: u32) -> u32 {
    VIRTIO0_IRQ + n
}
/// Start of RAM.
pub const RAM_BASE: u32 = 0x8000_0000;
/// Default RAM size.
pub const DEFAULT_RAM_SIZE: u32 = 128 << 20;
/// Timebase of `mtime`, in Hz (QEMU virt's).
pub const TIMEBASE_HZ: u64 = 10_000_000;
