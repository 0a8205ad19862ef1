//! Host fast paths for round-to-nearest-even, the mode nearly every guest
//! instruction uses (it is the host's own mode, and Rust never changes it).
//!
//! Each function computes the result with host `f32`/`f64` instructions and
//! detects the flags exactly, or returns `None` when the case is rare or
//! hard (NaN or infinite operands or results, tiny results that may
//! underflow), in which case the caller takes the exact path in `exact.rs`.
//!
//! How the flags are found:
//! - add/sub: TwoSum gives the rounding error exactly; addition can never
//!   underflow (a sum too small to be normal is exact).
//! - f64 mul/div/sqrt: the result is exact iff an integer identity on the
//!   significands holds (`sx*sy == sr`, `sr*sy == sx`, `sr*sr == sx`, up to
//!   powers of two). Counting significant bits (from the leading to the
//!   trailing one) settles most cases at once: the odd part of a product of
//!   significands with `m` and `n` significant bits has `m+n-1` or `m+n`
//!   bits. Only the undecided cases take a 128-bit multiply.
//! - f64 fma: the host's fused multiply-add gives the result; the exact sum
//!   `x*y + z` is representable iff its lowest set bit is within 53 bits of
//!   the result's leading bit, and that lowest bit is the lower of the
//!   product's and the addend's lowest bits when those differ (when they
//!   coincide a carry may move it, and the exact path decides).
//! - f32 mul/div/sqrt: computed in f64 and rounded to f32. Double rounding
//!   is innocuous for these operations since 53 >= 2*24 + 2 (Figueroa), and
//!   the exactness check is done in f64, where the products are exact.
//! - f32 fma: the exact product plus the addend is rounded to f64 "to odd"
//!   (TwoSum error folded into the last bit), then to f32; rounding to odd
//!   at 53 >= 24 + 2 bits makes the final rounding correct (Boldo-Melquiond).

use super::flags::Fflags;

/// `NX` when `inexact`.
#[inline]
fn nx(inexact: bool) -> Fflags {
    if inexact { Fflags::NX } else { Fflags::NONE }
}

/// The integer significand and quantum exponent of a finite f64
/// (`|x| = sig * 2^exp`).
#[inline]
fn parts64(bits: u64) -> (u64, i32) {
    let field = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    if field == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), field - 1075)
    }
}

/// Significant bits of a nonzero significand, leading one to trailing one.
#[inline]
fn sig_bits(s: u64) -> u32 {
    64 - s.leading_zeros() - s.trailing_zeros()
}

/// Whether `p == s * 2^k` exactly (`s` nonzero).
#[inline]
fn scaled_eq(p: u128, s: u64, k: i32) -> bool {
    if k >= 0 {
        let n = k.unsigned_abs();
        n < 128 && p.trailing_zeros() >= n && p >> n == u128::from(s)
    } else {
        // p * 2^n == s: s must end in n zero bits.
        let n = k.unsigned_abs();
        n < 64 && s.trailing_zeros() >= n && p == u128::from(s >> n)
    }
}

/// `x + y` in f64 or f32, with the TwoSum error term; `None` when the sum
/// is not finite or the error could not be formed.
macro_rules! two_sum_add {
    ($t:ty, $a:expr, $b:expr) => {{
        let x = <$t>::from_bits($a);
        let y = <$t>::from_bits($b);
        let r = x + y;
        // A finite sum implies finite, non-NaN operands.
        if !r.is_finite() {
            return None;
        }
        let yy = r - x;
        let xx = r - yy;
        let err = (x - xx) + (y - yy);
        if !err.is_finite() {
            return None;
        }
        Some((r.to_bits(), nx(err != 0.0)))
    }};
}

/// `a + b` (f64, RNE).
#[inline]
pub(crate) fn add_d(a: u64, b: u64) -> Option<(u64, Fflags)> {
    two_sum_add!(f64, a, b)
}

/// `a + b` (f32, RNE).
#[inline]
pub(crate) fn add_s(a: u32, b: u32) -> Option<(u32, Fflags)> {
    two_sum_add!(f32, a, b)
}

/// `a * b` (f64, RNE).
#[inline]
pub(crate) fn mul_d(a: u64, b: u64) -> Option<(u64, Fflags)> {
    let (x, y) = (f64::from_bits(a), f64::from_bits(b));
    let r = x * y;
    if r.is_finite() && r.abs() > f64::MIN_POSITIVE {
        let (sx, _) = parts64(a);
        let (sy, _) = parts64(b);
        let bits = sig_bits(sx) + sig_bits(sy);
        let inexact = bits > 54 || {
            let p = u128::from(sx) * u128::from(sy);
            128 - p.leading_zeros() - p.trailing_zeros() > 53
        };
        Some((r.to_bits(), nx(inexact)))
    } else if r == 0.0 && (x == 0.0 || y == 0.0) {
        Some((r.to_bits(), Fflags::NONE))
    } else {
        None
    }
}

/// `a / b` (f64, RNE).
#[inline]
pub(crate) fn div_d(a: u64, b: u64) -> Option<(u64, Fflags)> {
    let (x, y) = (f64::from_bits(a), f64::from_bits(b));
    let r = x / y;
    if r.is_finite() && r.abs() > f64::MIN_POSITIVE {
        // Exact iff r * y == x.
        let (sx, qx) = parts64(a);
        let (sy, qy) = parts64(b);
        let (sr, qr) = parts64(r.to_bits());
        let inexact = sig_bits(sr) + sig_bits(sy) - 1 > sig_bits(sx)
            || !scaled_eq(u128::from(sr) * u128::from(sy), sx, qx - qr - qy);
        Some((r.to_bits(), nx(inexact)))
    } else if r == 0.0 && (x == 0.0 || y.is_infinite()) {
        Some((r.to_bits(), Fflags::NONE))
    } else {
        None
    }
}

/// `sqrt(a)` (f64, RNE).
#[inline]
pub(crate) fn sqrt_d(a: u64) -> Option<(u64, Fflags)> {
    let x = f64::from_bits(a);
    if x > 0.0 && x.is_finite() {
        let r = x.sqrt();
        let (sx, qx) = parts64(a);
        let (sr, qr) = parts64(r.to_bits());
        let inexact = 2 * sig_bits(sr) - 1 > sig_bits(sx)
            || !scaled_eq(u128::from(sr) * u128::from(sr), sx, qx - 2 * qr);
        Some((r.to_bits(), nx(inexact)))
    } else if x == 0.0 {
        Some((a, Fflags::NONE))
    } else {
        None
    }
}

/// `a × b + c` (f64, RNE), signs applied by the caller to the encodings.
#[inline]
pub(crate) fn fma_d(a: u64, b: u64, c: u64) -> Option<(u64, Fflags)> {
    let (x, y, z) = (f64::from_bits(a), f64::from_bits(b), f64::from_bits(c));
    if !(x.is_finite() && y.is_finite() && z.is_finite()) {
        return None;
    }
    let r = x.mul_add(y, z);
    if x == 0.0 || y == 0.0 {
        // The exact sum is z (or a signed zero the host got right).
        return Some((r.to_bits(), Fflags::NONE));
    }
    if !(r.is_finite() && r.abs() > f64::MIN_POSITIVE) {
        return None;
    }
    let (sx, qx) = parts64(a);
    let (sy, qy) = parts64(b);
    let low_product = qx + qy + (sx.trailing_zeros() + sy.trailing_zeros()) as i32;
    let low = if z == 0.0 {
        low_product
    } else {
        let (sz, qz) = parts64(c);
        let low_addend = qz + sz.trailing_zeros() as i32;
        if low_addend == low_product {
            return None;
        }
        low_product.min(low_addend)
    };
    let r_exp = ((r.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    Some((r.to_bits(), nx(low < r_exp - 52)))
}

/// `a * b` (f32, RNE).
#[inline]
pub(crate) fn mul_s(a: u32, b: u32) -> Option<(u32, Fflags)> {
    let (x, y) = (f64::from(f32::from_bits(a)), f64::from(f32::from_bits(b)));
    let p = x * y; // exact: 24 + 24 bits, exponents well inside f64
    let r = p as f32;
    if r.is_finite() && r.abs() > f32::MIN_POSITIVE {
        Some((r.to_bits(), nx(f64::from(r) != p)))
    } else if r == 0.0 && (x == 0.0 || y == 0.0) {
        Some((r.to_bits(), Fflags::NONE))
    } else {
        None
    }
}

/// `a / b` (f32, RNE).
#[inline]
pub(crate) fn div_s(a: u32, b: u32) -> Option<(u32, Fflags)> {
    let (x, y) = (f64::from(f32::from_bits(a)), f64::from(f32::from_bits(b)));
    let r = (x / y) as f32;
    if r.is_finite() && r.abs() > f32::MIN_POSITIVE {
        Some((r.to_bits(), nx(f64::from(r) * y != x)))
    } else if r == 0.0 && (x == 0.0 || y.is_infinite()) {
        Some((r.to_bits(), Fflags::NONE))
    } else {
        None
    }
}

/// `sqrt(a)` (f32, RNE).
#[inline]
pub(crate) fn sqrt_s(a: u32) -> Option<(u32, Fflags)> {
    let x = f64::from(f32::from_bits(a));
    if x > 0.0 && x.is_finite() {
        let r = x.sqrt() as f32;
        let r64 = f64::from(r);
        Some((r.to_bits(), nx(r64 * r64 != x)))
    } else if x == 0.0 {
        Some((a, Fflags::NONE))
    } else {
        None
    }
}

/// `(±a × b) ± c` (f32, RNE), signs applied by the caller to the operand
/// encodings (`a` for the product, `c` for the addend).
#[inline]
pub(crate) fn fma_s(a: u32, b: u32, c: u32) -> Option<(u32, Fflags)> {
    let (x, y, z) = (f32::from_bits(a), f32::from_bits(b), f32::from_bits(c));
    if !(x.is_finite() && y.is_finite() && z.is_finite()) {
        return None;
    }
    let p = f64::from(x) * f64::from(y); // exact
    let z = f64::from(z);
    let s = p + z;
    let zz = s - p;
    let pp = s - zz;
    let err = (p - pp) + (z - zz);
    let odd = if err != 0.0 && s.to_bits() & 1 == 0 {
        // Move one step towards the exact value, onto the odd neighbour.
        let away = (err > 0.0) == (s > 0.0);
        f64::from_bits(if away {
            s.to_bits() + 1
        } else {
            s.to_bits() - 1
        })
    } else {
        s
    };
    let r = odd as f32;
    if s == 0.0 && err == 0.0 {
        // Exact zero: the host already chose the IEEE sign.
        Some((r.to_bits(), Fflags::NONE))
    } else if r.is_finite() && r.abs() > f32::MIN_POSITIVE {
        Some((r.to_bits(), nx(err != 0.0 || f64::from(r) != odd)))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fpu::exact;
    use crate::fpu::flags::RoundingMode::Rne;
    use crate::fpu::format::{F32, F64};
    use crate::fpu::test_utils::XorShift;

    #[test]
    fn scaled_equality() {
        assert!(scaled_eq(12, 3, 2));
        assert!(!scaled_eq(13, 3, 2));
        assert!(scaled_eq(3, 12, -2));
        assert!(!scaled_eq(3, 13, -2));
        assert!(!scaled_eq(1 << 100, 1, 200));
        assert!(!scaled_eq(1, 1, -200));
        assert!(scaled_eq(1 << 74, 1, 74));
        assert!(scaled_eq(1 << 104, 1, 104));
        assert!(!scaled_eq((1 << 104) | 1, 1, 104));
        assert!(!scaled_eq(1 << 106, 3, 105));
    }

    #[test]
    fn fast_paths_decline_hard_cases() {
        // Overflow, underflow and NaN operands go to the exact path.
        assert_eq!(add_d(f64::MAX.to_bits(), f64::MAX.to_bits()), None);
        assert_eq!(add_s(0x7fc0_0000, 0), None);
        assert_eq!(mul_d(1, 0x3fe0_0000_0000_0000), None); // tiny result
        assert_eq!(mul_s(0x0080_0000, 0x3f00_0000), None);
        assert_eq!(div_d(0x3ff0_0000_0000_0000, 0), None); // 1/0
        assert_eq!(div_s(0, 0), None); // 0/0
        assert_eq!(sqrt_d((-1.0f64).to_bits()), None);
        assert_eq!(sqrt_s(0x7f80_0000), None);
        assert_eq!(fma_s(0x7f80_0000, 0, 0), None);
        // Easy cases are answered.
        assert_eq!(
            mul_d(2.0f64.to_bits(), 3.0f64.to_bits()),
            Some((6.0f64.to_bits(), Fflags::NONE))
        );
        assert_eq!(
            div_s(1.0f32.to_bits(), 3.0f32.to_bits()),
            Some(((1.0f32 / 3.0).to_bits(), Fflags::NX))
        );
        assert_eq!(
            sqrt_d(4.0f64.to_bits()),
            Some((2.0f64.to_bits(), Fflags::NONE))
        );
        assert_eq!(
            sqrt_d((-0.0f64).to_bits()),
            Some(((-0.0f64).to_bits(), Fflags::NONE))
        );
    }

    /// Compares a fast-path answer (when it gives one) with the exact path;
    /// returns whether the fast path answered.
    fn agree<T: PartialEq + core::fmt::Debug>(
        what: &str,
        fast: Option<(T, Fflags)>,
        exact: (T, Fflags),
    ) -> bool {
        match fast {
            Some(r) => {
                assert_eq!(r, exact, "{what}: fast path disagrees with the exact path");
                true
            }
            None => false,
        }
    }

    /// A second operand related to the first: equal, negated, or a few ulps
    /// away, to reach cancellation, exact results and ties often.
    fn near(rng: &mut XorShift, x: u64, sign: u64) -> u64 {
        let flipped = x ^ (sign * rng.below(2));
        flipped.wrapping_add(rng.below(5)).wrapping_sub(2)
    }

    #[test]
    fn fast_paths_match_exact_path_single() {
        let mut rng = XorShift::new(0x2545_f491_4f6c_dd1d);
        let n = 150_000;
        let mut answered = [0u32; 5];
        for _ in 0..n {
            let a = rng.single();
            let b = if rng.below(4) == 0 {
                near(&mut rng, a.into(), 1 << 31) as u32
            } else {
                rng.single()
            };
            let (a64, b64) = (u64::from(a), u64::from(b));
            let narrow = |(r, f): (u64, Fflags)| (r as u32, f);
            let what = format!("{a:#010x} {b:#010x}");
            answered[0] += u32::from(agree(
                &format!("add_s {what}"),
                add_s(a, b),
                narrow(exact::add::<F32>(a64, b64, Rne)),
            ));
            answered[1] += u32::from(agree(
                &format!("mul_s {what}"),
                mul_s(a, b),
                narrow(exact::mul::<F32>(a64, b64, Rne)),
            ));
            answered[2] += u32::from(agree(
                &format!("div_s {what}"),
                div_s(a, b),
                narrow(exact::div::<F32>(a64, b64, Rne)),
            ));
            // Perfect squares now and then, so exact roots occur.
            let root_of = if rng.below(4) == 0 {
                exact::mul::<F32>(b64 & 0x7fff_ffff, b64 & 0x7fff_ffff, Rne).0
            } else {
                a64
            };
            answered[3] += u32::from(agree(
                &format!("sqrt_s {root_of:#x}"),
                sqrt_s(root_of as u32),
                narrow(exact::sqrt::<F32>(root_of, Rne)),
            ));
            // An addend that cancels the product now and then.
            let c = if rng.below(3) == 0 {
                near(
                    &mut rng,
                    exact::mul::<F32>(a64, b64, Rne).0 ^ (1 << 31),
                    1 << 31,
                )
            } else {
                u64::from(rng.single())
            };
            answered[4] += u32::from(agree(
                &format!("fma_s {what} {c:#x}"),
                fma_s(a, b, c as u32),
                narrow(exact::fma::<F32>(a64, b64, c, false, false, Rne)),
            ));
        }
        // The fast paths must carry most of the traffic, or this test proves little.
        for (i, &count) in answered.iter().enumerate() {
            assert!(count > n / 3, "fast path {i} answered only {count} of {n}");
        }
    }

    #[test]
    fn fast_paths_match_exact_path_double() {
        let mut rng = XorShift::new(0x9e37_79b9_7f4a_7c15);
        let n = 150_000;
        let mut answered = [0u32; 5];
        for _ in 0..n {
            let a = rng.double();
            let b = if rng.below(4) == 0 {
                near(&mut rng, a, 1 << 63)
            } else {
                rng.double()
            };
            let what = format!("{a:#018x} {b:#018x}");
            answered[0] += u32::from(agree(
                &format!("add_d {what}"),
                add_d(a, b),
                exact::add::<F64>(a, b, Rne),
            ));
            answered[1] += u32::from(agree(
                &format!("mul_d {what}"),
                mul_d(a, b),
                exact::mul::<F64>(a, b, Rne),
            ));
            // Quotients that are exact now and then: (a * b) / b.
            let num = if rng.below(4) == 0 {
                exact::mul::<F64>(a, b, Rne).0
            } else {
                a
            };
            answered[2] += u32::from(agree(
                &format!("div_d {num:#x} {b:#x}"),
                div_d(num, b),
                exact::div::<F64>(num, b, Rne),
            ));
            let root_of = if rng.below(4) == 0 {
                exact::mul::<F64>(b & !(1 << 63), b & !(1 << 63), Rne).0
            } else {
                a
            };
            answered[3] += u32::from(agree(
                &format!("sqrt_d {root_of:#x}"),
                sqrt_d(root_of),
                exact::sqrt::<F64>(root_of, Rne),
            ));
            // An addend that cancels the product now and then; or one with few
            // significant bits, so that exact sums occur.
            let c = match rng.below(4) {
                0 => near(
                    &mut rng,
                    exact::mul::<F64>(a, b, Rne).0 ^ (1 << 63),
                    1 << 63,
                ),
                1 => rng.double() & !0xffff_ffff,
                _ => rng.double(),
            };
            answered[4] += u32::from(agree(
                &format!("fma_d {what} {c:#x}"),
                fma_d(a, b, c),
                exact::fma::<F64>(a, b, c, false, false, Rne),
            ));
        }
        for (i, &count) in answered.iter().enumerate() {
            assert!(count > n / 3, "fast path {i} answered only {count} of {n}");
        }
    }
}
