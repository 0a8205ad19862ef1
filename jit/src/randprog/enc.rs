//! Instruction encoders: the base formats (Unprivileged ISA 2.3), the
//! compressed control-flow forms (C chapter, CJ/CB/CR) and `li`, so the
//! generator writes code as data. Offsets are in bytes.

/// An R-type word.
pub fn r_type(f7: u32, rs2: u32, rs1: u32, f3: u32, rd: u32, op: u32) -> u32 {
    f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op
}

/// An I-type word (`imm` is truncated to 12 bits).
pub fn i_type(imm: i32, rs1: u32, f3: u32, rd: u32, op: u32) -> u32 {
    ((imm as u32) & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op
}

/// An S-type word with major opcode `op`.
pub fn s_type(imm: i32, rs2: u32, rs1: u32, f3: u32, op: u32) -> u32 {
    let imm = imm as u32;
    (imm >> 5 & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (imm & 0x1f) << 7 | op
}

/// A conditional branch.
pub fn b_type(imm: i32, rs2: u32, rs1: u32, f3: u32) -> u32 {
    let imm = imm as u32;
    (imm >> 12 & 1) << 31
        | (imm >> 5 & 0x3f) << 25
        | rs2 << 20
        | rs1 << 15
        | f3 << 12
        | (imm >> 1 & 0xf) << 8
        | (imm >> 11 & 1) << 7
        | 0x63
}

/// A U-type word (`imm` already shifted).
pub fn u_type(imm: u32, rd: u32, op: u32) -> u32 {
    imm & 0xffff_f000 | rd << 7 | op
}

/// `jal rd, imm`.
pub fn jal(imm: i32, rd: u32) -> u32 {
    let imm = imm as u32;
    (imm >> 20 & 1) << 31
        | (imm >> 1 & 0x3ff) << 21
        | (imm >> 11 & 1) << 20
        | (imm >> 12 & 0xff) << 12
        | rd << 7
        | 0x6f
}

/// `rd = value` as LUI + ADDI.
pub fn li(rd: u32, value: u32) -> [u32; 2] {
    let hi = value.wrapping_add(0x800) & 0xffff_f000;
    let lo = value.wrapping_sub(hi) as i32;
    [u_type(hi, rd, 0x37), i_type(lo, rd, 0, rd, 0x13)]
}

/// `addi rd, rs1, imm`.
pub fn addi(rd: u32, rs1: u32, imm: i32) -> u32 {
    i_type(imm, rs1, 0, rd, 0x13)
}

/// `andi rd, rs1, imm`.
pub fn andi(rd: u32, rs1: u32, imm: i32) -> u32 {
    i_type(imm, rs1, 7, rd, 0x13)
}

/// `xori rd, rs1, imm`.
pub fn xori(rd: u32, rs1: u32, imm: i32) -> u32 {
    i_type(imm, rs1, 4, rd, 0x13)
}

/// `sltiu rd, rs1, imm`.
pub fn sltiu(rd: u32, rs1: u32, imm: i32) -> u32 {
    i_type(imm, rs1, 3, rd, 0x13)
}

/// `auipc rd, 0`: `rd` = the address of this instruction.
pub fn auipc0(rd: u32) -> u32 {
    u_type(0, rd, 0x17)
}

/// A CSR instruction: `f3` 1..=3 (register) or 5..=7 (immediate in `rs1`).
pub fn csr(f3: u32, csr: u16, rs1: u32, rd: u32) -> u32 {
    u32::from(csr) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | 0x73
}

/// `csrrw x0, csr, rs1`.
pub fn csrw(num: u16, rs1: u32) -> u32 {
    csr(1, num, rs1, 0)
}

/// `csrrs rd, csr, x0`.
pub fn csrr(rd: u32, num: u16) -> u32 {
    csr(2, num, 0, rd)
}

/// `lhu rd, imm(rs1)`.
pub fn lhu(rd: u32, rs1: u32, imm: i32) -> u32 {
    i_type(imm, rs1, 5, rd, 0x03)
}

/// `lw rd, imm(rs1)`.
pub fn lw(rd: u32, rs1: u32, imm: i32) -> u32 {
    i_type(imm, rs1, 2, rd, 0x03)
}

/// `sh rs2, imm(rs1)`.
pub fn sh(rs2: u32, rs1: u32, imm: i32) -> u32 {
    s_type(imm, rs2, rs1, 1, 0x23)
}

/// `sw rs2, imm(rs1)`.
pub fn sw(rs2: u32, rs1: u32, imm: i32) -> u32 {
    s_type(imm, rs2, rs1, 2, 0x23)
}

/// `jalr rd, imm(rs1)`.
pub fn jalr(rd: u32, rs1: u32, imm: i32) -> u32 {
    i_type(imm, rs1, 0, rd, 0x67)
}

/// `mret`.
pub const MRET: u32 = 0x3020_0073;
/// `sret`.
pub const SRET: u32 = 0x1020_0073;
/// `wfi`.
pub const WFI: u32 = 0x1050_0073;
/// `fence.i`.
pub const FENCE_I: u32 = 0x0000_100f;
/// `sfence.vma x0, x0`.
pub const SFENCE_VMA: u32 = 0x1200_0073;
/// `addi x0, x0, 0`.
pub const NOP: u32 = 0x0000_0013;
/// `c.nop`.
pub const C_NOP: u16 = 0x0001;

/// `c.j imm` (`c.jal imm` with `link`): the CJ immediate is
/// `[11|4|9:8|10|6|7|3:1|5]` in bits 12..2.
pub fn c_j(imm: i32, link: bool) -> u16 {
    let i = imm as u32;
    let bits = (i >> 11 & 1) << 12
        | (i >> 4 & 1) << 11
        | (i >> 8 & 3) << 9
        | (i >> 10 & 1) << 8
        | (i >> 6 & 1) << 7
        | (i >> 7 & 1) << 6
        | (i >> 1 & 7) << 3
        | (i >> 5 & 1) << 2;
    let f3 = if link { 0b001 } else { 0b101 };
    (f3 << 13 | bits | 0b01) as u16
}

/// `c.beqz`/`c.bnez rs1', imm` (`rs1` in x8..x15): the CB offset is
/// `[8|4:3]` in bits 12..10 and `[7:6|2:1|5]` in bits 6..2.
pub fn c_branch(imm: i32, rs1: u32, not_zero: bool) -> u16 {
    let i = imm as u32;
    let bits = (i >> 8 & 1) << 12
        | (i >> 3 & 3) << 10
        | (i >> 6 & 3) << 5
        | (i >> 1 & 3) << 3
        | (i >> 5 & 1) << 2;
    let f3 = if not_zero { 0b111 } else { 0b110 };
    (f3 << 13 | bits | (rs1 - 8) << 7 | 0b01) as u16
}

/// `c.jr rs1`, or `c.jalr rs1` with `link`.
pub fn c_jr(rs1: u32, link: bool) -> u16 {
    (0b100 << 13 | u32::from(link) << 12 | rs1 << 7 | 0b10) as u16
}

#[cfg(test)]
mod tests {
    use super::*;
    use soc::isa::{Op, decode, expand_rvc};

    #[test]
    fn encodings_decode_back() {
        let w = decode(b_type(-8, 3, 4, 1));
        assert_eq!((w.op, w.rs1, w.rs2, w.imm), (Op::Bne, 4, 3, -8));
        let w = decode(jal(2046, 1));
        assert_eq!((w.op, w.rd, w.imm), (Op::Jal, 1, 2046));
        let w = decode(s_type(-2047, 7, 31, 2, 0x27));
        assert_eq!((w.op, w.rs1, w.rs2, w.imm), (Op::Fsw, 31, 7, -2047));
        let w = decode(csr(6, 0x340, 5, 9));
        assert_eq!((w.op, w.rd, w.rs1, w.imm), (Op::Csrrsi, 9, 5, 0x340));
        for imm in [-2048, -2, 2, 0x7fe, 0x2aa] {
            let j = expand_rvc(c_j(imm, false));
            assert_eq!((j.op, j.rd, j.imm), (Op::Jal, 0, imm));
            assert_eq!(expand_rvc(c_j(imm, true)).rd, 1);
        }
        for imm in [-256, -2, 2, 254, 0xaa] {
            let b = expand_rvc(c_branch(imm, 9, true));
            assert_eq!((b.op, b.rs1, b.rs2, b.imm), (Op::Bne, 9, 0, imm));
            assert_eq!(expand_rvc(c_branch(imm, 15, false)).op, Op::Beq);
        }
        assert_eq!(decode(WFI).op, Op::Wfi);
        assert_eq!(decode(FENCE_I).op, Op::FenceI);
        assert_eq!(decode(SFENCE_VMA).op, Op::SfenceVma);
        let jr = expand_rvc(c_jr(29, true));
        assert_eq!((jr.op, jr.rd, jr.rs1, jr.imm), (Op::Jalr, 1, 29, 0));
    }
}
