//! The instruction table: the one list of RV32GC instructions.
//!
//! Each row gives an instruction's `Op` variant, its mnemonic, its match and
//! mask (as in riscv-opcodes: a word `w` is this instruction when
//! `w & mask == match`), its operand [`Format`], its [`Ext`]ension and its
//! [`Flags`]. The `instructions!` macro turns the rows into [`enum Op`](Op),
//! the static [`ROWS`] the decoder buckets, and the `Op` queries
//! ([`Op::mnemonic`], [`Op::format`], [`Op::extension`], [`Op::flags`]).
//! No other file lists instructions; compressed (`c.*`) forms are not rows:
//! `rvc.rs` expands them to the base instruction they stand for.
//!
//! Encodings follow the Unprivileged ISA (chapters RV32I, Zifencei, Zicsr,
//! M, A, F, D) and the Privileged ISA (chapter 3.3, `mret`/`sret`/`wfi`, and
//! `sfence.vma`). Fields that the spec calls reserved-but-ignored (fence's
//! `rd`/`rs1`/`fm`, fence.i's `imm`/`rs1`/`rd`) are left out of the mask.
//!
//! Flag rules, checked by the tests below: every row that is a `BRANCH`,
//! `JUMP` or `CSR` access also `ENDS_BLOCK`; every `MEM` or `FP` row
//! `MAY_TRAP`; `LOAD`/`STORE` rows are `MEM`; `FP_RD`/`FP_RS1`/`FP_RS2` say
//! which operands live in the floating-point register file (`rs3` always
//! does).

use core::fmt;

/// Operand layout of an instruction: which fields the decoder extracts into
/// [`Insn`](super::Insn) and how the disassembler prints them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `rd, rs1, rs2`.
    R,
    /// `rd, rs1, rs2` and a rounding mode in `rm`.
    RRm,
    /// `rd, rs1, rs2, rs3` and a rounding mode in `rm` (fused multiply-add).
    R4,
    /// `rd, rs1` (the `rs2` field selects the operation and reads as 0).
    R1,
    /// `rd, rs1` and a rounding mode in `rm`.
    R1Rm,
    /// `rd, rs2, (rs1)` with `aq << 1 | rl` in `rm` (AMOs, `sc.w`).
    Amo,
    /// `rd, (rs1)` with `aq << 1 | rl` in `rm` (`lr.w`).
    Lr,
    /// `rd, rs1` and a sign-extended 12-bit `imm`.
    I,
    /// `rd, rs1` and a shift amount (0..=31) in `imm`.
    Shift,
    /// `rs1, rs2` and a sign-extended 12-bit store offset in `imm`.
    S,
    /// `rs1, rs2` and a sign-extended branch byte offset in `imm`.
    B,
    /// `rd` and the upper immediate, already shifted (`imm20 << 12`).
    U,
    /// `rd` and a sign-extended jump byte offset in `imm`.
    J,
    /// `rd, rs1` and the CSR number in `imm`.
    Csr,
    /// `rd` and the 5-bit immediate in `rs1`, CSR number in `imm`.
    CsrI,
    /// `fence`: bits `[31:20]` (fm, pred, succ) in `imm`.
    Fence,
    /// `rs1, rs2` with no destination (`sfence.vma`).
    Sfence,
    /// No operands.
    Sys,
}

/// The ISA extension an instruction belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ext {
    /// RV32I base integer instructions.
    Rv32i,
    /// Zifencei (`fence.i`).
    Zifencei,
    /// Zicsr (CSR access).
    Zicsr,
    /// M: multiply and divide.
    M,
    /// A: atomics.
    A,
    /// F: single-precision floating point.
    F,
    /// D: double-precision floating point.
    D,
    /// Privileged instructions (`mret`, `sret`, `wfi`, `sfence.vma`).
    Priv,
    /// No extension: only [`Op::Illegal`].
    Unknown,
}

/// Properties of an instruction that engines use to form blocks.
///
/// A small bit set: combine with `|`, test with [`Flags::contains`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Flags(u16);

impl Flags {
    /// No flag.
    pub const NONE: Flags = Flags(0);
    /// Control may leave the straight line, or machine state that
    /// translation depends on (privilege, CSRs, address translation, code)
    /// may change: the block ends after this instruction.
    pub const ENDS_BLOCK: Flags = Flags(1 << 0);
    /// May raise a synchronous exception (memory fault, illegal instruction
    /// depending on privilege or `mstatus.FS`, `ecall`/`ebreak`).
    pub const MAY_TRAP: Flags = Flags(1 << 1);
    /// Accesses memory through the MMU.
    pub const MEM: Flags = Flags(1 << 2);
    /// Reads memory.
    pub const LOAD: Flags = Flags(1 << 3);
    /// Writes memory.
    pub const STORE: Flags = Flags(1 << 4);
    /// Floating point: illegal while `mstatus.FS` is Off.
    pub const FP: Flags = Flags(1 << 5);
    /// Conditional branch.
    pub const BRANCH: Flags = Flags(1 << 6);
    /// Unconditional jump (`jal`, `jalr`).
    pub const JUMP: Flags = Flags(1 << 7);
    /// Reads and/or writes a CSR.
    pub const CSR: Flags = Flags(1 << 8);
    /// `rd` names an `f` register.
    pub const FP_RD: Flags = Flags(1 << 9);
    /// `rs1` names an `f` register.
    pub const FP_RS1: Flags = Flags(1 << 10);
    /// `rs2` names an `f` register.
    pub const FP_RS2: Flags = Flags(1 << 11);

    /// Every flag, with its name, for `Debug` and tests.
    const NAMED: [(Flags, &'static str); 12] = [
        (Flags::ENDS_BLOCK, "ENDS_BLOCK"),
        (Flags::MAY_TRAP, "MAY_TRAP"),
        (Flags::MEM, "MEM"),
        (Flags::LOAD, "LOAD"),
        (Flags::STORE, "STORE"),
        (Flags::FP, "FP"),
        (Flags::BRANCH, "BRANCH"),
        (Flags::JUMP, "JUMP"),
        (Flags::CSR, "CSR"),
        (Flags::FP_RD, "FP_RD"),
        (Flags::FP_RS1, "FP_RS1"),
        (Flags::FP_RS2, "FP_RS2"),
    ];

    /// The raw bits.
    pub const fn bits(self) -> u16 {
        self.0
    }

    /// Both sets together (a `const` form of `|`).
    pub const fn union(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }

    /// True when every flag of `other` is set in `self`.
    pub const fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    /// True when at least one flag of `other` is set in `self`.
    pub const fn intersects(self, other: Flags) -> bool {
        self.0 & other.0 != 0
    }

    /// True when no flag is set.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl core::ops::BitOr for Flags {
    type Output = Flags;
    fn bitor(self, rhs: Flags) -> Flags {
        self.union(rhs)
    }
}

impl core::ops::BitOrAssign for Flags {
    fn bitor_assign(&mut self, rhs: Flags) {
        *self = self.union(rhs);
    }
}

impl fmt::Debug for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Flags::NAMED
            .iter()
            .filter(|(flag, _)| self.contains(*flag))
            .map(|(_, name)| *name)
            .collect();
        write!(f, "Flags({})", names.join(" | "))
    }
}

/// One instruction-table row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    /// The operation.
    pub op: Op,
    /// Lower-case mnemonic as the spec writes it (`"fcvt.w.s"`).
    pub mnemonic: &'static str,
    /// Bits that must be set, among those in `mask`.
    pub match_bits: u32,
    /// Bits that identify the instruction.
    pub mask: u32,
    /// Operand layout.
    pub format: Format,
    /// Extension.
    pub ext: Ext,
    /// Block-formation flags.
    pub flags: Flags,
}

/// Derives `Op`, `ROWS` and the `Op` queries from the rows below.
macro_rules! instructions {
    (
        $illegal:ident $illegal_mn:literal $illegal_fmt:ident $illegal_ext:ident
            [$($illegal_flag:ident)|*];
        $(
            $op:ident $mn:literal $match_bits:literal $mask:literal $fmt:ident $ext:ident
                [$($flag:ident)|*];
        )*
    ) => {
        /// An RV32GC operation: one variant per instruction-table row, named
        /// after the mnemonic in CamelCase, plus [`Op::Illegal`] for every
        /// word that is not a valid instruction.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Op {
            /// Not a valid RV32GC instruction (raises illegal-instruction).
            $illegal,
            $(
                #[doc = concat!("`", $mn, "`")]
                $op,
            )*
        }

        /// The instruction table, in `Op` order (without [`Op::Illegal`]).
        pub static ROWS: [Row; Op::COUNT - 1] = ROW_DATA;

        /// `ROWS` as a constant, so the decoder can bucket it at compile time.
        pub(crate) const ROW_DATA: [Row; Op::COUNT - 1] = [
            $(
                Row {
                    op: Op::$op,
                    mnemonic: $mn,
                    match_bits: $match_bits,
                    mask: $mask,
                    format: Format::$fmt,
                    ext: Ext::$ext,
                    flags: Flags::NONE$(.union(Flags::$flag))*,
                },
            )*
        ];

        impl Op {
            /// Every operation, in declaration order (`Op::Illegal` first).
            pub const ALL: [Op; Op::COUNT] = [Op::$illegal, $(Op::$op,)*];

            /// Number of operations, `Op::Illegal` included.
            pub const COUNT: usize = 1 $(+ { let _ = Op::$op; 1 })*;

            /// The assembler mnemonic (`"illegal"` for [`Op::Illegal`]).
            pub const fn mnemonic(self) -> &'static str {
                match self {
                    Op::$illegal => $illegal_mn,
                    $(Op::$op => $mn,)*
                }
            }

            /// The operand layout.
            pub const fn format(self) -> Format {
                match self {
                    Op::$illegal => Format::$illegal_fmt,
                    $(Op::$op => Format::$fmt,)*
                }
            }

            /// The extension the instruction belongs to.
            pub const fn extension(self) -> Ext {
                match self {
                    Op::$illegal => Ext::$illegal_ext,
                    $(Op::$op => Ext::$ext,)*
                }
            }

            /// The block-formation flags.
            pub const fn flags(self) -> Flags {
                match self {
                    Op::$illegal => Flags::NONE$(.union(Flags::$illegal_flag))*,
                    $(Op::$op => Flags::NONE$(.union(Flags::$flag))*,)*
                }
            }
        }
    };
}

instructions! {
    // Op       mnemonic       match        mask         format ext     flags
    Illegal     "illegal"                                Sys    Unknown [ENDS_BLOCK | MAY_TRAP];

    // RV32I
    Lui         "lui"          0x0000_0037 0x0000_007f  U      Rv32i   [];
    Auipc       "auipc"        0x0000_0017 0x0000_007f  U      Rv32i   [];
    Jal         "jal"          0x0000_006f 0x0000_007f  J      Rv32i   [JUMP | ENDS_BLOCK];
    Jalr        "jalr"         0x0000_0067 0x0000_707f  I      Rv32i   [JUMP | ENDS_BLOCK];
    Beq         "beq"          0x0000_0063 0x0000_707f  B      Rv32i   [BRANCH | ENDS_BLOCK];
    Bne         "bne"          0x0000_1063 0x0000_707f  B      Rv32i   [BRANCH | ENDS_BLOCK];
    Blt         "blt"          0x0000_4063 0x0000_707f  B      Rv32i   [BRANCH | ENDS_BLOCK];
    Bge         "bge"          0x0000_5063 0x0000_707f  B      Rv32i   [BRANCH | ENDS_BLOCK];
    Bltu        "bltu"         0x0000_6063 0x0000_707f  B      Rv32i   [BRANCH | ENDS_BLOCK];
    Bgeu        "bgeu"         0x0000_7063 0x0000_707f  B      Rv32i   [BRANCH | ENDS_BLOCK];
    Lb          "lb"           0x0000_0003 0x0000_707f  I      Rv32i   [MEM | LOAD | MAY_TRAP];
    Lh          "lh"           0x0000_1003 0x0000_707f  I      Rv32i   [MEM | LOAD | MAY_TRAP];
    Lw          "lw"           0x0000_2003 0x0000_707f  I      Rv32i   [MEM | LOAD | MAY_TRAP];
    Lbu         "lbu"          0x0000_4003 0x0000_707f  I      Rv32i   [MEM | LOAD | MAY_TRAP];
    Lhu         "lhu"          0x0000_5003 0x0000_707f  I      Rv32i   [MEM | LOAD | MAY_TRAP];
    Sb          "sb"           0x0000_0023 0x0000_707f  S      Rv32i   [MEM | STORE | MAY_TRAP];
    Sh          "sh"           0x0000_1023 0x0000_707f  S      Rv32i   [MEM | STORE | MAY_TRAP];
    Sw          "sw"           0x0000_2023 0x0000_707f  S      Rv32i   [MEM | STORE | MAY_TRAP];
    Addi        "addi"         0x0000_0013 0x0000_707f  I      Rv32i   [];
    Slti        "slti"         0x0000_2013 0x0000_707f  I      Rv32i   [];
    Sltiu       "sltiu"        0x0000_3013 0x0000_707f  I      Rv32i   [];
    Xori        "xori"         0x0000_4013 0x0000_707f  I      Rv32i   [];
    Ori         "ori"          0x0000_6013 0x0000_707f  I      Rv32i   [];
    Andi        "andi"         0x0000_7013 0x0000_707f  I      Rv32i   [];
    Slli        "slli"         0x0000_1013 0xfe00_707f  Shift  Rv32i   [];
    Srli        "srli"         0x0000_5013 0xfe00_707f  Shift  Rv32i   [];
    Srai        "srai"         0x4000_5013 0xfe00_707f  Shift  Rv32i   [];
    Add         "add"          0x0000_0033 0xfe00_707f  R      Rv32i   [];
    Sub         "sub"          0x4000_0033 0xfe00_707f  R      Rv32i   [];
    Sll         "sll"          0x0000_1033 0xfe00_707f  R      Rv32i   [];
    Slt         "slt"          0x0000_2033 0xfe00_707f  R      Rv32i   [];
    Sltu        "sltu"         0x0000_3033 0xfe00_707f  R      Rv32i   [];
    Xor         "xor"          0x0000_4033 0xfe00_707f  R      Rv32i   [];
    Srl         "srl"          0x0000_5033 0xfe00_707f  R      Rv32i   [];
    Sra         "sra"          0x4000_5033 0xfe00_707f  R      Rv32i   [];
    Or          "or"           0x0000_6033 0xfe00_707f  R      Rv32i   [];
    And         "and"          0x0000_7033 0xfe00_707f  R      Rv32i   [];
    Fence       "fence"        0x0000_000f 0x0000_707f  Fence  Rv32i   [];
    Ecall       "ecall"        0x0000_0073 0xffff_ffff  Sys    Rv32i   [ENDS_BLOCK | MAY_TRAP];
    Ebreak      "ebreak"       0x0010_0073 0xffff_ffff  Sys    Rv32i   [ENDS_BLOCK | MAY_TRAP];

    // Zifencei
    FenceI      "fence.i"      0x0000_100f 0x0000_707f  Sys    Zifencei [ENDS_BLOCK];

    // Zicsr
    Csrrw       "csrrw"        0x0000_1073 0x0000_707f  Csr    Zicsr   [CSR | ENDS_BLOCK | MAY_TRAP];
    Csrrs       "csrrs"        0x0000_2073 0x0000_707f  Csr    Zicsr   [CSR | ENDS_BLOCK | MAY_TRAP];
    Csrrc       "csrrc"        0x0000_3073 0x0000_707f  Csr    Zicsr   [CSR | ENDS_BLOCK | MAY_TRAP];
    Csrrwi      "csrrwi"       0x0000_5073 0x0000_707f  CsrI   Zicsr   [CSR | ENDS_BLOCK | MAY_TRAP];
    Csrrsi      "csrrsi"       0x0000_6073 0x0000_707f  CsrI   Zicsr   [CSR | ENDS_BLOCK | MAY_TRAP];
    Csrrci      "csrrci"       0x0000_7073 0x0000_707f  CsrI   Zicsr   [CSR | ENDS_BLOCK | MAY_TRAP];

    // Privileged
    Sret        "sret"         0x1020_0073 0xffff_ffff  Sys    Priv    [ENDS_BLOCK | MAY_TRAP];
    Mret        "mret"         0x3020_0073 0xffff_ffff  Sys    Priv    [ENDS_BLOCK | MAY_TRAP];
    Wfi         "wfi"          0x1050_0073 0xffff_ffff  Sys    Priv    [ENDS_BLOCK | MAY_TRAP];
    SfenceVma   "sfence.vma"   0x1200_0073 0xfe00_7fff  Sfence Priv    [ENDS_BLOCK | MAY_TRAP];

    // M
    Mul         "mul"          0x0200_0033 0xfe00_707f  R      M       [];
    Mulh        "mulh"         0x0200_1033 0xfe00_707f  R      M       [];
    Mulhsu      "mulhsu"       0x0200_2033 0xfe00_707f  R      M       [];
    Mulhu       "mulhu"        0x0200_3033 0xfe00_707f  R      M       [];
    Div         "div"          0x0200_4033 0xfe00_707f  R      M       [];
    Divu        "divu"         0x0200_5033 0xfe00_707f  R      M       [];
    Rem         "rem"          0x0200_6033 0xfe00_707f  R      M       [];
    Remu        "remu"         0x0200_7033 0xfe00_707f  R      M       [];

    // A
    LrW         "lr.w"         0x1000_202f 0xf9f0_707f  Lr     A       [MEM | LOAD | MAY_TRAP];
    ScW         "sc.w"         0x1800_202f 0xf800_707f  Amo    A       [MEM | STORE | MAY_TRAP];
    AmoswapW    "amoswap.w"    0x0800_202f 0xf800_707f  Amo    A       [MEM | LOAD | STORE | MAY_TRAP];
    AmoaddW     "amoadd.w"     0x0000_202f 0xf800_707f  Amo    A       [MEM | LOAD | STORE | MAY_TRAP];
    AmoxorW     "amoxor.w"     0x2000_202f 0xf800_707f  Amo    A       [MEM | LOAD | STORE | MAY_TRAP];
    AmoandW     "amoand.w"     0x6000_202f 0xf800_707f  Amo    A       [MEM | LOAD | STORE | MAY_TRAP];
    AmoorW      "amoor.w"      0x4000_202f 0xf800_707f  Amo    A       [MEM | LOAD | STORE | MAY_TRAP];
    AmominW     "amomin.w"     0x8000_202f 0xf800_707f  Amo    A       [MEM | LOAD | STORE | MAY_TRAP];
    AmomaxW     "amomax.w"     0xa000_202f 0xf800_707f  Amo    A       [MEM | LOAD | STORE | MAY_TRAP];
    AmominuW    "amominu.w"    0xc000_202f 0xf800_707f  Amo    A       [MEM | LOAD | STORE | MAY_TRAP];
    AmomaxuW    "amomaxu.w"    0xe000_202f 0xf800_707f  Amo    A       [MEM | LOAD | STORE | MAY_TRAP];

    // F
    Flw         "flw"          0x0000_2007 0x0000_707f  I      F       [FP | MEM | LOAD | MAY_TRAP | FP_RD];
    Fsw         "fsw"          0x0000_2027 0x0000_707f  S      F       [FP | MEM | STORE | MAY_TRAP | FP_RS2];
    FmaddS      "fmadd.s"      0x0000_0043 0x0600_007f  R4     F       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FmsubS      "fmsub.s"      0x0000_0047 0x0600_007f  R4     F       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FnmsubS     "fnmsub.s"     0x0000_004b 0x0600_007f  R4     F       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FnmaddS     "fnmadd.s"     0x0000_004f 0x0600_007f  R4     F       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FaddS       "fadd.s"       0x0000_0053 0xfe00_007f  RRm    F       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FsubS       "fsub.s"       0x0800_0053 0xfe00_007f  RRm    F       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FmulS       "fmul.s"       0x1000_0053 0xfe00_007f  RRm    F       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FdivS       "fdiv.s"       0x1800_0053 0xfe00_007f  RRm    F       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FsqrtS      "fsqrt.s"      0x5800_0053 0xfff0_007f  R1Rm   F       [FP | MAY_TRAP | FP_RD | FP_RS1];
    FsgnjS      "fsgnj.s"      0x2000_0053 0xfe00_707f  R      F       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FsgnjnS     "fsgnjn.s"     0x2000_1053 0xfe00_707f  R      F       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FsgnjxS     "fsgnjx.s"     0x2000_2053 0xfe00_707f  R      F       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FminS       "fmin.s"       0x2800_0053 0xfe00_707f  R      F       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FmaxS       "fmax.s"       0x2800_1053 0xfe00_707f  R      F       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FcvtWS      "fcvt.w.s"     0xc000_0053 0xfff0_007f  R1Rm   F       [FP | MAY_TRAP | FP_RS1];
    FcvtWuS     "fcvt.wu.s"    0xc010_0053 0xfff0_007f  R1Rm   F       [FP | MAY_TRAP | FP_RS1];
    FmvXW       "fmv.x.w"      0xe000_0053 0xfff0_707f  R1     F       [FP | MAY_TRAP | FP_RS1];
    FeqS        "feq.s"        0xa000_2053 0xfe00_707f  R      F       [FP | MAY_TRAP | FP_RS1 | FP_RS2];
    FltS        "flt.s"        0xa000_1053 0xfe00_707f  R      F       [FP | MAY_TRAP | FP_RS1 | FP_RS2];
    FleS        "fle.s"        0xa000_0053 0xfe00_707f  R      F       [FP | MAY_TRAP | FP_RS1 | FP_RS2];
    FclassS     "fclass.s"     0xe000_1053 0xfff0_707f  R1     F       [FP | MAY_TRAP | FP_RS1];
    FcvtSW      "fcvt.s.w"     0xd000_0053 0xfff0_007f  R1Rm   F       [FP | MAY_TRAP | FP_RD];
    FcvtSWu     "fcvt.s.wu"    0xd010_0053 0xfff0_007f  R1Rm   F       [FP | MAY_TRAP | FP_RD];
    FmvWX       "fmv.w.x"      0xf000_0053 0xfff0_707f  R1     F       [FP | MAY_TRAP | FP_RD];

    // D
    Fld         "fld"          0x0000_3007 0x0000_707f  I      D       [FP | MEM | LOAD | MAY_TRAP | FP_RD];
    Fsd         "fsd"          0x0000_3027 0x0000_707f  S      D       [FP | MEM | STORE | MAY_TRAP | FP_RS2];
    FmaddD      "fmadd.d"      0x0200_0043 0x0600_007f  R4     D       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FmsubD      "fmsub.d"      0x0200_0047 0x0600_007f  R4     D       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FnmsubD     "fnmsub.d"     0x0200_004b 0x0600_007f  R4     D       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FnmaddD     "fnmadd.d"     0x0200_004f 0x0600_007f  R4     D       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FaddD       "fadd.d"       0x0200_0053 0xfe00_007f  RRm    D       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FsubD       "fsub.d"       0x0a00_0053 0xfe00_007f  RRm    D       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FmulD       "fmul.d"       0x1200_0053 0xfe00_007f  RRm    D       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FdivD       "fdiv.d"       0x1a00_0053 0xfe00_007f  RRm    D       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FsqrtD      "fsqrt.d"      0x5a00_0053 0xfff0_007f  R1Rm   D       [FP | MAY_TRAP | FP_RD | FP_RS1];
    FsgnjD      "fsgnj.d"      0x2200_0053 0xfe00_707f  R      D       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FsgnjnD     "fsgnjn.d"     0x2200_1053 0xfe00_707f  R      D       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FsgnjxD     "fsgnjx.d"     0x2200_2053 0xfe00_707f  R      D       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FminD       "fmin.d"       0x2a00_0053 0xfe00_707f  R      D       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FmaxD       "fmax.d"       0x2a00_1053 0xfe00_707f  R      D       [FP | MAY_TRAP | FP_RD | FP_RS1 | FP_RS2];
    FcvtSD      "fcvt.s.d"     0x4010_0053 0xfff0_007f  R1Rm   D       [FP | MAY_TRAP | FP_RD | FP_RS1];
    FcvtDS      "fcvt.d.s"     0x4200_0053 0xfff0_007f  R1Rm   D       [FP | MAY_TRAP | FP_RD | FP_RS1];
    FeqD        "feq.d"        0xa200_2053 0xfe00_707f  R      D       [FP | MAY_TRAP | FP_RS1 | FP_RS2];
    FltD        "flt.d"        0xa200_1053 0xfe00_707f  R      D       [FP | MAY_TRAP | FP_RS1 | FP_RS2];
    FleD        "fle.d"        0xa200_0053 0xfe00_707f  R      D       [FP | MAY_TRAP | FP_RS1 | FP_RS2];
    FclassD     "fclass.d"     0xe200_1053 0xfff0_707f  R1     D       [FP | MAY_TRAP | FP_RS1];
    FcvtWD      "fcvt.w.d"     0xc200_0053 0xfff0_007f  R1Rm   D       [FP | MAY_TRAP | FP_RS1];
    FcvtWuD     "fcvt.wu.d"    0xc210_0053 0xfff0_007f  R1Rm   D       [FP | MAY_TRAP | FP_RS1];
    FcvtDW      "fcvt.d.w"     0xd200_0053 0xfff0_007f  R1Rm   D       [FP | MAY_TRAP | FP_RD];
    FcvtDWu     "fcvt.d.wu"    0xd210_0053 0xfff0_007f  R1Rm   D       [FP | MAY_TRAP | FP_RD];
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `fcvt.w.s` -> `FcvtWS`: the naming rule of STYLE.md 2.7.
    fn camel(mnemonic: &str) -> String {
        mnemonic
            .split('.')
            .map(|part| {
                let mut chars = part.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                    None => String::new(),
                }
            })
            .collect()
    }

    #[test]
    fn variant_names_are_camel_case_mnemonics() {
        for op in Op::ALL {
            assert_eq!(format!("{op:?}"), camel(op.mnemonic()), "{op:?}");
        }
        assert_eq!(format!("{:?}", Op::FenceI), "FenceI");
        assert_eq!(Op::SfenceVma.mnemonic(), "sfence.vma");
        assert_eq!(Op::AmoswapW.mnemonic(), "amoswap.w");
    }

    #[test]
    fn rows_are_in_op_order_and_agree_with_queries() {
        assert_eq!(Op::ALL.len(), Op::COUNT);
        assert_eq!(ROWS.len(), Op::COUNT - 1);
        assert_eq!(Op::ALL[0], Op::Illegal);
        for (i, row) in ROWS.iter().enumerate() {
            assert_eq!(row.op as usize, i + 1);
            assert_eq!(Op::ALL[i + 1], row.op);
            assert_eq!(row.op.mnemonic(), row.mnemonic);
            assert_eq!(row.op.format(), row.format);
            assert_eq!(row.op.extension(), row.ext);
            assert_eq!(row.op.flags(), row.flags);
        }
    }

    #[test]
    fn no_compressed_mnemonics_and_no_duplicates() {
        for (i, a) in ROWS.iter().enumerate() {
            assert!(!a.mnemonic.starts_with("c."), "{}", a.mnemonic);
            for b in &ROWS[i + 1..] {
                assert_ne!(a.mnemonic, b.mnemonic);
            }
        }
    }

    #[test]
    fn encodings_are_well_formed() {
        for row in &ROWS {
            assert_eq!(
                row.match_bits & !row.mask,
                0,
                "{}: match outside mask",
                row.mnemonic
            );
            assert_eq!(
                row.mask & 0x7f,
                0x7f,
                "{}: opcode not fully masked",
                row.mnemonic
            );
            assert_eq!(
                row.match_bits & 3,
                3,
                "{}: not a 32-bit encoding",
                row.mnemonic
            );
        }
    }

    /// Two rows overlap when some word matches both: on the bits both masks
    /// test, their match values agree.
    #[test]
    fn no_two_rows_overlap() {
        for (i, a) in ROWS.iter().enumerate() {
            for b in &ROWS[i + 1..] {
                let common = a.mask & b.mask;
                assert_ne!(
                    a.match_bits & common,
                    b.match_bits & common,
                    "{} overlaps {}",
                    a.mnemonic,
                    b.mnemonic
                );
            }
        }
    }

    #[test]
    fn flag_rules_hold() {
        for op in Op::ALL {
            let f = op.flags();
            let name = op.mnemonic();
            if f.intersects(Flags::BRANCH | Flags::JUMP | Flags::CSR) {
                assert!(f.contains(Flags::ENDS_BLOCK), "{name}");
            }
            if f.intersects(Flags::MEM | Flags::FP | Flags::CSR) {
                assert!(f.contains(Flags::MAY_TRAP), "{name}");
            }
            if f.intersects(Flags::LOAD | Flags::STORE) {
                assert!(f.contains(Flags::MEM), "{name}");
            }
            if f.contains(Flags::MEM) {
                assert!(f.intersects(Flags::LOAD | Flags::STORE), "{name}");
            }
            if f.intersects(Flags::FP_RD | Flags::FP_RS1 | Flags::FP_RS2) {
                assert!(f.contains(Flags::FP), "{name}");
            }
            let fp_ext = matches!(op.extension(), Ext::F | Ext::D);
            assert_eq!(f.contains(Flags::FP), fp_ext, "{name}");
            if op.format() == Format::R4 {
                assert!(
                    f.contains(Flags::FP_RD | Flags::FP_RS1 | Flags::FP_RS2),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn block_enders_are_the_expected_ones() {
        let enders: Vec<&str> = Op::ALL
            .iter()
            .filter(|op| op.flags().contains(Flags::ENDS_BLOCK))
            .map(|op| op.mnemonic())
            .collect();
        let expected = [
            "illegal",
            "jal",
            "jalr",
            "beq",
            "bne",
            "blt",
            "bge",
            "bltu",
            "bgeu",
            "ecall",
            "ebreak",
            "fence.i",
            "csrrw",
            "csrrs",
            "csrrc",
            "csrrwi",
            "csrrsi",
            "csrrci",
            "sret",
            "mret",
            "wfi",
            "sfence.vma",
        ];
        assert_eq!(enders, expected);
    }

    #[test]
    fn counts_per_extension() {
        let count = |ext| ROWS.iter().filter(|r| r.ext == ext).count();
        assert_eq!(count(Ext::Rv32i), 40);
        assert_eq!(count(Ext::Zifencei), 1);
        assert_eq!(count(Ext::Zicsr), 6);
        assert_eq!(count(Ext::Priv), 4);
        assert_eq!(count(Ext::M), 8);
        assert_eq!(count(Ext::A), 11);
        assert_eq!(count(Ext::F), 26);
        assert_eq!(count(Ext::D), 26);
        assert_eq!(Op::Illegal.extension(), Ext::Unknown);
    }

    #[test]
    fn flags_set_operations() {
        let f = Flags::MEM | Flags::LOAD;
        assert!(f.contains(Flags::MEM));
        assert!(f.contains(Flags::MEM | Flags::LOAD));
        assert!(!f.contains(Flags::MEM | Flags::STORE));
        assert!(f.intersects(Flags::STORE | Flags::LOAD));
        assert!(!f.intersects(Flags::FP));
        assert!(Flags::NONE.is_empty());
        assert!(!f.is_empty());
        let mut g = Flags::NONE;
        g |= Flags::FP;
        assert_eq!(g.bits(), Flags::FP.bits());
        assert_eq!(format!("{f:?}"), "Flags(MEM | LOAD)");
        assert_eq!(Op::Lw.flags(), Flags::MEM | Flags::LOAD | Flags::MAY_TRAP);
        assert_eq!(Op::Add.flags(), Flags::NONE);
    }
}
