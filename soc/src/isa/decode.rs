//! Decoding: raw instruction bits to an [`Insn`].
//!
//! 32-bit words are matched against the instruction table (`table.rs`).
//! Rows are bucketed at compile time by the major opcode (bits `[6:2]`, which
//! every row's mask covers), so a lookup scans only the rows of one opcode.
//! Compressed halfwords are expanded by `rvc.rs` to the same `Insn` their
//! 32-bit equivalent decodes to, with `len = 2`.
//!
//! Reserved encodings are not errors: they decode to [`Op::Illegal`], which
//! engines execute as an illegal-instruction trap with `tval = raw`. That
//! includes the reserved rounding modes 5 and 6 in an instruction's `rm`
//! field (Unprivileged ISA, "Floating-Point Control and Status Register");
//! the dynamic mode 7 is kept, and checked against `frm` at execution.

use super::fields::Raw;
use super::rvc;
use super::table::{Format, Op, ROW_DATA, ROWS, Row};

/// A decoded instruction.
///
/// Field meanings depend on [`Op::format`]; unused fields are 0.
/// - `rm`: the FP rounding mode (0..=7, 7 = dynamic) for formats `RRm`,
///   `R4`, `R1Rm`; `aq << 1 | rl` for `Amo` and `Lr`; 0 otherwise.
/// - `imm`: I/S/B/J: the sign-extended immediate (B/J: a byte offset from
///   the instruction's pc); U: the final value (`imm20 << 12`); `Shift`: the
///   shift amount; `Csr`/`CsrI`: the CSR number (and `rs1` holds the source
///   register or the 5-bit uimm); `Fence`: bits `[31:20]` (fm, pred, succ);
///   0 otherwise.
/// - `Op::Illegal`: every field 0 except `len` and `raw`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Insn {
    /// The operation.
    pub op: Op,
    /// Destination register.
    pub rd: u8,
    /// First source register (or the CSR uimm).
    pub rs1: u8,
    /// Second source register.
    pub rs2: u8,
    /// Third source register (fused multiply-add).
    pub rs3: u8,
    /// Rounding mode, or `aq << 1 | rl` for atomics; see the type docs.
    pub rm: u8,
    /// Length in bytes: 2 for compressed, 4 otherwise.
    pub len: u8,
    /// Immediate, per format; see the type docs.
    pub imm: i32,
    /// The instruction bits as fetched (the 16-bit value for compressed):
    /// the `tval` of an illegal-instruction trap.
    pub raw: u32,
}

const _: () = assert!(core::mem::size_of::<Insn>() == 16);

impl Insn {
    /// The `Insn` for a reserved or unknown encoding of `len` bytes.
    pub const fn illegal(raw: u32, len: u8) -> Insn {
        Insn {
            op: Op::Illegal,
            rd: 0,
            rs1: 0,
            rs2: 0,
            rs3: 0,
            rm: 0,
            len,
            imm: 0,
            raw,
        }
    }
}

/// Length in bytes (2 or 4) of the instruction whose first halfword is
/// `first_half`: lets a fetch decide whether to read a second halfword, which
/// may sit on another page.
pub const fn insn_len(first_half: u16) -> u8 {
    if first_half & 3 == 3 { 4 } else { 2 }
}

/// Decodes one instruction. When `raw & 3 != 3` the low 16 bits are a
/// compressed instruction and the high bits are ignored; otherwise `raw` is
/// a 32-bit word. Unknown and reserved encodings give [`Op::Illegal`].
pub fn decode(raw: u32) -> Insn {
    if raw & 3 == 3 {
        decode32(raw)
    } else {
        rvc::expand(raw as u16)
    }
}

/// Table rows grouped by major opcode (bits `[6:2]`): the rows of opcode
/// `o` are `ROWS[order[i]]` for `i` in `start[o]..start[o + 1]`.
struct Buckets {
    start: [u16; 33],
    order: [u8; ROW_DATA.len()],
}

const _: () = assert!(ROW_DATA.len() <= 256, "bucket indices are u8");

const fn major(row: &Row) -> usize {
    ((row.match_bits >> 2) & 0x1f) as usize
}

/// Counting sort of the rows by major opcode, at compile time.
const fn build_buckets() -> Buckets {
    let mut start = [0u16; 33];
    let mut i = 0;
    while i < ROW_DATA.len() {
        start[major(&ROW_DATA[i]) + 1] += 1;
        i += 1;
    }
    let mut o = 0;
    while o < 32 {
        start[o + 1] += start[o];
        o += 1;
    }
    let mut next = start;
    let mut order = [0u8; ROW_DATA.len()];
    let mut i = 0;
    while i < ROW_DATA.len() {
        let m = major(&ROW_DATA[i]);
        order[next[m] as usize] = i as u8;
        next[m] += 1;
        i += 1;
    }
    Buckets { start, order }
}

static BUCKETS: Buckets = build_buckets();

/// Decodes a 32-bit instruction word (`raw & 3` should be 3; other values
/// match no row and give [`Op::Illegal`]).
pub fn decode32(raw: u32) -> Insn {
    let o = ((raw >> 2) & 0x1f) as usize;
    let (lo, hi) = (BUCKETS.start[o] as usize, BUCKETS.start[o + 1] as usize);
    for &i in &BUCKETS.order[lo..hi] {
        let row = &ROWS[i as usize];
        if raw & row.mask == row.match_bits {
            return operands(row.op, row.format, raw);
        }
    }
    Insn::illegal(raw, 4)
}

/// Extracts `op`'s operands from `raw` according to `format`.
fn operands(op: Op, format: Format, raw: u32) -> Insn {
    let r = Raw(raw);
    let mut insn = Insn {
        op,
        rd: 0,
        rs1: 0,
        rs2: 0,
        rs3: 0,
        rm: 0,
        len: 4,
        imm: 0,
        raw,
    };
    match format {
        Format::R => (insn.rd, insn.rs1, insn.rs2) = (r.rd(), r.rs1(), r.rs2()),
        Format::RRm => (insn.rd, insn.rs1, insn.rs2, insn.rm) = (r.rd(), r.rs1(), r.rs2(), r.rm()),
        Format::R4 => {
            (insn.rd, insn.rs1, insn.rs2, insn.rs3) = (r.rd(), r.rs1(), r.rs2(), r.rs3());
            insn.rm = r.rm();
        }
        Format::R1 => (insn.rd, insn.rs1) = (r.rd(), r.rs1()),
        Format::R1Rm => (insn.rd, insn.rs1, insn.rm) = (r.rd(), r.rs1(), r.rm()),
        Format::Amo => {
            (insn.rd, insn.rs1, insn.rs2, insn.rm) = (r.rd(), r.rs1(), r.rs2(), r.aqrl());
        }
        Format::Lr => (insn.rd, insn.rs1, insn.rm) = (r.rd(), r.rs1(), r.aqrl()),
        Format::I => (insn.rd, insn.rs1, insn.imm) = (r.rd(), r.rs1(), r.imm_i()),
        Format::Shift => (insn.rd, insn.rs1, insn.imm) = (r.rd(), r.rs1(), r.shamt() as i32),
        Format::S => (insn.rs1, insn.rs2, insn.imm) = (r.rs1(), r.rs2(), r.imm_s()),
        Format::B => (insn.rs1, insn.rs2, insn.imm) = (r.rs1(), r.rs2(), r.imm_b()),
        Format::U => (insn.rd, insn.imm) = (r.rd(), r.imm_u()),
        Format::J => (insn.rd, insn.imm) = (r.rd(), r.imm_j()),
        Format::Csr | Format::CsrI => {
            (insn.rd, insn.rs1, insn.imm) = (r.rd(), r.rs1(), i32::from(r.csr()));
        }
        Format::Fence => insn.imm = (raw >> 20) as i32,
        Format::Sfence => (insn.rs1, insn.rs2) = (r.rs1(), r.rs2()),
        Format::Sys => {}
    }
    let has_rm = matches!(format, Format::RRm | Format::R4 | Format::R1Rm);
    if has_rm && (insn.rm == 5 || insn.rm == 6) {
        return Insn::illegal(raw, 4);
    }
    insn
}

#[cfg(test)]
mod tests {
    use super::super::test_utils::{encode, insn};
    use super::*;

    #[test]
    fn every_row_match_decodes_to_its_op() {
        for row in &ROWS {
            let i = decode(row.match_bits);
            assert_eq!(i.op, row.op, "{}", row.mnemonic);
            assert_eq!((i.len, i.raw), (4, row.match_bits));
        }
    }

    #[test]
    fn buckets_hold_every_row_once() {
        let mut seen = [0u8; ROW_DATA.len()];
        for o in 0..32 {
            let (lo, hi) = (BUCKETS.start[o] as usize, BUCKETS.start[o + 1] as usize);
            for &i in &BUCKETS.order[lo..hi] {
                assert_eq!(major(&ROWS[i as usize]), o);
                seen[i as usize] += 1;
            }
        }
        assert!(seen.iter().all(|&n| n == 1));
    }

    /// (word, expected) vectors over every 32-bit format; words were checked
    /// against GNU `as -march=rv32gc`.
    #[test]
    fn decode_vectors() {
        use Op::*;
        #[rustfmt::skip]
        let cases: &[(u32, Insn)] = &[
            // U: lui a0, 0x12345 / auipc t0, 0xfffff
            (0x1234_5537, insn(Lui, 10, 0, 0, 0, 0, 0x1234_5000)),
            (0xffff_f297, insn(Auipc, 5, 0, 0, 0, 0, -4096)),
            // J: jal ra, +8 / jal zero, -0x100000
            (0x0080_00ef, insn(Jal, 1, 0, 0, 0, 0, 8)),
            (0x8000_006f, insn(Jal, 0, 0, 0, 0, 0, -0x10_0000)),
            // I: jalr ra, -1(a5) / addi a0, a1, -2048 / lbu a0, 2047(sp)
            (0xfff7_80e7, insn(Jalr, 1, 15, 0, 0, 0, -1)),
            (0x8005_8513, insn(Addi, 10, 11, 0, 0, 0, -2048)),
            (0x7ff1_4503, insn(Lbu, 10, 2, 0, 0, 0, 2047)),
            (0xffc4_2583, insn(Lw, 11, 8, 0, 0, 0, -4)),
            (0xfff5_c513, insn(Xori, 10, 11, 0, 0, 0, -1)),
            (0x0015_b513, insn(Sltiu, 10, 11, 0, 0, 0, 1)),
            // B: bltu a0, a1, -4096 / bge t0, t1, +4094
            (0x80b5_6063, insn(Bltu, 0, 10, 11, 0, 0, -4096)),
            (0x7e62_dfe3, insn(Bge, 0, 5, 6, 0, 0, 4094)),
            // S: sh a0, -2(sp) / sb zero, 0(a0)
            (0xfea1_1f23, insn(Sh, 0, 2, 10, 0, 0, -2)),
            (0x0005_0023, insn(Sb, 0, 10, 0, 0, 0, 0)),
            // Shift: slli a0, a1, 31 / srai s0, s1, 1 / srli a0, a0, 0
            (0x01f5_9513, insn(Slli, 10, 11, 0, 0, 0, 31)),
            (0x4014_d413, insn(Srai, 8, 9, 0, 0, 0, 1)),
            (0x0005_5513, insn(Srli, 10, 10, 0, 0, 0, 0)),
            // R: sub t0, t1, t2 / mulhsu a0, a1, a2 / remu t6, t5, t4
            (0x4073_02b3, insn(Sub, 5, 6, 7, 0, 0, 0)),
            (0x02c5_a533, insn(Mulhsu, 10, 11, 12, 0, 0, 0)),
            (0x03df_7fb3, insn(Remu, 31, 30, 29, 0, 0, 0)),
            // Csr: csrrw a0, mstatus, a1 / csrrs a0, 0xfff, zero / csrrci zero, sstatus, 31
            (0x3005_9573, insn(Csrrw, 10, 11, 0, 0, 0, 0x300)),
            (0xfff0_2573, insn(Csrrs, 10, 0, 0, 0, 0, 0xfff)),
            (0x100f_f073, insn(Csrrci, 0, 31, 0, 0, 0, 0x100)),
            // Fence: fence (iorw, iorw) / fence.tso / fence with rd, rs1 set (ignored)
            (0x0ff0_000f, insn(Fence, 0, 0, 0, 0, 0, 0x0ff)),
            (0x8330_000f, insn(Fence, 0, 0, 0, 0, 0, 0x833)),
            (0x0ff5_850f, insn(Fence, 0, 0, 0, 0, 0, 0x0ff)),
            // Sys: ecall, ebreak, fence.i (imm/rs1/rd ignored), mret, sret, wfi
            (0x0000_0073, insn(Ecall, 0, 0, 0, 0, 0, 0)),
            (0x0010_0073, insn(Ebreak, 0, 0, 0, 0, 0, 0)),
            (0x0000_100f, insn(FenceI, 0, 0, 0, 0, 0, 0)),
            (0x0015_950f, insn(FenceI, 0, 0, 0, 0, 0, 0)),
            (0x3020_0073, insn(Mret, 0, 0, 0, 0, 0, 0)),
            (0x1020_0073, insn(Sret, 0, 0, 0, 0, 0, 0)),
            (0x1050_0073, insn(Wfi, 0, 0, 0, 0, 0, 0)),
            // Sfence: sfence.vma a0, a1
            (0x12b5_0073, insn(SfenceVma, 0, 10, 11, 0, 0, 0)),
            // Amo / Lr: aq<<1|rl in rm
            (0x06b6_252f, insn(AmoaddW, 10, 12, 11, 0, 3, 0)),
            (0x1405_a52f, insn(LrW, 10, 11, 0, 0, 2, 0)),
            (0x1ac5_a52f, insn(ScW, 10, 11, 12, 0, 1, 0)),
            (0x08b6_252f, insn(AmoswapW, 10, 12, 11, 0, 0, 0)),
            (0xe6b6_252f, insn(AmomaxuW, 10, 12, 11, 0, 3, 0)),
            // F/D loads and stores
            (0x0081_2507, insn(Flw, 10, 2, 0, 0, 0, 8)),
            (0xfea4_3c27, insn(Fsd, 0, 8, 10, 0, 0, -8)),
            // RRm / R4 / R1Rm / R1 with rounding modes
            (0x00c5_9553, insn(FaddS, 10, 11, 12, 0, 1, 0)),
            (0x1ac5_f553, insn(FdivD, 10, 11, 12, 0, 7, 0)),
            (0x68c5_9543, insn(FmaddS, 10, 11, 12, 13, 1, 0)),
            (0x6ac5_c54f, insn(FnmaddD, 10, 11, 12, 13, 4, 0)),
            (0xc005_9553, insn(FcvtWS, 10, 11, 0, 0, 1, 0)),
            (0xc215_f553, insn(FcvtWuD, 10, 11, 0, 0, 7, 0)),
            (0x4015_f553, insn(FcvtSD, 10, 11, 0, 0, 7, 0)),
            (0x4205_8553, insn(FcvtDS, 10, 11, 0, 0, 0, 0)),
            (0x5805_f553, insn(FsqrtS, 10, 11, 0, 0, 7, 0)),
            (0xe005_8553, insn(FmvXW, 10, 11, 0, 0, 0, 0)),
            (0xf005_8553, insn(FmvWX, 10, 11, 0, 0, 0, 0)),
            (0xe205_9553, insn(FclassD, 10, 11, 0, 0, 0, 0)),
            // R on FP: fsgnjx.s / feq.d / fmax.s (funct3 selects, no rm)
            (0x20c5_a553, insn(FsgnjxS, 10, 11, 12, 0, 0, 0)),
            (0xa2c5_a553, insn(FeqD, 10, 11, 12, 0, 0, 0)),
            (0x28c5_9553, insn(FmaxS, 10, 11, 12, 0, 0, 0)),
        ];
        for &(word, want) in cases {
            let want = Insn {
                raw: word,
                len: 4,
                ..want
            };
            assert_eq!(decode(word), want, "{word:#010x}");
        }
    }

    #[test]
    fn reserved_32bit_encodings_are_illegal() {
        for word in [
            0xffff_ffffu32, // all ones
            0x0000_3003,    // LOAD funct3 3 (ld: RV64 only)
            0x0000_6003,    // LOAD funct3 6 (lwu: RV64 only)
            0x0000_3023,    // STORE funct3 3 (sd)
            0x0200_1013,    // slli with shamt[5] = 1
            0x0200_5013,    // srli with shamt[5] = 1
            0x4200_5013,    // srai with shamt[5] = 1
            0x2000_5013,    // srli with a stray funct7 bit
            0x0000_2063,    // branch funct3 2
            0x0000_1067,    // jalr funct3 1
            0x0000_101b,    // OP-IMM-32 (RV64 addiw)
            0x0000_4073,    // SYSTEM funct3 4
            0x0020_0073,    // SYSTEM funct3 0 with imm 2 (uret, removed)
            0x3020_0173,    // mret with rd != 0
            0x1200_00f3,    // sfence.vma with rd != 0
            0x1010_202f,    // lr.w with rs2 != 0
            0x0000_302f,    // AMO funct3 3 (RV64 .d)
            0x00c5_d553,    // fadd.s rm = 5 (reserved)
            0x00c5_e553,    // fadd.s rm = 6 (reserved)
            0x68c5_d543,    // fmadd.s rm = 5
            0xc005_e553,    // fcvt.w.s rm = 6
            0xd205_5553,    // fcvt.d.w rm = 5
            0x04c5_8553,    // OP-FP fmt = 2 (half: not implemented)
            0x06c5_8553,    // OP-FP fmt = 3 (quad)
            0xc025_8553,    // fcvt.l.s (RV64 only)
            0xe010_0553,    // fmv.x.w with rs2 != 0
            0xe005_a553,    // fmv.x.w funct3 2
            0x2005_b553,    // fsgnj funct3 3
            0x0000_001f,    // 48-bit prefix
            0x0000_003f,    // 64-bit prefix
            0x0000_4007,    // LOAD-FP funct3 4 (flq)
            0x0400_0043,    // fmadd fmt = 2
        ] {
            let i = decode(word);
            assert_eq!(
                i,
                Insn::illegal(word, 4),
                "{word:#010x} decoded as {:?}",
                i.op
            );
        }
    }

    #[test]
    fn low_bits_select_compressed() {
        // c.nop in the low half, junk in the high half.
        let i = decode(0xdead_0001);
        assert_eq!((i.op, i.len, i.raw), (Op::Addi, 2, 0x0001));
        assert_eq!(decode(0), Insn::illegal(0, 2));
        assert_eq!(insn_len(0x0001), 2);
        assert_eq!(insn_len(0x0002), 2);
        assert_eq!(insn_len(0x0000), 2);
        assert_eq!(insn_len(0x0513), 4);
        assert_eq!(insn_len(0xffff), 4);
    }

    /// Decoding, re-encoding and decoding again gives the same `Insn` for
    /// words spread over the whole 32-bit space and for every table row
    /// with random operand bits.
    #[test]
    fn decode_encode_roundtrip() {
        let mut seed = 0x1234_5678_9abc_def0u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u32
        };
        let mut words: Vec<u32> = (0..200_000).map(|_| next() | 3).collect();
        for row in &ROWS {
            for _ in 0..200 {
                words.push(row.match_bits | (next() & !row.mask));
            }
        }
        let mut decoded = 0;
        for word in words {
            let a = decode(word);
            if a.op == Op::Illegal {
                continue;
            }
            decoded += 1;
            let again = encode(&a);
            let b = decode(again);
            assert_eq!(Insn { raw: word, ..b }, a, "{word:#010x} -> {again:#010x}");
        }
        assert!(decoded > 20_000);
    }
}
