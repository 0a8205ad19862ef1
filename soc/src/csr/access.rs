//! CSR instructions: privilege checks, then the WARL read/write rules of
//! each register (Privileged ISA chapters 2–3, 10.1; Sstc).
//!
//! Reads have no side effects. Every write but those of the FP CSRs ends the
//! engine's run after the instruction (see `machine/run.rs`), so that the
//! interrupts it may enable are taken at once. Writes that change translation flush the TLB
//! (`satp`, `mstatus.MXR`, PMP) or reselect the TLB set (privilege, SUM,
//! MPRV). Choices where the spec leaves room: `misa` is read-only; a
//! reserved `mtvec`/`stvec` mode or `MPP` = 2 leaves the field unchanged;
//! performance counters 3–31 read zero; `mcycle` counts instructions; PMP
//! entries 16–63 read zero; the Sdtrig CSRs exist with no trigger behind them
//! (as riscv-tests and OpenSBI probe them).

use super::state::{MEDELEG_MASK, MISA_VALUE, irq, menvcfgh, mstatus};
use super::table::{self, *};
use crate::bus::{read_half, write_half};
use crate::hart::Privilege;
use crate::machine::Machine;
use crate::mmu::pmp;
use crate::trap::Exception;

/// The operation of a CSR instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsrOp {
    /// `csrrw`/`csrrwi`: write the operand.
    Write,
    /// `csrrs`/`csrrsi`: set the operand's bits.
    Set,
    /// `csrrc`/`csrrci`: clear the operand's bits.
    Clear,
}

/// `mcountinhibit` bits we honour: CY and IR.
const INHIBIT_MASK: u32 = 0b101;
/// `mcounteren`/`mcountinhibit` bit of `time` (TM).
const TM: u32 = 1 << 1;

impl Machine {
    /// Executes the access of a CSR instruction on CSR `num`: returns the
    /// old value. `writes` is false for `csrrs/c` with x0 or a zero
    /// immediate. `raw` is the instruction, for the illegal-instruction tval.
    pub fn csr_access(
        &mut self,
        num: u16,
        op: CsrOp,
        operand: u32,
        writes: bool,
        raw: u32,
    ) -> Result<u32, Exception> {
        let illegal = Exception::IllegalInstruction(raw);
        if (self.hart.prv as u8) < table::min_privilege(num) || (writes && table::is_read_only(num))
        {
            return Err(illegal);
        }
        let old = self.csr_read(num).ok_or(illegal)?;
        if writes {
            let base = if num == MIP || num == SIP {
                old & !(irq::SEI & !self.hart.csr.mip_sw)
            } else {
                old
            };
            let new = match op {
                CsrOp::Write => operand,
                CsrOp::Set => base | operand,
                CsrOp::Clear => base & !operand,
            };
            self.csr_write(num, new);
        }
        Ok(old)
    }

    /// The value of CSR `num`, or `None` if it does not exist or may not be
    /// accessed in the current state (counter enables, FS, TVM, STCE).
    pub fn csr_read(&self, num: u16) -> Option<u32> {
        let csr = &self.hart.csr;
        let prv = self.hart.prv;
        Some(match num {
            FFLAGS | FRM | FCSR if csr.fs() == 0 => return None,
            FFLAGS => csr.fflags,
            FRM => csr.frm,
            FCSR => (csr.frm << 5) | csr.fflags,
            CYCLE
            | TIME
            | INSTRET
            | CYCLEH
            | TIMEH
            | INSTRETH
            | HPMCOUNTER3..=HPMCOUNTER31
            | HPMCOUNTER3H..=HPMCOUNTER31H => {
                if !self.counter_enabled(u32::from(num & 0x1f)) {
                    return None;
                }
                read_half(self.counter(num & 0x1f), num & 0x80 != 0)
            }
            MCYCLE | MINSTRET | MCYCLEH | MINSTRETH => {
                read_half(self.counter(num & 0x1f), num & 0x80 != 0)
            }
            MHPMCOUNTER3..=MHPMCOUNTER31
            | MHPMCOUNTER3H..=MHPMCOUNTER31H
            | MHPMEVENT3..=MHPMEVENT31 => 0,
            SSTATUS => self.mstatus_value() & mstatus::SSTATUS_MASK,
            SIE => csr.mie & csr.mideleg,
            STVEC => csr.stvec,
            SCOUNTEREN => csr.scounteren,
            SENVCFG => csr.senvcfg,
            SSCRATCH => csr.sscratch,
            SEPC => csr.sepc,
            SCAUSE => csr.scause,
            STVAL => csr.stval,
            SIP => (csr.mip_sw | self.hardware_irqs()) & csr.mideleg,
            STIMECMP | STIMECMPH => {
                if prv < Privilege::Machine && (!csr.sstc_enabled() || csr.mcounteren & TM == 0) {
                    return None;
                }
                read_half(csr.stimecmp, num == STIMECMPH)
            }
            SATP if prv == Privilege::Supervisor && csr.mstatus & mstatus::TVM != 0 => return None,
            SATP => csr.satp,
            MVENDORID | MARCHID | MIMPID | MHARTID | MCONFIGPTR | MSTATUSH => 0,
            MSTATUS => self.mstatus_value(),
            MISA => MISA_VALUE,
            MEDELEG => csr.medeleg,
            MIDELEG => csr.mideleg,
            MIE => csr.mie,
            MTVEC => csr.mtvec,
            MCOUNTEREN => csr.mcounteren,
            MENVCFG => csr.menvcfg,
            MENVCFGH => csr.menvcfgh,
            MCOUNTINHIBIT => csr.mcountinhibit,
            MSCRATCH => csr.mscratch,
            MEPC => csr.mepc,
            MCAUSE => csr.mcause,
            MTVAL => csr.mtval,
            MIP => csr.mip_sw | self.hardware_irqs(),
            PMPCFG0..=PMPCFG3 => {
                let i = usize::from(num - PMPCFG0) * 4;
                u32::from_le_bytes([
                    csr.pmpcfg[i],
                    csr.pmpcfg[i + 1],
                    csr.pmpcfg[i + 2],
                    csr.pmpcfg[i + 3],
                ])
            }
            PMPADDR0..=PMPADDR15 => csr.pmpaddr[usize::from(num - PMPADDR0)],
            // Entries 16-63 are not implemented: read-only zero.
            PMPCFG4..=PMPCFG15 | PMPADDR16..=PMPADDR63 => 0,
            // Sdtrig with no triggers: tselect is 0 and tdata1 reads type 0
            // ("no trigger"); tinfo says only type 0 exists.
            TSELECT | TDATA1 | TDATA2 | TDATA3 => 0,
            TINFO => 1,
            _ => return None,
        })
    }

    /// Writes CSR `num` (already checked to exist and be writable),
    /// applying its WARL rules.
    fn csr_write(&mut self, num: u16, value: u32) {
        let retired = self.hart.retired;
        let csr = &mut self.hart.csr;
        match num {
            FFLAGS => csr.fflags = value & 0x1f,
            FRM => csr.frm = value & 7,
            FCSR => {
                csr.fflags = value & 0x1f;
                csr.frm = (value >> 5) & 7;
            }
            MCYCLE | MINSTRET | MCYCLEH | MINSTRETH => {
                let index = num & 0x1f;
                let new = write_half(self.counter(index), num & 0x80 != 0, value);
                self.set_counter(index, new, retired);
            }
            MHPMCOUNTER3..=MHPMCOUNTER31
            | MHPMCOUNTER3H..=MHPMCOUNTER31H
            | MHPMEVENT3..=MHPMEVENT31 => {}
            SSTATUS => {
                let v = (csr.mstatus & !mstatus::SSTATUS_MASK) | (value & mstatus::SSTATUS_MASK);
                self.write_mstatus(v);
            }
            SIE => csr.mie = (csr.mie & !csr.mideleg) | (value & csr.mideleg & irq::ALL),
            STVEC => csr.stvec = legal_tvec(csr.stvec, value),
            SCOUNTEREN => csr.scounteren = value,
            SENVCFG => csr.senvcfg = value & 1,
            SSCRATCH => csr.sscratch = value,
            SEPC => csr.sepc = value & !1,
            SCAUSE => csr.scause = value,
            STVAL => csr.stval = value,
            SIP => {
                let writable = irq::SSI & csr.mideleg;
                csr.mip_sw = (csr.mip_sw & !writable) | (value & writable);
            }
            STIMECMP | STIMECMPH => {
                csr.stimecmp = write_half(csr.stimecmp, num == STIMECMPH, value);
                self.refresh_interrupts();
            }
            SATP => {
                csr.satp = value;
                self.tlb.flush();
            }
            MSTATUS => self.write_mstatus(value),
            MISA | MSTATUSH => {}
            MEDELEG => csr.medeleg = value & MEDELEG_MASK,
            MIDELEG => csr.mideleg = value & irq::S_MASK,
            MIE => csr.mie = value & irq::ALL,
            MTVEC => csr.mtvec = legal_tvec(csr.mtvec, value),
            MCOUNTEREN => csr.mcounteren = value,
            MENVCFG => csr.menvcfg = value & 1,
            MENVCFGH => {
                csr.menvcfgh = value & menvcfgh::STCE;
                if csr.sstc_enabled() {
                    // STIP now follows stimecmp; the software bit is gone.
                    csr.mip_sw &= !irq::STI;
                }
                self.refresh_interrupts();
            }
            MCOUNTINHIBIT => {
                let cy = self.counter(0);
                let ir = self.counter(2);
                self.hart.csr.mcountinhibit = value & INHIBIT_MASK;
                self.set_counter(0, cy, retired);
                self.set_counter(2, ir, retired);
            }
            MSCRATCH => csr.mscratch = value,
            MEPC => csr.mepc = value & !1,
            MCAUSE => csr.mcause = value,
            MTVAL => csr.mtval = value,
            MIP => {
                let mut writable = irq::SSI | irq::SEI;
                if !csr.sstc_enabled() {
                    writable |= irq::STI;
                }
                csr.mip_sw = (csr.mip_sw & !writable) | (value & writable);
            }
            PMPCFG0..=PMPCFG3 => {
                let first = usize::from(num - PMPCFG0) * 4;
                for (i, byte) in value.to_le_bytes().into_iter().enumerate() {
                    let entry = &mut csr.pmpcfg[first + i];
                    if *entry & pmp::cfg::L == 0 {
                        *entry = pmp::legalize_cfg(byte);
                    }
                }
                self.tlb.flush();
                self.update_translation_mode();
            }
            PMPADDR0..=PMPADDR15 => {
                let i = usize::from(num - PMPADDR0);
                if !pmp::addr_locked(&csr.pmpcfg, i) {
                    csr.pmpaddr[i] = value;
                }
                self.tlb.flush();
            }
            PMPCFG4..=PMPCFG15
            | PMPADDR16..=PMPADDR63
            | TSELECT
            | TDATA1
            | TDATA2
            | TDATA3
            | TINFO => {}
            _ => log::debug!("csr {num:#x}: write ignored"),
        }
        if matches!(num, FFLAGS | FRM | FCSR) {
            self.hart.csr.mstatus |= mstatus::FS;
        } else {
            // Interrupt enables, pending bits, timers and translation may
            // have changed: the run loop looks again before the next one.
            self.end_run_now();
        }
    }

    /// `mstatus` with SD computed from FS.
    fn mstatus_value(&self) -> u32 {
        let st = self.hart.csr.mstatus;
        if st & mstatus::FS == mstatus::FS {
            st | mstatus::SD
        } else {
            st
        }
    }

    fn write_mstatus(&mut self, value: u32) {
        let csr = &mut self.hart.csr;
        let old = csr.mstatus;
        let mut new = (old & !mstatus::WRITABLE) | (value & mstatus::WRITABLE);
        if (new & mstatus::MPP) >> mstatus::MPP_SHIFT == 2 {
            new = (new & !mstatus::MPP) | (old & mstatus::MPP);
        }
        csr.mstatus = new;
        if (old ^ new) & mstatus::MXR != 0 {
            self.tlb.flush();
        }
        self.update_translation_mode();
    }

    /// Whether counter `index` (0 = cycle, 1 = time, 2 = instret, 3–31 =
    /// hpm) may be read at the current privilege.
    fn counter_enabled(&self, index: u32) -> bool {
        let csr = &self.hart.csr;
        match self.hart.prv {
            Privilege::Machine => true,
            Privilege::Supervisor => csr.mcounteren >> index & 1 != 0,
            Privilege::User => (csr.mcounteren & csr.scounteren) >> index & 1 != 0,
        }
    }

    /// The 64-bit value of counter `index` (0 cycle, 1 time, 2 instret).
    fn counter(&self, index: u16) -> u64 {
        let csr = &self.hart.csr;
        let retired = self.hart.retired;
        let running = |bit: u32, offset: u64| {
            if csr.mcountinhibit & bit != 0 {
                offset
            } else {
                retired.wrapping_add(offset)
            }
        };
        match index {
            0 => running(1, csr.cycle_offset),
            1 => self.mtime(),
            2 => running(1 << 2, csr.instret_offset),
            _ => 0,
        }
    }

    /// Sets counter `index` as written by the current instruction: the
    /// write replaces that instruction's own increment, which the engine
    /// adds afterwards (so one less is stored while the counter runs).
    fn set_counter(&mut self, index: u16, value: u64, retired: u64) {
        let csr = &mut self.hart.csr;
        let (bit, offset) = match index {
            0 => (1, &mut csr.cycle_offset),
            2 => (1 << 2, &mut csr.instret_offset),
            _ => return,
        };
        *offset = if csr.mcountinhibit & bit != 0 {
            value
        } else {
            value.wrapping_sub(retired).wrapping_sub(1)
        };
    }
}

/// A `tvec` write: reserved modes (2, 3) leave the register unchanged.
fn legal_tvec(old: u32, value: u32) -> u32 {
    if value & 3 >= 2 { old } else { value }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::machine::test_utils::machine;

    const RAW: u32 = 0x1234_5673;

    fn write(m: &mut Machine, num: u16, value: u32) -> Result<u32, Exception> {
        m.csr_access(num, CsrOp::Write, value, true, RAW)
    }

    fn read(m: &mut Machine, num: u16) -> Result<u32, Exception> {
        m.csr_access(num, CsrOp::Set, 0, false, RAW)
    }

    #[test]
    fn mstatus_fields_and_views() {
        let mut m = machine();
        write(&mut m, MSTATUS, u32::MAX).unwrap();
        let st = read(&mut m, MSTATUS).unwrap();
        assert_eq!(st, mstatus::WRITABLE | mstatus::SD, "SD follows FS = Dirty");
        write(&mut m, MSTATUS, 2 << mstatus::MPP_SHIFT).unwrap();
        assert_eq!(
            read(&mut m, MSTATUS).unwrap() & mstatus::MPP,
            mstatus::MPP,
            "MPP = 2 is kept out"
        );
        assert_eq!(
            read(&mut m, SSTATUS).unwrap() & mstatus::MPP,
            0,
            "sstatus hides MPP"
        );
        write(&mut m, SSTATUS, mstatus::SIE).unwrap();
        assert_eq!(
            read(&mut m, MSTATUS).unwrap() & (mstatus::SIE | mstatus::MPP),
            mstatus::SIE | mstatus::MPP
        );
        assert_eq!(read(&mut m, MSTATUSH).unwrap(), 0);
    }

    #[test]
    fn warl_masks() {
        let mut m = machine();
        for (num, written, expected) in [
            (MISA, 0, MISA_VALUE),
            (MEDELEG, u32::MAX, MEDELEG_MASK),
            (MIDELEG, u32::MAX, irq::S_MASK),
            (MIE, u32::MAX, irq::ALL),
            (MEPC, 0x8000_0003, 0x8000_0002),
            (SEPC, 0xffff_ffff, 0xffff_fffe),
            (MTVEC, 0x8000_0101, 0x8000_0101),
            (MTVEC, 0x9000_0002, 0x8000_0101),
            (STVEC, 0x8000_0003, 0),
            (MENVCFG, u32::MAX, 1),
            (MENVCFGH, u32::MAX, menvcfgh::STCE),
            (MCOUNTINHIBIT, u32::MAX, INHIBIT_MASK),
            (0xb03, 5, 0),
            (0x3a4, u32::MAX, 0),
            (0x3c0, u32::MAX, 0),
            (TSELECT, 3, 0),
            (TDATA1, u32::MAX, 0),
            (TINFO, 0, 1),
        ] {
            write(&mut m, num, written).unwrap();
            assert_eq!(
                read(&mut m, num),
                Ok(expected),
                "csr {num:#x} after writing {written:#x}"
            );
        }
    }

    #[test]
    fn mip_sip_and_sie_views() {
        let mut m = machine();
        write(&mut m, MIP, u32::MAX).unwrap();
        assert_eq!(
            read(&mut m, MIP).unwrap() & !m.hart.csr.mip_hw,
            irq::SSI | irq::STI | irq::SEI
        );
        write(&mut m, MIDELEG, irq::SSI).unwrap();
        assert_eq!(read(&mut m, SIP).unwrap(), irq::SSI);
        write(&mut m, SIP, 0).unwrap();
        assert_eq!(read(&mut m, MIP).unwrap() & irq::SSI, 0);
        write(&mut m, SIE, u32::MAX).unwrap();
        assert_eq!(
            read(&mut m, MIE).unwrap(),
            irq::SSI,
            "sie writes only delegated bits"
        );
    }

    #[test]
    fn mip_reads_see_the_timer_live() {
        use crate::addr::VirtAddr;
        use crate::dev::clint::MTIMECMP_OFFSET;
        use crate::memmap::CLINT_BASE;
        let mut m = machine();
        let at = |off| VirtAddr(CLINT_BASE + MTIMECMP_OFFSET + off);
        let due = m.mtime() + 10;
        m.store(at(4), ((due >> 32) as u32).to_le_bytes()).unwrap();
        m.store(at(0), (due as u32).to_le_bytes()).unwrap();
        assert_eq!(read(&mut m, MIP).unwrap() & irq::MTI, 0);
        // Time passes with no run-loop refresh (MTIE is off, so no
        // deadline would end a run there).
        while m.mtime() < due {
            m.hart.retired += 1;
        }
        assert_eq!(read(&mut m, MIP).unwrap() & irq::MTI, irq::MTI);
        write(&mut m, MENVCFGH, menvcfgh::STCE).unwrap();
        write(&mut m, MIDELEG, irq::STI).unwrap();
        let soon = m.mtime() + 5;
        write(&mut m, STIMECMPH, (soon >> 32) as u32).unwrap();
        write(&mut m, STIMECMP, soon as u32).unwrap();
        assert_eq!(read(&mut m, SIP).unwrap() & irq::STI, 0);
        while m.mtime() < soon {
            m.hart.retired += 1;
        }
        assert_eq!(read(&mut m, SIP).unwrap() & irq::STI, irq::STI);
    }

    #[test]
    fn access_rules() {
        let mut m = machine();
        let illegal = Err(Exception::IllegalInstruction(RAW));
        assert_eq!(write(&mut m, MHARTID, 1), illegal, "read-only by number");
        assert_eq!(read(&mut m, MHARTID), Ok(0), "csrrs x0 does not write");
        assert_eq!(read(&mut m, 0x7b0), illegal, "dcsr needs debug mode");
        assert_eq!(read(&mut m, 0x5ff), illegal, "unknown");
        m.hart.prv = Privilege::Supervisor;
        assert_eq!(read(&mut m, MSTATUS), illegal, "M CSR from S");
        assert_eq!(read(&mut m, CYCLE), illegal, "mcounteren.CY clear");
        assert_eq!(read(&mut m, STIMECMP), illegal, "STCE clear");
        m.hart.prv = Privilege::Machine;
        write(&mut m, MCOUNTEREN, 0b111).unwrap();
        write(&mut m, MENVCFGH, menvcfgh::STCE).unwrap();
        m.hart.prv = Privilege::Supervisor;
        assert!(read(&mut m, CYCLE).is_ok());
        assert!(read(&mut m, STIMECMP).is_ok());
        m.hart.prv = Privilege::User;
        assert_eq!(read(&mut m, CYCLE), illegal, "scounteren.CY clear");
        m.hart.prv = Privilege::Machine;
        write(&mut m, MSTATUS, 0).unwrap();
        assert_eq!(read(&mut m, FCSR), illegal, "FS = Off");
    }

    #[test]
    fn instret_writes_replace_the_increment() {
        let mut m = machine();
        m.hart.retired = 100;
        write(&mut m, MINSTRET, 7).unwrap();
        m.hart.retired += 1; // the engine retires the csrw itself
        assert_eq!(read(&mut m, MINSTRET), Ok(7));
        write(&mut m, MINSTRETH, 2).unwrap();
        m.hart.retired += 1;
        assert_eq!(read(&mut m, MINSTRETH), Ok(2));
        write(&mut m, MCOUNTINHIBIT, 0b100).unwrap();
        let frozen = read(&mut m, MINSTRET).unwrap();
        m.hart.retired += 50;
        assert_eq!(read(&mut m, MINSTRET), Ok(frozen), "inhibited");
    }
}
