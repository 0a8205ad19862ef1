//! The one rounding step every exact operation ends with: take an exact (or
//! sticky-marked) binary value `(-1)^neg * sig * 2^exp` with a wide integer
//! significand, round it to a format in a given mode, and encode it with the
//! flags IEEE 754 and RISC-V require.
//!
//! RISC-V detects tininess *after* rounding (unprivileged ISA, F chapter, as
//! SoftFloat's RISC-V specialization does): a nonzero result is tiny when,
//! rounded to the format's precision with an unbounded exponent range, its
//! magnitude is below the smallest normal. `UF` is raised when the result is
//! tiny and inexact; overflow always raises `OF` and `NX`.

use super::flags::{Fflags, RoundingMode};
use super::format::{Format, zero};

/// Splits `sig` at bit `shift` into the kept high part, the first discarded
/// bit (`half`) and whether any later discarded bit is set (`sticky`).
#[inline]
fn split(sig: u128, shift: u32) -> (u128, bool, bool) {
    match shift {
        0 => (sig, false, false),
        1..=127 => {
            let kept = sig >> shift;
            let half = (sig >> (shift - 1)) & 1 != 0;
            let sticky = sig & ((1u128 << (shift - 1)) - 1) != 0;
            (kept, half, sticky)
        }
        128 => (0, sig >> 127 != 0, sig << 1 != 0),
        _ => (0, false, sig != 0),
    }
}

/// Shifts right by `n`, ORing every bit shifted out into bit 0, so that the
/// result still tells "exact" from "inexact" to [`round_pack`].
#[inline]
pub(crate) fn shift_right_jam(sig: u128, n: u32) -> u128 {
    if n == 0 {
        sig
    } else if n >= 128 {
        u128::from(sig != 0)
    } else {
        (sig >> n) | u128::from(sig & ((1u128 << n) - 1) != 0)
    }
}

/// The encoding an overflowing result of sign `neg` rounds to: ∞ or the
/// largest finite number, depending on the direction of rounding.
#[inline]
pub(crate) fn overflow_value<F: Format>(neg: bool, rm: RoundingMode) -> u64 {
    let to_inf = match rm {
        RoundingMode::Rne | RoundingMode::Rmm => true,
        RoundingMode::Rtz => false,
        RoundingMode::Rdn => neg,
        RoundingMode::Rup => !neg,
    };
    zero::<F>(neg) | if to_inf { F::INF } else { F::MAX_FINITE }
}

/// Rounds `(-1)^neg * sig * 2^exp` to format `F` and encodes it.
///
/// `sig` is either exact or carries the OR of all discarded lower bits in
/// bit 0 ("sticky"); in the latter case it must have at least `PREC + 2`
/// significant bits so that the sticky bit lies below the rounding point.
/// A zero `sig` gives a zero of sign `neg` with no flags.
pub(crate) fn round_pack<F: Format>(
    neg: bool,
    exp: i32,
    sig: u128,
    rm: RoundingMode,
) -> (u64, Fflags) {
    if sig == 0 {
        return (zero::<F>(neg), Fflags::NONE);
    }
    let prec = F::PREC as i32;
    let msb = 127 - sig.leading_zeros() as i32;
    // Unbiased exponent of the exact value, unbounded.
    let e = exp.saturating_add(msb);
    // Exponent of the unit in the last place of the result.
    let mut quantum = e.max(F::EMIN) - (prec - 1);
    let shift = quantum.saturating_sub(exp);
    let (mut kept, half, sticky) = if shift <= 0 {
        // Exact: the value has no bits below the quantum.
        (sig << shift.unsigned_abs(), false, false)
    } else {
        split(sig, shift.unsigned_abs())
    };
    let inexact = half || sticky;
    if rm.rounds_up(neg, kept & 1 != 0, half, sticky) {
        kept += 1;
        if kept == 1u128 << prec {
            kept >>= 1;
            quantum += 1;
        }
    }
    let mut flags = if inexact { Fflags::NX } else { Fflags::NONE };
    let is_normal = kept >> (prec - 1) != 0;
    if is_normal && quantum + prec - 1 > F::BIAS {
        return (overflow_value::<F>(neg, rm), Fflags::OF | Fflags::NX);
    }
    if inexact && is_tiny_after_rounding::<F>(neg, exp, sig, e, rm) {
        flags |= Fflags::UF;
    }
    let mag = if is_normal {
        // `quantum + prec - 1 + BIAS` is in 1..=2*BIAS here.
        let biased = (quantum + prec - 1 + F::BIAS) as u64;
        (biased << F::FRAC_BITS) | (kept as u64 & F::FRAC_MASK)
    } else {
        kept as u64
    };
    (zero::<F>(neg) | mag, flags)
}

/// Rounds `(-1)^neg * sig * 2^exp` to an integer in mode `rm`, giving its
/// magnitude (saturated at `u128::MAX` when it cannot matter, beyond 2^64)
/// and whether rounding was inexact.
pub(crate) fn round_to_integer(neg: bool, exp: i32, sig: u64, rm: RoundingMode) -> (u128, bool) {
    let sig = u128::from(sig);
    if exp >= 0 {
        return if exp > 64 {
            (u128::MAX, false)
        } else {
            (sig << exp, false)
        };
    }
    let (kept, half, sticky) = split(sig, exp.unsigned_abs());
    let up = rm.rounds_up(neg, kept & 1 != 0, half, sticky);
    (kept + u128::from(up), half || sticky)
}

/// Whether the nonzero value, rounded to `PREC` bits with an unbounded
/// exponent range, is below the smallest normal magnitude. `e` is the
/// exponent of its leading bit.
fn is_tiny_after_rounding<F: Format>(
    neg: bool,
    exp: i32,
    sig: u128,
    e: i32,
    rm: RoundingMode,
) -> bool {
    if e >= F::EMIN {
        return false;
    }
    if e < F::EMIN - 1 {
        // Even rounding up to the next power of two stays below 2^EMIN.
        return true;
    }
    // e == EMIN - 1: tiny unless rounding at full precision carries into 2^EMIN.
    let prec = F::PREC as i32;
    let shift = (e - (prec - 1)).saturating_sub(exp);
    if shift <= 0 {
        return true;
    }
    let (kept, half, sticky) = split(sig, shift.unsigned_abs());
    let up = rm.rounds_up(neg, kept & 1 != 0, half, sticky);
    !(up && kept + 1 == 1u128 << prec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fpu::format::{F32, F64};
    use RoundingMode::*;

    const NX: Fflags = Fflags::NX;
    const UF: Fflags = Fflags::UF;
    const OF: Fflags = Fflags::OF;
    const NONE: Fflags = Fflags::NONE;

    #[test]
    fn split_and_jam() {
        assert_eq!(split(0b1011, 0), (0b1011, false, false));
        assert_eq!(split(0b1011, 2), (0b10, true, true));
        assert_eq!(split(0b1010, 2), (0b10, true, false));
        assert_eq!(split(0b1001, 2), (0b10, false, true));
        assert_eq!(split(1 << 127, 128), (0, true, false));
        assert_eq!(split((1 << 127) | 1, 128), (0, true, true));
        assert_eq!(split(1, 200), (0, false, true));
        assert_eq!(shift_right_jam(0b1000, 3), 1);
        assert_eq!(shift_right_jam(0b1001, 3), 0b1);
        assert_eq!(shift_right_jam(0b10001, 3), 0b11);
        assert_eq!(shift_right_jam(5, 300), 1);
        assert_eq!(shift_right_jam(0, 300), 0);
    }

    #[test]
    fn exact_values_encode() {
        // 1.0 = 1 * 2^0 with any significand width.
        assert_eq!(round_pack::<F32>(false, 0, 1, Rne), (0x3f80_0000, NONE));
        assert_eq!(
            round_pack::<F32>(true, -100, 1 << 100, Rtz),
            (0xbf80_0000, NONE)
        );
        assert_eq!(round_pack::<F64>(false, -1074, 1, Rne), (1, NONE));
        assert_eq!(
            round_pack::<F32>(false, -149, 0x7f_ffff, Rup),
            (0x007f_ffff, NONE)
        );
        // Exactly tiny is not an underflow.
        assert_eq!(round_pack::<F32>(false, -150, 2, Rne), (1, NONE));
        assert_eq!(round_pack::<F32>(true, 5, 0, Rne), (0x8000_0000, NONE));
    }

    #[test]
    fn ties_in_every_mode() {
        // 2^24 + 1 is halfway between two singles (2^24 and 2^24 + 2).
        let v = (1u128 << 24) + 1;
        assert_eq!(round_pack::<F32>(false, 0, v, Rne), (0x4b80_0000, NX));
        assert_eq!(round_pack::<F32>(false, 0, v, Rtz), (0x4b80_0000, NX));
        assert_eq!(round_pack::<F32>(false, 0, v, Rdn), (0x4b80_0000, NX));
        assert_eq!(round_pack::<F32>(false, 0, v, Rup), (0x4b80_0001, NX));
        assert_eq!(round_pack::<F32>(false, 0, v, Rmm), (0x4b80_0001, NX));
        assert_eq!(round_pack::<F32>(true, 0, v, Rdn), (0xcb80_0001, NX));
        assert_eq!(round_pack::<F32>(true, 0, v, Rup), (0xcb80_0000, NX));
        // 2^24 + 3 is a tie with an odd lower neighbour: RNE goes up.
        assert_eq!(round_pack::<F32>(false, 0, v + 2, Rne), (0x4b80_0002, NX));
    }

    #[test]
    fn overflow_by_mode() {
        let big = 1u128 << 100; // 2^200 = 2^100 * 2^100 overflows a single
        assert_eq!(
            round_pack::<F32>(false, 100, big, Rne),
            (0x7f80_0000, OF | NX)
        );
        assert_eq!(
            round_pack::<F32>(false, 100, big, Rtz),
            (0x7f7f_ffff, OF | NX)
        );
        assert_eq!(
            round_pack::<F32>(false, 100, big, Rdn),
            (0x7f7f_ffff, OF | NX)
        );
        assert_eq!(
            round_pack::<F32>(false, 100, big, Rup),
            (0x7f80_0000, OF | NX)
        );
        assert_eq!(
            round_pack::<F32>(true, 100, big, Rdn),
            (0xff80_0000, OF | NX)
        );
        assert_eq!(
            round_pack::<F32>(true, 100, big, Rup),
            (0xff7f_ffff, OF | NX)
        );
        assert_eq!(
            round_pack::<F32>(true, 100, big, Rmm),
            (0xff80_0000, OF | NX)
        );
        // The largest single plus half an ulp rounds (RNE) to 2^128: overflow.
        let max_plus_half = ((1u128 << 25) - 1) << 103; // (2^25 - 1) * 2^103
        assert_eq!(
            round_pack::<F32>(false, 0, max_plus_half, Rne),
            (0x7f80_0000, OF | NX)
        );
        assert_eq!(
            round_pack::<F32>(false, 0, max_plus_half, Rtz),
            (0x7f7f_ffff, NX)
        );
    }

    #[test]
    fn integer_rounding() {
        // 2.5 = 5 * 2^-1; -2.5; 0.75 = 3 * 2^-2; 2^60 * 7.
        assert_eq!(round_to_integer(false, -1, 5, Rne), (2, true));
        assert_eq!(round_to_integer(false, -1, 5, Rmm), (3, true));
        assert_eq!(round_to_integer(true, -1, 5, Rdn), (3, true));
        assert_eq!(round_to_integer(true, -1, 5, Rup), (2, true));
        assert_eq!(round_to_integer(false, -1, 5, Rtz), (2, true));
        assert_eq!(round_to_integer(false, -1, 7, Rne), (4, true));
        assert_eq!(round_to_integer(false, -2, 3, Rne), (1, true));
        assert_eq!(round_to_integer(false, -2, 3, Rtz), (0, true));
        assert_eq!(round_to_integer(false, -2, 4, Rup), (1, false));
        assert_eq!(round_to_integer(false, -1074, 1, Rup), (1, true));
        assert_eq!(round_to_integer(false, -1074, 1, Rne), (0, true));
        assert_eq!(round_to_integer(false, 60, 7, Rne), (7 << 60, false));
        assert_eq!(round_to_integer(true, 900, 1, Rne), (u128::MAX, false));
    }

    #[test]
    fn tininess_after_rounding() {
        // x = (2^24 - 1) * 2^-150 = (1 - 2^-24) * 2^-126: exactly representable
        // only with 24 bits at exponent -127. As a subnormal (23 bits) it is a
        // tie between 0x7fffff and 0x800000 * 2^-149.
        let x = (1u128 << 24) - 1;
        // RNE: rounds to 2^-126; with unbounded exponent x is exact and < 2^-126 → tiny.
        assert_eq!(
            round_pack::<F32>(false, -150, x, Rne),
            (0x0080_0000, UF | NX)
        );
        // Slightly more than x, at 2^-126 - 2^-151 + tiny: unbounded rounding (24 bits)
        // carries to 2^-126, so it is not tiny; the result is the smallest normal.
        let y = (((1u128 << 25) - 1) << 10) | 1; // (2^25 - 1 + 2^-10) * 2^-151
        assert_eq!(round_pack::<F32>(false, -161, y, Rne), (0x0080_0000, NX));
        // Exactly 2^-126 - 2^-151: unbounded RNE rounds the tie to even = 2^-126.
        assert_eq!(
            round_pack::<F32>(false, -151, (1 << 25) - 1, Rne),
            (0x0080_0000, NX)
        );
        // RTZ never carries: tiny, and the result stays subnormal.
        assert_eq!(
            round_pack::<F32>(false, -161, y, Rtz),
            (0x007f_ffff, UF | NX)
        );
        // RUP: positive carries; negative does not.
        assert_eq!(
            round_pack::<F32>(false, -150, x, Rup),
            (0x0080_0000, UF | NX)
        );
        assert_eq!(
            round_pack::<F32>(true, -150, x, Rup),
            (0x807f_ffff, UF | NX)
        );
        // Far below the subnormals: rounds to zero or the smallest subnormal.
        assert_eq!(round_pack::<F64>(false, -2000, 1, Rne), (0, UF | NX));
        assert_eq!(round_pack::<F64>(false, -2000, 1, Rup), (1, UF | NX));
        assert_eq!(
            round_pack::<F64>(true, -2000, 1, Rdn),
            (0x8000_0000_0000_0001, UF | NX)
        );
        assert_eq!(
            round_pack::<F64>(true, -2000, 1, Rmm),
            (0x8000_0000_0000_0000, UF | NX)
        );
        // Half the smallest subnormal: tie to even gives 0, RMM gives the subnormal.
        assert_eq!(round_pack::<F32>(false, -150, 1, Rne), (0, UF | NX));
        assert_eq!(round_pack::<F32>(false, -150, 1, Rmm), (1, UF | NX));
        assert_eq!(round_pack::<F32>(false, -150, 3, Rne), (2, UF | NX));
    }
}
