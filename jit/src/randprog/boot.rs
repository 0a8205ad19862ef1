//! Page 0 of a random program: the entry jump, the M-mode and S-mode trap
//! handlers, and the setup that runs in M-mode and enters the body in its
//! privilege (M→S with `mret`, and on to U with `sret`).
//!
//! Both handlers skip the instruction that trapped and return: they read
//! its first halfword at `xepc` (identity mapping, and `sstatus.SUM` for
//! the S handler reading user pages) to learn its length. A fetch fault
//! (cause 1 or 12) cannot be skipped that way: the body makes such jumps
//! only as `jalr x29, 0(x29)`, so the handlers resume at `x29`, the link.
//! Interrupts are never enabled (`mie` stays 0); should one arrive, the
//! handlers return without skipping. The handlers own `x27` and `x28`.

use soc::csr::state::mstatus;
use soc::csr::table::{FRM, MEDELEG, MEPC, MSTATUS, MTVEC, PMPADDR0, PMPCFG0, SATP, SEPC, STVEC};
use soc::csr::table::{MCAUSE, SCAUSE};
use soc::hart::Privilege;

use super::enc::{self, addi, b_type, csr, csrr, csrw, li};
use super::layout::{self, BODY_OFFSET, DataPage};
use super::program::Gen;
use super::values;

/// The PMP entry that lets S and U reach everything: NAPOT over the whole
/// address space, RWX (an S/U access matching no entry fails).
const PMP_ALL: (u32, u32) = (u32::MAX, 0x1f);

impl Gen {
    /// Writes page 0 and leaves the hart entering the body; `fp_values`
    /// entries of the FP table are there to load.
    pub(super) fn boot(&mut self, fp_values: u32) {
        let jump = self.pos();
        self.emit(enc::NOP);
        let m_handler = self.pos();
        self.handler(MCAUSE, MEPC, enc::MRET);
        let s_handler = self.pos();
        self.handler(SCAUSE, SEPC, enc::SRET);
        let setup = self.pos();
        self.patch(jump, enc::jal((setup - jump) as i32, 0));

        self.csr_li(MTVEC, layout::code_addr(m_handler));
        self.csr_li(STVEC, layout::code_addr(s_handler));
        self.csr_li(PMPADDR0, PMP_ALL.0);
        self.csr_li(PMPCFG0, PMP_ALL.1);
        self.csr_li(MEDELEG, self.config.medeleg);
        self.emit_all(&li(28, self.config.fs << mstatus::FS_SHIFT | mstatus::SUM));
        self.emit(csr(2, MSTATUS, 28, 0));
        let frm = self.rng.below(5);
        self.emit(csr(5, FRM, frm, 0));
        let rw = DataPage::ReadWrite.addr();
        self.emit_all(&li(31, rw));
        for f in 0..32 {
            let entry = self.rng.below(fp_values) as i32;
            self.emit(enc::i_type(8 * entry, 31, 3, f, 0x07)); // fld
        }
        let satp = if self.config.sv32 {
            layout::satp_sv32()
        } else {
            0
        };
        self.csr_li(SATP, satp);
        for rd in 1..31 {
            let v = values::int_edge(&mut self.rng);
            self.emit_all(&li(rd, v));
        }
        self.emit_all(&li(31, rw + 0x800));
        self.enter_body();
    }

    /// `csrw num, value` through `x28`.
    fn csr_li(&mut self, num: u16, value: u32) {
        self.emit_all(&li(28, value));
        self.emit(csrw(num, 28));
    }

    /// Sets `mstatus.MPP` to `prv` and returns with `mret` to `target`.
    fn mret_to(&mut self, prv: Privilege, target: u32) {
        self.emit_all(&li(28, mstatus::MPP));
        self.emit(csr(3, MSTATUS, 28, 0));
        self.emit_all(&li(28, (prv as u32) << mstatus::MPP_SHIFT));
        self.emit(csr(2, MSTATUS, 28, 0));
        self.csr_li(MEPC, target);
        self.emit(enc::MRET);
    }

    /// M → the body's privilege; to U through S (`sstatus.SPP` is 0 from
    /// reset, so `sret` goes to U).
    fn enter_body(&mut self) {
        let body = layout::code_addr(BODY_OFFSET);
        match self.config.body_privilege {
            Privilege::User => {
                // A sizing pass finds where the S stage starts (`li` is
                // always two words), then the real one.
                let start = self.pos();
                self.mret_to(Privilege::Supervisor, 0);
                let s_stage = self.pos();
                self.seek(start);
                self.mret_to(Privilege::Supervisor, layout::code_addr(s_stage));
                self.csr_li(SEPC, body);
                self.emit(enc::SRET);
            }
            prv => self.mret_to(prv, body),
        }
    }

    /// A trap handler on `cause`/`epc` returning with `ret`: skips the
    /// trapping instruction, or resumes at `x29` after a fetch fault.
    fn handler(&mut self, cause: u16, epc: u16, ret: u32) {
        let words = [
            csrr(28, cause),
            addi(27, 28, -1),
            b_type(13 * 4, 0, 27, 0), // beqz x27, fetch (instruction access fault)
            addi(27, 28, -12),
            b_type(11 * 4, 0, 27, 0), // beqz x27, fetch (instruction page fault)
            b_type(9 * 4, 0, 28, 4),  // bltz x28, return (an interrupt)
            csrr(28, epc),
            enc::lhu(27, 28, 0),
            enc::i_type(3, 27, 7, 27, 0x13), // andi x27, x27, 3
            addi(28, 28, 2),
            addi(27, 27, -3),
            b_type(8, 0, 27, 1), // bnez x27: a compressed instruction
            addi(28, 28, 2),
            csrw(epc, 28),
            ret,
            csrw(epc, 29), // fetch:
            ret,
        ];
        self.emit_all(&words);
    }
}
