//! Test helpers shared by the ISA tests: an `Insn` builder and an encoder
//! (the inverse of the decoder), used to check the decoder and the RVC
//! expander against each other.

use super::decode::Insn;
use super::table::{Format, Op, ROWS};

/// A 32-bit `Insn` with the given fields (`raw` 0: callers fill it in).
pub(crate) fn insn(op: Op, rd: u8, rs1: u8, rs2: u8, rs3: u8, rm: u8, imm: i32) -> Insn {
    Insn {
        op,
        rd,
        rs1,
        rs2,
        rs3,
        rm,
        len: 4,
        imm,
        raw: 0,
    }
}

/// Encodes a decoded instruction back to a 32-bit word.
///
/// Panics on `Op::Illegal`, which has no encoding.
pub(crate) fn encode(i: &Insn) -> u32 {
    assert_ne!(i.op, Op::Illegal, "Op::Illegal has no encoding");
    let row = &ROWS[i.op as usize - 1];
    let (rd, rs1, rs2, rs3) = (
        u32::from(i.rd) << 7,
        u32::from(i.rs1) << 15,
        u32::from(i.rs2) << 20,
        u32::from(i.rs3) << 27,
    );
    let rm = u32::from(i.rm) << 12;
    let aqrl = u32::from(i.rm) << 25;
    let imm = i.imm.cast_unsigned();
    let bits = |hi: u32, lo: u32| (imm >> lo) & ((1 << (hi - lo + 1)) - 1);
    let fields = match row.format {
        Format::R => rd | rs1 | rs2,
        Format::RRm => rd | rs1 | rs2 | rm,
        Format::R4 => rd | rs1 | rs2 | rs3 | rm,
        Format::R1 => rd | rs1,
        Format::R1Rm => rd | rs1 | rm,
        Format::Amo => rd | rs1 | rs2 | aqrl,
        Format::Lr => rd | rs1 | aqrl,
        Format::I => rd | rs1 | bits(11, 0) << 20,
        Format::Shift => rd | rs1 | bits(4, 0) << 20,
        Format::S => rs1 | rs2 | bits(11, 5) << 25 | bits(4, 0) << 7,
        Format::B => {
            rs1 | rs2 | bits(12, 12) << 31 | bits(10, 5) << 25 | bits(4, 1) << 8 | bits(11, 11) << 7
        }
        Format::U => rd | (imm & 0xffff_f000),
        Format::J => {
            rd | bits(20, 20) << 31 | bits(10, 1) << 21 | bits(11, 11) << 20 | bits(19, 12) << 12
        }
        Format::Csr | Format::CsrI => rd | rs1 | bits(11, 0) << 20,
        Format::Fence => bits(11, 0) << 20,
        Format::Sfence => rs1 | rs2,
        Format::Sys => 0,
    };
    row.match_bits | fields
}
