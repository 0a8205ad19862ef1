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
        let mpp = Privilege::from_bits((st & mstatus::MPP) >> mstatus::MPP_SHIFT)
            .unwrap_or(Privilege::User);
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
