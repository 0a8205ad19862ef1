//! The float type the ray tracer is generic over: [`Real`], implemented for
//! `f32` (the course's single-precision FPUs) and `f64` (the reference).
//!
//! Only what the program needs: the four operations and comparisons (from
//! the operator traits), conversions from and to integers, `sqrt` from the
//! hardware instruction, `floor` and `abs`. No libm: `core` has no `sqrt`
//! or `floor`, and on the bare-metal f64 build anything of `core` that
//! touches `f64` is soft-float code, so every operation here must compile
//! to plain FP instructions. sin, cos and atan are in `math`.

use core::ops::{Add, Div, Mul, Neg, Sub};

/// An IEEE binary floating-point type (f32 or f64).
pub trait Real:
    Copy
    + PartialOrd
    + Default
    + core::fmt::Debug
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    /// 2^(p−1) for p mantissa bits: adding and subtracting it rounds a
    /// smaller magnitude to an integer.
    const ROUNDER: Self;
    /// The largest integer below which every integer converts exactly
    /// (2^p).
    const EXACT_INT: u64;
    /// The largest n for which 10^n is exact in this type.
    const EXACT_POW10: u32;

    /// A constant written once as a decimal literal: `f` for f32, `d` for
    /// f64, so each type gets its literal correctly rounded (no double
    /// rounding through f64). Use the [`lit!`](crate::lit) macro.
    fn from_lits(f: f32, d: f64) -> Self;
    /// `i` converted (exactly when |i| < 2^p).
    fn from_i32(i: i32) -> Self;
    /// `u` converted, rounded to nearest.
    fn from_u32(u: u32) -> Self;
    /// Truncated towards zero, saturating at the i32 range; NaN gives 0.
    fn trunc_i32(self) -> i32;
    /// The correctly rounded square root (the `fsqrt` instruction).
    fn sqrt(self) -> Self;
    /// |self|.
    fn abs(self) -> Self;

    /// The largest integer not above `self` (exact; NaN and values too
    /// large to have a fraction come back unchanged).
    #[inline(always)]
    fn floor(self) -> Self {
        let a = self.abs();
        if !(a < Self::ROUNDER) {
            return self;
        }
        // Round to the nearest integer by pushing the fraction out of the
        // mantissa, then step down if that went up.
        let r = if self < Self::from_i32(0) {
            (self - Self::ROUNDER) + Self::ROUNDER
        } else {
            (self + Self::ROUNDER) - Self::ROUNDER
        };
        if r > self { r - Self::from_i32(1) } else { r }
    }
}

/// A constant of the float type `$t` from one decimal literal (see
/// [`Real::from_lits`]).
#[macro_export]
macro_rules! lit {
    ($t:ty, $x:literal) => {
        <$t as $crate::Real>::from_lits($x, $x)
    };
}

macro_rules! real_impl {
    ($t:ty, $bits:literal, $pow10:literal, $sqrt:literal, $pick:ident) => {
        impl Real for $t {
            const ROUNDER: Self = (1u64 << ($bits - 1)) as $t;
            const EXACT_INT: u64 = 1 << $bits;
            const EXACT_POW10: u32 = $pow10;

            #[inline(always)]
            fn from_lits(f: f32, d: f64) -> Self {
                $pick(f, d)
            }
            #[inline(always)]
            fn from_i32(i: i32) -> Self {
                i as $t
            }
            #[inline(always)]
            fn from_u32(u: u32) -> Self {
                u as $t
            }
            #[inline(always)]
            fn trunc_i32(self) -> i32 {
                self as i32
            }
            #[inline(always)]
            fn abs(self) -> Self {
                <$t>::abs(self)
            }
            #[cfg(target_arch = "riscv32")]
            #[inline(always)]
            fn sqrt(self) -> Self {
                let r: $t;
                // SAFETY: one FP instruction on registers; it touches no
                // memory and only sets fcsr's accrued flags.
                unsafe {
                    core::arch::asm!(
                        $sqrt,
                        out = out(freg) r,
                        x = in(freg) self,
                        options(pure, nomem, nostack)
                    )
                };
                r
            }
            // Hosts: std's sqrt is the same correctly rounded operation.
            #[cfg(not(target_arch = "riscv32"))]
            #[inline(always)]
            fn sqrt(self) -> Self {
                extern crate std;
                <$t>::sqrt(self)
            }
        }
    };
}

#[inline(always)]
fn pick_f32(f: f32, _: f64) -> f32 {
    f
}

#[inline(always)]
fn pick_f64(_: f32, d: f64) -> f64 {
    d
}

real_impl!(f32, 24, 10, "fsqrt.s {out}, {x}", pick_f32);
// On riscv32 the f64 instructions exist only where the D extension is
// enabled; rustc does not report it to `cfg(target_feature)` on this
// target, so the builder says so with the `d` feature.
#[cfg(any(not(target_arch = "riscv32"), feature = "d"))]
real_impl!(f64, 53, 22, "fsqrt.d {out}, {x}", pick_f64);

#[cfg(test)]
mod tests {
    use super::*;

    fn floors<R: Real>(cases: &[(R, R)]) {
        for &(x, want) in cases {
            let got = x.floor();
            assert!(got == want, "floor({x:?}) = {got:?}, want {want:?}");
        }
    }

    #[test]
    fn floor_matches_std() {
        let xs = [
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.0,
            -1.0,
            2.5,
            -2.5,
            1e15 + 0.5,
            -7.25,
            4.5e15,
            1e300,
            0.999,
        ];
        let cases: Vec<(f64, f64)> = xs.iter().map(|&x| (x, x.floor())).collect();
        floors(&cases);
        let cases: Vec<(f32, f32)> = xs.iter().map(|&x| (x as f32, (x as f32).floor())).collect();
        floors(&cases);
        assert!(f64::NAN.floor().is_nan());
    }

    #[test]
    fn literals_are_rounded_once_per_type() {
        assert_eq!(lit!(f32, 0.017453293), 0.017453293f32);
        assert_eq!(lit!(f64, 0.017453293), 0.017453293f64);
        assert_eq!(f64::ROUNDER, 4503599627370496.0);
        assert_eq!(f32::ROUNDER, 8388608.0);
    }

    #[test]
    fn conversions_truncate_and_saturate() {
        assert_eq!(255.9f64.trunc_i32(), 255);
        assert_eq!((-0.5f32).trunc_i32(), 0);
        assert_eq!(f64::NAN.trunc_i32(), 0);
        assert_eq!(1e20f64.trunc_i32(), i32::MAX);
        assert_eq!(2.0f64.sqrt(), std::f64::consts::SQRT_2);
    }
}
