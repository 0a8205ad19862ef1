//! Straight-line instructions, chosen from soc's instruction table so that
//! every RV32GC row can appear: a row's match bits with random bits in the
//! fields its mask leaves open (so rounding modes, `aq`/`rl`, `rs3`, fence
//! sets and shift amounts are all random), then the fields the program
//! must control set on purpose: integer destinations (never the reserved
//! `x27`–`x31`), CSR numbers (random writes go only to CSRs whose value
//! does not break the handlers), and memory addresses. Compressed
//! instructions are random halfwords that soc's RVC expansion accepts,
//! and some words are random illegal encodings.

use soc::csr::table as csr;
use soc::isa::{Flags, Format, Insn, Op, ROWS, Row, decode32, expand_rvc};

use super::enc::{self, li};
use super::layout::{self, BODY_BYTES, BODY_OFFSET, DEVICE_TARGETS, DataPage, PAGE_BYTES};
use super::program::Gen;
use super::values;

/// The register a memory access computes its address in when it is not
/// `x31` (also the link of the fetch-fault jumps).
pub const ADDR_REG: u32 = 29;
/// The base register that points into the read-write data page (`+0x800`,
/// so every 12-bit offset stays in the page).
pub const DATA_REG: u32 = 31;

/// CSRs a random value may be written to: neither the handlers (which
/// rely on `mscratch`, `sscratch` and `mcounteren.TM`) nor the page tables
/// depend on them. Read-only and unknown numbers trap.
const WRITABLE_CSRS: [u16; 17] = [
    csr::FFLAGS,
    csr::FRM,
    csr::FCSR,
    csr::MEPC,
    csr::SEPC,
    csr::MTVAL,
    csr::STVAL,
    csr::MCAUSE,
    csr::SCAUSE,
    csr::SCOUNTEREN,
    csr::MINSTRET,
    csr::MINSTRETH,
    csr::MCYCLE,
    csr::CYCLE,
    csr::MHARTID,
    csr::TIME,
    0x7c0,
];

/// The table row of `op` (`ROWS` is in `Op` order, without `Op::Illegal`).
pub fn row(op: Op) -> &'static Row {
    &ROWS[op as usize - 1]
}

/// True when `row` writes an integer `rd`.
fn writes_x_rd(format: Format, flags: Flags) -> bool {
    !flags.contains(Flags::FP_RD)
        && !matches!(
            format,
            Format::S | Format::B | Format::Fence | Format::Sfence | Format::Sys
        )
}

/// The rows the straight-line picker draws from: all but control flow
/// (emitted by `flow.rs` with targets it controls) and `mret`/`sret`/`wfi`
/// (items of their own).
fn straight_rows() -> impl Iterator<Item = &'static Row> {
    ROWS.iter().filter(|r| {
        !r.flags.intersects(Flags::JUMP | Flags::BRANCH)
            && !matches!(r.op, Op::Mret | Op::Sret | Op::Wfi)
    })
}

/// True when `insn` writes one of the registers the body keeps (`x27`-`x31`).
fn writes_reserved(insn: &Insn) -> bool {
    writes_x_rd(insn.op.format(), insn.op.flags()) && insn.rd >= 27
}

/// Whether the halfword `half` may stand in the body as a compressed
/// instruction: it is one, not control flow, writing no reserved register.
pub(super) fn is_body_half(half: u16) -> bool {
    if half & 3 == 3 {
        return false;
    }
    let insn = expand_rvc(half);
    !insn.op.flags().intersects(Flags::JUMP | Flags::BRANCH) && !writes_reserved(&insn)
}

/// Whether the 32-bit word `w` may stand in the body where a
/// [`Gen::compute_word`] was: no memory access, CSR or control flow, and
/// no write to a reserved register (an illegal word is fine: it traps).
pub(super) fn is_compute_word(w: u32) -> bool {
    let insn = decode32(w);
    let flags = insn.op.flags();
    let ends = flags.contains(Flags::ENDS_BLOCK) && insn.op != Op::Illegal;
    w & 3 == 3
        && !flags.intersects(Flags::MEM | Flags::CSR | Flags::JUMP | Flags::BRANCH)
        && !ends
        && !writes_reserved(&insn)
}

impl Gen {
    /// A destination register the body may write: `x1`–`x26`, now and
    /// then `x0`.
    pub(super) fn rd(&mut self) -> u32 {
        if self.rng.below(32) == 0 {
            0
        } else {
            1 + self.rng.below(26)
        }
    }

    /// Any register, as a source.
    pub(super) fn rs(&mut self) -> u32 {
        self.rng.below(32)
    }

    /// One straight-line instruction (with the `li` that sets up its
    /// address, for memory accesses).
    pub(super) fn straight(&mut self) {
        match self.rng.below(16) {
            0..3 => {
                let half = self.compressed_half();
                self.emit16(half);
            }
            3 if self.rng.below(4) == 0 => self.illegal(),
            _ => {
                let row = self.pick_row();
                self.emit_row(row);
            }
        }
    }

    fn pick_row(&mut self) -> &'static Row {
        let count = straight_rows().count() as u32;
        let n = self.rng.below(count) as usize;
        straight_rows().nth(n).unwrap_or(&ROWS[0])
    }

    /// One word of `row` with random open fields; memory rows get an
    /// address set up first.
    pub(super) fn emit_row(&mut self, row: &'static Row) {
        let mut w = self.row_word(row);
        match row.format {
            Format::Csr | Format::CsrI => w = w & 0x000f_ffff | u32::from(self.csr_number(w)) << 20,
            _ if row.flags.contains(Flags::MEM) => {
                w = self.address(row, w);
            }
            _ => {}
        }
        self.emit(w);
    }

    /// `row`'s match bits, random open fields, and a body destination.
    fn row_word(&mut self, row: &Row) -> u32 {
        let w = row.match_bits | (self.rng.word() & !row.mask);
        if writes_x_rd(row.format, row.flags) && row.mask & 0xf80 == 0 {
            w & !0xf80 | self.rd() << 7
        } else {
            w
        }
    }

    /// A random word that decodes as no instruction.
    fn illegal(&mut self) {
        loop {
            let w = self.rng.word() | 3;
            if decode32(w).op == Op::Illegal {
                self.emit(w);
                return;
            }
        }
    }

    /// A compressed instruction that is not control flow and writes no
    /// reserved register (a few tries; else `c.nop`).
    pub(super) fn compressed_half(&mut self) -> u16 {
        for _ in 0..16 {
            let half = self.rng.word() as u16;
            if is_body_half(half) {
                return half;
            }
        }
        enc::C_NOP
    }

    /// The CSR for a CSR instruction `w`: when it writes, one of
    /// [`WRITABLE_CSRS`]; a pure read may name any CSR or none.
    fn csr_number(&mut self, w: u32) -> u16 {
        let writes = w >> 12 & 3 == 1 || w >> 15 & 0x1f != 0;
        if writes {
            return WRITABLE_CSRS[self.rng.below(WRITABLE_CSRS.len() as u32) as usize];
        }
        loop {
            let num = self.rng.below(0x1000) as u16;
            let known = csr::name(num).is_some() || (csr::PMPCFG0..=csr::PMPADDR63).contains(&num);
            if known || self.rng.below(16) == 0 {
                return num;
            }
        }
    }

    /// Sets the address of memory row `row` in word `w`: usually `x31`
    /// with an offset in the read-write page, else `x29` set up by `li`
    /// to another data page, a device, a hole or (loads only) code, else a
    /// random register. Offsets are usually aligned to the access width.
    fn address(&mut self, row: &Row, w: u32) -> u32 {
        let store = row.flags.contains(Flags::STORE);
        let no_offset = matches!(row.format, Format::Amo | Format::Lr);
        let width = 1u32 << (w >> 12 & 3);
        let choice = self.rng.below(10);
        let (base, offset) = if choice < 6 {
            let mut off = self.rng.below(0x1000) as i32 - 0x800;
            if self.rng.below(4) != 0 {
                off &= !(width as i32 - 1);
            }
            if no_offset {
                self.emit(enc::addi(ADDR_REG, DATA_REG, off));
                (ADDR_REG, 0)
            } else {
                (DATA_REG, off)
            }
        } else if choice < 9 {
            let target = match self.rng.below(4) {
                0 | 1 => values::data_pointer(&mut self.rng),
                2 => DEVICE_TARGETS[self.rng.below(DEVICE_TARGETS.len() as u32) as usize],
                _ if !store => layout::code_addr(BODY_OFFSET + self.rng.below(BODY_BYTES)),
                _ => DataPage::ReadWrite.addr() + PAGE_BYTES - 4 + self.rng.below(8),
            };
            self.emit_all(&li(ADDR_REG, target));
            (ADDR_REG, 0)
        } else {
            (
                self.rs(),
                if no_offset {
                    0
                } else {
                    self.rng.word() as i32 >> 20
                },
            )
        };
        let w = w & !(0x1f << 15) | base << 15;
        match row.format {
            Format::S => {
                let imm = offset as u32;
                w & 0x01ff_f07f | (imm >> 5 & 0x7f) << 25 | (imm & 0x1f) << 7
            }
            Format::I => w & 0x000f_ffff | (offset as u32 & 0xfff) << 20,
            _ => w,
        }
    }

    /// A random computational word for self-modifying code: a row that is
    /// neither memory, CSR nor control flow, with a safe destination.
    pub(super) fn compute_word(&mut self) -> u32 {
        loop {
            let row = self.pick_row();
            if !row
                .flags
                .intersects(Flags::MEM | Flags::CSR | Flags::ENDS_BLOCK)
            {
                return self.row_word(row);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_op_has_its_row() {
        for op in Op::ALL.into_iter().skip(1) {
            assert_eq!(row(op).op, op);
        }
    }
}
