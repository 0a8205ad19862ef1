//! Body items: straight-line runs, and the shapes whose targets the
//! generator must control: forward branches and jumps (32-bit and
//! compressed), counted loops (short ones over any instruction, longer
//! ones over computation, for long compiled blocks), jumps that fault on
//! fetch, LR/SC pairs, CSR traffic (FP CSRs, trap CSRs, `mstatus`/`sstatus`
//! bits, Sv32 on and off), M-mode accesses under MPRV, `mret`/`sret` that
//! stay in the body's privilege, and the odd `wfi`; and the items of
//! `smc.rs` (self-modifying code) and `irq.rs` (interrupts).

use soc::csr::state::mstatus;
use soc::csr::table as csr;
use soc::hart::Privilege;
use soc::isa::Op;

use super::enc::{self, addi, auipc0, b_type, c_branch, c_j, c_jr, csr as csr_insn, jal, li};
use super::layout::{self, FETCH_FAULT_TARGETS};
use super::pick::{ADDR_REG, DATA_REG, row};
use super::program::Gen;

/// The loop counter register.
pub(super) const LOOP_REG: u32 = 30;

/// `mstatus` masks the body sets and clears. SUM is only ever set (the S
/// handler needs it); MPRV only around a few accesses (`mprv_accesses`).
const STATUS_MASKS: [u32; 7] = [
    mstatus::FS,
    1 << mstatus::FS_SHIFT,
    2 << mstatus::FS_SHIFT,
    mstatus::MXR,
    mstatus::SPIE | mstatus::MPIE,
    mstatus::SIE | mstatus::MIE,
    mstatus::MXR | mstatus::FS,
];

impl Gen {
    /// One body item.
    pub(super) fn item(&mut self) {
        let interrupts = self.config.interrupts.is_some();
        match self.rng.below(44) {
            0..3 => self.branch_over(),
            3..5 => self.jump_over(),
            5 => self.jalr_over(),
            6..8 => self.counted_loop(),
            8 => self.long_loop(),
            9 => self.fetch_fault(),
            10 => self.lr_sc(),
            11..13 => self.self_modifying(),
            13..16 => self.csr_traffic(),
            16 => self.xret(),
            17 if self.config.body_privilege == Privilege::Machine => self.mprv_accesses(),
            18 if self.rng.below(if interrupts { 4 } else { 16 }) == 0 => self.emit(enc::WFI),
            19..21 if interrupts => self.interrupt_item(),
            _ => self.straight(),
        }
    }

    fn straights(&mut self, n: u32) {
        for _ in 0..n {
            self.straight();
        }
    }

    /// A conditional branch (often compressed) over 1..=3 straight items.
    fn branch_over(&mut self) {
        let at = self.pos();
        let compressed = self.rng.below(3) == 0;
        let (rs1, rs2, f3) = (
            self.rs(),
            self.rs(),
            [0, 1, 4, 5, 6, 7][self.rng.below(6) as usize],
        );
        let (creg, not_zero) = (8 + self.rng.below(8), self.rng.below(2) == 0);
        if compressed {
            self.emit16(enc::C_NOP);
        } else {
            self.emit(enc::NOP);
        }
        let n = 1 + self.rng.below(3);
        self.straights(n);
        let offset = (self.pos() - at) as i32;
        if compressed {
            self.patch16(at, c_branch(offset, creg, not_zero));
        } else {
            self.patch(at, b_type(offset, rs2, rs1, f3));
        }
    }

    /// `jal`, `c.j` or `c.jal` over 0..=2 straight items.
    fn jump_over(&mut self) {
        let at = self.pos();
        let kind = self.rng.below(3);
        let rd = self.rd();
        if kind == 0 {
            self.emit(enc::NOP);
        } else {
            self.emit16(enc::C_NOP);
        }
        let n = self.rng.below(3);
        self.straights(n);
        let offset = (self.pos() - at) as i32;
        match kind {
            0 => self.patch(at, jal(offset, rd)),
            k => self.patch16(at, c_j(offset, k == 2)),
        }
    }

    /// `jalr` (or `c.jr`/`c.jalr`) through `x29` over one straight item.
    fn jalr_over(&mut self) {
        let base = self.pos();
        self.emit(auipc0(ADDR_REG));
        let fix = self.pos();
        let kind = self.rng.below(3);
        let rd = self.rd();
        // addi x29 + c.jr, or jalr with the offset in its immediate.
        self.emit(enc::NOP);
        if kind != 0 {
            self.emit16(enc::C_NOP);
        }
        self.straight();
        let offset = (self.pos() - base) as i32;
        match kind {
            0 => self.patch(fix, enc::jalr(rd, ADDR_REG, offset)),
            k => {
                self.patch(fix, addi(ADDR_REG, ADDR_REG, offset));
                self.patch16(fix + 4, c_jr(ADDR_REG, k == 2));
            }
        }
    }

    /// A loop of 1..=8 iterations over 1..=6 straight items.
    fn counted_loop(&mut self) {
        let iterations = 1 + self.rng.below(8) as i32;
        self.emit(addi(LOOP_REG, 0, iterations));
        let top = self.pos();
        let n = 1 + self.rng.below(6);
        self.straights(n);
        self.emit(addi(LOOP_REG, LOOP_REG, -1));
        let back = top as i32 - self.pos() as i32;
        self.emit(b_type(back, 0, LOOP_REG, 1));
    }

    /// `jalr x29, 0(x29)` to an address that faults on fetch: the handler
    /// resumes at the link.
    fn fetch_fault(&mut self) {
        let target = FETCH_FAULT_TARGETS[self.rng.below(FETCH_FAULT_TARGETS.len() as u32) as usize];
        self.emit_all(&li(ADDR_REG, target));
        self.emit(enc::jalr(ADDR_REG, ADDR_REG, 0));
    }

    /// `lr.w`, 0..=2 straight items, `sc.w` to the same address.
    fn lr_sc(&mut self) {
        let (lr, sc) = (row(Op::LrW).match_bits, row(Op::ScW).match_bits);
        let off = (self.rng.below(0x100) as i32 - 0x80) & !3;
        self.emit(addi(ADDR_REG, DATA_REG, off));
        let (rd, rs2) = (self.rd(), self.rs());
        self.emit(lr | ADDR_REG << 15 | rd << 7);
        let n = self.rng.below(3);
        self.straights(n);
        self.emit(addi(ADDR_REG, DATA_REG, off));
        let rd = self.rd();
        self.emit(sc | rs2 << 20 | ADDR_REG << 15 | rd << 7);
    }

    /// A loop of 2..=5 iterations over 8..=24 computational words: a long
    /// compiled block that runs several times, for interrupts to land in.
    fn long_loop(&mut self) {
        let iterations = 2 + self.rng.below(4) as i32;
        self.emit(addi(LOOP_REG, 0, iterations));
        let top = self.pos();
        for _ in 0..8 + self.rng.below(17) {
            let w = self.compute_word();
            self.emit(w);
        }
        self.emit(addi(LOOP_REG, LOOP_REG, -1));
        let back = top as i32 - self.pos() as i32;
        self.emit(b_type(back, 0, LOOP_REG, 1));
    }

    /// A CSR access the handlers survive.
    fn csr_traffic(&mut self) {
        let f3 = [1, 2, 3, 5, 6, 7][self.rng.below(6) as usize];
        let rd = self.rd();
        match self.rng.below(5) {
            0 => {
                let num = [csr::FFLAGS, csr::FRM, csr::FCSR][self.rng.below(3) as usize];
                let src = self.rs();
                self.emit(csr_insn(f3, num, src, rd));
            }
            1 => {
                let num = [csr::MSTATUS, csr::SSTATUS][self.rng.below(2) as usize];
                let mask = STATUS_MASKS[self.rng.below(STATUS_MASKS.len() as u32) as usize];
                let (f3, mask) = if self.rng.below(2) == 0 {
                    (
                        2,
                        mask | if self.rng.below(4) == 0 {
                            mstatus::SUM
                        } else {
                            0
                        },
                    )
                } else {
                    (3, mask)
                };
                self.emit_all(&li(ADDR_REG, mask));
                self.emit(csr_insn(f3, num, ADDR_REG, rd));
            }
            2 => {
                // Sv32 on or off (with a random ASID), then sfence.vma.
                let value = if self.rng.below(2) == 0 {
                    layout::satp_sv32() | (self.rng.word() & 0x1ff) << 22
                } else {
                    0
                };
                self.emit_all(&li(ADDR_REG, value));
                self.emit(csr_insn(1, csr::SATP, ADDR_REG, rd));
                self.emit(enc::SFENCE_VMA);
            }
            3 => {
                let num = [
                    csr::TIME,
                    csr::CYCLE,
                    csr::INSTRET,
                    csr::MINSTRET,
                    csr::SATP,
                ][self.rng.below(5) as usize];
                self.emit(enc::csrr(rd, num));
            }
            _ => {
                let src = self.rs();
                let num = [csr::MEPC, csr::SCAUSE, csr::SEPC, csr::MTVAL, csr::STVAL]
                    [self.rng.below(5) as usize];
                self.emit(csr_insn(f3, num, src, rd));
            }
        }
    }

    /// In an M body: MPRV on with MPP = S or U for 1..=3 straight items, so
    /// loads and stores translate as that privilege, then MPRV off and
    /// MPP = M again. A trap in between is safe: it sets MPP to M, so the
    /// handler's own load of the instruction is not translated.
    fn mprv_accesses(&mut self) {
        let pp = [Privilege::Supervisor, Privilege::User][self.rng.below(2) as usize];
        self.emit_all(&li(ADDR_REG, mstatus::MPP));
        self.emit(csr_insn(3, csr::MSTATUS, ADDR_REG, 0));
        self.emit_all(&li(
            ADDR_REG,
            mstatus::MPRV | (pp as u32) << mstatus::MPP_SHIFT,
        ));
        self.emit(csr_insn(2, csr::MSTATUS, ADDR_REG, 0));
        let n = 1 + self.rng.below(3);
        self.straights(n);
        self.emit_all(&li(ADDR_REG, mstatus::MPRV));
        self.emit(csr_insn(3, csr::MSTATUS, ADDR_REG, 0));
        self.emit_all(&li(ADDR_REG, mstatus::MPP));
        self.emit(csr_insn(2, csr::MSTATUS, ADDR_REG, 0));
    }

    /// `mret` in M (or `sret` in S) back to the next instruction in the
    /// same privilege; in U both are illegal.
    fn xret(&mut self) {
        let (status, pp, epc, ret) = match self.config.body_privilege {
            Privilege::Machine => (csr::MSTATUS, mstatus::MPP, csr::MEPC, enc::MRET),
            Privilege::Supervisor => (csr::SSTATUS, mstatus::SPP, csr::SEPC, enc::SRET),
            Privilege::User => {
                let ret = [enc::MRET, enc::SRET][self.rng.below(2) as usize];
                self.emit(ret);
                return;
            }
        };
        self.emit_all(&li(ADDR_REG, pp));
        self.emit(csr_insn(2, status, ADDR_REG, 0));
        // auipc, addi, csrw, xret: the next instruction is 16 bytes on.
        self.emit(auipc0(ADDR_REG));
        self.emit(addi(ADDR_REG, ADDR_REG, 16));
        self.emit(enc::csrw(epc, ADDR_REG));
        self.emit(ret);
    }
}
