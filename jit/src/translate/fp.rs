//! F and D computation on the host FPU ("hardfloat"), with the
//! interpreter as the exact path.
//!
//! Cranelift cannot set the host's rounding mode or read its exception
//! flags, so the host result is used only where it is provably the
//! specification's, and the flags it would raise are already accrued:
//! - rounding: the host rounds to nearest-even, so a rounding operation
//!   needs a static RNE or a dynamic `frm` of 0 (conversions to integer
//!   round toward zero, which `fcvt_to_*_sat` does, so they need RTZ;
//!   exact conversions take any legal mode);
//! - flags: the result is normal (not NaN, infinite, zero or subnormal:
//!   such a result from any operands raises at most NX) and `fflags.NX`
//!   is set already, or the operation is checked exact (conversions);
//!   comparisons, min/max and conversions from single to double need
//!   non-NaN operands, conversions to integer an operand in range.
//!
//! Otherwise a cold side exit leaves the block before the instruction
//! ([`ret::INTERPRET`](crate::chain::ret::INTERPRET)), and the interpreter
//! runs it with `soc::fpu`'s exact arithmetic, flags and canonical NaNs: no
//! call on the cold path, so it costs Cranelift little. FCLASS, and the
//! fused operations on a host without FMA, always call the interpreter's
//! executor. Sign injection, moves and conversions that cannot round are
//! always generated.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{InstBuilder, Value, types};
use soc::fpu::Fflags;
use soc::hart::Hart;
use soc::isa::{Insn, Op};

use super::{Emitter, hart_flags};

/// The dynamic rounding-mode field value (`frm` decides).
const DYNAMIC: u8 = 7;

/// The rounding an instruction needs for the host result to be exact.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rounding {
    /// Round to nearest, ties to even (the host's mode).
    Nearest,
    /// Toward zero (what `fcvt_to_*_sat` does).
    TowardZero,
    /// The operation is exact: any legal mode.
    Any,
}

impl Rounding {
    /// Whether the `rm` field value `mode` (not dynamic) is this.
    fn admits(self, mode: u32) -> bool {
        match self {
            Rounding::Nearest => mode == 0,
            Rounding::TowardZero => mode == 1,
            Rounding::Any => mode <= 4,
        }
    }
}

/// FP CSR values a block reads once, on the path every later instruction
/// follows (never on a cold path), so they dominate their uses.
#[derive(Clone, Copy, Default)]
pub(super) struct FpCsrs {
    /// `frm`.
    frm: Option<Value>,
    /// Whether `fflags.NX` is set (see `Emitter::inexact_accrued`).
    inexact: Option<Value>,
}

/// The register file a result goes to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dest {
    F,
    X,
}

/// The two formats.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    S,
    D,
}

impl Emitter<'_> {
    /// An F or D instruction other than a load or store, the `idx`th of
    /// the block, at `pc`.
    pub(super) fn fp(&mut self, i: &Insn, pc: u32, idx: usize) {
        use Op::*;
        let fused = matches!(
            i.op,
            FmaddS | FmsubS | FnmsubS | FnmaddS | FmaddD | FmsubD | FnmsubD | FnmaddD
        );
        if matches!(i.op, FclassS | FclassD) || (fused && !self.host_fma) {
            return self.interpreted(i, pc, idx);
        }
        self.require_fpu(i, pc, idx);
        match i.op {
            FaddS | FsubS | FmulS | FdivS | FsqrtS | FmaddS | FmsubS | FnmsubS | FnmaddS => {
                self.arith(i, pc, idx, Format::S)
            }
            FaddD | FsubD | FmulD | FdivD | FsqrtD | FmaddD | FmsubD | FnmsubD | FnmaddD => {
                self.arith(i, pc, idx, Format::D)
            }
            FsgnjS | FsgnjnS | FsgnjxS => {
                let a = self.get_s(i.rs1);
                let b = self.get_s(i.rs2);
                let a = self.single_bits(a);
                let b = self.single_bits(b);
                let r = self.sign_inject(i.op, a, b, 1 << 31);
                let bits = self.box_s(r);
                self.set_f(i.rd, bits);
            }
            FsgnjD | FsgnjnD | FsgnjxD => {
                let a = self.fget(i.rs1);
                let b = self.fget(i.rs2);
                let r = self.sign_inject(i.op, a, b, i64::MIN);
                self.set_f(i.rd, r);
            }
            FminS | FmaxS => self.min_max(i, pc, idx, Format::S),
            FminD | FmaxD => self.min_max(i, pc, idx, Format::D),
            FeqS | FltS | FleS => self.compare_fp(i, pc, idx, Format::S),
            FeqD | FltD | FleD => self.compare_fp(i, pc, idx, Format::D),
            FmvXW => {
                let bits = self.fget(i.rs1);
                let low = self.b.ins().ireduce(types::I32, bits);
                self.set(i.rd, low);
            }
            FmvWX => {
                let x = self.get(i.rs1);
                let bits = self.box_s(x);
                self.set_f(i.rd, bits);
            }
            FcvtWS | FcvtWuS => {
                let v = self.get_s(i.rs1);
                let v = self.b.ins().fpromote(types::F64, v);
                self.convert_to_int(i, pc, idx, v)
            }
            FcvtWD | FcvtWuD => {
                let v = self.get_d(i.rs1);
                self.convert_to_int(i, pc, idx, v)
            }
            FcvtSW | FcvtSWu => self.single_from_int(i, pc, idx),
            FcvtDW | FcvtDWu => {
                let Some(ok) = self.rounding(i, Rounding::Any) else {
                    return self.interpreted(i, pc, idx);
                };
                let x = self.get(i.rs1);
                let r = if i.op == FcvtDW {
                    self.b.ins().fcvt_from_sint(types::F64, x)
                } else {
                    self.b.ins().fcvt_from_uint(types::F64, x)
                };
                let bits = self.bits_d(r);
                self.finish(i, pc, idx, ok, bits, Dest::F);
            }
            FcvtDS => {
                let Some(rm_ok) = self.rounding(i, Rounding::Any) else {
                    return self.interpreted(i, pc, idx);
                };
                let a = self.get_s(i.rs1);
                let number = self.b.ins().fcmp(FloatCC::Ordered, a, a);
                let ok = self.all(&[rm_ok, Some(number)]);
                let r = self.b.ins().fpromote(types::F64, a);
                let bits = self.bits_d(r);
                self.finish(i, pc, idx, ok, bits, Dest::F);
            }
            FcvtSD => {
                let Some(rm_ok) = self.rounding(i, Rounding::Nearest) else {
                    return self.interpreted(i, pc, idx);
                };
                let a = self.get_d(i.rs1);
                let r = self.b.ins().fdemote(types::F32, a);
                let back = self.b.ins().fpromote(types::F64, r);
                let exact = self.b.ins().fcmp(FloatCC::Equal, back, a);
                let bits = self.bits_s(r);
                let normal = self.is_normal(bits, Format::S);
                let nx = self.inexact_accrued();
                let flags_ok = self.b.ins().bor(exact, nx);
                let ok = self.all(&[rm_ok, Some(normal), Some(flags_ok)]);
                self.finish(i, pc, idx, ok, bits, Dest::F);
            }
            _ => self.interpreted(i, pc, idx),
        }
    }

    /// Add, subtract, multiply, divide, square root and the fused
    /// multiply-adds in format `fmt`.
    fn arith(&mut self, i: &Insn, pc: u32, idx: usize, fmt: Format) {
        use Op::*;
        let Some(rm_ok) = self.rounding(i, Rounding::Nearest) else {
            return self.interpreted(i, pc, idx);
        };
        let operand = |e: &mut Self, r: u8| match fmt {
            Format::S => e.get_s(r),
            Format::D => e.get_d(r),
        };
        let a = operand(self, i.rs1);
        let r = match i.op {
            FsqrtS | FsqrtD => self.b.ins().sqrt(a),
            FaddS | FaddD | FsubS | FsubD | FmulS | FmulD | FdivS | FdivD => {
                let b = operand(self, i.rs2);
                match i.op {
                    FaddS | FaddD => self.b.ins().fadd(a, b),
                    FsubS | FsubD => self.b.ins().fsub(a, b),
                    FmulS | FmulD => self.b.ins().fmul(a, b),
                    _ => self.b.ins().fdiv(a, b),
                }
            }
            _ => {
                let b = operand(self, i.rs2);
                let c = operand(self, i.rs3);
                // Negating an operand is exact, so each form is one fused
                // operation: fmsub a*b-c, fnmsub -a*b+c, fnmadd -a*b-c.
                let negate_product = matches!(i.op, FnmsubS | FnmsubD | FnmaddS | FnmaddD);
                let negate_addend = matches!(i.op, FmsubS | FmsubD | FnmaddS | FnmaddD);
                let a = if negate_product {
                    self.b.ins().fneg(a)
                } else {
                    a
                };
                let c = if negate_addend {
                    self.b.ins().fneg(c)
                } else {
                    c
                };
                self.b.ins().fma(a, b, c)
            }
        };
        let bits = match fmt {
            Format::S => self.bits_s(r),
            Format::D => self.bits_d(r),
        };
        let normal = self.is_normal(bits, fmt);
        let nx = self.inexact_accrued();
        let ok = self.all(&[rm_ok, Some(normal), Some(nx)]);
        self.finish(i, pc, idx, ok, bits, Dest::F);
    }

    /// FSGNJ, FSGNJN, FSGNJX on the bits `a` and `b` with sign bit `sign`.
    fn sign_inject(&mut self, op: Op, a: Value, b: Value, sign: i64) -> Value {
        use Op::*;
        let magnitude = self.b.ins().band_imm_s(a, !sign);
        match op {
            FsgnjS | FsgnjD => {
                let s = self.b.ins().band_imm_s(b, sign);
                self.b.ins().bor(magnitude, s)
            }
            FsgnjnS | FsgnjnD => {
                let nb = self.b.ins().bnot(b);
                let s = self.b.ins().band_imm_s(nb, sign);
                self.b.ins().bor(magnitude, s)
            }
            _ => {
                let s = self.b.ins().band_imm_s(b, sign);
                self.b.ins().bxor(a, s)
            }
        }
    }

    /// FMIN/FMAX of non-NaN operands: the smaller (larger), and for equal
    /// operands the OR (AND) of their bits, which orders -0 below +0.
    fn min_max(&mut self, i: &Insn, pc: u32, idx: usize, fmt: Format) {
        let (a, b, abits, bbits) = match fmt {
            Format::S => {
                let a = self.get_s(i.rs1);
                let b = self.get_s(i.rs2);
                let abits = self.single_bits(a);
                let bbits = self.single_bits(b);
                (a, b, abits, bbits)
            }
            Format::D => {
                let abits = self.fget(i.rs1);
                let bbits = self.fget(i.rs2);
                (self.get_d(i.rs1), self.get_d(i.rs2), abits, bbits)
            }
        };
        let min = matches!(i.op, Op::FminS | Op::FminD);
        let (first, second) = if min {
            (FloatCC::LessThan, FloatCC::GreaterThan)
        } else {
            (FloatCC::GreaterThan, FloatCC::LessThan)
        };
        let a_wins = self.b.ins().fcmp(first, a, b);
        let b_wins = self.b.ins().fcmp(second, a, b);
        let tie = if min {
            self.b.ins().bor(abits, bbits)
        } else {
            self.b.ins().band(abits, bbits)
        };
        let r = self.b.ins().select(b_wins, bbits, tie);
        let r = self.b.ins().select(a_wins, abits, r);
        let bits = match fmt {
            Format::S => self.box_s(r),
            Format::D => r,
        };
        let ordered = self.b.ins().fcmp(FloatCC::Ordered, a, b);
        self.finish(i, pc, idx, Some(ordered), bits, Dest::F);
    }

    /// FEQ, FLT, FLE of non-NaN operands (no flag to raise).
    fn compare_fp(&mut self, i: &Insn, pc: u32, idx: usize, fmt: Format) {
        use Op::*;
        let (a, b) = match fmt {
            Format::S => (self.get_s(i.rs1), self.get_s(i.rs2)),
            Format::D => (self.get_d(i.rs1), self.get_d(i.rs2)),
        };
        let cc = match i.op {
            FeqS | FeqD => FloatCC::Equal,
            FltS | FltD => FloatCC::LessThan,
            _ => FloatCC::LessThanOrEqual,
        };
        let c = self.b.ins().fcmp(cc, a, b);
        let r = self.b.ins().uextend(types::I32, c);
        let ordered = self.b.ins().fcmp(FloatCC::Ordered, a, b);
        self.finish(i, pc, idx, Some(ordered), r, Dest::X);
    }

    /// FCVT.W[U] from the double `v` (a single promoted exactly), rounding
    /// toward zero: in range, the host's saturating conversion is the
    /// result; it is exact when it converts back to `v`.
    fn convert_to_int(&mut self, i: &Insn, pc: u32, idx: usize, v: Value) {
        let Some(rm_ok) = self.rounding(i, Rounding::TowardZero) else {
            return self.interpreted(i, pc, idx);
        };
        let signed = matches!(i.op, Op::FcvtWS | Op::FcvtWD);
        // Open bounds: the values that truncate into the range.
        let (low, high) = if signed {
            (-2_147_483_649.0, 2_147_483_648.0)
        } else {
            (-1.0, 4_294_967_296.0)
        };
        let low = self.b.ins().f64const(low);
        let high = self.b.ins().f64const(high);
        let above = self.b.ins().fcmp(FloatCC::GreaterThan, v, low);
        let below = self.b.ins().fcmp(FloatCC::LessThan, v, high);
        let (r, back) = if signed {
            let r = self.b.ins().fcvt_to_sint_sat(types::I32, v);
            (r, self.b.ins().fcvt_from_sint(types::F64, r))
        } else {
            let r = self.b.ins().fcvt_to_uint_sat(types::I32, v);
            (r, self.b.ins().fcvt_from_uint(types::F64, r))
        };
        let exact = self.b.ins().fcmp(FloatCC::Equal, back, v);
        let nx = self.inexact_accrued();
        let flags_ok = self.b.ins().bor(exact, nx);
        let ok = self.all(&[rm_ok, Some(above), Some(below), Some(flags_ok)]);
        self.finish(i, pc, idx, ok, r, Dest::X);
        self.fpu_dirty_unless(exact);
    }

    /// FCVT.S.W[U]: the host's conversion (to nearest), exact when it
    /// equals the integer (compared as doubles, which hold both exactly).
    fn single_from_int(&mut self, i: &Insn, pc: u32, idx: usize) {
        let Some(rm_ok) = self.rounding(i, Rounding::Nearest) else {
            return self.interpreted(i, pc, idx);
        };
        let x = self.get(i.rs1);
        let (r, wide) = if i.op == Op::FcvtSW {
            let r = self.b.ins().fcvt_from_sint(types::F32, x);
            (r, self.b.ins().fcvt_from_sint(types::F64, x))
        } else {
            let r = self.b.ins().fcvt_from_uint(types::F32, x);
            (r, self.b.ins().fcvt_from_uint(types::F64, x))
        };
        let back = self.b.ins().fpromote(types::F64, r);
        let exact = self.b.ins().fcmp(FloatCC::Equal, back, wide);
        let nx = self.inexact_accrued();
        let flags_ok = self.b.ins().bor(exact, nx);
        let ok = self.all(&[rm_ok, Some(flags_ok)]);
        let bits = self.bits_s(r);
        self.finish(i, pc, idx, ok, bits, Dest::F);
    }

    /// Whether the instruction's rounding mode gives `want`: `None` when its
    /// static mode never does (the interpreter runs it), `Some(None)` when
    /// it always does, else `Some` of the test of `frm`.
    fn rounding(&mut self, i: &Insn, want: Rounding) -> Option<Option<Value>> {
        if i.rm != DYNAMIC {
            return want.admits(u32::from(i.rm)).then_some(None);
        }
        // `frm` holds 0..=7; only a CSR write changes it, ending the block,
        // so one load serves the whole block.
        let frm = match self.fp_csrs.frm {
            Some(frm) => frm,
            None => {
                let off = Hart::FRM_OFFSET as i32;
                let frm = self.b.ins().load(types::I32, hart_flags(), self.hart, off);
                self.fp_csrs.frm = Some(frm);
                frm
            }
        };
        let ok = match want {
            Rounding::Nearest => self.b.ins().icmp_imm_u(IntCC::Equal, frm, 0),
            Rounding::TowardZero => self.b.ins().icmp_imm_u(IntCC::Equal, frm, 1),
            Rounding::Any => self.b.ins().icmp_imm_u(IntCC::UnsignedLessThan, frm, 5),
        };
        Some(Some(ok))
    }

    /// Whether `fflags.NX` was set at the block's first FP instruction that
    /// asks: flags only accrue inside a block (writing `fflags` ends it),
    /// so a set NX stays set, and a clear one only sends later
    /// instructions to the exact path, which stays correct.
    fn inexact_accrued(&mut self) -> Value {
        if let Some(nx) = self.fp_csrs.inexact {
            return nx;
        }
        let fflags = self.b.ins().load(
            types::I32,
            hart_flags(),
            self.hart,
            Hart::FFLAGS_OFFSET as i32,
        );
        let nx = self
            .b
            .ins()
            .band_imm_u(fflags, i64::from(Fflags::NX.bits()));
        let nx = self.b.ins().icmp_imm_u(IntCC::NotEqual, nx, 0);
        self.fp_csrs.inexact = Some(nx);
        nx
    }

    /// Whether the register bits `bits` hold a normal number of `fmt` (the
    /// exponent field neither all zeros nor all ones).
    fn is_normal(&mut self, bits: Value, fmt: Format) -> Value {
        let (shift, field) = match fmt {
            Format::S => (23, 0xff),
            Format::D => (52, 0x7ff),
        };
        let e = self.b.ins().ushr_imm_u(bits, shift);
        let e = self.b.ins().band_imm_u(e, field);
        let e = self.b.ins().iadd_imm_s(e, -1);
        self.b
            .ins()
            .icmp_imm_u(IntCC::UnsignedLessThan, e, field - 1)
    }

    /// The conjunction of the conditions present (`None`: always true).
    fn all(&mut self, conds: &[Option<Value>]) -> Option<Value> {
        conds.iter().flatten().fold(None, |acc, &c| match acc {
            None => Some(c),
            Some(a) => Some(self.b.ins().band(a, c)),
        })
    }

    /// Writes `f[rd]` and marks the FP state dirty.
    fn set_f(&mut self, rd: u8, bits: Value) {
        self.fset(rd, bits);
        self.fpu_dirty();
    }

    /// Writes the host result `fast` to `rd` when `ok` holds (always when
    /// `None`), else leaves the block for the interpreter to run the
    /// instruction (a side exit: no call, so the cold path costs Cranelift
    /// little).
    fn finish(
        &mut self,
        i: &Insn,
        pc: u32,
        idx: usize,
        ok: Option<Value>,
        fast: Value,
        dest: Dest,
    ) {
        if let Some(ok) = ok {
            let (fast_path, slow) = (self.b.create_block(), self.slow_block());
            self.b.ins().brif(ok, fast_path, &[], slow, &[]);
            self.b.switch_to_block(slow);
            self.b.seal_block(slow);
            self.interpret_from(pc, idx);
            self.b.switch_to_block(fast_path);
            self.b.seal_block(fast_path);
        }
        match dest {
            Dest::F => self.set_f(i.rd, fast),
            Dest::X => self.set(i.rd, fast),
        }
    }
}
