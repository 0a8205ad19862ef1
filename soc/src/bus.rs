//! The system bus: memory-mapped devices behind one trait.
//!
//! RAM is not on this path: the MMU's TLB reaches it directly. The bus holds
//! sorted, non-overlapping windows; each device sees offsets within its own
//! window. A wrong size or misalignment is a `BusFault`, which the hart turns
//! into an access fault.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::mem::Ram;

/// Width of a device access.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessSize {
    /// One byte.
    Byte = 1,
    /// Two bytes.
    Half = 2,
    /// Four bytes.
    Word = 4,
}

impl AccessSize {
    /// Size in bytes.
    pub fn bytes(self) -> u32 {
        self as u32
    }
}

/// The low (`high == false`) or high 32 bits of a 64-bit register that RV32
/// software reaches one word at a time (device registers such as
/// `mtimecmp`, and the counter and timer CSRs with their `…h` halves).
#[inline]
pub fn read_half(register: u64, high: bool) -> u32 {
    if high {
        (register >> 32) as u32
    } else {
        register as u32
    }
}

/// `register` with its low or high 32 bits replaced by `value`: the other
/// half of [`read_half`].
#[inline]
pub fn write_half(register: u64, high: bool, value: u32) -> u64 {
    if high {
        (register & 0xffff_ffff) | (u64::from(value) << 32)
    } else {
        (register & !0xffff_ffff) | u64::from(value)
    }
}

/// Reads `size` little-endian bytes of `bytes` at `offset`, as a device
/// whose registers are plain memory (a ROM, a configuration space) answers;
/// bytes past the end read as zero.
pub fn read_le(bytes: &[u8], offset: u32, size: AccessSize) -> u32 {
    let mut value = [0u8; 4];
    for (i, byte) in value.iter_mut().take(size.bytes() as usize).enumerate() {
        *byte = bytes
            .get((offset as usize).saturating_add(i))
            .copied()
            .unwrap_or(0);
    }
    u32::from_le_bytes(value)
}

/// A device refused an access; the guest sees an access fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BusFault;

/// Interrupt lines from devices to the PLIC (sources 1..31), shared by
/// handle so that no device holds a pointer to the PLIC. Each line has a
/// level, and every time a device drives its line high (as QEMU's
/// `qemu_set_irq` with level 1, even when the line already was) it also
/// records a *raise*, which the PLIC takes as a new request.
#[derive(Clone, Debug, Default)]
pub struct IrqLines(Arc<LineBits>);

#[derive(Debug, Default)]
struct LineBits {
    levels: AtomicU32,
    raised: AtomicU32,
}

impl IrqLines {
    /// Drives source `irq` high (a raise) or low.
    pub fn set(&self, irq: u32, level: bool) {
        let bit = 1u32 << (irq & 31);
        if level {
            self.0.levels.fetch_or(bit, Ordering::Relaxed);
            self.0.raised.fetch_or(bit, Ordering::Relaxed);
        } else {
            self.0.levels.fetch_and(!bit, Ordering::Relaxed);
        }
    }

    /// All line levels, bit n for source n.
    pub fn levels(&self) -> u32 {
        self.0.levels.load(Ordering::Relaxed)
    }

    /// The sources raised since the last call, bit n for source n.
    pub fn take_raised(&self) -> u32 {
        self.0.raised.swap(0, Ordering::Relaxed)
    }
}

/// What a device may reach besides its own registers during an access:
/// the time base and guest RAM (for DMA).
pub struct DevCtx<'a> {
    /// Current `mtime`, in ticks of [`crate::memmap::TIMEBASE_HZ`].
    pub mtime: u64,
    /// Set by a device that writes `mtime` (the CLINT).
    pub new_mtime: Option<u64>,
    /// Guest RAM, for devices that do DMA.
    pub ram: &'a mut Ram,
}

/// A memory-mapped device.
pub trait Device: Send {
    /// Short name for logs and the device tree.
    fn name(&self) -> &'static str;
    /// Reads a register at `offset` within the device's window.
    fn read(&mut self, offset: u32, size: AccessSize, ctx: &mut DevCtx) -> Result<u32, BusFault>;
    /// Writes a register at `offset` within the device's window.
    fn write(
        &mut self,
        offset: u32,
        size: AccessSize,
        value: u32,
        ctx: &mut DevCtx,
    ) -> Result<(), BusFault>;
    /// Periodic service: input, completions, timers. Called at block
    /// boundaries every so often, and before the hart sleeps in WFI.
    fn poll(&mut self, _ctx: &mut DevCtx) {}
    /// The `mip` bits this device drives directly (CLINT: MSIP/MTIP; PLIC:
    /// MEIP/SEIP), given the current `mtime`.
    fn hart_irqs(&self, _mtime: u64) -> u32 {
        0
    }
    /// The earliest `mtime` at which `hart_irqs` may change without a bus
    /// access, so that WFI can sleep until then.
    fn next_deadline(&self) -> Option<u64> {
        None
    }
    /// Whether the hart may execute from this device (the boot ROM). Its
    /// contents must then never change, as engines cache decoded code.
    fn executable(&self) -> bool {
        false
    }
}

/// Error building a bus.
#[derive(Debug, thiserror::Error)]
pub enum BusError {
    /// Two windows overlap.
    #[error("device {new} at {base:#010x} overlaps {old}")]
    Overlap {
        /// The device being added.
        new: &'static str,
        /// The device already mapped there.
        old: &'static str,
        /// Base of the new window.
        base: u32,
    },
}

struct Window {
    base: u32,
    size: u32,
    device: Box<dyn Device>,
}

/// Devices by address window.
#[derive(Default)]
pub struct Bus {
    windows: Vec<Window>,
}

impl Bus {
    /// An empty bus.
    pub fn new() -> Self {
        Self::default()
    }

    /// Maps `device` at `[base, base + size)`.
    pub fn map(&mut self, base: u32, size: u32, device: Box<dyn Device>) -> Result<(), BusError> {
        let end = u64::from(base) + u64::from(size);
        if let Some(w) = self.windows.iter().find(|w| {
            u64::from(base) < u64::from(w.base) + u64::from(w.size) && end > u64::from(w.base)
        }) {
            return Err(BusError::Overlap {
                new: device.name(),
                old: w.device.name(),
                base,
            });
        }
        let at = self.windows.partition_point(|w| w.base < base);
        self.windows.insert(at, Window { base, size, device });
        Ok(())
    }

    fn find(&mut self, paddr: u32) -> Option<(u32, &mut dyn Device)> {
        let at = self
            .windows
            .partition_point(|w| w.base <= paddr)
            .checked_sub(1)?;
        let w = &mut self.windows[at];
        (paddr - w.base < w.size).then(|| (paddr - w.base, &mut *w.device as &mut dyn Device))
    }

    /// Whether the device at `paddr` holds executable, immutable code.
    pub fn is_executable(&mut self, paddr: u32) -> bool {
        self.find(paddr).is_some_and(|(_, dev)| dev.executable())
    }

    /// Reads from the device at `paddr`; unmapped addresses fault.
    pub fn read(
        &mut self,
        paddr: u32,
        size: AccessSize,
        ctx: &mut DevCtx,
    ) -> Result<u32, BusFault> {
        let (offset, dev) = self.find(paddr).ok_or(BusFault)?;
        dev.read(offset, size, ctx)
    }

    /// Writes to the device at `paddr`; unmapped addresses fault.
    pub fn write(
        &mut self,
        paddr: u32,
        size: AccessSize,
        value: u32,
        ctx: &mut DevCtx,
    ) -> Result<(), BusFault> {
        let (offset, dev) = self.find(paddr).ok_or(BusFault)?;
        dev.write(offset, size, value, ctx)
    }

    /// Polls every device.
    pub fn poll(&mut self, ctx: &mut DevCtx) {
        for w in &mut self.windows {
            w.device.poll(ctx);
        }
    }

    /// The `mip` bits driven by devices at `mtime`.
    pub fn hart_irqs(&self, mtime: u64) -> u32 {
        self.windows
            .iter()
            .fold(0, |bits, w| bits | w.device.hart_irqs(mtime))
    }

    /// The earliest deadline any device reports.
    pub fn next_deadline(&self) -> Option<u64> {
        self.windows
            .iter()
            .filter_map(|w| w.device.next_deadline())
            .min()
    }

    /// The mapped windows as (base, size, name), in address order.
    pub fn windows(&self) -> impl Iterator<Item = (u32, u32, &'static str)> + '_ {
        self.windows
            .iter()
            .map(|w| (w.base, w.size, w.device.name()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_registers_read_little_endian_and_zero_past_the_end() {
        let config = [0x11, 0x22, 0x33, 0x44, 0x55];
        assert_eq!(read_le(&config, 0, AccessSize::Word), 0x4433_2211);
        assert_eq!(read_le(&config, 3, AccessSize::Word), 0x0000_5544);
        assert_eq!(read_le(&config, 1, AccessSize::Half), 0x3322);
        assert_eq!(read_le(&config, 4, AccessSize::Byte), 0x55);
        assert_eq!(read_le(&config, u32::MAX, AccessSize::Word), 0);
    }

    #[test]
    fn halves_of_a_64_bit_register() {
        let r = 0x1122_3344_5566_7788;
        assert_eq!(read_half(r, false), 0x5566_7788);
        assert_eq!(read_half(r, true), 0x1122_3344);
        assert_eq!(write_half(r, false, 0xaabb_ccdd), 0x1122_3344_aabb_ccdd);
        assert_eq!(write_half(r, true, 0xaabb_ccdd), 0xaabb_ccdd_5566_7788);
    }
}
