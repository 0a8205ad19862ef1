//! Page 0 of a random program: the entry jump, the M-mode and S-mode trap
//! handlers, and the setup that runs in M-mode and enters the body in its
//! privilege (M→S with `mret`, and on to U with `sret`).
//!
//! Both handlers skip the instruction that trapped and return: they read
//! its first halfword at `xepc` (identity mapping, and `sstatus.SUM` for
//! the S handler reading user pages) to learn its length. A fetch fault
//! (cause 1 or 12) cannot be skipped that way: the body makes such jumps
//! only as `jalr x29, 0(x29)`, so the handlers resume at `x29`, the link.
//! An interrupt returns to where it struck, after the interrupt path
//! (`irq.rs`) has served it.
//!
//! An interrupt may come anywhere, also between two instructions of the
//! body that pass a value in `x28`, and an M-level one inside the S
//! handler; so each handler preserves the registers it uses (`x26`-`x28`)
//! in its own save area, found through `mscratch`/`sscratch` (which the
//! body therefore never writes): `csrrw x28, xscratch, x28` swaps the
//! area's address in on entry and back out before the return.

use soc::csr::state::mstatus;
use soc::csr::table::{FRM, MCOUNTEREN, MEDELEG, MEPC, MSTATUS, MTVEC, PMPADDR0, PMPCFG0, SATP};
use soc::csr::table::{MCAUSE, MSCRATCH, SCAUSE, SEPC, SSCRATCH, STVEC};
use soc::hart::Privilege;

use super::enc::{self, addi, csr, csrr, csrw, li};
use super::layout::{self, BODY_OFFSET, DataPage, PAGE_BYTES};
use super::program::{ForwardKind, Gen};
use super::values;

/// The PMP entry that lets S and U reach everything: NAPOT over the whole
/// address space, RWX (an S/U access matching no entry fails).
const PMP_ALL: (u32, u32) = (u32::MAX, 0x1f);

/// Offsets in a handler's save area: `x26`, `x27`, and the count of
/// interrupts the handler took.
const SAVE_X26: i32 = 0;
const SAVE_X27: i32 = 4;
pub(super) const SAVE_COUNT: i32 = 8;

/// The save area of the handler at `level`, at the end of the read-write
/// data page (the FP table is at its start).
fn save_area(level: Privilege) -> u32 {
    let end = DataPage::ReadWrite.addr() + PAGE_BYTES;
    match level {
        Privilege::Machine => end - 0x20,
        _ => end - 0x10,
    }
}

impl Gen {
    /// Writes page 0 and leaves the hart entering the body; `fp_values`
    /// entries of the FP table are there to load.
    pub(super) fn boot(&mut self, fp_values: u32) {
        let jump = self.pos();
        self.emit(enc::NOP);
        let m_handler = self.pos();
        self.handler(Privilege::Machine);
        let s_handler = self.pos();
        self.handler(Privilege::Supervisor);
        let setup = self.pos();
        self.patch(jump, enc::jal((setup - jump) as i32, 0));

        self.csr_li(MTVEC, layout::code_addr(m_handler));
        self.csr_li(STVEC, layout::code_addr(s_handler));
        self.csr_li(PMPADDR0, PMP_ALL.0);
        self.csr_li(PMPCFG0, PMP_ALL.1);
        self.csr_li(MEDELEG, self.config.medeleg);
        self.csr_li(MCOUNTEREN, self.config.mcounteren);
        for (level, scratch) in [
            (Privilege::Machine, MSCRATCH),
            (Privilege::Supervisor, SSCRATCH),
        ] {
            self.csr_li(scratch, save_area(level));
            self.emit(enc::sw(0, 28, SAVE_COUNT));
        }
        self.setup_interrupts();
        let body = self.config.body_privilege;
        let enables = self.config.interrupts.map_or(0, |i| i.enables(body));
        self.emit_all(&li(
            28,
            self.config.fs << mstatus::FS_SHIFT | mstatus::SUM | enables,
        ));
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

    /// The trap handler of `level`: saves `x26`-`x28`, skips the trapping
    /// instruction, resumes at `x29` after a fetch fault or serves an
    /// interrupt, restores and returns.
    fn handler(&mut self, level: Privilege) {
        let (scratch, cause, epc, ret) = match level {
            Privilege::Machine => (MSCRATCH, MCAUSE, MEPC, enc::MRET),
            _ => (SSCRATCH, SCAUSE, SEPC, enc::SRET),
        };
        self.emit(csr(1, scratch, 28, 28)); // csrrw x28, xscratch, x28
        self.emit(enc::sw(26, 28, SAVE_X26));
        self.emit(enc::sw(27, 28, SAVE_X27));
        self.emit(csrr(27, cause));
        let interrupt = self.forward(ForwardKind::bltz(27));
        self.emit(addi(26, 27, -1));
        let access_fault = self.forward(ForwardKind::beqz(26));
        self.emit(addi(26, 27, -12));
        let page_fault = self.forward(ForwardKind::beqz(26));
        self.emit_all(&[
            csrr(27, epc),
            enc::lhu(26, 27, 0),
            enc::andi(26, 26, 3),
            addi(27, 27, 2),
            addi(26, 26, -3),
        ]);
        let compressed = self.forward(ForwardKind::bnez(26));
        self.emit(addi(27, 27, 2));
        self.land(compressed);
        self.emit(csrw(epc, 27));
        let skipped = self.forward(ForwardKind::Jump);
        self.land(access_fault);
        self.land(page_fault);
        self.emit(csrw(epc, 29));
        let resumed = self.forward(ForwardKind::Jump);
        self.land(interrupt);
        self.interrupt_path(level);
        self.land(skipped);
        self.land(resumed);
        self.emit_all(&[
            enc::lw(26, 28, SAVE_X26),
            enc::lw(27, 28, SAVE_X27),
            csr(1, scratch, 28, 28),
            ret,
        ]);
    }
}
