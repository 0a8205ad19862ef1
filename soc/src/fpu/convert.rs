//! Conversions: FCVT between floats and 32-bit integers, and between single
//! and double (RV32 has no 64-bit integer conversions).
//!
//! Float-to-integer conversions saturate as the unprivileged ISA's table
//! ("Floating-Point Conversion and Move Instructions") says: NaN gives the
//! largest positive integer, out-of-range values (after rounding) the bound
//! nearest them, and both raise `NV` alone; an in-range inexact result
//! raises `NX`. So `fcvt.wu` of −0.5 truncates to 0 with `NX`, while −1.0
//! gives 0 with `NV`.
//!
//! Integer results are returned as the 32-bit register value (a `w`
//! result is the two's-complement pattern of the `i32`).

use super::flags::{Fflags, RoundingMode};
use super::format::{
    CANONICAL_NAN_D, CANONICAL_NAN_S, F32, F64, Format, Value, inf, is_snan, unpack, zero,
};
use super::round::{round_pack, round_to_integer};

/// The integer type a conversion targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum IntKind {
    /// `w`: `i32`.
    Signed,
    /// `wu`: `u32`.
    Unsigned,
}

impl IntKind {
    /// The result for NaN and for too-large positive values.
    fn max(self) -> u32 {
        match self {
            Self::Signed => i32::MAX as u32,
            Self::Unsigned => u32::MAX,
        }
    }

    /// The result for too-large negative values.
    fn min(self) -> u32 {
        match self {
            Self::Signed => i32::MIN as u32,
            Self::Unsigned => 0,
        }
    }

    /// The register value of `(-1)^neg * mag`, or `None` when out of range.
    fn fit(self, neg: bool, mag: u128) -> Option<u32> {
        match (self, neg) {
            (Self::Signed, false) if mag <= i32::MAX as u128 => Some(mag as u32),
            (Self::Signed, true) if mag <= 1 << 31 => Some((mag as u32).wrapping_neg()),
            (Self::Unsigned, false) if mag <= u128::from(u32::MAX) => Some(mag as u32),
            (Self::Unsigned, true) if mag == 0 => Some(0),
            _ => None,
        }
    }
}

/// Exact float-to-integer conversion of an `F` encoding.
fn to_int_exact<F: Format>(a: u64, kind: IntKind, rm: RoundingMode) -> (u32, Fflags) {
    match unpack::<F>(a) {
        Value::Nan { .. } => (kind.max(), Fflags::NV),
        Value::Inf { neg } => (if neg { kind.min() } else { kind.max() }, Fflags::NV),
        Value::Zero { .. } => (0, Fflags::NONE),
        Value::Finite(x) => {
            let (mag, inexact) = round_to_integer(x.neg, x.exp, x.sig, rm);
            match kind.fit(x.neg, mag) {
                Some(v) => (v, if inexact { Fflags::NX } else { Fflags::NONE }),
                None => (if x.neg { kind.min() } else { kind.max() }, Fflags::NV),
            }
        }
    }
}

/// Host fast path of float-to-integer conversion for a value well inside
/// the range (`x` from either format; f32 widens exactly). `None` for NaN,
/// infinities and values at or beyond the range edges.
#[inline]
fn to_int_fast(x: f64, kind: IntKind, rm: RoundingMode) -> Option<(u32, Fflags)> {
    let in_window = match kind {
        IntKind::Signed => x.abs() < 2_147_483_648.0,
        IntKind::Unsigned => x > -1.0 && x < 4_294_967_296.0,
    };
    if !in_window {
        return None;
    }
    let t = x as i64; // truncates; exact for |x| < 2^32
    let frac = x - t as f64; // exact: the fraction of a float below 2^32
    let step = if x < 0.0 { -1 } else { 1 };
    let away = match rm {
        RoundingMode::Rtz => false,
        RoundingMode::Rne => frac.abs() > 0.5 || (frac.abs() == 0.5 && t & 1 != 0),
        RoundingMode::Rmm => frac.abs() >= 0.5,
        RoundingMode::Rdn => frac < 0.0,
        RoundingMode::Rup => frac > 0.0,
    };
    let n = if away { t + step } else { t };
    let flags = if frac != 0.0 {
        Fflags::NX
    } else {
        Fflags::NONE
    };
    match kind {
        IntKind::Signed => i32::try_from(n).ok().map(|v| (v as u32, flags)),
        IntKind::Unsigned => u32::try_from(n).ok().map(|v| (v, flags)),
    }
}

/// Float-to-integer conversion, fast path first.
#[inline]
fn to_int<F: Format>(a: u64, x: f64, kind: IntKind, rm: RoundingMode) -> (u32, Fflags) {
    match to_int_fast(x, kind, rm) {
        Some(r) => r,
        None => to_int_exact::<F>(a, kind, rm),
    }
}

/// FCVT.W.S: single to `i32`, saturating.
#[inline]
pub fn cvt_w_s(a: u32, rm: RoundingMode) -> (u32, Fflags) {
    to_int::<F32>(a.into(), f32::from_bits(a).into(), IntKind::Signed, rm)
}

/// FCVT.WU.S: single to `u32`, saturating.
#[inline]
pub fn cvt_wu_s(a: u32, rm: RoundingMode) -> (u32, Fflags) {
    to_int::<F32>(a.into(), f32::from_bits(a).into(), IntKind::Unsigned, rm)
}

/// FCVT.W.D: double to `i32`, saturating.
#[inline]
pub fn cvt_w_d(a: u64, rm: RoundingMode) -> (u32, Fflags) {
    to_int::<F64>(a, f64::from_bits(a), IntKind::Signed, rm)
}

/// FCVT.WU.D: double to `u32`, saturating.
#[inline]
pub fn cvt_wu_d(a: u64, rm: RoundingMode) -> (u32, Fflags) {
    to_int::<F64>(a, f64::from_bits(a), IntKind::Unsigned, rm)
}

/// Exact integer-to-float conversion of `(-1)^neg * mag`.
fn from_int_exact<F: Format>(neg: bool, mag: u32, rm: RoundingMode) -> (u64, Fflags) {
    // An integer zero converts to +0; round_pack keeps the sign it is given.
    round_pack::<F>(neg && mag != 0, 0, u128::from(mag), rm)
}

/// FCVT.S.W: `i32` (the register value) to single.
#[inline]
pub fn cvt_s_w(a: u32, rm: RoundingMode) -> (u32, Fflags) {
    let i = a as i32;
    if rm == RoundingMode::Rne {
        let r = i as f32;
        return (
            r.to_bits(),
            if f64::from(r) != f64::from(i) {
                Fflags::NX
            } else {
                Fflags::NONE
            },
        );
    }
    let (r, f) = from_int_exact::<F32>(i < 0, i.unsigned_abs(), rm);
    (r as u32, f)
}

/// FCVT.S.WU: `u32` to single.
#[inline]
pub fn cvt_s_wu(a: u32, rm: RoundingMode) -> (u32, Fflags) {
    if rm == RoundingMode::Rne {
        let r = a as f32;
        return (
            r.to_bits(),
            if f64::from(r) != f64::from(a) {
                Fflags::NX
            } else {
                Fflags::NONE
            },
        );
    }
    let (r, f) = from_int_exact::<F32>(false, a, rm);
    (r as u32, f)
}

/// FCVT.D.W: `i32` (the register value) to double; always exact.
#[inline]
pub fn cvt_d_w(a: u32) -> u64 {
    f64::from(a as i32).to_bits()
}

/// FCVT.D.WU: `u32` to double; always exact.
#[inline]
pub fn cvt_d_wu(a: u32) -> u64 {
    f64::from(a).to_bits()
}

/// Exact double-to-single conversion.
fn s_from_d_exact(a: u64, rm: RoundingMode) -> (u32, Fflags) {
    let (r, f) = match unpack::<F64>(a) {
        Value::Nan { signaling } => (
            u64::from(CANONICAL_NAN_S),
            if signaling { Fflags::NV } else { Fflags::NONE },
        ),
        Value::Inf { neg } => (inf::<F32>(neg), Fflags::NONE),
        Value::Zero { neg } => (zero::<F32>(neg), Fflags::NONE),
        Value::Finite(x) => round_pack::<F32>(x.neg, x.exp, u128::from(x.sig), rm),
    };
    (r as u32, f)
}

/// FCVT.S.D: double to single, rounded; NaNs become the canonical NaN.
#[inline]
pub fn cvt_s_d(a: u64, rm: RoundingMode) -> (u32, Fflags) {
    if rm == RoundingMode::Rne {
        let x = f64::from_bits(a);
        let r = x as f32;
        if r.is_finite() && r.abs() > f32::MIN_POSITIVE {
            return (
                r.to_bits(),
                if f64::from(r) != x {
                    Fflags::NX
                } else {
                    Fflags::NONE
                },
            );
        }
        if x == 0.0 {
            return (r.to_bits(), Fflags::NONE);
        }
    }
    s_from_d_exact(a, rm)
}

/// FCVT.D.S: single to double, always exact; NaNs become the canonical NaN
/// (`NV` for a signaling one).
#[inline]
pub fn cvt_d_s(a: u32) -> (u64, Fflags) {
    let x = f32::from_bits(a);
    if x.is_nan() {
        let flags = if is_snan::<F32>(a.into()) {
            Fflags::NV
        } else {
            Fflags::NONE
        };
        return (CANONICAL_NAN_D, flags);
    }
    (f64::from(x).to_bits(), Fflags::NONE)
}
