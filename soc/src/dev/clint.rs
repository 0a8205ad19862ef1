//! SiFive CLINT for one hart, as QEMU `virt` lays it out (its ACLINT MSWI
//! at +0x0 and MTIMER at +0x4000, see QEMU `hw/intc/riscv_aclint.c`).
//!
//! Registers, all 32 bits wide:
//! - `msip` at +0x0: bit 0 drives `mip.MSIP`; other bits read as zero.
//! - `mtimecmp` at +0x4000 (low half) and +0x4004 (high half).
//! - `mtime` at +0xBFF8 (low) and +0xBFFC (high). The time base belongs to
//!   the machine: reads return halves of [`DevCtx::mtime`], and a write asks
//!   the machine to move it by setting [`DevCtx::new_mtime`].
//!
//! Only aligned 4-byte accesses are accepted; 1- and 2-byte accesses are a
//! [`BusFault`], as in QEMU, whose CLINT regions take 4 bytes at least (the
//! bus is 32-bit, so the 8-byte accesses QEMU also allows do not arise).
//! Other offsets in the window read as zero and ignore writes.
//!
//! `mtimecmp` resets to 0 as in QEMU (the ACLINT spec leaves it unknown),
//! so `mip.MTIP` is pending from reset until software programs the timer;
//! it only matters once `mie.MTIE` is set.

use crate::bus::{AccessSize, BusFault, DevCtx, Device, read_half, write_half};
use crate::trap::Interrupt;

/// Offset of the hart-0 `msip` register.
pub const MSIP_OFFSET: u32 = 0x0;
/// Offset of the hart-0 `mtimecmp` register (low half; high half at +4).
pub const MTIMECMP_OFFSET: u32 = 0x4000;
/// Offset of `mtime` (low half; high half at +4).
pub const MTIME_OFFSET: u32 = 0xbff8;

/// The core-local interruptor: software interrupt and timer compare for
/// hart 0.
#[derive(Debug, Default)]
pub struct Clint {
    msip: bool,
    mtimecmp: u64,
}

impl Clint {
    /// A CLINT in its reset state: `msip` clear, `mtimecmp` 0.
    pub fn new() -> Clint {
        Clint::default()
    }

    /// The current `mtimecmp`.
    pub fn mtimecmp(&self) -> u64 {
        self.mtimecmp
    }

    /// Checks the access width and alignment; every register is a 32-bit word.
    fn check(offset: u32, size: AccessSize) -> Result<(), BusFault> {
        if size == AccessSize::Word && offset.is_multiple_of(4) {
            Ok(())
        } else {
            Err(BusFault)
        }
    }
}

impl Device for Clint {
    fn name(&self) -> &'static str {
        "clint"
    }

    fn read(&mut self, offset: u32, size: AccessSize, ctx: &mut DevCtx) -> Result<u32, BusFault> {
        Self::check(offset, size)?;
        Ok(match offset {
            MSIP_OFFSET => u32::from(self.msip),
            o if o == MTIMECMP_OFFSET || o == MTIMECMP_OFFSET + 4 => {
                read_half(self.mtimecmp, o != MTIMECMP_OFFSET)
            }
            o if o == MTIME_OFFSET || o == MTIME_OFFSET + 4 => {
                read_half(ctx.mtime, o != MTIME_OFFSET)
            }
            _ => 0,
        })
    }

    fn write(
        &mut self,
        offset: u32,
        size: AccessSize,
        value: u32,
        ctx: &mut DevCtx,
    ) -> Result<(), BusFault> {
        Self::check(offset, size)?;
        match offset {
            MSIP_OFFSET => self.msip = value & 1 != 0,
            o if o == MTIMECMP_OFFSET || o == MTIMECMP_OFFSET + 4 => {
                self.mtimecmp = write_half(self.mtimecmp, o != MTIMECMP_OFFSET, value);
            }
            o if o == MTIME_OFFSET || o == MTIME_OFFSET + 4 => {
                let now = ctx.new_mtime.unwrap_or(ctx.mtime);
                ctx.new_mtime = Some(write_half(now, o != MTIME_OFFSET, value));
            }
            _ => {}
        }
        Ok(())
    }

    fn hart_irqs(&self, mtime: u64) -> u32 {
        let mut bits = 0;
        if self.msip {
            bits |= Interrupt::MachineSoftware.mask();
        }
        if mtime >= self.mtimecmp {
            bits |= Interrupt::MachineTimer.mask();
        }
        bits
    }

    fn next_deadline(&self) -> Option<u64> {
        Some(self.mtimecmp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dev::test_utils::Harness;

    const MSIP: u32 = 1 << 3;
    const MTIP: u32 = 1 << 7;

    #[test]
    fn msip_keeps_bit_zero_only() {
        let mut h = Harness::new(4096);
        let mut clint = Clint::new();
        assert_eq!(clint.hart_irqs(0) & MSIP, 0);
        h.w32(&mut clint, MSIP_OFFSET, 0xffff_ffff);
        assert_eq!(h.r32(&mut clint, MSIP_OFFSET), 1);
        assert_eq!(clint.hart_irqs(0) & MSIP, MSIP);
        h.w32(&mut clint, MSIP_OFFSET, 0xffff_fffe);
        assert_eq!(h.r32(&mut clint, MSIP_OFFSET), 0);
        assert_eq!(clint.hart_irqs(0) & MSIP, 0);
    }

    #[test]
    fn mtimecmp_resets_to_zero_like_qemu() {
        let clint = Clint::new();
        assert_eq!(clint.mtimecmp(), 0);
        assert_eq!(clint.hart_irqs(0), MTIP);
        assert_eq!(clint.next_deadline(), Some(0));
    }

    #[test]
    fn mtimecmp_halves_and_timer_interrupt() {
        let mut h = Harness::new(4096);
        let mut clint = Clint::new();
        h.w32(&mut clint, MTIMECMP_OFFSET + 4, 0x0000_0001);
        h.w32(&mut clint, MTIMECMP_OFFSET, 0x2345_6789);
        assert_eq!(clint.mtimecmp(), 0x1_2345_6789);
        assert_eq!(h.r32(&mut clint, MTIMECMP_OFFSET), 0x2345_6789);
        assert_eq!(h.r32(&mut clint, MTIMECMP_OFFSET + 4), 1);
        assert_eq!(clint.next_deadline(), Some(0x1_2345_6789));
        assert_eq!(clint.hart_irqs(0x1_2345_6788), 0);
        assert_eq!(clint.hart_irqs(0x1_2345_6789), MTIP);
        assert_eq!(clint.hart_irqs(u64::MAX), MTIP);
        // Writing the high half to all-ones first is the usual glitch-free
        // update: no interrupt in between.
        h.w32(&mut clint, MTIMECMP_OFFSET + 4, 0xffff_ffff);
        assert_eq!(clint.hart_irqs(0x1_2345_6789), 0);
    }

    #[test]
    fn mtime_reads_the_machine_time_and_writes_request_a_new_one() {
        let mut h = Harness::new(4096);
        let mut clint = Clint::new();
        h.mtime = 0xaabb_ccdd_1122_3344;
        assert_eq!(h.r32(&mut clint, MTIME_OFFSET), 0x1122_3344);
        assert_eq!(h.r32(&mut clint, MTIME_OFFSET + 4), 0xaabb_ccdd);
        assert_eq!(h.new_mtime, None);
        h.w32(&mut clint, MTIME_OFFSET, 5);
        assert_eq!(h.new_mtime, Some(0xaabb_ccdd_0000_0005));
        h.w32(&mut clint, MTIME_OFFSET + 4, 7);
        assert_eq!(h.new_mtime, Some(0x0000_0007_1122_3344));
    }

    #[test]
    fn narrow_and_misaligned_accesses_fault() {
        let mut h = Harness::new(4096);
        let mut clint = Clint::new();
        for size in [AccessSize::Byte, AccessSize::Half] {
            assert_eq!(h.read(&mut clint, MSIP_OFFSET, size), Err(BusFault));
            assert_eq!(h.write(&mut clint, MTIMECMP_OFFSET, size, 1), Err(BusFault));
        }
        assert_eq!(
            h.read(&mut clint, MTIMECMP_OFFSET + 2, AccessSize::Word),
            Err(BusFault)
        );
        assert_eq!(clint.mtimecmp(), 0);
    }

    #[test]
    fn unused_offsets_read_zero_and_ignore_writes() {
        let mut h = Harness::new(4096);
        let mut clint = Clint::new();
        h.w32(&mut clint, 0x4, 1);
        h.w32(&mut clint, 0x4008, 1);
        assert_eq!(h.r32(&mut clint, 0x4), 0);
        assert_eq!(h.r32(&mut clint, 0x4008), 0);
        assert_eq!(clint.hart_irqs(0), MTIP);
    }
}
