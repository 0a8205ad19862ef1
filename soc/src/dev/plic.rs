//! SiFive PLIC as QEMU `virt` configures it for one hart (QEMU
//! `hw/intc/sifive_plic.c` with `include/hw/riscv/virt.h`): 96 sources
//! counting the non-existent source 0, 3 priority bits (levels 1..=7), and
//! two contexts, 0 = hart 0 M-mode and 1 = hart 0 S-mode.
//!
//! Layout: priorities at 0x0 + 4 * source, pending bits at 0x1000, enables
//! at 0x2000 + 0x80 * context, threshold at 0x200000 + 0x1000 * context and
//! claim/complete 4 bytes above it. Only aligned 4-byte accesses are
//! accepted (as in QEMU); other offsets read 0 and ignore writes.
//!
//! Requests follow QEMU, not the PLIC specification's level-triggered
//! gateway: a source becomes pending each time its device raises its line
//! ([`IrqLines::take_raised`]: each new used buffer, each UART interrupt
//! update with the line high), whether or not it is in service, and only
//! then. A completion does not re-sample the line: a device whose line
//! stays high through claim and completion is not pending again until it
//! raises the line anew. This is a deliberate departure from the
//! specification (whose gateway would make a still-high level a new request
//! at completion): software built for QEMU, e.g. a legacy virtio driver that
//! never writes InterruptACK, depends on it, and drivers written to the
//! specification acknowledge the device before completing and cannot tell
//! the difference. The pending bit stays set until a claim, even if the
//! device lowers its line first (the specification, and QEMU since its
//! 2024 fix, backported to 7.2 stable). A claimed source is not offered
//! again until completed. The PLIC takes raises whenever it is consulted
//! (every register access and every `hart_irqs`, which the machine calls
//! after each device access and poll). As in QEMU, a completion releases
//! the source whichever context writes it, even one where it is not
//! enabled (the spec would ignore that; QEMU-tested guests may rely on it).

use std::cell::Cell;

use crate::bus::{AccessSize, BusFault, DevCtx, Device, IrqLines};
use crate::trap::Interrupt;

/// Number of interrupt sources including source 0 (`VIRT_IRQCHIP_NUM_SOURCES`),
/// also the device tree's `riscv,ndev`, as QEMU writes it.
pub const NUM_SOURCES: u32 = 96;
/// Number of contexts: hart 0 M-mode and hart 0 S-mode.
pub const NUM_CONTEXTS: usize = 2;
/// Highest priority; priority and threshold registers are WARL and keep the
/// low three bits.
pub const MAX_PRIORITY: u32 = 7;

const PRIORITY_BASE: u32 = 0x0;
const PENDING_BASE: u32 = 0x1000;
const ENABLE_BASE: u32 = 0x2000;
const ENABLE_STRIDE: u32 = 0x80;
const CONTEXT_BASE: u32 = 0x20_0000;
const CONTEXT_STRIDE: u32 = 0x1000;
const WORDS: usize = NUM_SOURCES.div_ceil(32) as usize;

/// The `mip` bit each context drives.
const CONTEXT_IRQ: [Interrupt; NUM_CONTEXTS] =
    [Interrupt::MachineExternal, Interrupt::SupervisorExternal];

/// The platform-level interrupt controller.
#[derive(Debug)]
pub struct Plic {
    lines: IrqLines,
    priority: [u32; NUM_SOURCES as usize],
    enable: [[u32; WORDS]; NUM_CONTEXTS],
    threshold: [u32; NUM_CONTEXTS],
    /// Claimed and not yet completed (in service), one bit per source.
    claimed: [u32; WORDS],
    /// Pending requests of sources 0..=31 (the only ones with lines),
    /// latched from the lines' raises in [`Plic::pending`]; a cell because
    /// [`Device::hart_irqs`] takes them through `&self`.
    latched: Cell<u32>,
}

/// What an offset in the window names.
enum Reg {
    Priority(usize),
    Pending(usize),
    Enable(usize, usize),
    Threshold(usize),
    Claim(usize),
    None,
}

fn decode(offset: u32) -> Reg {
    if offset < PRIORITY_BASE + 4 * NUM_SOURCES {
        return Reg::Priority(((offset - PRIORITY_BASE) / 4) as usize);
    }
    if (PENDING_BASE..PENDING_BASE + 4 * WORDS as u32).contains(&offset) {
        return Reg::Pending(((offset - PENDING_BASE) / 4) as usize);
    }
    let enables_end = ENABLE_BASE + ENABLE_STRIDE * NUM_CONTEXTS as u32;
    if (ENABLE_BASE..enables_end).contains(&offset) {
        let context = ((offset - ENABLE_BASE) / ENABLE_STRIDE) as usize;
        let word = ((offset - ENABLE_BASE) % ENABLE_STRIDE / 4) as usize;
        return if word < WORDS {
            Reg::Enable(context, word)
        } else {
            Reg::None
        };
    }
    let contexts_end = CONTEXT_BASE + CONTEXT_STRIDE * NUM_CONTEXTS as u32;
    if (CONTEXT_BASE..contexts_end).contains(&offset) {
        let context = ((offset - CONTEXT_BASE) / CONTEXT_STRIDE) as usize;
        return match (offset - CONTEXT_BASE) % CONTEXT_STRIDE {
            0 => Reg::Threshold(context),
            4 => Reg::Claim(context),
            _ => Reg::None,
        };
    }
    Reg::None
}

impl Plic {
    /// A PLIC in its reset state (everything zero) reading source levels
    /// from `lines`.
    pub fn new(lines: IrqLines) -> Plic {
        Plic {
            lines,
            priority: [0; NUM_SOURCES as usize],
            enable: [[0; WORDS]; NUM_CONTEXTS],
            threshold: [0; NUM_CONTEXTS],
            claimed: [0; WORDS],
            latched: Cell::new(0),
        }
    }

    /// Pending bits, after every raise of a line since the last look has
    /// made its source pending. Source 0 never exists; lines only reach
    /// sources 1..=31.
    fn pending(&self) -> [u32; WORDS] {
        let requests = self.lines.take_raised() & !1;
        self.latched.set(self.latched.get() | requests);
        let mut pending = [0; WORDS];
        pending[0] = self.latched.get();
        pending
    }

    /// The source a claim by `context` would return: the highest priority
    /// pending enabled source above the threshold and not in service, ties
    /// to the lowest id; 0 if none.
    fn best(&self, context: usize) -> u32 {
        let pending = self.pending();
        let mut best = 0;
        let mut best_priority = self.threshold[context];
        for (word, (&p, &e)) in pending.iter().zip(&self.enable[context]).enumerate() {
            let mut bits = p & e & !self.claimed[word];
            while bits != 0 {
                let source = word as u32 * 32 + bits.trailing_zeros();
                bits &= bits - 1;
                let priority = self.priority[source as usize];
                if priority > best_priority {
                    best = source;
                    best_priority = priority;
                }
            }
        }
        best
    }

    /// Claim: returns the best source for `context` and marks it in service.
    fn claim(&mut self, context: usize) -> u32 {
        let source = self.best(context);
        if source != 0 {
            self.claimed[source as usize / 32] |= 1 << (source % 32);
            self.latched.set(self.latched.get() & !(1 << (source % 32)));
        }
        source
    }
}

impl Device for Plic {
    fn name(&self) -> &'static str {
        "plic"
    }

    fn read(&mut self, offset: u32, size: AccessSize, _ctx: &mut DevCtx) -> Result<u32, BusFault> {
        if size != AccessSize::Word || !offset.is_multiple_of(4) {
            return Err(BusFault);
        }
        Ok(match decode(offset) {
            Reg::Priority(source) => self.priority[source],
            Reg::Pending(word) => self.pending()[word],
            Reg::Enable(context, word) => self.enable[context][word],
            Reg::Threshold(context) => self.threshold[context],
            Reg::Claim(context) => self.claim(context),
            Reg::None => 0,
        })
    }

    fn write(
        &mut self,
        offset: u32,
        size: AccessSize,
        value: u32,
        _ctx: &mut DevCtx,
    ) -> Result<(), BusFault> {
        if size != AccessSize::Word || !offset.is_multiple_of(4) {
            return Err(BusFault);
        }
        match decode(offset) {
            Reg::Priority(source) => self.priority[source] = value & MAX_PRIORITY,
            Reg::Enable(context, word) => self.enable[context][word] = value,
            Reg::Threshold(context) => self.threshold[context] = value & MAX_PRIORITY,
            Reg::Claim(_) => {
                if value < NUM_SOURCES {
                    self.claimed[value as usize / 32] &= !(1 << (value % 32));
                }
            }
            Reg::Pending(_) | Reg::None => {}
        }
        Ok(())
    }

    fn hart_irqs(&self, _mtime: u64) -> u32 {
        (0..NUM_CONTEXTS)
            .filter(|&context| self.best(context) != 0)
            .fold(0, |bits, context| bits | CONTEXT_IRQ[context].mask())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dev::test_utils::Harness;

    const MEIP: u32 = 1 << 11;
    const SEIP: u32 = 1 << 9;

    fn enable_off(context: u32) -> u32 {
        ENABLE_BASE + ENABLE_STRIDE * context
    }
    fn threshold_off(context: u32) -> u32 {
        CONTEXT_BASE + CONTEXT_STRIDE * context
    }
    fn claim_off(context: u32) -> u32 {
        threshold_off(context) + 4
    }

    fn setup() -> (Harness, Plic, IrqLines) {
        let lines = IrqLines::default();
        (Harness::new(4096), Plic::new(lines.clone()), lines)
    }

    #[test]
    fn priorities_are_warl_with_three_bits() {
        let (mut h, mut plic, _) = setup();
        h.w32(&mut plic, 4 * 10, 0xffff_ffff);
        assert_eq!(h.r32(&mut plic, 4 * 10), 7);
        h.w32(&mut plic, 4 * 95, 9);
        assert_eq!(h.r32(&mut plic, 4 * 95), 1);
        h.w32(&mut plic, threshold_off(1), 0xf);
        assert_eq!(h.r32(&mut plic, threshold_off(1)), 7);
    }

    #[test]
    fn claim_and_complete_with_gateway() {
        let (mut h, mut plic, lines) = setup();
        h.w32(&mut plic, 4 * 10, 1);
        h.w32(&mut plic, enable_off(0), 1 << 10);
        assert_eq!(plic.hart_irqs(0), 0);
        lines.set(10, true);
        assert_eq!(h.r32(&mut plic, PENDING_BASE), 1 << 10);
        assert_eq!(plic.hart_irqs(0), MEIP);
        assert_eq!(h.r32(&mut plic, claim_off(0)), 10);
        // In service: not pending, no interrupt, a second claim finds nothing.
        assert_eq!(h.r32(&mut plic, PENDING_BASE), 0);
        assert_eq!(plic.hart_irqs(0), 0);
        assert_eq!(h.r32(&mut plic, claim_off(0)), 0);
        // As QEMU: the level still high at completion is no new request.
        h.w32(&mut plic, claim_off(0), 10);
        assert_eq!(plic.hart_irqs(0), 0);
        assert_eq!(h.r32(&mut plic, claim_off(0)), 0);
        // The device raising its line again (already high) is one.
        lines.set(10, true);
        assert_eq!(plic.hart_irqs(0), MEIP);
        assert_eq!(h.r32(&mut plic, claim_off(0)), 10);
        // A raise while in service is pending, offered after completion.
        lines.set(10, true);
        assert_eq!(h.r32(&mut plic, PENDING_BASE), 1 << 10);
        assert_eq!(plic.hart_irqs(0), 0);
        h.w32(&mut plic, claim_off(0), 10);
        assert_eq!(plic.hart_irqs(0), MEIP);
        assert_eq!(h.r32(&mut plic, claim_off(0)), 10);
        // Lowered while in service: nothing after completion.
        lines.set(10, false);
        h.w32(&mut plic, claim_off(0), 10);
        assert_eq!(plic.hart_irqs(0), 0);
        assert_eq!(h.r32(&mut plic, claim_off(0)), 0);
    }

    #[test]
    fn a_request_stays_pending_after_the_line_drops() {
        let (mut h, mut plic, lines) = setup();
        h.w32(&mut plic, 4 * 10, 1);
        h.w32(&mut plic, enable_off(0), 1 << 10);
        lines.set(10, true);
        assert_eq!(plic.hart_irqs(0), MEIP);
        lines.set(10, false);
        // The PLIC spec: the request remains until claimed.
        assert_eq!(h.r32(&mut plic, PENDING_BASE), 1 << 10);
        assert_eq!(plic.hart_irqs(0), MEIP);
        assert_eq!(h.r32(&mut plic, claim_off(0)), 10);
        assert_eq!(h.r32(&mut plic, PENDING_BASE), 0);
        h.w32(&mut plic, claim_off(0), 10);
        assert_eq!(plic.hart_irqs(0), 0, "line low at completion: no request");
        // Disabled sources latch requests too; enabling shows them.
        h.w32(&mut plic, enable_off(0), 0);
        lines.set(10, true);
        assert_eq!(plic.hart_irqs(0), 0);
        lines.set(10, false);
        h.w32(&mut plic, enable_off(0), 1 << 10);
        assert_eq!(plic.hart_irqs(0), MEIP);
    }

    #[test]
    fn highest_priority_wins_and_ties_go_to_the_lowest_id() {
        let (mut h, mut plic, lines) = setup();
        for (source, priority) in [(1, 3), (5, 6), (7, 6), (10, 2)] {
            h.w32(&mut plic, 4 * source, priority);
            lines.set(source, true);
        }
        h.w32(&mut plic, enable_off(0), 0xffff_ffff);
        assert_eq!(h.r32(&mut plic, claim_off(0)), 5);
        assert_eq!(h.r32(&mut plic, claim_off(0)), 7);
        assert_eq!(h.r32(&mut plic, claim_off(0)), 1);
        assert_eq!(h.r32(&mut plic, claim_off(0)), 10);
        assert_eq!(h.r32(&mut plic, claim_off(0)), 0);
    }

    #[test]
    fn priority_zero_never_interrupts() {
        let (mut h, mut plic, lines) = setup();
        h.w32(&mut plic, enable_off(0), 1 << 3);
        lines.set(3, true);
        assert_eq!(h.r32(&mut plic, PENDING_BASE), 1 << 3);
        assert_eq!(plic.hart_irqs(0), 0);
        assert_eq!(h.r32(&mut plic, claim_off(0)), 0);
    }

    #[test]
    fn threshold_masks_priorities_at_or_below_it() {
        let (mut h, mut plic, lines) = setup();
        h.w32(&mut plic, 4 * 4, 3);
        h.w32(&mut plic, enable_off(1), 1 << 4);
        lines.set(4, true);
        h.w32(&mut plic, threshold_off(1), 3);
        assert_eq!(plic.hart_irqs(0), 0);
        assert_eq!(h.r32(&mut plic, claim_off(1)), 0);
        h.w32(&mut plic, threshold_off(1), 2);
        assert_eq!(plic.hart_irqs(0), SEIP);
        assert_eq!(h.r32(&mut plic, claim_off(1)), 4);
    }

    #[test]
    fn enables_are_per_context() {
        let (mut h, mut plic, lines) = setup();
        h.w32(&mut plic, 4 * 10, 1);
        h.w32(&mut plic, 4, 1);
        h.w32(&mut plic, enable_off(0), 1 << 10);
        h.w32(&mut plic, enable_off(1), 1 << 1);
        assert_eq!(h.r32(&mut plic, enable_off(1)), 1 << 1);
        lines.set(1, true);
        assert_eq!(plic.hart_irqs(0), SEIP);
        assert_eq!(h.r32(&mut plic, claim_off(0)), 0);
        lines.set(10, true);
        assert_eq!(plic.hart_irqs(0), SEIP | MEIP);
        assert_eq!(h.r32(&mut plic, claim_off(1)), 1);
        assert_eq!(h.r32(&mut plic, claim_off(0)), 10);
        // A source claimed by one context is in service for all.
        h.w32(&mut plic, enable_off(1), (1 << 1) | (1 << 10));
        lines.set(10, true);
        assert_eq!(h.r32(&mut plic, claim_off(1)), 0);
    }

    #[test]
    fn completion_of_bogus_ids_is_ignored() {
        let (mut h, mut plic, lines) = setup();
        h.w32(&mut plic, 4 * 2, 1);
        h.w32(&mut plic, enable_off(0), 1 << 2);
        lines.set(2, true);
        assert_eq!(h.r32(&mut plic, claim_off(0)), 2);
        h.w32(&mut plic, claim_off(0), 0);
        h.w32(&mut plic, claim_off(0), 5000);
        h.w32(&mut plic, claim_off(0), u32::MAX);
        assert_eq!(plic.hart_irqs(0), 0);
    }

    #[test]
    fn narrow_accesses_fault_and_unknown_offsets_read_zero() {
        let (mut h, mut plic, _) = setup();
        assert_eq!(h.read(&mut plic, 0, AccessSize::Byte), Err(BusFault));
        assert_eq!(h.write(&mut plic, 0, AccessSize::Half, 1), Err(BusFault));
        assert_eq!(h.read(&mut plic, 2, AccessSize::Word), Err(BusFault));
        for offset in [
            PENDING_BASE + 12,
            enable_off(0) + 12,
            enable_off(2),
            claim_off(2),
            0x1f_fffc,
        ] {
            h.w32(&mut plic, offset, 0xffff_ffff);
            assert_eq!(h.r32(&mut plic, offset), 0, "offset {offset:#x}");
        }
        // Pending bits are read-only.
        h.w32(&mut plic, PENDING_BASE, 0xffff_ffff);
        assert_eq!(h.r32(&mut plic, PENDING_BASE), 0);
    }
}
