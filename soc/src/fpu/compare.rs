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
