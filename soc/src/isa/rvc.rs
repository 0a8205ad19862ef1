//! RV32C expansion: each compressed instruction becomes the `Insn` of the
//! base instruction it stands for, with `len = 2`, so no engine carries RVC
//! semantics.
//!
//! Follows the Unprivileged ISA's "C" chapter (RVC opcode map and the
//! RV32-only forms `c.jal`, `c.flw`, `c.fsw`, `c.flwsp`, `c.fswsp`; with D,
//! also `c.fld`, `c.fsd`, `c.fldsp`, `c.fsdsp`). Reserved code points decode
//! to [`Op::Illegal`]: the all-zero halfword and every `c.addi4spn` with
//! `nzuimm = 0`, `c.addi16sp`/`c.lui` with a zero immediate, `c.lwsp` with
//! `rd = x0`, `c.jr` with `rs1 = x0`, shifts with `shamt[5] = 1` (custom on
//! RV32), the RV64-only `c.subw`/`c.addw` slots, and the unused quadrant-0
//! and CA code points (Zcb, which we do not implement). HINT code points
//! (`rd = x0` forms, zero shift amounts, `c.addi` with a zero immediate)
//! decode to the ordinary instruction, which is harmless.

use super::decode::Insn;
use super::fields::Raw;
use super::table::Op;

/// `sp`, the implicit base of the stack-pointer-relative forms.
const SP: u8 = 2;
/// `ra`, the implicit link register of `c.jal`/`c.jalr`.
const RA: u8 = 1;

/// Expands the compressed instruction `half` (whose low two bits are not
/// `11`) to its base instruction. Reserved encodings, and halfwords that
/// are not compressed instructions at all, give [`Op::Illegal`].
pub fn expand(half: u16) -> Insn {
    let raw = u32::from(half);
    let r = Raw(raw);
    let base = |op, rd, rs1, rs2, imm| Insn {
        op,
        rd,
        rs1,
        rs2,
        rs3: 0,
        rm: 0,
        len: 2,
        imm,
        raw,
    };
    let illegal = Insn::illegal(raw, 2);
    let (rd, rs2) = (r.c_rd(), r.c_rs2());
    let (rs1p, rs2p) = (r.c_rs1p(), r.c_rs2p());
    match (r.c_op(), r.c_funct3()) {
        // Quadrant 0: CIW, CL and CS forms on x8..x15.
        (0, 0) => match r.imm_ciw() {
            0 => illegal,
            imm => base(Op::Addi, rs2p, SP, 0, imm),
        },
        (0, 1) => base(Op::Fld, rs2p, rs1p, 0, r.imm_cl_d()),
        (0, 2) => base(Op::Lw, rs2p, rs1p, 0, r.imm_cl_w()),
        (0, 3) => base(Op::Flw, rs2p, rs1p, 0, r.imm_cl_w()),
        (0, 5) => base(Op::Fsd, 0, rs1p, rs2p, r.imm_cl_d()),
        (0, 6) => base(Op::Sw, 0, rs1p, rs2p, r.imm_cl_w()),
        (0, 7) => base(Op::Fsw, 0, rs1p, rs2p, r.imm_cl_w()),

        // Quadrant 1: immediates, jumps and branches.
        (1, 0) => base(Op::Addi, rd, rd, 0, r.imm_ci()),
        (1, 1) => base(Op::Jal, RA, 0, 0, r.imm_cj()),
        (1, 2) => base(Op::Addi, rd, 0, 0, r.imm_ci()),
        (1, 3) if rd == SP => match r.imm_ci_addi16sp() {
            0 => illegal,
            imm => base(Op::Addi, SP, SP, 0, imm),
        },
        (1, 3) => match r.imm_ci_lui() {
            0 => illegal,
            imm => base(Op::Lui, rd, 0, 0, imm),
        },
        (1, 4) => misc_alu(r, illegal, base),
        (1, 5) => base(Op::Jal, 0, 0, 0, r.imm_cj()),
        (1, 6) => base(Op::Beq, 0, rs1p, 0, r.imm_cb()),
        (1, 7) => base(Op::Bne, 0, rs1p, 0, r.imm_cb()),

        // Quadrant 2: full registers and stack-pointer-relative forms.
        (2, 0) if r.c_bit12() == 1 => illegal,
        (2, 0) => base(Op::Slli, rd, rd, 0, r.c_shamt() as i32),
        (2, 1) => base(Op::Fld, rd, SP, 0, r.imm_ci_ldsp()),
        (2, 2) if rd == 0 => illegal,
        (2, 2) => base(Op::Lw, rd, SP, 0, r.imm_ci_lwsp()),
        (2, 3) => base(Op::Flw, rd, SP, 0, r.imm_ci_lwsp()),
        (2, 4) => match (r.c_bit12(), rd, rs2) {
            (0, 0, 0) => illegal,
            (0, _, 0) => base(Op::Jalr, 0, rd, 0, 0),
            (0, _, _) => base(Op::Add, rd, 0, rs2, 0),
            (_, 0, 0) => base(Op::Ebreak, 0, 0, 0, 0),
            (_, _, 0) => base(Op::Jalr, RA, rd, 0, 0),
            (_, _, _) => base(Op::Add, rd, rd, rs2, 0),
        },
        (2, 5) => base(Op::Fsd, 0, SP, rs2, r.imm_css_sdsp()),
        (2, 6) => base(Op::Sw, 0, SP, rs2, r.imm_css_swsp()),
        (2, 7) => base(Op::Fsw, 0, SP, rs2, r.imm_css_swsp()),

        // Quadrant 0 funct3 4 is reserved; quadrant 3 is not compressed.
        _ => illegal,
    }
}

/// Quadrant 1, funct3 `100`: `c.srli`, `c.srai`, `c.andi` and the CA
/// register-register forms, all on `rd' = rs1'`.
fn misc_alu(r: Raw, illegal: Insn, base: impl Fn(Op, u8, u8, u8, i32) -> Insn) -> Insn {
    let rd = r.c_rs1p();
    match r.c_funct2() {
        0 | 1 if r.c_bit12() == 1 => illegal,
        0 => base(Op::Srli, rd, rd, 0, r.c_shamt() as i32),
        1 => base(Op::Srai, rd, rd, 0, r.c_shamt() as i32),
        2 => base(Op::Andi, rd, rd, 0, r.imm_ci()),
        _ if r.c_bit12() == 1 => illegal,
        _ => {
            let op = match r.c_funct2_low() {
                0 => Op::Sub,
                1 => Op::Xor,
                2 => Op::Or,
                _ => Op::And,
            };
            base(op, rd, rd, r.c_rs2p(), 0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::decode::decode32;
    use super::super::test_utils::{encode, insn};
    use super::*;

    /// A compressed instruction's expected expansion (`raw` 0: filled in by callers).
    fn c(op: Op, rd: u8, rs1: u8, rs2: u8, imm: i32) -> Insn {
        Insn {
            len: 2,
            ..insn(op, rd, rs1, rs2, 0, 0, imm)
        }
    }

    /// Every compressed form, with halfwords checked against GNU
    /// `as -march=rv32gc`.
    #[test]
    fn expansion_vectors() {
        use Op::*;
        #[rustfmt::skip]
        let cases: &[(u16, Insn)] = &[
            (0x1fe0, c(Addi, 8, 2, 0, 1020)),    // c.addi4spn s0, sp, 1020
            (0x0048, c(Addi, 10, 2, 0, 4)),      // c.addi4spn a0, sp, 4
            (0x3fe4, c(Fld, 9, 15, 0, 248)),     // c.fld fs1, 248(a5)
            (0x5c7c, c(Lw, 15, 8, 0, 124)),      // c.lw a5, 124(s0)
            (0x61c8, c(Flw, 10, 11, 0, 4)),      // c.flw fa0, 4(a1)
            (0xa41c, c(Fsd, 0, 8, 15, 8)),       // c.fsd fa5, 8(s0)
            (0xc324, c(Sw, 0, 14, 9, 64)),       // c.sw s1, 64(a4)
            (0xffe0, c(Fsw, 0, 15, 8, 124)),     // c.fsw fs0, 124(a5)
            (0x0001, c(Addi, 0, 0, 0, 0)),       // c.nop
            (0x1501, c(Addi, 10, 10, 0, -32)),   // c.addi a0, -32
            (0x0505, c(Addi, 10, 10, 0, 1)),     // c.addi a0, 1
            (0x2021, c(Jal, 1, 0, 0, 8)),        // c.jal +8
            (0x3001, c(Jal, 1, 0, 0, -2048)),    // c.jal -2048
            (0x4ffd, c(Addi, 31, 0, 0, 31)),     // c.li t6, 31
            (0x5501, c(Addi, 10, 0, 0, -32)),    // c.li a0, -32
            (0x7101, c(Addi, 2, 2, 0, -512)),    // c.addi16sp sp, -512
            (0x717d, c(Addi, 2, 2, 0, -16)),     // c.addi16sp sp, -16
            (0x7081, c(Lui, 1, 0, 0, -0x2_0000)), // c.lui ra, 0xfffe0
            (0x6dfd, c(Lui, 27, 0, 0, 0x1_f000)), // c.lui s11, 0x1f
            (0x83fd, c(Srli, 15, 15, 0, 31)),    // c.srli a5, 31
            (0x8405, c(Srai, 8, 8, 0, 1)),       // c.srai s0, 1
            (0x997d, c(Andi, 10, 10, 0, -1)),    // c.andi a0, -1
            (0x8c1d, c(Sub, 8, 8, 15, 0)),       // c.sub s0, a5
            (0x8d2d, c(Xor, 10, 10, 11, 0)),     // c.xor a0, a1
            (0x8cd1, c(Or, 9, 9, 12, 0)),        // c.or s1, a2
            (0x8ef9, c(And, 13, 13, 14, 0)),     // c.and a3, a4
            (0xaffd, c(Jal, 0, 0, 0, 2046)),     // c.j +2046
            (0xb001, c(Jal, 0, 0, 0, -2048)),    // c.j -2048
            (0xd101, c(Beq, 0, 10, 0, -256)),    // c.beqz a0, -256
            (0xed7d, c(Bne, 0, 10, 0, 254)),     // c.bnez a0, +254
            (0x0286, c(Slli, 5, 5, 0, 1)),       // c.slli t0, 1
            (0x307e, c(Fld, 0, 2, 0, 504)),      // c.fldsp ft0, 504(sp)
            (0x50fe, c(Lw, 1, 2, 0, 252)),       // c.lwsp ra, 252(sp)
            (0x6512, c(Flw, 10, 2, 0, 4)),       // c.flwsp fa0, 4(sp)
            (0x8082, c(Jalr, 0, 1, 0, 0)),       // c.jr ra
            (0x8526, c(Add, 10, 0, 9, 0)),       // c.mv a0, s1
            (0x9002, c(Ebreak, 0, 0, 0, 0)),     // c.ebreak
            (0x9282, c(Jalr, 1, 5, 0, 0)),       // c.jalr t0
            (0x912a, c(Add, 2, 2, 10, 0)),       // c.add sp, a0
            (0xbfee, c(Fsd, 0, 2, 27, 504)),     // c.fsdsp fs11, 504(sp)
            (0xc006, c(Sw, 0, 2, 1, 0)),         // c.swsp ra, 0(sp)
            (0xfffe, c(Fsw, 0, 2, 31, 252)),     // c.fswsp ft11, 252(sp)
            // HINTs decode to the plain instruction.
            (0x0081, c(Addi, 1, 1, 0, 0)),       // c.addi ra, 0
            (0x0015, c(Addi, 0, 0, 0, 5)),       // c.addi zero, 5
            (0x4015, c(Addi, 0, 0, 0, 5)),       // c.li zero, 5
            (0x6005, c(Lui, 0, 0, 0, 0x1000)),   // c.lui zero, 1
            (0x802a, c(Add, 0, 0, 10, 0)),       // c.mv zero, a0
            (0x902a, c(Add, 0, 0, 10, 0)),       // c.add zero, a0
            (0x0502, c(Slli, 10, 10, 0, 0)),     // c.slli a0, 0
            (0x0006, c(Slli, 0, 0, 0, 1)),       // c.slli zero, 1
            (0x8101, c(Srli, 10, 10, 0, 0)),     // c.srli a0, 0
            (0x8501, c(Srai, 10, 10, 0, 0)),     // c.srai a0, 0
        ];
        for &(half, want) in cases {
            let want = Insn {
                raw: u32::from(half),
                ..want
            };
            assert_eq!(expand(half), want, "{half:#06x}");
        }
    }

    #[test]
    fn reserved_encodings_are_illegal() {
        for half in [
            0x0000u16, // all zero (c.addi4spn, nzuimm = 0)
            0x0004,    // c.addi4spn a1, sp, 0
            0x8000,    // quadrant 0 funct3 100 (Zcb)
            0x9ffc,    // quadrant 0 funct3 100, other bits
            0x6101,    // c.addi16sp sp, 0
            0x6501,    // c.lui a0, 0
            0x6001,    // c.lui zero, 0
            0x9005,    // c.srli s0 with shamt[5] = 1
            0x9405,    // c.srai s0 with shamt[5] = 1
            0x9c01,    // c.subw (RV64)
            0x9c21,    // c.addw (RV64)
            0x9c41,    // CA reserved 10
            0x9c61,    // CA reserved 11
            0x1502,    // c.slli a0 with shamt[5] = 1
            0x4002,    // c.lwsp zero, 0(sp)
            0x5002,    // c.lwsp zero, 32(sp)
            0x8002,    // c.jr zero
            0x0003,    // not compressed (quadrant 3)
            0xffff,    // not compressed
        ] {
            assert_eq!(
                expand(half),
                Insn::illegal(u32::from(half), 2),
                "{half:#06x}"
            );
        }
    }

    /// Every 16-bit pattern: an expansion is either `Illegal` (with every
    /// operand field 0) or exactly what its 32-bit equivalent decodes to.
    #[test]
    fn every_halfword_agrees_with_the_32bit_decoder() {
        let mut legal = 0;
        for half in 0..=u16::MAX {
            let i = expand(half);
            assert_eq!((i.len, i.raw), (2, u32::from(half)));
            if i.op == Op::Illegal {
                assert_eq!(i, Insn::illegal(u32::from(half), 2));
                continue;
            }
            legal += 1;
            assert_ne!(half & 3, 3);
            let word = encode(&i);
            assert_eq!(
                Insn {
                    len: 2,
                    raw: u32::from(half),
                    ..decode32(word)
                },
                i,
                "{half:#06x}"
            );
        }
        assert_eq!(legal, non_reserved_count());
    }

    /// The number of non-reserved RV32DC halfwords, counted from the spec's
    /// opcode map: each (quadrant, funct3) slot holds 2^11 patterns.
    fn non_reserved_count() -> u32 {
        let slot = 1 << 11;
        let quarter = slot / 4; // one funct2 value of quadrant 1, funct3 100
        // Quadrant 0: funct3 100 reserved; c.addi4spn with nzuimm = 0 (8 rd').
        let q0 = 6 * slot + (slot - 8);
        // Quadrant 1: c.addi16sp/c.lui with a zero immediate (one per rd);
        // c.srli/c.srai with shamt[5] = 1 and CA with bit 12 = 1 reserved.
        let q1 = 6 * slot + (slot - 32) + (quarter / 2 + quarter / 2 + quarter + quarter / 2);
        // Quadrant 2: c.slli with shamt[5] = 1; c.lwsp with rd = 0 (2^6);
        // c.jr with rs1 = 0 (one pattern).
        let q2 = 5 * slot + slot / 2 + (slot - 64) + (slot - 1);
        q0 + q1 + q2
    }
}
