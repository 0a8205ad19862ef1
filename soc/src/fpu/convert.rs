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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fpu::test_utils::*;
    use RoundingMode::*;

    type ToInt<T> = fn(T, RoundingMode) -> (u32, Fflags);

    fn check_to_int<T: Copy + core::fmt::LowerHex>(
        name: &str,
        op: ToInt<T>,
        cases: &[(T, RoundingMode, u32, Fflags)],
    ) {
        for &(a, rm, want, flags) in cases {
            let got = op(a, rm);
            assert_eq!(
                got,
                (want, flags),
                "{name}({a:#x}, {rm:?}): got {:#x} {}",
                got.0,
                got.1
            );
        }
    }

    /// The same case in every rounding mode.
    fn all<T: Copy>(
        a: T,
        want: u32,
        flags: Fflags,
    ) -> impl Iterator<Item = (T, RoundingMode, u32, Fflags)> {
        ALL_MODES.into_iter().map(move |rm| (a, rm, want, flags))
    }

    const I32_MIN: u32 = 0x8000_0000;
    const I32_MAX: u32 = 0x7fff_ffff;

    #[test]
    fn cvt_w_s_vectors() {
        let mut cases: Vec<_> = [
            all(0x7fc0_0000, I32_MAX, NV).collect::<Vec<_>>(), // qNaN -> largest positive
            all(0xffc0_0000, I32_MAX, NV).collect(),           // even a negative NaN
            all(0x7f80_0001, I32_MAX, NV).collect(),           // sNaN
            all(0x7f80_0000, I32_MAX, NV).collect(),           // +inf
            all(0xff80_0000, I32_MIN, NV).collect(),           // -inf
            all(s(2147483648.0), I32_MAX, NV).collect(),       // 2^31
            all(s(-2147483648.0), I32_MIN, NONE).collect(),    // -2^31 fits
            all(s(-3.0e9), I32_MIN, NV).collect(),
            all(s(2147483520.0), 0x7fff_ff80, NONE).collect(), // largest single below 2^31
            all(0, 0, NONE).collect(),
            all(0x8000_0000, 0, NONE).collect(),
            all(s(-7.0), (-7i32) as u32, NONE).collect(),
        ]
        .concat();
        cases.extend([
            (s(1.5), Rne, 2, NX),
            (s(1.5), Rtz, 1, NX),
            (s(1.5), Rdn, 1, NX),
            (s(1.5), Rup, 2, NX),
            (s(1.5), Rmm, 2, NX),
            (s(-1.5), Rne, (-2i32) as u32, NX),
            (s(-1.5), Rtz, (-1i32) as u32, NX),
            (s(-1.5), Rdn, (-2i32) as u32, NX),
            (s(-1.5), Rup, (-1i32) as u32, NX),
            (s(-1.5), Rmm, (-2i32) as u32, NX),
            (s(2.5), Rne, 2, NX),
            (s(2.5), Rmm, 3, NX),
            (s(-2.5), Rne, (-2i32) as u32, NX),
            (s(-2.5), Rmm, (-3i32) as u32, NX),
            (s(0.5), Rne, 0, NX),
            (s(0.5), Rup, 1, NX),
            (1, Rne, 0, NX), // smallest subnormal
            (1, Rup, 1, NX),
            (0x8000_0001, Rdn, u32::MAX, NX), // -1
            (0x8000_0001, Rtz, 0, NX),
            (s(3.75), Rtz, 3, NX),
            (s(-3.75), Rtz, (-3i32) as u32, NX),
        ]);
        check_to_int("cvt_w_s", cvt_w_s, &cases);
    }

    #[test]
    fn cvt_wu_s_vectors() {
        let mut cases: Vec<_> = [
            all(0x7fc0_0000, u32::MAX, NV).collect::<Vec<_>>(),
            all(0xff80_0001, u32::MAX, NV).collect(),
            all(0x7f80_0000, u32::MAX, NV).collect(),
            all(0xff80_0000, 0, NV).collect(),
            all(s(4294967296.0), u32::MAX, NV).collect(), // 2^32
            all(s(4294967040.0), 0xffff_ff00, NONE).collect(),
            all(s(2147483648.0), 0x8000_0000, NONE).collect(),
            all(s(-1.0), 0, NV).collect(),
            all(s(-3.0e9), 0, NV).collect(),
            all(0x8000_0000, 0, NONE).collect(), // -0
        ]
        .concat();
        cases.extend([
            // -0.5 rounds to -0 (in range, NX) or to -1 (out of range, NV alone).
            (s(-0.5), Rtz, 0, NX),
            (s(-0.5), Rne, 0, NX),
            (s(-0.5), Rup, 0, NX),
            (s(-0.5), Rdn, 0, NV),
            (s(-0.5), Rmm, 0, NV),
            (s(-0.25), Rmm, 0, NX),
            (s(3.7), Rtz, 3, NX),
            (s(3.5), Rne, 4, NX),
            (s(2.5), Rne, 2, NX),
        ]);
        check_to_int("cvt_wu_s", cvt_wu_s, &cases);
    }

    #[test]
    fn cvt_w_wu_d_vectors() {
        let mut w: Vec<_> = [
            all(0x7ff8_0000_0000_0000, I32_MAX, NV).collect::<Vec<_>>(),
            all(0xfff0_0000_0000_0001, I32_MAX, NV).collect(),
            all(0xfff0_0000_0000_0000, I32_MIN, NV).collect(),
            all(d(2147483648.0), I32_MAX, NV).collect(),
            all(d(2147483647.0), I32_MAX, NONE).collect(),
            all(d(-2147483648.0), I32_MIN, NONE).collect(),
            all(d(-2147483649.0), I32_MIN, NV).collect(),
            all(d(1e300), I32_MAX, NV).collect(),
            all(d(-1e300), I32_MIN, NV).collect(),
        ]
        .concat();
        w.extend([
            (d(2147483647.5), Rtz, I32_MAX, NX),
            (d(2147483647.5), Rdn, I32_MAX, NX),
            (d(2147483647.5), Rne, I32_MAX, NV), // rounds to 2^31
            (d(2147483647.5), Rup, I32_MAX, NV),
            (d(2147483647.5), Rmm, I32_MAX, NV),
            (d(2147483646.5), Rne, 0x7fff_fffe, NX),
            (d(-2147483648.5), Rtz, I32_MIN, NX),
            (d(-2147483648.5), Rne, I32_MIN, NX), // tie to even -2^31
            (d(-2147483648.5), Rup, I32_MIN, NX),
            (d(-2147483648.5), Rdn, I32_MIN, NV),
            (d(-2147483648.5), Rmm, I32_MIN, NV),
            (d(-2147483648.25), Rne, I32_MIN, NX),
            (d(1e-300), Rup, 1, NX),
            (d(-1e-300), Rdn, u32::MAX, NX),
            (d(-1e-300), Rne, 0, NX),
            (d(12345.0), Rne, 12345, NONE),
        ]);
        check_to_int("cvt_w_d", cvt_w_d, &w);
        let mut wu: Vec<_> = [
            all(0x7ff8_0000_0000_0000, u32::MAX, NV).collect::<Vec<_>>(),
            all(0x7ff0_0000_0000_0000, u32::MAX, NV).collect(),
            all(0xfff0_0000_0000_0000, 0, NV).collect(),
            all(d(4294967296.0), u32::MAX, NV).collect(),
            all(d(4294967295.0), u32::MAX, NONE).collect(),
            all(d(-1.0), 0, NV).collect(),
            all(d(-0.0), 0, NONE).collect(),
        ]
        .concat();
        wu.extend([
            (d(4294967295.5), Rtz, u32::MAX, NX),
            (d(4294967295.5), Rne, u32::MAX, NV),
            (d(4294967295.5), Rup, u32::MAX, NV),
            (d(-0.5), Rtz, 0, NX),
            (d(-0.5), Rdn, 0, NV),
            (d(-0.9), Rup, 0, NX),
            (d(-1e-300), Rne, 0, NX),
        ]);
        check_to_int("cvt_wu_d", cvt_wu_d, &wu);
    }

    #[test]
    fn int_to_float_vectors() {
        type FromInt = fn(u32, RoundingMode) -> (u32, Fflags);
        let cases: [(FromInt, u32, RoundingMode, u32, Fflags); 18] = [
            (cvt_s_w, 0, Rdn, 0, NONE), // +0, even rounding down
            (cvt_s_w, (-1i32) as u32, Rne, s(-1.0), NONE),
            (cvt_s_w, I32_MIN, Rne, s(-2147483648.0), NONE),
            (cvt_s_w, 16_777_217, Rne, 0x4b80_0000, NX), // 2^24 + 1: a tie
            (cvt_s_w, 16_777_217, Rtz, 0x4b80_0000, NX),
            (cvt_s_w, 16_777_217, Rup, 0x4b80_0001, NX),
            (cvt_s_w, 16_777_217, Rmm, 0x4b80_0001, NX),
            (cvt_s_w, (-16_777_217i32) as u32, Rdn, 0xcb80_0001, NX),
            (cvt_s_w, (-16_777_217i32) as u32, Rup, 0xcb80_0000, NX),
            (cvt_s_w, 16_777_219, Rne, 0x4b80_0002, NX), // odd tie goes up
            (cvt_s_w, I32_MAX, Rne, 0x4f00_0000, NX),
            (cvt_s_w, I32_MAX, Rtz, 0x4eff_ffff, NX),
            (cvt_s_wu, u32::MAX, Rne, 0x4f80_0000, NX),
            (cvt_s_wu, u32::MAX, Rtz, 0x4f7f_ffff, NX),
            (cvt_s_wu, u32::MAX, Rdn, 0x4f7f_ffff, NX),
            (cvt_s_wu, 0x8000_0000, Rne, 0x4f00_0000, NONE),
            (cvt_s_wu, 0, Rne, 0, NONE),
            (cvt_s_wu, 16_777_217, Rmm, 0x4b80_0001, NX),
        ];
        for (op, a, rm, want, flags) in cases {
            assert_eq!(op(a, rm), (want, flags), "{a:#x} {rm:?}");
        }
        assert_eq!(cvt_d_w(I32_MIN), 0xc1e0_0000_0000_0000);
        assert_eq!(cvt_d_w((-1i32) as u32), d(-1.0));
        assert_eq!(cvt_d_w(0), 0);
        assert_eq!(cvt_d_wu(u32::MAX), 0x41ef_ffff_ffe0_0000);
        assert_eq!(cvt_d_wu(I32_MIN), d(2147483648.0));
    }

    #[test]
    fn float_to_float_vectors() {
        let cases: &[(u64, RoundingMode, u32, Fflags)] = &[
            (0x7ff8_0000_0000_0000, Rne, CANONICAL_NAN_S, NONE),
            (0xfff8_0000_0000_1234, Rne, CANONICAL_NAN_S, NONE),
            (0x7ff0_0000_0000_0001, Rne, CANONICAL_NAN_S, NV),
            (0x7ff0_0000_0000_0000, Rtz, 0x7f80_0000, NONE),
            (0xfff0_0000_0000_0000, Rne, 0xff80_0000, NONE),
            (0x8000_0000_0000_0000, Rup, 0x8000_0000, NONE),
            (d(1.5), Rtz, s(1.5), NONE),
            // 1 + 2^-24: a tie; 1 + 2^-24 + 2^-52 is above it.
            (0x3ff0_0000_1000_0000, Rne, 0x3f80_0000, NX),
            (0x3ff0_0000_1000_0000, Rup, 0x3f80_0001, NX),
            (0x3ff0_0000_1000_0000, Rmm, 0x3f80_0001, NX),
            (0x3ff0_0000_1000_0001, Rne, 0x3f80_0001, NX),
            (0xbff0_0000_1000_0000, Rdn, 0xbf80_0001, NX),
            // Overflow by mode.
            (0x7fef_ffff_ffff_ffff, Rne, 0x7f80_0000, OF | NX),
            (0x7fef_ffff_ffff_ffff, Rtz, 0x7f7f_ffff, OF | NX),
            (0xffef_ffff_ffff_ffff, Rup, 0xff7f_ffff, OF | NX),
            (0xffef_ffff_ffff_ffff, Rdn, 0xff80_0000, OF | NX),
            (d(f64::from(f32::MAX)), Rne, 0x7f7f_ffff, NONE),
            // Into the single subnormals.
            (d(2f64.powi(-149)), Rne, 1, NONE),
            (d(2f64.powi(-150)), Rne, 0, UF | NX),
            (d(2f64.powi(-150)), Rup, 1, UF | NX),
            (d(2f64.powi(-150)), Rmm, 1, UF | NX),
            (d(3.0 * 2f64.powi(-151)), Rne, 1, UF | NX),
            (d(-1e-300), Rdn, 0x8000_0001, UF | NX),
            (d(-1e-300), Rne, 0x8000_0000, UF | NX),
            // (1 - 2^-24) * 2^-126: tiny after rounding although it rounds to 2^-126.
            (0x380f_ffff_e000_0000, Rne, 0x0080_0000, UF | NX),
            (0x380f_ffff_e000_0000, Rtz, 0x007f_ffff, UF | NX),
            // 2^-126 - 2^-151: not tiny after rounding in RNE.
            (0x380f_ffff_f000_0000, Rne, 0x0080_0000, NX),
            (0x380f_ffff_f000_0000, Rdn, 0x007f_ffff, UF | NX),
        ];
        for &(a, rm, want, flags) in cases {
            let got = cvt_s_d(a, rm);
            assert_eq!(
                got,
                (want, flags),
                "cvt_s_d({a:#x}, {rm:?}): got {:#x} {}",
                got.0,
                got.1
            );
        }
        assert_eq!(cvt_d_s(0x7fc0_0000), (CANONICAL_NAN_D, NONE));
        assert_eq!(cvt_d_s(0xffc0_1234), (CANONICAL_NAN_D, NONE));
        assert_eq!(cvt_d_s(0x7f80_0001), (CANONICAL_NAN_D, NV));
        assert_eq!(cvt_d_s(0xff80_0000), (0xfff0_0000_0000_0000, NONE));
        assert_eq!(cvt_d_s(0x8000_0000), (0x8000_0000_0000_0000, NONE));
        assert_eq!(cvt_d_s(1), (0x36a0_0000_0000_0000, NONE));
        assert_eq!(cvt_d_s(s(0.1)), (d(f64::from(0.1f32)), NONE));
    }

    #[test]
    fn conversion_fast_paths_match_exact_paths() {
        let mut rng = XorShift::new(0xdead_beef_cafe_f00d);
        let mut answered = 0u32;
        let n = 100_000u32;
        for _ in 0..n {
            let rm = ALL_MODES[rng.below(5) as usize];
            // Values around the integer range and its edges.
            let x = match rng.below(4) {
                0 => rng.double(),
                1 => f64::from_bits(rng.double()).clamp(-5e9, 5e9).to_bits(),
                2 => d((rng.below(1 << 34) as f64 - 2f64.powi(33)) / 4.0),
                _ => d(rng.below(1 << 12) as f64 / 8.0 - 256.0),
            };
            let xs = rng.single();
            for kind in [IntKind::Signed, IntKind::Unsigned] {
                let exact = to_int_exact::<F64>(x, kind, rm);
                if let Some(fast) = to_int_fast(f64::from_bits(x), kind, rm) {
                    assert_eq!(fast, exact, "{kind:?} {x:#x} {rm:?}");
                    answered += 1;
                }
                let exact = to_int_exact::<F32>(xs.into(), kind, rm);
                if let Some(fast) = to_int_fast(f32::from_bits(xs).into(), kind, rm) {
                    assert_eq!(fast, exact, "{kind:?} {xs:#x} {rm:?}");
                }
            }
            assert_eq!(cvt_s_d(x, Rne), s_from_d_exact(x, Rne), "{x:#x}");
            let i = rng.next() as u32 >> rng.below(32);
            let (r, f) = from_int_exact::<F32>(false, i, Rne);
            assert_eq!(cvt_s_wu(i, Rne), (r as u32, f), "{i}");
            let (r, f) = from_int_exact::<F32>((i as i32) < 0, (i as i32).unsigned_abs(), Rne);
            assert_eq!(cvt_s_w(i, Rne), (r as u32, f), "{i}");
        }
        assert!(answered > n / 2, "fast path answered only {answered}");
    }
}
