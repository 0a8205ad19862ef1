//! Exact ("slow path") arithmetic: add, multiply, divide, square root and
//! fused multiply-add for any [`Format`] and any rounding mode, computed with
//! integer significands and rounded once by [`round_pack`].
//!
//! This is the reference the host fast paths in `fast.rs` are checked
//! against. Special operands follow the unprivileged ISA (F chapter): any
//! NaN result is the canonical NaN, a signaling NaN operand raises `NV`, and
//! so do the invalid operations ∞−∞, 0×∞, 0/0, ∞/∞ and the square root of a
//! negative number; x/0 raises `DZ`.

use super::flags::{Fflags, RoundingMode};
use super::format::{Format, Num, Value, inf, snan_flags, unpack, zero};
use super::round::{round_pack, shift_right_jam};

/// A nonzero finite operand with a wide significand (below 2^106, so a
/// product of two significands fits): `(-1)^neg * sig * 2^exp`.
#[derive(Clone, Copy, Debug)]
struct Wide {
    neg: bool,
    exp: i32,
    sig: u128,
}

impl From<Num> for Wide {
    fn from(n: Num) -> Self {
        Wide {
            neg: n.neg,
            exp: n.exp,
            sig: u128::from(n.sig),
        }
    }
}

/// Bit index of the most significant set bit (`x` nonzero).
#[inline]
fn msb(x: u128) -> i32 {
    127 - x.leading_zeros() as i32
}

/// The canonical NaN with the given flags.
#[inline]
fn nan<F: Format>(flags: Fflags) -> (u64, Fflags) {
    (F::CANONICAL_NAN, flags)
}

/// The sign of an exact zero sum of operands of opposite signs (or of two
/// zeros of opposite signs): −0 when rounding down, +0 otherwise.
#[inline]
fn cancelled_zero_neg(rm: RoundingMode) -> bool {
    rm == RoundingMode::Rdn
}

/// Adds two nonzero finite values and rounds once.
fn add_wide<F: Format>(x: Wide, y: Wide, rm: RoundingMode) -> (u64, Fflags) {
    let (big, small) = if x.exp + msb(x.sig) >= y.exp + msb(y.sig) {
        (x, y)
    } else {
        (y, x)
    };
    // Put the larger operand's leading bit at bit 125, leaving room for a carry.
    let up = 125 - msb(big.sig);
    let big_sig = big.sig << up;
    let exp = big.exp - up;
    // The smaller operand's leading bit is at or below bit 125 on this scale,
    // so a left shift is exact; a right shift only drops bits far below the
    // sum's rounding point (the sum keeps its leading bit at 124 or above).
    let d = small.exp - exp;
    let small_sig = if d >= 0 {
        small.sig << d
    } else {
        shift_right_jam(small.sig, d.unsigned_abs())
    };
    let (neg, sig) = if big.neg == small.neg {
        (big.neg, big_sig + small_sig)
    } else if big_sig >= small_sig {
        (big.neg, big_sig - small_sig)
    } else {
        (small.neg, small_sig - big_sig)
    };
    if sig == 0 {
        return (zero::<F>(cancelled_zero_neg(rm)), Fflags::NONE);
    }
    round_pack::<F>(neg, exp, sig, rm)
}

/// `a + b`.
pub(crate) fn add<F: Format>(a: u64, b: u64, rm: RoundingMode) -> (u64, Fflags) {
    match (unpack::<F>(a), unpack::<F>(b)) {
        (Value::Nan { .. }, _) | (_, Value::Nan { .. }) => nan::<F>(snan_flags::<F>(&[a, b])),
        (Value::Inf { neg: na }, Value::Inf { neg: nb }) => {
            if na == nb {
                (inf::<F>(na), Fflags::NONE)
            } else {
                nan::<F>(Fflags::NV)
            }
        }
        (Value::Inf { .. }, _) => (a, Fflags::NONE),
        (_, Value::Inf { .. }) => (b, Fflags::NONE),
        (Value::Zero { neg: na }, Value::Zero { neg: nb }) => (
            zero::<F>(if na == nb { na } else { cancelled_zero_neg(rm) }),
            Fflags::NONE,
        ),
        (Value::Zero { .. }, Value::Finite(_)) => (b, Fflags::NONE),
        (Value::Finite(_), Value::Zero { .. }) => (a, Fflags::NONE),
        (Value::Finite(x), Value::Finite(y)) => add_wide::<F>(x.into(), y.into(), rm),
    }
}

/// `a * b`.
pub(crate) fn mul<F: Format>(a: u64, b: u64, rm: RoundingMode) -> (u64, Fflags) {
    let (ua, ub) = (unpack::<F>(a), unpack::<F>(b));
    let neg = (a ^ b) & F::SIGN != 0;
    match (ua, ub) {
        (Value::Nan { .. }, _) | (_, Value::Nan { .. }) => nan::<F>(snan_flags::<F>(&[a, b])),
        (Value::Inf { .. }, Value::Zero { .. }) | (Value::Zero { .. }, Value::Inf { .. }) => {
            nan::<F>(Fflags::NV)
        }
        (Value::Inf { .. }, _) | (_, Value::Inf { .. }) => (inf::<F>(neg), Fflags::NONE),
        (Value::Zero { .. }, _) | (_, Value::Zero { .. }) => (zero::<F>(neg), Fflags::NONE),
        (Value::Finite(x), Value::Finite(y)) => round_pack::<F>(
            neg,
            x.exp + y.exp,
            u128::from(x.sig) * u128::from(y.sig),
            rm,
        ),
    }
}

/// `a / b`.
pub(crate) fn div<F: Format>(a: u64, b: u64, rm: RoundingMode) -> (u64, Fflags) {
    let neg = (a ^ b) & F::SIGN != 0;
    match (unpack::<F>(a), unpack::<F>(b)) {
        (Value::Nan { .. }, _) | (_, Value::Nan { .. }) => nan::<F>(snan_flags::<F>(&[a, b])),
        (Value::Inf { .. }, Value::Inf { .. }) | (Value::Zero { .. }, Value::Zero { .. }) => {
            nan::<F>(Fflags::NV)
        }
        (Value::Inf { .. }, _) => (inf::<F>(neg), Fflags::NONE),
        (_, Value::Inf { .. }) | (Value::Zero { .. }, _) => (zero::<F>(neg), Fflags::NONE),
        (Value::Finite(_), Value::Zero { .. }) => (inf::<F>(neg), Fflags::DZ),
        (Value::Finite(x), Value::Finite(y)) => {
            // Both significands normalized to [2^63, 2^64): the quotient of
            // (x << 64) / y lies in (2^63, 2^65), 64+ bits, plus a sticky bit.
            let xs = 63 - msb(u128::from(x.sig));
            let ys = 63 - msb(u128::from(y.sig));
            let num = u128::from(x.sig) << (xs + 64);
            let den = u128::from(y.sig) << ys;
            let q = num / den;
            let sticky = u128::from(!num.is_multiple_of(den));
            round_pack::<F>(neg, (x.exp - xs) - (y.exp - ys) - 64, q | sticky, rm)
        }
    }
}

/// The integer square root `floor(sqrt(n))` of `n >= 2^124`.
fn isqrt(n: u128) -> u128 {
    // A float estimate is within a few thousand of the root; one Newton step
    // brings it within one, and the loops settle it.
    let mut r = (n as f64).sqrt() as u128;
    r = (r + n / r) / 2;
    while r * r > n {
        r -= 1;
    }
    while (r + 1) * (r + 1) <= n {
        r += 1;
    }
    r
}

/// `sqrt(a)`.
pub(crate) fn sqrt<F: Format>(a: u64, rm: RoundingMode) -> (u64, Fflags) {
    match unpack::<F>(a) {
        Value::Nan { .. } => nan::<F>(snan_flags::<F>(&[a])),
        Value::Zero { .. } => (a, Fflags::NONE),
        Value::Inf { neg: false } => (a, Fflags::NONE),
        Value::Inf { neg: true } => nan::<F>(Fflags::NV),
        Value::Finite(x) if x.neg => nan::<F>(Fflags::NV),
        Value::Finite(x) => {
            // Scale to an even exponent with the leading bit at 124 or 125,
            // so the root has 63 bits, well over PREC + 2.
            let sig = u128::from(x.sig);
            let mut up = 124 - msb(sig);
            if (x.exp - up) % 2 != 0 {
                up += 1;
            }
            let n = sig << up;
            let r = isqrt(n);
            let sticky = u128::from(r * r != n);
            round_pack::<F>(false, (x.exp - up) / 2, r | sticky, rm)
        }
    }
}

/// `(±a × b) ± c` with one rounding: the product is negated when
/// `neg_product`, the addend when `neg_addend` (RISC-V FMADD, FMSUB,
/// FNMSUB, FNMADD).
///
/// 0×∞ raises `NV` even when `c` is a quiet NaN (unprivileged ISA, F
/// chapter, "Single-Precision Fused Multiply-Add Instructions").
pub(crate) fn fma<F: Format>(
    a: u64,
    b: u64,
    c: u64,
    neg_product: bool,
    neg_addend: bool,
    rm: RoundingMode,
) -> (u64, Fflags) {
    let (ua, ub, uc) = (unpack::<F>(a), unpack::<F>(b), unpack::<F>(c));
    let zero_times_inf = matches!(
        (ua, ub),
        (Value::Inf { .. }, Value::Zero { .. }) | (Value::Zero { .. }, Value::Inf { .. })
    );
    if matches!(ua, Value::Nan { .. })
        || matches!(ub, Value::Nan { .. })
        || matches!(uc, Value::Nan { .. })
    {
        let invalid = if zero_times_inf {
            Fflags::NV
        } else {
            Fflags::NONE
        };
        return nan::<F>(snan_flags::<F>(&[a, b, c]) | invalid);
    }
    if zero_times_inf {
        return nan::<F>(Fflags::NV);
    }
    let p_neg = ((a ^ b) & F::SIGN != 0) ^ neg_product;
    let c_neg = (c & F::SIGN != 0) ^ neg_addend;
    let c_signed = (c & !F::SIGN) | zero::<F>(c_neg);
    match (ua, ub, uc) {
        (Value::Inf { .. }, _, _) | (_, Value::Inf { .. }, _) => match uc {
            Value::Inf { .. } if c_neg != p_neg => nan::<F>(Fflags::NV),
            _ => (inf::<F>(p_neg), Fflags::NONE),
        },
        (_, _, Value::Inf { .. }) => (c_signed, Fflags::NONE),
        (Value::Zero { .. }, _, _) | (_, Value::Zero { .. }, _) => match uc {
            Value::Zero { .. } => (
                zero::<F>(if p_neg == c_neg {
                    p_neg
                } else {
                    cancelled_zero_neg(rm)
                }),
                Fflags::NONE,
            ),
            _ => (c_signed, Fflags::NONE),
        },
        (Value::Finite(x), Value::Finite(y), _) => {
            let product = Wide {
                neg: p_neg,
                exp: x.exp + y.exp,
                sig: u128::from(x.sig) * u128::from(y.sig),
            };
            match uc {
                Value::Finite(z) => add_wide::<F>(
                    product,
                    Wide {
                        neg: c_neg,
                        ..z.into()
                    },
                    rm,
                ),
                _ => round_pack::<F>(product.neg, product.exp, product.sig, rm),
            }
        }
        // Every NaN, infinity and zero operand was handled above.
        _ => nan::<F>(Fflags::NV),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fpu::format::{F32, F64};

    #[test]
    fn isqrt_is_floor() {
        for n in [
            1u128 << 124,
            (1 << 124) + 1,
            u128::MAX >> 2,
            (1u128 << 126) - 1,
            3 << 124,
        ] {
            let r = isqrt(n);
            assert!(r * r <= n && (r + 1) * (r + 1) > n, "{n}");
        }
        let r = (1u128 << 62) + 12345;
        assert_eq!(isqrt(r * r), r);
        assert_eq!(isqrt(r * r - 1), r - 1);
    }

    #[test]
    fn wide_addition_cancels_exactly() {
        let one = Wide {
            neg: false,
            exp: 0,
            sig: 1,
        };
        let minus_one = Wide {
            neg: true,
            exp: -3,
            sig: 8,
        };
        assert_eq!(
            add_wide::<F64>(one, minus_one, RoundingMode::Rne),
            (0, Fflags::NONE)
        );
        assert_eq!(
            add_wide::<F64>(one, minus_one, RoundingMode::Rdn),
            (1 << 63, Fflags::NONE)
        );
        // 1 + 2^-200: only a sticky bit survives alignment.
        let tiny = Wide {
            neg: false,
            exp: -200,
            sig: 1,
        };
        assert_eq!(
            add_wide::<F32>(one, tiny, RoundingMode::Rne),
            (0x3f80_0000, Fflags::NX)
        );
        assert_eq!(
            add_wide::<F32>(one, tiny, RoundingMode::Rup),
            (0x3f80_0001, Fflags::NX)
        );
        // 1 - 2^-200 rounds down to the predecessor of 1 when truncating.
        let neg_tiny = Wide { neg: true, ..tiny };
        assert_eq!(
            add_wide::<F32>(one, neg_tiny, RoundingMode::Rtz),
            (0x3f7f_ffff, Fflags::NX)
        );
        assert_eq!(
            add_wide::<F32>(neg_tiny, one, RoundingMode::Rne),
            (0x3f80_0000, Fflags::NX)
        );
    }
}
