//! What the pipeline model needs to know of an instruction: the unit that
//! executes it (and so its latency) and the registers it reads and writes.

use soc::isa::{Flags, Format, Insn, Op};

use super::config::PipelineConfig;

/// The execution unit (latency class) of an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// One-cycle integer operations, stores, CSR accesses, fences.
    Simple,
    /// Loads, `lr.w` and AMOs: complete out of order.
    Load,
    /// Integer multiply.
    Mul,
    /// Integer divide and remainder.
    Div,
    /// FP add and subtract.
    Fadd,
    /// FP multiply.
    Fmul,
    /// FP fused multiply-add.
    Fma,
    /// FP divide.
    Fdiv,
    /// FP square root.
    Fsqrt,
    /// FP conversions, between formats or to and from integers.
    Fcvt,
    /// FP compares, min/max, classify.
    Fcmp,
    /// FP moves and sign injection.
    Fmove,
    /// Conditional branches.
    Branch,
    /// `jal`.
    Jump,
    /// `jalr`.
    JumpRegister,
    /// `mret`, `sret`, `ecall`, `ebreak`, `wfi`: may redirect like a trap.
    System,
}

impl Unit {
    /// The unit that executes `op`.
    pub fn of(op: Op) -> Unit {
        use Op::*;
        match op {
            Mul | Mulh | Mulhsu | Mulhu => Unit::Mul,
            Div | Divu | Rem | Remu => Unit::Div,
            FaddS | FsubS | FaddD | FsubD => Unit::Fadd,
            FmulS | FmulD => Unit::Fmul,
            FmaddS | FmsubS | FnmsubS | FnmaddS | FmaddD | FmsubD | FnmsubD | FnmaddD => Unit::Fma,
            FdivS | FdivD => Unit::Fdiv,
            FsqrtS | FsqrtD => Unit::Fsqrt,
            FcvtWS | FcvtWuS | FcvtSW | FcvtSWu | FcvtSD | FcvtDS | FcvtWD | FcvtWuD | FcvtDW
            | FcvtDWu => Unit::Fcvt,
            FeqS | FltS | FleS | FminS | FmaxS | FclassS | FeqD | FltD | FleD | FminD | FmaxD
            | FclassD => Unit::Fcmp,
            FsgnjS | FsgnjnS | FsgnjxS | FmvXW | FmvWX | FsgnjD | FsgnjnD | FsgnjxD => Unit::Fmove,
            Jal => Unit::Jump,
            Jalr => Unit::JumpRegister,
            Ecall | Ebreak | Mret | Sret | Wfi | Illegal => Unit::System,
            _ if op.flags().contains(Flags::BRANCH) => Unit::Branch,
            _ if op.flags().contains(Flags::LOAD) => Unit::Load,
            _ => Unit::Simple,
        }
    }

    /// Cycles the unit holds the execute stage (at least 1).
    pub fn busy(self, c: &PipelineConfig) -> u32 {
        let cycles = match self {
            Unit::Mul => c.mul,
            Unit::Div => c.div,
            Unit::Fadd => c.fadd,
            Unit::Fmul => c.fmul,
            Unit::Fma => c.fma,
            Unit::Fdiv => c.fdiv,
            Unit::Fsqrt => c.fsqrt,
            Unit::Fcvt => c.fcvt,
            Unit::Fcmp => c.fcmp,
            Unit::Fmove => c.fmove,
            Unit::Simple
            | Unit::Load
            | Unit::Branch
            | Unit::Jump
            | Unit::JumpRegister
            | Unit::System => 1,
        };
        cycles.max(1)
    }
}

/// Index of integer register `r` in the model's 64-entry register table.
fn x(r: u8) -> usize {
    usize::from(r & 31)
}

/// Index of FP register `r`.
fn f(r: u8) -> usize {
    32 + usize::from(r & 31)
}

/// The registers `insn` reads, as indexes into the 64-entry table (x0
/// included: it is always ready); unused slots are `None`.
pub fn sources(insn: &Insn) -> [Option<usize>; 3] {
    let flags = insn.op.flags();
    let rs1 = if flags.contains(Flags::FP_RS1) {
        f(insn.rs1)
    } else {
        x(insn.rs1)
    };
    let rs2 = if flags.contains(Flags::FP_RS2) {
        f(insn.rs2)
    } else {
        x(insn.rs2)
    };
    match insn.op.format() {
        Format::R | Format::RRm | Format::Amo | Format::S | Format::B | Format::Sfence => {
            [Some(rs1), Some(rs2), None]
        }
        Format::R4 => [Some(rs1), Some(rs2), Some(f(insn.rs3))],
        Format::R1 | Format::R1Rm | Format::Lr | Format::I | Format::Shift | Format::Csr => {
            [Some(rs1), None, None]
        }
        Format::U | Format::J | Format::CsrI | Format::Fence | Format::Sys => [None; 3],
    }
}

/// The register `insn` writes, if any (`x0` is never written).
pub fn destination(insn: &Insn) -> Option<usize> {
    match insn.op.format() {
        Format::S | Format::B | Format::Fence | Format::Sfence | Format::Sys => None,
        _ if insn.op.flags().contains(Flags::FP_RD) => Some(f(insn.rd)),
        _ if insn.rd == 0 => None,
        _ => Some(x(insn.rd)),
    }
}
