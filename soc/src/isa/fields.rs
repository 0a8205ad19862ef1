//! Field and immediate extraction from raw instruction bits.
//!
//! [`Raw`] wraps an instruction word and has one accessor per field and one
//! function per immediate format, following the Unprivileged ISA's
//! "Base Instruction Formats" (2.2–2.3) and the RVC chapter's "Compressed
//! Instruction Formats" tables. Compressed accessors read the low 16 bits.
//! Immediates come back as `i32`: sign-extended where the format is signed,
//! zero-extended where it is unsigned, scaled to bytes where the spec scales
//! them. Every function is a pure bit shuffle and cannot fail.

/// A raw instruction: a 32-bit word, or a compressed halfword in the low 16
/// bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Raw(pub u32);

/// Bits `[hi:lo]` of `x`, shifted down.
const fn bits(x: u32, hi: u32, lo: u32) -> u32 {
    (x >> lo) & ((1u32 << (hi - lo + 1)) - 1)
}

/// Bit `pos` of `x` (0 or 1).
const fn bit(x: u32, pos: u32) -> u32 {
    (x >> pos) & 1
}

/// Sign-extends the low `width` bits of `value`.
const fn sext(value: u32, width: u32) -> i32 {
    let shift = 32 - width;
    (value << shift).cast_signed() >> shift
}

impl Raw {
    // ----- 32-bit fields -----

    /// `opcode`, bits `[6:0]`.
    pub const fn opcode(self) -> u32 {
        bits(self.0, 6, 0)
    }

    /// `rd`, bits `[11:7]`.
    pub const fn rd(self) -> u8 {
        bits(self.0, 11, 7) as u8
    }

    /// `funct3`, bits `[14:12]`.
    pub const fn funct3(self) -> u32 {
        bits(self.0, 14, 12)
    }

    /// `rs1`, bits `[19:15]` (also the 5-bit `uimm` of `csrr*i`).
    pub const fn rs1(self) -> u8 {
        bits(self.0, 19, 15) as u8
    }

    /// `rs2`, bits `[24:20]`.
    pub const fn rs2(self) -> u8 {
        bits(self.0, 24, 20) as u8
    }

    /// `rs3`, bits `[31:27]` (R4 format).
    pub const fn rs3(self) -> u8 {
        bits(self.0, 31, 27) as u8
    }

    /// `funct7`, bits `[31:25]`.
    pub const fn funct7(self) -> u32 {
        bits(self.0, 31, 25)
    }

    /// Floating-point rounding mode, bits `[14:12]` (the `funct3` position).
    pub const fn rm(self) -> u8 {
        bits(self.0, 14, 12) as u8
    }

    /// Atomic ordering bits as `aq << 1 | rl`, bits `[26:25]`.
    pub const fn aqrl(self) -> u8 {
        bits(self.0, 26, 25) as u8
    }

    /// CSR number, bits `[31:20]`.
    pub const fn csr(self) -> u16 {
        bits(self.0, 31, 20) as u16
    }

    /// RV32 shift amount, bits `[24:20]`.
    pub const fn shamt(self) -> u32 {
        bits(self.0, 24, 20)
    }

    // ----- 32-bit immediates -----

    /// I-type: `imm[11:0]` = bits `[31:20]`, sign-extended.
    pub const fn imm_i(self) -> i32 {
        self.0.cast_signed() >> 20
    }

    /// S-type: `imm[11:5]` = bits `[31:25]`, `imm[4:0]` = bits `[11:7]`.
    pub const fn imm_s(self) -> i32 {
        sext(bits(self.0, 31, 25) << 5 | bits(self.0, 11, 7), 12)
    }

    /// B-type branch offset: `imm[12|10:5]` = bits `[31:25]`,
    /// `imm[4:1|11]` = bits `[11:7]`.
    pub const fn imm_b(self) -> i32 {
        let x = self.0;
        let v = bit(x, 31) << 12 | bit(x, 7) << 11 | bits(x, 30, 25) << 5 | bits(x, 11, 8) << 1;
        sext(v, 13)
    }

    /// U-type: `imm[31:12]` = bits `[31:12]`, low 12 bits zero.
    pub const fn imm_u(self) -> i32 {
        (self.0 & 0xffff_f000).cast_signed()
    }

    /// J-type jump offset: `imm[20|10:1|11|19:12]` = bits `[31:12]`.
    pub const fn imm_j(self) -> i32 {
        let x = self.0;
        let v = bit(x, 31) << 20 | bits(x, 19, 12) << 12 | bit(x, 20) << 11 | bits(x, 30, 21) << 1;
        sext(v, 21)
    }

    // ----- compressed fields -----

    /// Compressed quadrant, bits `[1:0]` (0, 1 or 2; 3 means 32-bit).
    pub const fn c_op(self) -> u32 {
        bits(self.0, 1, 0)
    }

    /// Compressed `funct3`, bits `[15:13]`.
    pub const fn c_funct3(self) -> u32 {
        bits(self.0, 15, 13)
    }

    /// Bit 12 of a compressed instruction (`funct4`'s low bit, `imm[5]`, ...).
    pub const fn c_bit12(self) -> u32 {
        bit(self.0, 12)
    }

    /// Full `rd`/`rs1` of CR/CI forms, bits `[11:7]`.
    pub const fn c_rd(self) -> u8 {
        bits(self.0, 11, 7) as u8
    }

    /// Full `rs2` of CR/CSS forms, bits `[6:2]`.
    pub const fn c_rs2(self) -> u8 {
        bits(self.0, 6, 2) as u8
    }

    /// `rs1'`/`rd'` of CL/CS/CA/CB forms, bits `[9:7]`, as `x8..=x15`.
    pub const fn c_rs1p(self) -> u8 {
        bits(self.0, 9, 7) as u8 + 8
    }

    /// `rd'`/`rs2'` of CIW/CL/CS/CA forms, bits `[4:2]`, as `x8..=x15`.
    pub const fn c_rs2p(self) -> u8 {
        bits(self.0, 4, 2) as u8 + 8
    }

    /// CB/CA `funct2`, bits `[11:10]`.
    pub const fn c_funct2(self) -> u32 {
        bits(self.0, 11, 10)
    }

    /// CA low `funct2`, bits `[6:5]`.
    pub const fn c_funct2_low(self) -> u32 {
        bits(self.0, 6, 5)
    }

    // ----- compressed immediates -----

    /// CI: `imm[5]` = bit 12, `imm[4:0]` = bits `[6:2]`, sign-extended
    /// (`c.addi`, `c.li`, `c.andi`).
    pub const fn imm_ci(self) -> i32 {
        sext(self.c_shamt(), 6)
    }

    /// CI/CB shift amount: `shamt[5]` = bit 12, `shamt[4:0]` = bits `[6:2]`,
    /// unsigned (`c.slli`, `c.srli`, `c.srai`).
    pub const fn c_shamt(self) -> u32 {
        bit(self.0, 12) << 5 | bits(self.0, 6, 2)
    }

    /// CI `c.lui`: `nzimm[17]` = bit 12, `nzimm[16:12]` = bits `[6:2]`,
    /// sign-extended and shifted into place (the value `lui` loads).
    pub const fn imm_ci_lui(self) -> i32 {
        self.imm_ci() << 12
    }

    /// CI `c.addi16sp`: `nzimm[9]` = bit 12, `nzimm[4|6|8:7|5]` = bits
    /// `[6:2]`, sign-extended.
    pub const fn imm_ci_addi16sp(self) -> i32 {
        let x = self.0;
        let v =
            bit(x, 12) << 9 | bit(x, 6) << 4 | bit(x, 5) << 6 | bits(x, 4, 3) << 7 | bit(x, 2) << 5;
        sext(v, 10)
    }

    /// CI `c.lwsp`/`c.flwsp`: `uimm[5]` = bit 12, `uimm[4:2|7:6]` = bits
    /// `[6:2]`.
    pub const fn imm_ci_lwsp(self) -> i32 {
        let x = self.0;
        (bit(x, 12) << 5 | bits(x, 6, 4) << 2 | bits(x, 3, 2) << 6).cast_signed()
    }

    /// CI `c.fldsp`: `uimm[5]` = bit 12, `uimm[4:3|8:6]` = bits `[6:2]`.
    pub const fn imm_ci_ldsp(self) -> i32 {
        let x = self.0;
        (bit(x, 12) << 5 | bits(x, 6, 5) << 3 | bits(x, 4, 2) << 6).cast_signed()
    }

    /// CSS `c.swsp`/`c.fswsp`: `uimm[5:2|7:6]` = bits `[12:7]`.
    pub const fn imm_css_swsp(self) -> i32 {
        let x = self.0;
        (bits(x, 12, 9) << 2 | bits(x, 8, 7) << 6).cast_signed()
    }

    /// CSS `c.fsdsp`: `uimm[5:3|8:6]` = bits `[12:7]`.
    pub const fn imm_css_sdsp(self) -> i32 {
        let x = self.0;
        (bits(x, 12, 10) << 3 | bits(x, 9, 7) << 6).cast_signed()
    }

    /// CIW `c.addi4spn`: `nzuimm[5:4|9:6|2|3]` = bits `[12:5]`.
    pub const fn imm_ciw(self) -> i32 {
        let x = self.0;
        (bits(x, 12, 11) << 4 | bits(x, 10, 7) << 6 | bit(x, 6) << 2 | bit(x, 5) << 3).cast_signed()
    }

    /// CL and CS word offset (`c.lw`, `c.sw`, `c.flw`, `c.fsw`, which share
    /// one layout): `uimm[5:3]` = bits `[12:10]`, `uimm[2|6]` = bits `[6:5]`.
    pub const fn imm_cl_w(self) -> i32 {
        let x = self.0;
        (bits(x, 12, 10) << 3 | bit(x, 6) << 2 | bit(x, 5) << 6).cast_signed()
    }

    /// CL and CS doubleword offset (`c.fld`, `c.fsd`): `uimm[5:3]` = bits
    /// `[12:10]`, `uimm[7:6]` = bits `[6:5]`.
    pub const fn imm_cl_d(self) -> i32 {
        let x = self.0;
        (bits(x, 12, 10) << 3 | bits(x, 6, 5) << 6).cast_signed()
    }

    /// CB branch offset (`c.beqz`, `c.bnez`): `offset[8|4:3]` = bits
    /// `[12:10]`, `offset[7:6|2:1|5]` = bits `[6:2]`, sign-extended.
    pub const fn imm_cb(self) -> i32 {
        let x = self.0;
        let v = bit(x, 12) << 8
            | bits(x, 11, 10) << 3
            | bits(x, 6, 5) << 6
            | bits(x, 4, 3) << 1
            | bit(x, 2) << 5;
        sext(v, 9)
    }

    /// CJ jump offset (`c.j`, `c.jal`): `offset[11|4|9:8|10|6|7|3:1|5]` =
    /// bits `[12:2]`, sign-extended.
    pub const fn imm_cj(self) -> i32 {
        let x = self.0;
        let v = bit(x, 12) << 11
            | bit(x, 11) << 4
            | bits(x, 10, 9) << 8
            | bit(x, 8) << 10
            | bit(x, 7) << 6
            | bit(x, 6) << 7
            | bits(x, 5, 3) << 1
            | bit(x, 2) << 5;
        sext(v, 12)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Words below were assembled by hand from the spec's format tables and
    // checked against GNU `as -march=rv32gc`.

    #[test]
    fn register_fields() {
        // add a0, a1, a2 = 0x00c58533
        let r = Raw(0x00c5_8533);
        assert_eq!((r.opcode(), r.rd(), r.rs1(), r.rs2()), (0x33, 10, 11, 12));
        assert_eq!((r.funct3(), r.funct7()), (0, 0));
        // sub t0, t1, t2 = 0x407302b3
        let r = Raw(0x4073_02b3);
        assert_eq!((r.rd(), r.rs1(), r.rs2(), r.funct7()), (5, 6, 7, 0x20));
        // fmadd.s fa0, fa1, fa2, fa3, rtz = 0x68c59543
        let r = Raw(0x68c5_9543);
        assert_eq!(
            (r.rd(), r.rs1(), r.rs2(), r.rs3(), r.rm()),
            (10, 11, 12, 13, 1)
        );
        // amoadd.w.aqrl a0, a1, (a2) = 0x06b6252f
        let r = Raw(0x06b6_252f);
        assert_eq!(
            (r.rd(), r.rs1(), r.rs2(), r.aqrl(), r.funct3()),
            (10, 12, 11, 3, 2)
        );
        // lr.w.aq a0, (a1) = 0x1405a52f
        assert_eq!(Raw(0x1405_a52f).aqrl(), 2);
        // csrrw a0, mstatus, a1 = 0x30059573
        let r = Raw(0x3005_9573);
        assert_eq!((r.csr(), r.rd(), r.rs1()), (0x300, 10, 11));
        // csrrs zero, 0xfff, zero: the top CSR number
        assert_eq!(Raw(0xfff0_2073).csr(), 0xfff);
        // srai a0, a0, 31 = 0x41f55513
        assert_eq!(Raw(0x41f5_5513).shamt(), 31);
    }

    #[test]
    fn imm_i_vectors() {
        // addi a0, a0, 1 / -1 / 2047 / -2048
        assert_eq!(Raw(0x0015_0513).imm_i(), 1);
        assert_eq!(Raw(0xfff5_0513).imm_i(), -1);
        assert_eq!(Raw(0x7ff5_0513).imm_i(), 2047);
        assert_eq!(Raw(0x8005_0513).imm_i(), -2048);
    }

    #[test]
    fn imm_s_vectors() {
        // sw a0, 8(sp) = 0x00a12423
        assert_eq!(Raw(0x00a1_2423).imm_s(), 8);
        // sw a0, -4(s0) = 0xfea42e23
        assert_eq!(Raw(0xfea4_2e23).imm_s(), -4);
        // sw a0, 2047(sp) = 0x7ea12fa3 ; sw a0, -2048(sp) = 0x80a12023
        assert_eq!(Raw(0x7ea1_2fa3).imm_s(), 2047);
        assert_eq!(Raw(0x80a1_2023).imm_s(), -2048);
    }

    #[test]
    fn imm_b_vectors() {
        // beq a0, a1, +8 = 0x00b50463
        assert_eq!(Raw(0x00b5_0463).imm_b(), 8);
        // bne a0, zero, -4 = 0xfe051ee3
        assert_eq!(Raw(0xfe05_1ee3).imm_b(), -4);
        // beq zero, zero, +4094 = 0x7e000fe3 ; -4096 = 0x80000063
        assert_eq!(Raw(0x7e00_0fe3).imm_b(), 4094);
        assert_eq!(Raw(0x8000_0063).imm_b(), -4096);
        // beq zero, zero, +2048: only imm[11] (bit 7) set = 0x00000063 | 1 << 7
        assert_eq!(Raw(0x0000_00e3).imm_b(), 2048);
    }

    #[test]
    fn imm_u_vectors() {
        // lui a0, 0x12345 = 0x12345537 ; lui a0, 0xfffff = 0xfffff537
        assert_eq!(Raw(0x1234_5537).imm_u(), 0x1234_5000);
        assert_eq!(Raw(0xffff_f537).imm_u(), -4096);
        assert_eq!(Raw(0x8000_0537).imm_u(), i32::MIN);
    }

    #[test]
    fn imm_j_vectors() {
        // jal ra, +8 = 0x008000ef ; jal zero, -4 = 0xffdff06f
        assert_eq!(Raw(0x0080_00ef).imm_j(), 8);
        assert_eq!(Raw(0xffdf_f06f).imm_j(), -4);
        // jal zero, +0xffffe (max) = 0x7ffff06f ; -0x100000 (min) = 0x8000006f
        assert_eq!(Raw(0x7fff_f06f).imm_j(), 0xf_fffe);
        assert_eq!(Raw(0x8000_006f).imm_j(), -0x10_0000);
        // jal zero, +2048: only imm[11] (bit 20) set
        assert_eq!(Raw(0x0010_006f).imm_j(), 2048);
        // jal zero, +4096: only imm[12] (bit 12) set
        assert_eq!(Raw(0x0000_106f).imm_j(), 4096);
    }

    #[test]
    fn compressed_register_fields() {
        // c.add a0, a1 = 0x952e
        let r = Raw(0x952e);
        assert_eq!(
            (r.c_op(), r.c_funct3(), r.c_bit12(), r.c_rd(), r.c_rs2()),
            (2, 4, 1, 10, 11)
        );
        // c.sub s1, a5 = 0x8c9d: rd' = s1 (x9), rs2' = a5 (x15)
        let r = Raw(0x8c9d);
        assert_eq!(
            (r.c_rs1p(), r.c_rs2p(), r.c_funct2(), r.c_funct2_low()),
            (9, 15, 3, 0)
        );
        // c.and a0, a1 = 0x8d6d: funct2_low = 3
        assert_eq!(Raw(0x8d6d).c_funct2_low(), 3);
    }

    #[test]
    fn imm_ci_vectors() {
        // c.addi a0, 1 = 0x0505 ; c.addi a0, -1 = 0x157d ; c.li a0, -32 = 0x5501 ; c.li a0, 31 = 0x457d
        assert_eq!(Raw(0x0505).imm_ci(), 1);
        assert_eq!(Raw(0x157d).imm_ci(), -1);
        assert_eq!(Raw(0x5501).imm_ci(), -32);
        assert_eq!(Raw(0x457d).imm_ci(), 31);
        // c.slli a0, 31 = 0x057e ; c.srli s0, 1 = 0x8005 ; shamt[5] set = 0x1002 | a0
        assert_eq!(Raw(0x057e).c_shamt(), 31);
        assert_eq!(Raw(0x8005).c_shamt(), 1);
        assert_eq!(Raw(0x1502).c_shamt(), 32);
    }

    #[test]
    fn imm_ci_lui_vectors() {
        // c.lui a0, 1 = 0x6505 ; c.lui a0, 0xfffff = 0x757d ; c.lui a0, 0xfffe0 = 0x7501
        assert_eq!(Raw(0x6505).imm_ci_lui(), 0x1000);
        assert_eq!(Raw(0x757d).imm_ci_lui(), -0x1000);
        assert_eq!(Raw(0x7501).imm_ci_lui(), -0x2_0000);
        // c.lui a0, 0x1f = 0x657d
        assert_eq!(Raw(0x657d).imm_ci_lui(), 0x1_f000);
    }

    #[test]
    fn imm_ci_addi16sp_vectors() {
        // c.addi16sp sp, -16 = 0x717d ; +16 = 0x6141 ; -512 = 0x7101 ; +496 = 0x617d
        assert_eq!(Raw(0x717d).imm_ci_addi16sp(), -16);
        assert_eq!(Raw(0x6141).imm_ci_addi16sp(), 16);
        assert_eq!(Raw(0x7101).imm_ci_addi16sp(), -512);
        assert_eq!(Raw(0x617d).imm_ci_addi16sp(), 496);
        // one bit at a time: 32 (bit 2), 64 (bit 5), 128 (bit 3), 256 (bit 4)
        assert_eq!(Raw(0x6105).imm_ci_addi16sp(), 32);
        assert_eq!(Raw(0x6121).imm_ci_addi16sp(), 64);
        assert_eq!(Raw(0x6109).imm_ci_addi16sp(), 128);
        assert_eq!(Raw(0x6111).imm_ci_addi16sp(), 256);
    }

    #[test]
    fn imm_ci_sp_load_vectors() {
        // c.lwsp a0, 4(sp) = 0x4512 ; 252(sp) = 0x557e ; 32(sp) = 0x5502 ; 64(sp) = 0x4506
        assert_eq!(Raw(0x4512).imm_ci_lwsp(), 4);
        assert_eq!(Raw(0x557e).imm_ci_lwsp(), 252);
        assert_eq!(Raw(0x5502).imm_ci_lwsp(), 32);
        assert_eq!(Raw(0x4506).imm_ci_lwsp(), 64);
        // c.fldsp fa0, 8(sp) = 0x2522 ; 504(sp) = 0x357e ; 64(sp) = 0x2506 ; 32(sp) = 0x3502
        assert_eq!(Raw(0x2522).imm_ci_ldsp(), 8);
        assert_eq!(Raw(0x357e).imm_ci_ldsp(), 504);
        assert_eq!(Raw(0x2506).imm_ci_ldsp(), 64);
        assert_eq!(Raw(0x3502).imm_ci_ldsp(), 32);
    }

    #[test]
    fn imm_css_vectors() {
        // c.swsp a0, 4(sp) = 0xc22a ; 252(sp) = 0xdfaa ; 64(sp) = 0xc0aa
        assert_eq!(Raw(0xc22a).imm_css_swsp(), 4);
        assert_eq!(Raw(0xdfaa).imm_css_swsp(), 252);
        assert_eq!(Raw(0xc0aa).imm_css_swsp(), 64);
        // c.fsdsp fa0, 8(sp) = 0xa42a ; 504(sp) = 0xbfaa ; 64(sp) = 0xa0aa
        assert_eq!(Raw(0xa42a).imm_css_sdsp(), 8);
        assert_eq!(Raw(0xbfaa).imm_css_sdsp(), 504);
        assert_eq!(Raw(0xa0aa).imm_css_sdsp(), 64);
    }

    #[test]
    fn imm_ciw_vectors() {
        // c.addi4spn a0, sp, 4 = 0x0048 ; 8 = 0x0028 ; 16 = 0x0808 ; 64 = 0x0088 ; 1020 = 0x1fe8
        assert_eq!(Raw(0x0048).imm_ciw(), 4);
        assert_eq!(Raw(0x0028).imm_ciw(), 8);
        assert_eq!(Raw(0x0808).imm_ciw(), 16);
        assert_eq!(Raw(0x0088).imm_ciw(), 64);
        assert_eq!(Raw(0x1fe8).imm_ciw(), 1020);
    }

    #[test]
    fn imm_cl_cs_vectors() {
        // c.lw a0, 4(a1) = 0x41c8 ; 64(a1) = 0x41a8 ; 8(a1) = 0x4588 ; 124(a1) = 0x5dE8
        assert_eq!(Raw(0x41c8).imm_cl_w(), 4);
        assert_eq!(Raw(0x41a8).imm_cl_w(), 64);
        assert_eq!(Raw(0x4588).imm_cl_w(), 8);
        assert_eq!(Raw(0x5de8).imm_cl_w(), 124);
        // c.sw a0, 4(a1) = 0xc1c8 (CS shares the CL layout)
        assert_eq!(Raw(0xc1c8).imm_cl_w(), 4);
        // c.fld fa0, 8(a1) = 0x2588 ; 64(a1) = 0x21a8 ; 248(a1) = 0x3de8
        assert_eq!(Raw(0x2588).imm_cl_d(), 8);
        assert_eq!(Raw(0x21a8).imm_cl_d(), 64);
        assert_eq!(Raw(0x3de8).imm_cl_d(), 248);
        // c.fsd fa0, 128(a1) = 0xa1c8
        assert_eq!(Raw(0xa1c8).imm_cl_d(), 128);
    }

    #[test]
    fn imm_cb_vectors() {
        // c.beqz a0, +2 = 0xc109 ; -2 = 0xdd7d ; +254 = 0xcd7d ; -256 = 0xd101
        assert_eq!(Raw(0xc109).imm_cb(), 2);
        assert_eq!(Raw(0xdd7d).imm_cb(), -2);
        assert_eq!(Raw(0xcd7d).imm_cb(), 254);
        assert_eq!(Raw(0xd101).imm_cb(), -256);
        // single bits: 8 (bit 10), 32 (bit 2), 64 (bit 5)
        assert_eq!(Raw(0xc501).imm_cb(), 8);
        assert_eq!(Raw(0xc105).imm_cb(), 32);
        assert_eq!(Raw(0xc121).imm_cb(), 64);
    }

    #[test]
    fn imm_cj_vectors() {
        // c.j +2 = 0xa009 ; -2 = 0xbffd ; +2046 = 0xaffd ; -2048 = 0xb001
        assert_eq!(Raw(0xa009).imm_cj(), 2);
        assert_eq!(Raw(0xbffd).imm_cj(), -2);
        assert_eq!(Raw(0xaffd).imm_cj(), 2046);
        assert_eq!(Raw(0xb001).imm_cj(), -2048);
        // single bits: 16 (bit 11), 1024 (bit 8), 64 (bit 7), 128 (bit 6), 32 (bit 2), 256 (bit 9)
        assert_eq!(Raw(0xa801).imm_cj(), 16);
        assert_eq!(Raw(0xa101).imm_cj(), 1024);
        assert_eq!(Raw(0xa081).imm_cj(), 64);
        assert_eq!(Raw(0xa041).imm_cj(), 128);
        assert_eq!(Raw(0xa005).imm_cj(), 32);
        assert_eq!(Raw(0xa201).imm_cj(), 256);
        // c.jal +8 = 0x2021
        assert_eq!(Raw(0x2021).imm_cj(), 8);
    }
}
