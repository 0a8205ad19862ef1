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
//! Arithmetic is the common case, so a member tests its conditions that
//! do not depend on the operands once, before its first arithmetic
//! instruction ("fast mode": `frm` is RNE when a dynamic mode asks, and
//! `fflags.NX` is set), with a side exit there when they fail; neither
//! can change until the member ends (only CSR writes change `frm`, and a
//! set flag stays set), so every later instruction of the member tests
//! only its result.
//!
//! Otherwise a cold side exit leaves the block before the instruction
//! ([`ret::INTERPRET`](crate::chain::ret::INTERPRET)), and the interpreter
//! runs it with `soc::fpu`'s exact arithmetic, flags and canonical NaNs: no
//! call on the cold path, so it costs Cranelift little. FCLASS, and the
//! fused operations on a host without FMA, always call the interpreter's
//! executor. Sign injection, moves and conversions that cannot round are
//! always generated.

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{Block, InstBuilder, Value, types};
use soc::fpu::Fflags;
use soc::hart::Hart;
use soc::isa::{Insn, Op};

use super::freg::Carry;
use super::{Emitter, hart_field, hart_flags};

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

/// FP CSR values a member reads once, on the path every later instruction
/// follows (never on a cold path), so they dominate their uses, and what
/// its fast-mode test established.
#[derive(Clone, Copy, Default)]
pub(super) struct FpCsrs {
    /// `frm`.
    frm: Option<Value>,
    /// Whether `fflags.NX` is set (see `Emitter::inexact_accrued`).
    inexact: Option<Value>,
    /// `frm` is known to be RNE from here on.
    nearest: bool,
    /// `fflags.NX` is known to be set from here on.
    inexact_set: bool,
}

/// A host result and where it goes.
#[derive(Clone, Copy)]
enum FpResult {
    /// A double to `f[rd]`, with its bits if made already.
    Double(Value, Option<Value>),
    /// A single to `f[rd]`, NaN-boxed.
    Single(Value),
    /// 64 raw bits to `f[rd]`.
    Bits(Value),
    /// An integer to `x[rd]`.
    X(Value),
}

/// The two formats.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    S,
    D,
}

/// The view in which `op` reads its `f` operands: as the singles they hold
/// (through `get_s`), as doubles (`get_d`), or as bits.
pub(super) fn reads_as(op: Op) -> Carry {
    use Op::*;
    match op {
        FaddS | FsubS | FmulS | FdivS | FsqrtS | FmaddS | FmsubS | FnmsubS | FnmaddS | FsgnjS
        | FsgnjnS | FsgnjxS | FminS | FmaxS | FeqS | FltS | FleS | FcvtWS | FcvtWuS | FcvtDS => {
            Carry::Single
        }
        FaddD | FsubD | FmulD | FdivD | FsqrtD | FmaddD | FmsubD | FnmsubD | FnmaddD | FeqD
        | FltD | FleD | FcvtWD | FcvtWuD | FcvtSD | Fsd => Carry::Double,
        _ => Carry::Bits,
    }
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
                let single = self.single_of(r);
                self.write(i.rd, FpResult::Single(single));
            }
            FsgnjD | FsgnjnD | FsgnjxD => {
                let a = self.fget(i.rs1);
                let b = self.fget(i.rs2);
                let r = self.sign_inject(i.op, a, b, i64::MIN);
                self.write(i.rd, FpResult::Bits(r));
            }
            FminS | FmaxS => self.min_max(i, pc, idx, Format::S),
            FminD | FmaxD => self.min_max(i, pc, idx, Format::D),
            FeqS | FltS | FleS => self.compare_fp(i, pc, idx, Format::S),
            FeqD | FltD | FleD => self.compare_fp(i, pc, idx, Format::D),
            FmvXW => {
                let low = self.low_bits(i.rs1);
                self.set(i.rd, low);
            }
            FmvWX => {
                let x = self.get(i.rs1);
                let single = self.single_of(x);
                self.write(i.rd, FpResult::Single(single));
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
                self.finish(i, pc, idx, ok, FpResult::Double(r, None));
            }
            FcvtDS => {
                let Some(rm_ok) = self.rounding(i, Rounding::Any) else {
                    return self.interpreted(i, pc, idx);
                };
                let a = self.get_s(i.rs1);
                let number = self.b.ins().fcmp(FloatCC::Ordered, a, a);
                let ok = self.all(&[rm_ok, Some(number)]);
                let r = self.b.ins().fpromote(types::F64, a);
                self.finish(i, pc, idx, ok, FpResult::Double(r, None));
            }
            FcvtSD => {
                let Some(rm_ok) = self.rounding(i, Rounding::Nearest) else {
                    return self.interpreted(i, pc, idx);
                };
                let a = self.get_d(i.rs1);
                let r = self.b.ins().fdemote(types::F32, a);
                let back = self.b.ins().fpromote(types::F64, r);
                let exact = self.b.ins().fcmp(FloatCC::Equal, back, a);
                let bits = self.single_bits(r);
                let normal = self.is_normal(bits, Format::S);
                let flags_ok = self.exact_or_inexact_accrued(exact);
                let ok = self.all(&[rm_ok, Some(normal), flags_ok]);
                self.finish(i, pc, idx, ok, FpResult::Single(r));
            }
            _ => self.interpreted(i, pc, idx),
        }
    }

    /// Add, subtract, multiply, divide, square root and the fused
    /// multiply-adds in format `fmt`.
    fn arith(&mut self, i: &Insn, pc: u32, idx: usize, fmt: Format) {
        use Op::*;
        if i.rm != DYNAMIC && !Rounding::Nearest.admits(u32::from(i.rm)) {
            return self.interpreted(i, pc, idx);
        }
        self.require_fast_mode(pc, idx, i.rm == DYNAMIC);
        let operand = |e: &mut Self, r: u8| match fmt {
            Format::S => e.get_s(r),
            Format::D => e.get_d(r),
        };
        let a = operand(self, i.rs1);
        let mut second = None;
        let r = match i.op {
            FsqrtS | FsqrtD => self.b.ins().sqrt(a),
            FaddS | FaddD | FsubS | FsubD | FmulS | FmulD | FdivS | FdivD => {
                let b = operand(self, i.rs2);
                second = Some(b);
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
        let (bits, result) = match fmt {
            Format::S => (self.single_bits(r), FpResult::Single(r)),
            Format::D => {
                let bits = self.bits_d(r);
                (bits, FpResult::Double(r, Some(bits)))
            }
        };
        match i.op {
            // A sum that is zero or subnormal is exact (the exact sum is a
            // multiple of the smallest subnormal, so it never rounds to
            // such a value), so it raises no flag: only an infinite or NaN
            // result needs the exact path.
            FaddS | FaddD | FsubS | FsubD => {
                let finite = self.is_finite(bits, fmt);
                self.finish(i, pc, idx, Some(finite), result);
            }
            FmulS | FmulD | FdivS | FdivD | FsqrtS | FsqrtD => {
                let normal = self.is_normal(bits, fmt);
                self.side_exit_unless_rescued(normal, pc, idx, |e| {
                    e.exact_zero(i.op, fmt, r, a, second)
                });
                self.write(i.rd, result);
            }
            _ => {
                let normal = self.is_normal(bits, fmt);
                self.finish(i, pc, idx, Some(normal), result);
            }
        }
    }

    /// Whether `r`, the result of the product, quotient or square root
    /// `op` of `a` (and `b`), is a zero that raises no flag: a product with
    /// a zero factor, a quotient of a zero dividend, a square root of a
    /// zero (any other zero result underflowed). Ray tracers multiply by
    /// zero components all the time.
    fn exact_zero(&mut self, op: Op, fmt: Format, r: Value, a: Value, b: Option<Value>) -> Value {
        let zero = match fmt {
            Format::S => self.b.ins().f32const(0.0),
            Format::D => self.b.ins().f64const(0.0),
        };
        let is_zero = |e: &mut Self, v: Value| e.b.ins().fcmp(FloatCC::Equal, v, zero);
        let r_zero = is_zero(self, r);
        let cause = match (op, b) {
            (Op::FmulS | Op::FmulD, Some(b)) => {
                let a_zero = is_zero(self, a);
                let b_zero = is_zero(self, b);
                self.b.ins().bor(a_zero, b_zero)
            }
            (Op::FdivS | Op::FdivD, _) => is_zero(self, a),
            _ => return r_zero,
        };
        self.b.ins().band(r_zero, cause)
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
        let result = match fmt {
            Format::S => FpResult::Single(self.single_of(r)),
            Format::D => FpResult::Bits(r),
        };
        let ordered = self.b.ins().fcmp(FloatCC::Ordered, a, b);
        self.finish(i, pc, idx, Some(ordered), result);
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
        self.finish(i, pc, idx, Some(ordered), FpResult::X(r));
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
        let flags_ok = self.exact_or_inexact_accrued(exact);
        let ok = self.all(&[rm_ok, Some(above), Some(below), flags_ok]);
        self.finish(i, pc, idx, ok, FpResult::X(r));
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
        let flags_ok = self.exact_or_inexact_accrued(exact);
        let ok = self.all(&[rm_ok, flags_ok]);
        self.finish(i, pc, idx, ok, FpResult::Single(r));
    }

    /// Whether the instruction's rounding mode gives `want`: `None` when its
    /// static mode never does (the interpreter runs it), `Some(None)` when
    /// it always does, else `Some` of the test of `frm`.
    fn rounding(&mut self, i: &Insn, want: Rounding) -> Option<Option<Value>> {
        if i.rm != DYNAMIC {
            return want.admits(u32::from(i.rm)).then_some(None);
        }
        if self.fp_csrs.nearest && want != Rounding::TowardZero {
            return Some(None);
        }
        let frm = self.frm();
        let ok = match want {
            Rounding::Nearest => self.b.ins().icmp_imm_u(IntCC::Equal, frm, 0),
            Rounding::TowardZero => self.b.ins().icmp_imm_u(IntCC::Equal, frm, 1),
            Rounding::Any => self.b.ins().icmp_imm_u(IntCC::UnsignedLessThan, frm, 5),
        };
        Some(Some(ok))
    }

    /// `frm` (0..=7): only a CSR write changes it, ending the block, so one
    /// load serves the whole member.
    fn frm(&mut self) -> Value {
        let cache = &mut self.fp_csrs.frm;
        hart_field(&mut self.b, self.hart, cache, types::I32, Hart::FRM_OFFSET)
    }

    /// Before the `idx`th instruction, at `pc`: establishes fast mode (RNE
    /// in `frm` too if `nearest`, and `fflags.NX` set) for the rest of the
    /// member, testing what is not known yet, with a side exit to the
    /// interpreter when it fails.
    fn require_fast_mode(&mut self, pc: u32, idx: usize, nearest: bool) {
        let rne = match nearest && !self.fp_csrs.nearest {
            true => {
                let frm = self.frm();
                Some(self.b.ins().icmp_imm_u(IntCC::Equal, frm, 0))
            }
            false => None,
        };
        let nx = self.inexact_accrued();
        if let Some(ok) = self.all(&[rne, nx]) {
            self.side_exit_unless(ok, pc, idx);
        }
        self.fp_csrs.nearest |= nearest;
        self.fp_csrs.inexact_set = true;
    }

    /// `exact`, or nothing to test when `fflags.NX` is known set (an
    /// inexact result raises no new flag then); else whether either holds.
    fn exact_or_inexact_accrued(&mut self, exact: Value) -> Option<Value> {
        let nx = self.inexact_accrued()?;
        Some(self.b.ins().bor(exact, nx))
    }

    /// Whether `fflags.NX` was set at the member's first FP instruction
    /// that asks (`None` when fast mode established it): flags only accrue
    /// inside a block (writing `fflags` ends it), so a set NX stays set,
    /// and a clear one only sends later instructions to the exact path,
    /// which stays correct.
    fn inexact_accrued(&mut self) -> Option<Value> {
        if self.fp_csrs.inexact_set {
            return None;
        }
        if let Some(nx) = self.fp_csrs.inexact {
            return Some(nx);
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
        Some(nx)
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

    /// Whether the register bits `bits` hold a finite number of `fmt` (the
    /// exponent field not all ones).
    fn is_finite(&mut self, bits: Value, fmt: Format) -> Value {
        let field = match fmt {
            Format::S => 0xff << 23,
            Format::D => 0x7ff << 52,
        };
        let e = self.b.ins().band_imm_u(bits, field);
        self.b.ins().icmp_imm_u(IntCC::NotEqual, e, field)
    }

    /// The conjunction of the conditions present (`None`: always true).
    fn all(&mut self, conds: &[Option<Value>]) -> Option<Value> {
        conds.iter().flatten().fold(None, |acc, &c| match acc {
            None => Some(c),
            Some(a) => Some(self.b.ins().band(a, c)),
        })
    }

    /// Writes `result` to register `rd` of its file, marking the FP state
    /// dirty for an `f` register.
    fn write(&mut self, rd: u8, result: FpResult) {
        match result {
            FpResult::Double(v, bits) => self.fset_d(rd, v, bits),
            FpResult::Single(v) => self.fset_s(rd, v),
            FpResult::Bits(bits) => self.fset(rd, bits),
            FpResult::X(v) => return self.set(rd, v),
        }
        self.fpu_dirty();
    }

    /// Leaves the block before the `idx`th instruction, at `pc`, for the
    /// interpreter to run it, unless `ok` holds (a side exit: no call, so
    /// the cold path costs Cranelift little).
    fn side_exit_unless(&mut self, ok: Value, pc: u32, idx: usize) {
        let (cont, slow) = (self.b.create_block(), self.slow_block());
        self.b.ins().brif(ok, cont, &[], slow, &[]);
        self.side_exit_then(slow, cont, pc, idx);
    }

    /// Fills the block `slow` with the side exit before the `idx`th
    /// instruction, at `pc`, then goes on in `cont`.
    fn side_exit_then(&mut self, slow: Block, cont: Block, pc: u32, idx: usize) {
        self.b.switch_to_block(slow);
        self.b.seal_block(slow);
        self.interpret_from(pc, idx);
        self.b.switch_to_block(cont);
        self.b.seal_block(cont);
    }

    /// As [`Emitter::side_exit_unless`], but a failed `ok` first tries
    /// `rescue`, made on a cold path, before leaving.
    fn side_exit_unless_rescued(
        &mut self,
        ok: Value,
        pc: u32,
        idx: usize,
        rescue: impl FnOnce(&mut Self) -> Value,
    ) {
        let (cont, second) = (self.b.create_block(), self.slow_block());
        self.b.ins().brif(ok, cont, &[], second, &[]);
        self.b.switch_to_block(second);
        self.b.seal_block(second);
        let rescued = rescue(self);
        let slow = self.slow_block();
        self.b.ins().brif(rescued, cont, &[], slow, &[]);
        self.side_exit_then(slow, cont, pc, idx);
    }

    /// Writes the host result `result` when `ok` holds (always when
    /// `None`), else leaves the block for the interpreter to run the
    /// instruction.
    fn finish(&mut self, i: &Insn, pc: u32, idx: usize, ok: Option<Value>, result: FpResult) {
        if let Some(ok) = ok {
            self.side_exit_unless(ok, pc, idx);
        }
        self.write(i.rd, result);
    }
}
