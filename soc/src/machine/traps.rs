//! Taking traps and interrupts, and the instructions that return from them
//! (Privileged ISA 3.1.6–3.1.9, 3.3, 4.1.1).

use super::Machine;
use crate::csr::state::mstatus;
use crate::hart::Privilege;
use crate::trap::{CAUSE_INTERRUPT, Exception, Interrupt};

impl Machine {
    /// Takes exception `exc` raised by the instruction at `hart.pc`.
    pub fn take_trap(&mut self, exc: Exception) {
        self.trap_into(exc.cause(), exc.tval(), false);
    }

    /// Takes interrupt `irq` before the instruction at `hart.pc`.
    pub fn take_interrupt(&mut self, irq: Interrupt) {
        self.trap_into(irq.code(), 0, true);
    }

    /// The interrupt to take now, if any: pending, enabled in `mie`, and
    /// enabled for its target privilege, highest priority first (M-level
    /// ones before delegated ones).
    #[inline]
    pub fn pending_interrupt(&self) -> Option<Interrupt> {
        let csr = &self.hart.csr;
        let pending = csr.pending_enabled();
        if pending == 0 {
            return None;
        }
        let prv = self.hart.prv;
        let m_enabled = prv < Privilege::Machine || csr.mstatus & mstatus::MIE != 0;
        let s_enabled = prv < Privilege::Supervisor
            || (prv == Privilege::Supervisor && csr.mstatus & mstatus::SIE != 0);
        let to_m = if m_enabled { pending & !csr.mideleg } else { 0 };
        let to_s = if s_enabled { pending & csr.mideleg } else { 0 };
        let candidates = if to_m != 0 { to_m } else { to_s };
        Interrupt::BY_PRIORITY
            .into_iter()
            .find(|i| candidates & i.mask() != 0)
    }

    fn trap_into(&mut self, code: u32, tval: u32, interrupt: bool) {
        let csr = &mut self.hart.csr;
        let deleg = if interrupt { csr.mideleg } else { csr.medeleg };
        let to_s = self.hart.prv <= Privilege::Supervisor && (deleg >> code) & 1 != 0;
        let cause = code | if interrupt { CAUSE_INTERRUPT } else { 0 };
        let st = csr.mstatus;
        let prv_bits = self.hart.prv as u32;
        if to_s {
            csr.scause = cause;
            csr.sepc = self.hart.pc;
            csr.stval = tval;
            let spie = if st & mstatus::SIE != 0 {
                mstatus::SPIE
            } else {
                0
            };
            let spp = if prv_bits != 0 { mstatus::SPP } else { 0 };
            csr.mstatus = (st & !(mstatus::SPIE | mstatus::SPP | mstatus::SIE)) | spie | spp;
            self.hart.pc = vector(csr.stvec, code, interrupt);
            self.hart.prv = Privilege::Supervisor;
        } else {
            csr.mcause = cause;
            csr.mepc = self.hart.pc;
            csr.mtval = tval;
            let mpie = if st & mstatus::MIE != 0 {
                mstatus::MPIE
            } else {
                0
            };
            csr.mstatus = (st & !(mstatus::MPIE | mstatus::MPP | mstatus::MIE))
                | mpie
                | (prv_bits << mstatus::MPP_SHIFT);
            self.hart.pc = vector(csr.mtvec, code, interrupt);
            self.hart.prv = Privilege::Machine;
        }
        self.update_translation_mode();
    }

    /// `mret`: returns from an M-mode trap. Illegal below M.
    pub fn mret(&mut self, raw: u32) -> Result<(), Exception> {
        if self.hart.prv != Privilege::Machine {
            return Err(Exception::IllegalInstruction(raw));
        }
        let csr = &mut self.hart.csr;
        let st = csr.mstatus;
        let mpp = csr.mpp();
        let mie = if st & mstatus::MPIE != 0 {
            mstatus::MIE
        } else {
            0
        };
        let mut new = (st & !(mstatus::MIE | mstatus::MPP)) | mie | mstatus::MPIE;
        if mpp != Privilege::Machine {
            new &= !mstatus::MPRV;
        }
        csr.mstatus = new;
        self.hart.pc = csr.mepc;
        self.hart.prv = mpp;
        self.update_translation_mode();
        self.end_run_now();
        Ok(())
    }

    /// `sret`: returns from an S-mode trap. Illegal in U-mode, and in
    /// S-mode when `mstatus.TSR` is set.
    pub fn sret(&mut self, raw: u32) -> Result<(), Exception> {
        let csr = &mut self.hart.csr;
        let prv = self.hart.prv;
        if prv == Privilege::User
            || (prv == Privilege::Supervisor && csr.mstatus & mstatus::TSR != 0)
        {
            return Err(Exception::IllegalInstruction(raw));
        }
        let st = csr.mstatus;
        let spp = if st & mstatus::SPP != 0 {
            Privilege::Supervisor
        } else {
            Privilege::User
        };
        let sie = if st & mstatus::SPIE != 0 {
            mstatus::SIE
        } else {
            0
        };
        csr.mstatus = (st & !(mstatus::SIE | mstatus::SPP | mstatus::MPRV)) | sie | mstatus::SPIE;
        self.hart.pc = csr.sepc;
        self.hart.prv = spp;
        self.update_translation_mode();
        self.end_run_now();
        Ok(())
    }

    /// Whether `wfi` may execute here: it is illegal in U-mode, and in
    /// S-mode when `mstatus.TW` is set (we never wait "a bounded time").
    pub fn check_wfi(&self, raw: u32) -> Result<(), Exception> {
        let prv = self.hart.prv;
        let tw = self.hart.csr.mstatus & mstatus::TW != 0;
        if prv == Privilege::User || (prv == Privilege::Supervisor && tw) {
            Err(Exception::IllegalInstruction(raw))
        } else {
            Ok(())
        }
    }

    /// `sfence.vma`: flushes the TLB. Illegal in U-mode, and in S-mode
    /// when `mstatus.TVM` is set.
    pub fn sfence_vma(&mut self, raw: u32) -> Result<(), Exception> {
        let prv = self.hart.prv;
        let tvm = self.hart.csr.mstatus & mstatus::TVM != 0;
        if prv == Privilege::User || (prv == Privilege::Supervisor && tvm) {
            return Err(Exception::IllegalInstruction(raw));
        }
        self.tlb.flush();
        Ok(())
    }

    /// The exception for `ecall` at the current privilege.
    pub fn ecall_exception(&self) -> Exception {
        match self.hart.prv {
            Privilege::User => Exception::EcallFromU,
            Privilege::Supervisor => Exception::EcallFromS,
            Privilege::Machine => Exception::EcallFromM,
        }
    }
}

/// The trap handler address: vectored mode sends interrupts to
/// `base + 4 * code`.
fn vector(tvec: u32, code: u32, interrupt: bool) -> u32 {
    let base = tvec & !3;
    if interrupt && tvec & 3 == 1 {
        base.wrapping_add(4 * code)
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csr::state::irq;
    use crate::machine::test_utils::machine;

    #[test]
    fn exceptions_delegate_only_below_m() {
        let mut m = machine();
        m.hart.csr.medeleg = 1 << 2;
        m.hart.csr.stvec = 0x8000_0400;
        m.hart.csr.mtvec = 0x8000_0800;
        m.hart.pc = 0x8000_0010;
        m.take_trap(Exception::IllegalInstruction(0x13));
        assert_eq!(
            (m.hart.prv, m.hart.pc, m.hart.csr.mcause),
            (Privilege::Machine, 0x8000_0800, 2)
        );
        assert_eq!((m.hart.csr.mepc, m.hart.csr.mtval), (0x8000_0010, 0x13));
        m.hart.prv = Privilege::User;
        m.hart.csr.mstatus |= mstatus::SIE;
        m.hart.pc = 0x1000;
        m.take_trap(Exception::IllegalInstruction(7));
        assert_eq!(
            (m.hart.prv, m.hart.pc),
            (Privilege::Supervisor, 0x8000_0400)
        );
        assert_eq!(
            (m.hart.csr.scause, m.hart.csr.sepc, m.hart.csr.stval),
            (2, 0x1000, 7)
        );
        let st = m.hart.csr.mstatus;
        assert_eq!(
            st & (mstatus::SPP | mstatus::SIE | mstatus::SPIE),
            mstatus::SPIE
        );
    }

    #[test]
    fn interrupt_priority_enables_and_vectoring() {
        let mut m = machine();
        m.hart.csr.mip_sw = irq::SSI | irq::SEI;
        // (MTIP is pending from reset, as mtimecmp starts at 0: leave it off.)
        m.hart.csr.mie = irq::ALL & !irq::MTI;
        assert_eq!(m.pending_interrupt(), None, "M-mode with MIE clear");
        m.hart.csr.mstatus |= mstatus::MIE;
        assert_eq!(m.pending_interrupt(), Some(Interrupt::SupervisorExternal));
        m.hart.csr.mideleg = irq::S_MASK;
        assert_eq!(m.pending_interrupt(), None, "delegated ones wait below M");
        m.hart.prv = Privilege::User;
        assert_eq!(
            m.pending_interrupt(),
            Some(Interrupt::SupervisorExternal),
            "U always takes S interrupts"
        );
        m.hart.csr.stvec = 0x8000_0101;
        m.take_interrupt(Interrupt::SupervisorExternal);
        assert_eq!(m.hart.pc, 0x8000_0100 + 4 * 9);
        assert_eq!(m.hart.csr.scause, CAUSE_INTERRUPT | 9);
    }

    #[test]
    fn returns_restore_state() {
        let mut m = machine();
        m.hart.csr.mstatus = mstatus::MPIE | (1 << mstatus::MPP_SHIFT) | mstatus::MPRV;
        m.hart.csr.mepc = 0x8000_1000;
        m.mret(0).unwrap();
        assert_eq!(
            (m.hart.prv, m.hart.pc),
            (Privilege::Supervisor, 0x8000_1000)
        );
        assert_eq!(
            m.hart.csr.mstatus & (mstatus::MIE | mstatus::MPIE | mstatus::MPP | mstatus::MPRV),
            mstatus::MIE | mstatus::MPIE
        );
        assert_eq!(
            m.mret(0x3020_0073),
            Err(Exception::IllegalInstruction(0x3020_0073))
        );
        m.hart.csr.mstatus |= mstatus::TSR;
        assert!(m.sret(1).is_err(), "TSR");
        m.hart.csr.mstatus &= !mstatus::TSR;
        m.hart.csr.sepc = 0x4000;
        m.sret(1).unwrap();
        assert_eq!((m.hart.prv, m.hart.pc), (Privilege::User, 0x4000));
        assert!(m.sret(1).is_err() && m.check_wfi(2).is_err() && m.sfence_vma(3).is_err());
    }

    #[test]
    fn the_engine_context_follows_the_translation_mode() {
        use crate::mmu::AccessKind::*;
        use crate::mmu::tlb::TlbSet;
        let mut m = machine();
        assert_eq!(m.hart.ram_base, m.ram.host_base());
        assert_eq!(
            m.hart.tlb[Read as usize],
            m.tlb.table(TlbSet::Machine, Read)
        );
        m.hart.pc = 0x1000;
        m.hart.prv = Privilege::User;
        m.hart.csr.medeleg = 1 << 8;
        m.hart.csr.mstatus |= mstatus::SUM;
        m.take_trap(Exception::EcallFromU);
        assert_eq!(
            m.hart.tlb,
            [
                m.tlb.table(TlbSet::SupervisorSum, Read),
                m.tlb.table(TlbSet::SupervisorSum, Write),
                m.tlb.table(TlbSet::SupervisorSum, Fetch),
            ]
        );
        // MPRV: loads and stores use MPP's translation, fetches M's.
        m.hart.prv = Privilege::Machine;
        m.hart.csr.mstatus |= mstatus::MPRV; // MPP = 0 (U)
        m.update_translation_mode();
        assert_eq!(m.hart.tlb[Write as usize], m.tlb.table(TlbSet::User, Write));
        assert_eq!(
            m.hart.tlb[Fetch as usize],
            m.tlb.table(TlbSet::Machine, Fetch)
        );
    }
}
