//! Comparisons, minimum/maximum, classification, sign injection and moves.
//!
//! - FEQ is a quiet comparison (`NV` only for a signaling NaN operand);
//!   FLT and FLE are signaling (`NV` for any NaN operand). All give 0 when
//!   an operand is NaN.
//! - FMIN/FMAX follow the 2019 ISA (IEEE 754-2019 minimumNumber /
//!   maximumNumber): −0 is less than +0, a single NaN operand yields the
//!   other operand, two NaNs yield the canonical NaN, and a signaling NaN
//!   operand raises `NV`.
//! - FCLASS returns a one-hot 10-bit mask (bit numbers in [`class`]).
//! - FSGNJ, FSGNJN, FSGNJX and FMV work on bits and raise nothing. For
//!   singles, NaN-boxing is the caller's job ([`super::unbox_s`] first).

use super::flags::Fflags;
use super::format::{F32, F64, Format, is_nan, is_snan};

/// Bit numbers of the FCLASS result mask.
pub mod class {
    /// −∞.
    pub const NEG_INF: u32 = 1 << 0;
    /// Negative normal number.
    pub const NEG_NORMAL: u32 = 1 << 1;
    /// Negative subnormal number.
    pub const NEG_SUBNORMAL: u32 = 1 << 2;
    /// −0.
    pub const NEG_ZERO: u32 = 1 << 3;
    /// +0.
    pub const POS_ZERO: u32 = 1 << 4;
    /// Positive subnormal number.
    pub const POS_SUBNORMAL: u32 = 1 << 5;
    /// Positive normal number.
    pub const POS_NORMAL: u32 = 1 << 6;
    /// +∞.
    pub const POS_INF: u32 = 1 << 7;
    /// Signaling NaN.
    pub const SNAN: u32 = 1 << 8;
    /// Quiet NaN.
    pub const QNAN: u32 = 1 << 9;
}

/// `NV` when `cond`.
#[inline]
fn nv(cond: bool) -> Fflags {
    if cond { Fflags::NV } else { Fflags::NONE }
}

/// FCLASS of an `F` encoding.
fn classify<F: Format>(a: u64) -> u32 {
    let neg = a & F::SIGN != 0;
    let field = a & F::EXP_MASK;
    let frac = a & F::FRAC_MASK;
    let (negative, positive) = if field == F::EXP_MASK {
        if frac == 0 {
            (class::NEG_INF, class::POS_INF)
        } else if frac & F::QUIET != 0 {
            return class::QNAN;
        } else {
            return class::SNAN;
        }
    } else if field == 0 {
        if frac == 0 {
            (class::NEG_ZERO, class::POS_ZERO)
        } else {
            (class::NEG_SUBNORMAL, class::POS_SUBNORMAL)
        }
    } else {
        (class::NEG_NORMAL, class::POS_NORMAL)
    };
    if neg { negative } else { positive }
}

/// FMIN (`max == false`) or FMAX of two `F` encodings whose values are
/// ordered by `less`.
#[inline]
fn min_max<F: Format>(a: u64, b: u64, max: bool, less: impl Fn(u64, u64) -> bool) -> (u64, Fflags) {
    let (a_nan, b_nan) = (is_nan::<F>(a), is_nan::<F>(b));
    if a_nan || b_nan {
        let flags = nv(is_snan::<F>(a) || is_snan::<F>(b));
        let r = match (a_nan, b_nan) {
            (true, true) => F::CANONICAL_NAN,
            (true, false) => b,
            _ => a,
        };
        return (r, flags);
    }
    let r = if less(a, b) {
        if max { b } else { a }
    } else if less(b, a) {
        if max { a } else { b }
    } else if max {
        // Equal: identical encodings, or +0 and −0 (the AND keeps +0).
        a & b
    } else {
        a | b
    };
    (r, Fflags::NONE)
}

/// FEQ.S: `a == b`, quiet.
#[inline]
pub fn eq_s(a: u32, b: u32) -> (bool, Fflags) {
    let flags = nv(is_snan::<F32>(a.into()) || is_snan::<F32>(b.into()));
    (f32::from_bits(a) == f32::from_bits(b), flags)
}

/// FLT.S: `a < b`, signaling.
#[inline]
pub fn lt_s(a: u32, b: u32) -> (bool, Fflags) {
    let (x, y) = (f32::from_bits(a), f32::from_bits(b));
    (x < y, nv(x.is_nan() || y.is_nan()))
}

/// FLE.S: `a <= b`, signaling.
#[inline]
pub fn le_s(a: u32, b: u32) -> (bool, Fflags) {
    let (x, y) = (f32::from_bits(a), f32::from_bits(b));
    (x <= y, nv(x.is_nan() || y.is_nan()))
}

/// FEQ.D: `a == b`, quiet.
#[inline]
pub fn eq_d(a: u64, b: u64) -> (bool, Fflags) {
    let flags = nv(is_snan::<F64>(a) || is_snan::<F64>(b));
    (f64::from_bits(a) == f64::from_bits(b), flags)
}

/// FLT.D: `a < b`, signaling.
#[inline]
pub fn lt_d(a: u64, b: u64) -> (bool, Fflags) {
    let (x, y) = (f64::from_bits(a), f64::from_bits(b));
    (x < y, nv(x.is_nan() || y.is_nan()))
}

/// FLE.D: `a <= b`, signaling.
#[inline]
pub fn le_d(a: u64, b: u64) -> (bool, Fflags) {
    let (x, y) = (f64::from_bits(a), f64::from_bits(b));
    (x <= y, nv(x.is_nan() || y.is_nan()))
}

/// Orders two non-NaN single encodings by value.
#[inline]
fn less_s(a: u64, b: u64) -> bool {
    f32::from_bits(a as u32) < f32::from_bits(b as u32)
}

/// Orders two non-NaN double encodings by value.
#[inline]
fn less_d(a: u64, b: u64) -> bool {
    f64::from_bits(a) < f64::from_bits(b)
}

/// FMIN.S.
#[inline]
pub fn min_s(a: u32, b: u32) -> (u32, Fflags) {
    let (r, f) = min_max::<F32>(a.into(), b.into(), false, less_s);
    (r as u32, f)
}

/// FMAX.S.
#[inline]
pub fn max_s(a: u32, b: u32) -> (u32, Fflags) {
    let (r, f) = min_max::<F32>(a.into(), b.into(), true, less_s);
    (r as u32, f)
}

/// FMIN.D.
#[inline]
pub fn min_d(a: u64, b: u64) -> (u64, Fflags) {
    min_max::<F64>(a, b, false, less_d)
}

/// FMAX.D.
#[inline]
pub fn max_d(a: u64, b: u64) -> (u64, Fflags) {
    min_max::<F64>(a, b, true, less_d)
}

/// FCLASS.S: the one-hot class mask (see [`class`]).
#[inline]
pub fn classify_s(a: u32) -> u32 {
    classify::<F32>(a.into())
}

/// FCLASS.D: the one-hot class mask (see [`class`]).
#[inline]
pub fn classify_d(a: u64) -> u32 {
    classify::<F64>(a)
}

const SIGN_S: u32 = 1 << 31;
const SIGN_D: u64 = 1 << 63;

/// FSGNJ.S: `a` with the sign of `b`.
#[inline]
pub fn sgnj_s(a: u32, b: u32) -> u32 {
    (a & !SIGN_S) | (b & SIGN_S)
}

/// FSGNJN.S: `a` with the opposite of the sign of `b` (FNEG.S when `a == b`).
#[inline]
pub fn sgnjn_s(a: u32, b: u32) -> u32 {
    (a & !SIGN_S) | (!b & SIGN_S)
}

/// FSGNJX.S: `a` with the XOR of both signs (FABS.S when `a == b`).
#[inline]
pub fn sgnjx_s(a: u32, b: u32) -> u32 {
    a ^ (b & SIGN_S)
}

/// FSGNJ.D: `a` with the sign of `b`.
#[inline]
pub fn sgnj_d(a: u64, b: u64) -> u64 {
    (a & !SIGN_D) | (b & SIGN_D)
}

/// FSGNJN.D: `a` with the opposite of the sign of `b`.
#[inline]
pub fn sgnjn_d(a: u64, b: u64) -> u64 {
    (a & !SIGN_D) | (!b & SIGN_D)
}

/// FSGNJX.D: `a` with the XOR of both signs.
#[inline]
pub fn sgnjx_d(a: u64, b: u64) -> u64 {
    a ^ (b & SIGN_D)
}

/// FMV.X.W: the low 32 bits of an `f` register, unchanged (no NaN-boxing
/// check, as the ISA specifies).
#[inline]
pub fn fmv_x_w(reg: u64) -> u32 {
    reg as u32
}

/// FMV.W.X: an integer register's bits as a NaN-boxed single.
#[inline]
pub fn fmv_w_x(x: u32) -> u64 {
    super::format::box_s(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fpu::test_utils::*;

    const QNAN: u32 = 0x7fc0_0000;
    const NQNAN: u32 = 0xffc0_0042;
    const SNAN: u32 = 0x7f80_0001;
    const INF: u32 = 0x7f80_0000;
    const NINF: u32 = 0xff80_0000;
    const NZERO: u32 = 0x8000_0000;
    const DQNAN: u64 = 0x7ff8_0000_0000_0000;
    const DSNAN: u64 = 0xfff4_0000_0000_0000;
    const DNZERO: u64 = 0x8000_0000_0000_0000;

    #[test]
    fn comparisons_single() {
        // (a, b, eq, lt, le, eq flags, lt/le flags)
        let cases = [
            (s(1.0), s(2.0), false, true, true, NONE, NONE),
            (s(2.0), s(1.0), false, false, false, NONE, NONE),
            (s(1.0), s(1.0), true, false, true, NONE, NONE),
            (0, NZERO, true, false, true, NONE, NONE),
            (NZERO, 0, true, false, true, NONE, NONE),
            (NINF, INF, false, true, true, NONE, NONE),
            (1, 0, false, false, false, NONE, NONE),
            (0x8000_0001, 0, false, true, true, NONE, NONE),
            (QNAN, QNAN, false, false, false, NONE, NV),
            (QNAN, s(1.0), false, false, false, NONE, NV),
            (s(1.0), NQNAN, false, false, false, NONE, NV),
            (SNAN, s(1.0), false, false, false, NV, NV),
            (s(1.0), SNAN, false, false, false, NV, NV),
        ];
        for (a, b, eq, lt, le, eq_flags, ord_flags) in cases {
            assert_eq!(eq_s(a, b), (eq, eq_flags), "feq.s {a:#x} {b:#x}");
            assert_eq!(lt_s(a, b), (lt, ord_flags), "flt.s {a:#x} {b:#x}");
            assert_eq!(le_s(a, b), (le, ord_flags), "fle.s {a:#x} {b:#x}");
        }
    }

    #[test]
    fn comparisons_double() {
        let cases = [
            (d(-1.0), d(2.0), false, true, true, NONE, NONE),
            (0, DNZERO, true, false, true, NONE, NONE),
            (d(3.0), d(3.0), true, false, true, NONE, NONE),
            (DQNAN, d(1.0), false, false, false, NONE, NV),
            (d(1.0), DSNAN, false, false, false, NV, NV),
            (DSNAN, DQNAN, false, false, false, NV, NV),
        ];
        for (a, b, eq, lt, le, eq_flags, ord_flags) in cases {
            assert_eq!(eq_d(a, b), (eq, eq_flags), "feq.d {a:#x} {b:#x}");
            assert_eq!(lt_d(a, b), (lt, ord_flags), "flt.d {a:#x} {b:#x}");
            assert_eq!(le_d(a, b), (le, ord_flags), "fle.d {a:#x} {b:#x}");
        }
    }

    #[test]
    fn min_max_single() {
        // (a, b, min, max, flags)
        let cases = [
            (s(1.0), s(2.0), s(1.0), s(2.0), NONE),
            (s(2.0), s(1.0), s(1.0), s(2.0), NONE),
            (s(-3.0), s(2.0), s(-3.0), s(2.0), NONE),
            (0, NZERO, NZERO, 0, NONE),
            (NZERO, 0, NZERO, 0, NONE),
            (NZERO, NZERO, NZERO, NZERO, NONE),
            (NINF, INF, NINF, INF, NONE),
            (QNAN, s(1.0), s(1.0), s(1.0), NONE),
            (s(1.0), NQNAN, s(1.0), s(1.0), NONE),
            (SNAN, s(1.0), s(1.0), s(1.0), NV),
            (NZERO, SNAN, NZERO, NZERO, NV),
            (QNAN, NQNAN, QNAN, QNAN, NONE), // two NaNs: canonical
            (NQNAN, NQNAN, QNAN, QNAN, NONE),
            (SNAN, QNAN, QNAN, QNAN, NV),
        ];
        for (a, b, min, max, flags) in cases {
            assert_eq!(min_s(a, b), (min, flags), "fmin.s {a:#x} {b:#x}");
            assert_eq!(max_s(a, b), (max, flags), "fmax.s {a:#x} {b:#x}");
        }
    }

    #[test]
    fn min_max_double() {
        let cases = [
            (d(1.0), d(-2.0), d(-2.0), d(1.0), NONE),
            (0, DNZERO, DNZERO, 0, NONE),
            (DQNAN, d(5.0), d(5.0), d(5.0), NONE),
            (d(5.0), DSNAN, d(5.0), d(5.0), NV),
            (DSNAN, DSNAN, DQNAN, DQNAN, NV),
            (DQNAN | DNZERO, DQNAN, DQNAN, DQNAN, NONE),
        ];
        for (a, b, min, max, flags) in cases {
            assert_eq!(min_d(a, b), (min, flags), "fmin.d {a:#x} {b:#x}");
            assert_eq!(max_d(a, b), (max, flags), "fmax.d {a:#x} {b:#x}");
        }
    }

    #[test]
    fn classify_all_ten_classes() {
        let singles = [
            (NINF, class::NEG_INF),
            (s(-1.5), class::NEG_NORMAL),
            (0xff7f_ffff, class::NEG_NORMAL),
            (0x8000_0001, class::NEG_SUBNORMAL),
            (0x807f_ffff, class::NEG_SUBNORMAL),
            (NZERO, class::NEG_ZERO),
            (0, class::POS_ZERO),
            (1, class::POS_SUBNORMAL),
            (0x0080_0000, class::POS_NORMAL),
            (INF, class::POS_INF),
            (SNAN, class::SNAN),
            (0xffbf_ffff, class::SNAN),
            (QNAN, class::QNAN),
            (NQNAN, class::QNAN),
        ];
        for (a, want) in singles {
            assert_eq!(classify_s(a), want, "fclass.s {a:#x}");
        }
        let doubles = [
            (0xfff0_0000_0000_0000, 1 << 0),
            (d(-2.0), 1 << 1),
            (0x800f_ffff_ffff_ffff, 1 << 2),
            (DNZERO, 1 << 3),
            (0, 1 << 4),
            (1, 1 << 5),
            (d(1.0), 1 << 6),
            (0x7ff0_0000_0000_0000, 1 << 7),
            (DSNAN, 1 << 8),
            (DQNAN, 1 << 9),
        ];
        for (a, want) in doubles {
            assert_eq!(classify_d(a), want, "fclass.d {a:#x}");
        }
    }

    #[test]
    fn sign_injection_and_moves() {
        let (p, n) = (s(1.5), s(-2.0));
        assert_eq!(sgnj_s(p, n), s(-1.5));
        assert_eq!(sgnj_s(n, p), s(2.0));
        assert_eq!(sgnjn_s(p, n), s(1.5));
        assert_eq!(sgnjn_s(p, p), s(-1.5)); // fneg
        assert_eq!(sgnjx_s(n, n), s(2.0)); // fabs
        assert_eq!(sgnjx_s(n, p), s(-2.0));
        // NaNs are bits here: no canonicalization.
        assert_eq!(sgnj_s(SNAN, n), SNAN | 0x8000_0000);
        assert_eq!(sgnjn_s(NQNAN, NQNAN), 0x7fc0_0042);
        assert_eq!(sgnj_d(d(3.0), d(-0.0)), d(-3.0));
        assert_eq!(sgnjn_d(d(3.0), d(-0.0)), d(3.0));
        assert_eq!(sgnjn_d(d(3.0), d(3.0)), d(-3.0));
        assert_eq!(sgnjx_d(d(-3.0), d(-1.0)), d(3.0));
        assert_eq!(sgnjx_d(DSNAN, 0), DSNAN);
        assert_eq!(fmv_x_w(0x1234_5678_9abc_def0), 0x9abc_def0);
        assert_eq!(fmv_w_x(0x9abc_def0), 0xffff_ffff_9abc_def0);
    }
}
