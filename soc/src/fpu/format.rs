//! The two IEEE 754 binary formats of F and D, described once as a trait so
//! that the exact arithmetic is written once; plus unpacking of encodings
//! into sign / exponent / integer significand, classification, and the
//! NaN-boxing of singles inside the 64-bit `f` registers.
//!
//! Generic code carries encodings as `u64` (a single in the low 32 bits).

use super::flags::Fflags;

/// The canonical single-precision NaN (unprivileged ISA, "NaN Generation and
/// Propagation"): positive, quiet, zero payload.
pub const CANONICAL_NAN_S: u32 = 0x7fc0_0000;
/// The canonical double-precision NaN.
pub const CANONICAL_NAN_D: u64 = 0x7ff8_0000_0000_0000;

/// The shape of a binary interchange format.
pub(crate) trait Format {
    /// Stored fraction bits (23 or 52).
    const FRAC_BITS: u32;
    /// Exponent field bits (8 or 11).
    const EXP_BITS: u32;

    /// Precision in bits, the hidden bit included.
    const PREC: u32 = Self::FRAC_BITS + 1;
    /// Exponent bias; also the largest unbiased exponent.
    const BIAS: i32 = (1 << (Self::EXP_BITS - 1)) - 1;
    /// Smallest normal unbiased exponent.
    const EMIN: i32 = 1 - Self::BIAS;
    /// Sign bit.
    const SIGN: u64 = 1 << (Self::FRAC_BITS + Self::EXP_BITS);
    /// Exponent field mask.
    const EXP_MASK: u64 = ((1 << Self::EXP_BITS) - 1) << Self::FRAC_BITS;
    /// Fraction field mask.
    const FRAC_MASK: u64 = (1 << Self::FRAC_BITS) - 1;
    /// The quiet bit of a NaN (top fraction bit).
    const QUIET: u64 = 1 << (Self::FRAC_BITS - 1);
    /// The canonical quiet NaN.
    const CANONICAL_NAN: u64 = Self::EXP_MASK | Self::QUIET;
    /// Positive infinity.
    const INF: u64 = Self::EXP_MASK;
    /// Largest finite magnitude.
    const MAX_FINITE: u64 = Self::EXP_MASK - 1;
}

/// IEEE binary32, the F extension's format.
pub(crate) struct F32;
/// IEEE binary64, the D extension's format.
pub(crate) struct F64;

impl Format for F32 {
    const FRAC_BITS: u32 = 23;
    const EXP_BITS: u32 = 8;
}

impl Format for F64 {
    const FRAC_BITS: u32 = 52;
    const EXP_BITS: u32 = 11;
}

/// A nonzero finite number `(-1)^neg * sig * 2^exp`, `0 < sig < 2^PREC`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Num {
    pub neg: bool,
    pub exp: i32,
    pub sig: u64,
}

/// An encoding, unpacked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    /// Any NaN; its payload never matters to RISC-V.
    Nan { signaling: bool },
    /// ±∞.
    Inf { neg: bool },
    /// ±0.
    Zero { neg: bool },
    /// Anything else, normal or subnormal.
    Finite(Num),
}

/// Unpacks an encoding of format `F`.
#[inline]
pub(crate) fn unpack<F: Format>(bits: u64) -> Value {
    let neg = bits & F::SIGN != 0;
    let field = (bits & F::EXP_MASK) >> F::FRAC_BITS;
    let frac = bits & F::FRAC_MASK;
    if field == F::EXP_MASK >> F::FRAC_BITS {
        if frac == 0 {
            Value::Inf { neg }
        } else {
            Value::Nan {
                signaling: frac & F::QUIET == 0,
            }
        }
    } else if field == 0 {
        if frac == 0 {
            Value::Zero { neg }
        } else {
            Value::Finite(Num {
                neg,
                exp: F::EMIN - F::FRAC_BITS as i32,
                sig: frac,
            })
        }
    } else {
        // `field` is below 2^11, so the conversion is lossless.
        let exp = field as i32 - F::BIAS - F::FRAC_BITS as i32;
        Value::Finite(Num {
            neg,
            exp,
            sig: frac | (1 << F::FRAC_BITS),
        })
    }
}

/// Whether `bits` encodes a NaN of format `F`.
#[inline]
pub(crate) fn is_nan<F: Format>(bits: u64) -> bool {
    bits & !F::SIGN > F::EXP_MASK
}

/// Whether `bits` encodes a signaling NaN of format `F`.
#[inline]
pub(crate) fn is_snan<F: Format>(bits: u64) -> bool {
    is_nan::<F>(bits) && bits & F::QUIET == 0
}

/// `NV` when any of the given encodings is a signaling NaN.
#[inline]
pub(crate) fn snan_flags<F: Format>(operands: &[u64]) -> Fflags {
    if operands.iter().any(|&x| is_snan::<F>(x)) {
        Fflags::NV
    } else {
        Fflags::NONE
    }
}

/// ±0 of format `F`.
#[inline]
pub(crate) fn zero<F: Format>(neg: bool) -> u64 {
    if neg { F::SIGN } else { 0 }
}

/// ±∞ of format `F`.
#[inline]
pub(crate) fn inf<F: Format>(neg: bool) -> u64 {
    zero::<F>(neg) | F::INF
}

/// NaN-boxes a single for a 64-bit `f` register: the upper 32 bits all ones.
#[inline]
pub fn box_s(bits: u32) -> u64 {
    0xffff_ffff_0000_0000 | u64::from(bits)
}

/// Reads a single from a 64-bit `f` register: a value whose upper 32 bits are
/// not all ones is not a valid boxed single and reads as the canonical NaN.
#[inline]
pub fn unbox_s(reg: u64) -> u32 {
    if reg >> 32 == 0xffff_ffff {
        reg as u32
    } else {
        CANONICAL_NAN_S
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_constants() {
        assert_eq!(F32::BIAS, 127);
        assert_eq!(F64::BIAS, 1023);
        assert_eq!(F32::EMIN, -126);
        assert_eq!(F64::EMIN, -1022);
        assert_eq!(F32::CANONICAL_NAN, u64::from(CANONICAL_NAN_S));
        assert_eq!(F64::CANONICAL_NAN, CANONICAL_NAN_D);
        assert_eq!(F32::MAX_FINITE, u64::from(f32::MAX.to_bits()));
        assert_eq!(F64::MAX_FINITE, f64::MAX.to_bits());
        assert_eq!(inf::<F32>(true), u64::from(f32::NEG_INFINITY.to_bits()));
        assert_eq!(zero::<F64>(true), (-0.0f64).to_bits());
    }

    #[test]
    fn unpack_cases() {
        let n = |neg, exp, sig| Value::Finite(Num { neg, exp, sig });
        let cases: [(u64, Value); 10] = [
            (0x3f80_0000, n(false, -23, 0x80_0000)),  // 1.0
            (0xc000_0000, n(true, -22, 0x80_0000)),   // -2.0
            (0x0000_0001, n(false, -149, 1)),         // smallest subnormal
            (0x007f_ffff, n(false, -149, 0x7f_ffff)), // largest subnormal
            (0x0080_0000, n(false, -149, 0x80_0000)), // smallest normal
            (0x0000_0000, Value::Zero { neg: false }),
            (0x8000_0000, Value::Zero { neg: true }),
            (0xff80_0000, Value::Inf { neg: true }),
            (0x7fc0_0000, Value::Nan { signaling: false }),
            (0xff80_0001, Value::Nan { signaling: true }),
        ];
        for (bits, want) in cases {
            assert_eq!(unpack::<F32>(bits), want, "{bits:#x}");
        }
        assert_eq!(unpack::<F64>(0x3ff0_0000_0000_0000), n(false, -52, 1 << 52));
        assert_eq!(unpack::<F64>(0x8000_0000_0000_0001), n(true, -1074, 1));
        assert_eq!(
            unpack::<F64>(0x7ff4_0000_0000_0000),
            Value::Nan { signaling: true }
        );
    }

    #[test]
    fn nan_predicates() {
        assert!(is_nan::<F32>(0x7fc0_0000) && !is_snan::<F32>(0x7fc0_0000));
        assert!(is_nan::<F32>(0xffa0_0000) && is_snan::<F32>(0xffa0_0000));
        assert!(!is_nan::<F32>(0x7f80_0000) && !is_nan::<F32>(0xff80_0000));
        assert!(is_snan::<F64>(0x7ff0_0000_0000_0001));
        assert!(!is_nan::<F64>(0xfff0_0000_0000_0000));
        assert_eq!(snan_flags::<F32>(&[0x7fc0_0000, 0x3f80_0000]), Fflags::NONE);
        assert_eq!(snan_flags::<F32>(&[0x3f80_0000, 0x7f80_0001]), Fflags::NV);
    }

    #[test]
    fn nan_boxing() {
        assert_eq!(box_s(0x3f80_0000), 0xffff_ffff_3f80_0000);
        assert_eq!(unbox_s(0xffff_ffff_3f80_0000), 0x3f80_0000);
        assert_eq!(unbox_s(0xffff_fffe_3f80_0000), CANONICAL_NAN_S);
        assert_eq!(unbox_s(0x0000_0000_3f80_0000), CANONICAL_NAN_S);
        assert_eq!(unbox_s(0x7fff_ffff_0000_0000), CANONICAL_NAN_S);
        assert_eq!(unbox_s(box_s(0x7f80_0001)), 0x7f80_0001);
    }
}
