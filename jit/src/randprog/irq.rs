//! Interrupts, in the programs whose seed asks for them: timer interrupts
//! from the CLINT (`mtimecmp`) and from Sstc (`stimecmp`) a short distance
//! ahead of the lockstep machines' deterministic time (`mtime` counts
//! retired instructions / 10, so a compare lands on an exact instruction,
//! often inside a compiled block or loop), and software interrupts the
//! body raises itself (CLINT `msip`, `mip.SSIP`/`sip.SSIP`).
//!
//! Setup programs both compares, enables a random set of sources in `mie`,
//! delegates a random part of the S-level ones with `mideleg` and sets
//! the global enables (`mstatus.MPIE`, which the `mret` into the body
//! turns into MIE, and `SIE`). The handlers' interrupt path counts each
//! interrupt in the handler's save area, clears a software interrupt, and
//! re-arms a timer `rearm_ticks` ahead while the count stays within
//! `rearms`, after which it disables that timer in `mie`/`sie` (a timer
//! pending again at once would otherwise hold the hart in the handler).
//! Body items raise software interrupts and re-arm the timers themselves.

use soc::csr::state::{irq, menvcfgh, mstatus};
use soc::csr::table as csr;
use soc::dev::clint::{MSIP_OFFSET, MTIME_OFFSET, MTIMECMP_OFFSET};
use soc::hart::Privilege;
use soc::memmap::CLINT_BASE;

use super::Rng;
use super::boot::SAVE_COUNT;
use super::enc::{self, addi, csr as csr_insn, csrr, csrw, li};
use super::pick::ADDR_REG;
use super::program::{ForwardKind, Gen};

/// `mcounteren.TM`: S may read `time` and, under Sstc, `stimecmp`.
const MCOUNTEREN_TM: u32 = 1 << 1;
/// The sources a program may enable, each one bit of `mie`.
const SOURCES: [u32; 4] = [irq::MSI, irq::MTI, irq::SSI, irq::STI];
/// The body's scratch register for interrupt items (handlers preserve it).
const VALUE_REG: u32 = 28;
/// The interrupt path's scratch registers (the handler saves both; `x28`
/// holds the save area).
const CAUSE_REG: u32 = 27;
const TEMP_REG: u32 = 26;

/// The interrupt configuration of one program.
#[derive(Clone, Copy, Debug)]
pub struct Interrupts {
    /// `mie` at entry: the enabled sources (never empty).
    mie: u32,
    /// `mideleg`: the S-level sources the S handler takes.
    mideleg: u32,
    /// The first `mtimecmp`, in ticks from reset.
    mtimecmp: u32,
    /// The first `stimecmp`, in ticks from reset.
    stimecmp: u32,
    /// Ticks from now a handler re-arms a timer at.
    rearm_ticks: u32,
    /// Interrupts a handler takes before it disables the timers.
    rearms: u32,
    /// `mstatus` enables set at setup (MPIE and/or SIE).
    enables: u32,
}

impl Interrupts {
    /// A random configuration.
    pub fn choose(rng: &mut Rng) -> Interrupts {
        let mut mie = 0;
        while mie == 0 {
            mie = SOURCES
                .iter()
                .filter(|_| rng.below(2) == 0)
                .fold(0, |a, s| a | s);
        }
        Interrupts {
            mie,
            mideleg: rng.word() & (irq::SSI | irq::STI),
            mtimecmp: 10 + rng.below(60),
            stimecmp: 10 + rng.below(60),
            rearm_ticks: 1 + rng.below(40),
            rearms: 1 + rng.below(12),
            enables: [mstatus::MPIE, mstatus::SIE, mstatus::MPIE | mstatus::SIE]
                [rng.below(4).min(2) as usize],
        }
    }

    /// The `mcounteren` bits the S handler needs: TM when it re-arms
    /// `stimecmp`.
    pub fn mcounteren_needed(&self) -> u32 {
        if self.mideleg & irq::STI != 0 {
            MCOUNTEREN_TM
        } else {
            0
        }
    }

    /// The `mstatus` enables setup sets for a body in `body_privilege`.
    /// A U body takes S-level interrupts whatever SIE says; with SIE clear
    /// none comes in the S stage of its entry, between the `csrw sepc` and
    /// the `sret` (which it would send back to the `sret` itself).
    pub fn enables(&self, body_privilege: Privilege) -> u32 {
        match body_privilege {
            Privilege::User => self.enables & !mstatus::SIE,
            _ => self.enables,
        }
    }
}

impl Gen {
    /// M-mode setup, before `mie` may let anything in: both compares
    /// (high halves 0, so the handlers write only the low ones), Sstc on,
    /// delegation, then `mie`. Uses `x28` and `x29`.
    pub(super) fn setup_interrupts(&mut self) {
        let Some(i) = self.config.interrupts else {
            return;
        };
        self.emit_all(&li(28, CLINT_BASE + MTIMECMP_OFFSET));
        self.emit(enc::sw(0, 28, 4));
        self.emit_all(&li(29, i.mtimecmp));
        self.emit(enc::sw(29, 28, 0));
        self.emit_all(&li(28, menvcfgh::STCE));
        self.emit(csrw(csr::MENVCFGH, 28));
        self.emit(csrw(csr::STIMECMPH, 0));
        self.emit_all(&li(28, i.stimecmp));
        self.emit(csrw(csr::STIMECMP, 28));
        self.emit_all(&li(28, i.mideleg));
        self.emit(csrw(csr::MIDELEG, 28));
        self.emit_all(&li(28, i.mie));
        self.emit(csrw(csr::MIE, 28));
    }

    /// The interrupt path of the handler at `level`, entered with the
    /// cause in `x27` and the save area in `x28`; falls through when done
    /// (also in programs without interrupts, where it is empty).
    pub(super) fn interrupt_path(&mut self, level: Privilege) {
        let Some(i) = self.config.interrupts else {
            return;
        };
        let (ie, ip, sources): (u16, u16, &[u32]) = match level {
            Privilege::Machine => (csr::MIE, csr::MIP, &SOURCES),
            _ => (csr::SIE, csr::SIP, &[irq::SSI, irq::STI]),
        };
        self.emit(enc::lw(TEMP_REG, 28, SAVE_COUNT));
        self.emit(addi(TEMP_REG, TEMP_REG, 1));
        self.emit(enc::sw(TEMP_REG, 28, SAVE_COUNT));
        // TEMP_REG = 1 while the timers are re-armed, 0 once disabled.
        self.emit(enc::sltiu(TEMP_REG, TEMP_REG, i.rearms as i32 + 1));
        self.emit(enc::andi(CAUSE_REG, CAUSE_REG, 0x1f));
        let mut served = Vec::new();
        for &source in sources {
            let code = source.trailing_zeros() as i32;
            self.emit(addi(CAUSE_REG, CAUSE_REG, -code));
            let other = self.forward(ForwardKind::bnez(CAUSE_REG));
            self.serve(source, ie, ip, i.rearm_ticks as i32);
            served.push(self.forward(ForwardKind::Jump));
            self.land(other);
            self.emit(addi(CAUSE_REG, CAUSE_REG, code));
        }
        for f in served {
            self.land(f);
        }
    }

    /// Serves `source` (its `mie` bit): clears a software interrupt, or
    /// re-arms or disables (in CSR `ie`) a timer. Software interrupts are
    /// cleared through `ip` or the CLINT.
    fn serve(&mut self, source: u32, ie: u16, ip: u16, rearm_ticks: i32) {
        match source {
            irq::MSI => {
                self.emit_all(&li(CAUSE_REG, CLINT_BASE + MSIP_OFFSET));
                self.emit(enc::sw(0, CAUSE_REG, 0));
            }
            irq::SSI => self.emit(csr_insn(7, ip, irq::SSI, 0)), // csrci ip, SSIP
            _ => {
                let disable = self.forward(ForwardKind::beqz(TEMP_REG));
                self.arm_timer(source, rearm_ticks, TEMP_REG, CAUSE_REG);
                let done = self.forward(ForwardKind::Jump);
                self.land(disable);
                self.emit_all(&li(CAUSE_REG, source));
                self.emit(csr_insn(3, ie, CAUSE_REG, 0)); // csrc ie, source
                self.land(done);
            }
        }
    }

    /// Sets the low half of the compare of `timer` (MTI: CLINT `mtimecmp`,
    /// STI: `stimecmp`) to `ticks` after the low half of now, through
    /// `value` and (for the CLINT) `addr`.
    fn arm_timer(&mut self, timer: u32, ticks: i32, value: u32, addr: u32) {
        if timer == irq::MTI {
            self.emit_all(&li(addr, CLINT_BASE + MTIME_OFFSET));
            self.emit(enc::lw(value, addr, 0));
            self.emit(addi(value, value, ticks));
            self.emit_all(&li(addr, CLINT_BASE + MTIMECMP_OFFSET));
            self.emit(enc::sw(value, addr, 0));
        } else {
            self.emit(csrr(value, csr::TIME));
            self.emit(addi(value, value, ticks));
            self.emit(csrw(csr::STIMECMP, value));
        }
    }

    /// A body item of an interrupt program: raises a software interrupt
    /// (CLINT `msip` or `SSIP`, through `mip` or `sip`: illegal in U, and
    /// in S without delegation the write is ignored) or re-arms a timer.
    pub(super) fn interrupt_item(&mut self) {
        match self.rng.below(5) {
            0 => {
                self.emit_all(&li(ADDR_REG, CLINT_BASE + MSIP_OFFSET));
                self.emit(addi(VALUE_REG, 0, 1));
                self.emit(enc::sw(VALUE_REG, ADDR_REG, 0));
            }
            1 | 2 => {
                let ip = match self.config.body_privilege {
                    Privilege::Machine => csr::MIP,
                    Privilege::Supervisor => csr::SIP,
                    Privilege::User => [csr::MIP, csr::SIP][self.rng.below(2) as usize],
                };
                self.emit(csr_insn(6, ip, irq::SSI, 0)); // csrsi ip, SSIP
            }
            n => {
                let timer = [irq::MTI, irq::STI][n as usize - 3];
                let ticks = self.rng.below(30) as i32;
                self.arm_timer(timer, ticks, VALUE_REG, ADDR_REG);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use interp::Interp;
    use soc::machine::RunLimits;
    use soc::trap::CAUSE_INTERRUPT;

    use crate::lockstep::machine;
    use crate::randprog::program;

    /// A few programs, run on the interpreter, take every source at each
    /// level it may be taken at.
    #[test]
    fn programs_take_every_interrupt() {
        let mut taken = BTreeSet::new();
        let one = RunLimits {
            max_insns: Some(1),
            quit: None,
        };
        for seed in 0..200 {
            let mut m = machine(&program(seed, 40));
            let mut interp = Interp::new();
            for _ in 0..5000 {
                m.run(&mut interp, &one);
                let csr = &m.hart.csr;
                for (level, vector, cause) in
                    [('M', csr.mtvec, csr.mcause), ('S', csr.stvec, csr.scause)]
                {
                    // The first handler instruction ran: the trap was just taken.
                    if m.hart.pc == vector + 4 && cause & CAUSE_INTERRUPT != 0 {
                        taken.insert((level, cause & !CAUSE_INTERRUPT));
                    }
                }
            }
        }
        let all = [('M', 1), ('M', 3), ('M', 5), ('M', 7), ('S', 1), ('S', 5)];
        assert!(all.iter().all(|t| taken.contains(t)), "taken: {taken:?}");
    }
}
