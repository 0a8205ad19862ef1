//! The arithmetic instructions of F and D: FADD, FSUB, FMUL, FDIV, FSQRT and
//! the four fused multiply-adds, for singles (`_s`, on `u32` encodings) and
//! doubles (`_d`, on `u64`).
//!
//! Each function takes the RNE host fast path from `fast.rs` when it
//! applies and otherwise the exact path from `exact.rs`; both give the same
//! result and flags (a randomized test below checks it).

use super::exact;
use super::fast;
use super::flags::{Fflags, RoundingMode};
use super::format::{F32, F64};

type Binary = fn(u64, u64, RoundingMode) -> (u64, Fflags);

/// Runs an exact two-operand operation out of line, keeping the fast paths small.
#[cold]
#[inline(never)]
fn slow2(op: Binary, a: u64, b: u64, rm: RoundingMode) -> (u64, Fflags) {
    op(a, b, rm)
}

/// [`slow2`] for singles.
#[cold]
#[inline(never)]
fn slow2_s(op: Binary, a: u32, b: u32, rm: RoundingMode) -> (u32, Fflags) {
    let (r, f) = op(a.into(), b.into(), rm);
    (r as u32, f)
}

const SIGN_S: u32 = 1 << 31;
const SIGN_D: u64 = 1 << 63;

/// FADD.S: `a + b`.
#[inline]
pub fn add_s(a: u32, b: u32, rm: RoundingMode) -> (u32, Fflags) {
    if rm == RoundingMode::Rne
        && let Some(r) = fast::add_s(a, b)
    {
        return r;
    }
    slow2_s(exact::add::<F32>, a, b, rm)
}

/// FSUB.S: `a - b` (the sign of `b` flipped, then added; NaNs stay NaNs).
#[inline]
pub fn sub_s(a: u32, b: u32, rm: RoundingMode) -> (u32, Fflags) {
    add_s(a, b ^ SIGN_S, rm)
}

/// FMUL.S: `a * b`.
#[inline]
pub fn mul_s(a: u32, b: u32, rm: RoundingMode) -> (u32, Fflags) {
    if rm == RoundingMode::Rne
        && let Some(r) = fast::mul_s(a, b)
    {
        return r;
    }
    slow2_s(exact::mul::<F32>, a, b, rm)
}

/// FDIV.S: `a / b`.
#[inline]
pub fn div_s(a: u32, b: u32, rm: RoundingMode) -> (u32, Fflags) {
    if rm == RoundingMode::Rne
        && let Some(r) = fast::div_s(a, b)
    {
        return r;
    }
    slow2_s(exact::div::<F32>, a, b, rm)
}

/// FSQRT.S: `sqrt(a)`.
#[inline]
pub fn sqrt_s(a: u32, rm: RoundingMode) -> (u32, Fflags) {
    if rm == RoundingMode::Rne
        && let Some(r) = fast::sqrt_s(a)
    {
        return r;
    }
    slow2_s(|a, _, rm| exact::sqrt::<F32>(a, rm), a, 0, rm)
}

/// FADD.D: `a + b`.
#[inline]
pub fn add_d(a: u64, b: u64, rm: RoundingMode) -> (u64, Fflags) {
    if rm == RoundingMode::Rne
        && let Some(r) = fast::add_d(a, b)
    {
        return r;
    }
    slow2(exact::add::<F64>, a, b, rm)
}

/// FSUB.D: `a - b`.
#[inline]
pub fn sub_d(a: u64, b: u64, rm: RoundingMode) -> (u64, Fflags) {
    add_d(a, b ^ SIGN_D, rm)
}

/// FMUL.D: `a * b`.
#[inline]
pub fn mul_d(a: u64, b: u64, rm: RoundingMode) -> (u64, Fflags) {
    if rm == RoundingMode::Rne
        && let Some(r) = fast::mul_d(a, b)
    {
        return r;
    }
    slow2(exact::mul::<F64>, a, b, rm)
}

/// FDIV.D: `a / b`.
#[inline]
pub fn div_d(a: u64, b: u64, rm: RoundingMode) -> (u64, Fflags) {
    if rm == RoundingMode::Rne
        && let Some(r) = fast::div_d(a, b)
    {
        return r;
    }
    slow2(exact::div::<F64>, a, b, rm)
}

/// FSQRT.D: `sqrt(a)`.
#[inline]
pub fn sqrt_d(a: u64, rm: RoundingMode) -> (u64, Fflags) {
    if rm == RoundingMode::Rne
        && let Some(r) = fast::sqrt_d(a)
    {
        return r;
    }
    slow2(|a, _, rm| exact::sqrt::<F64>(a, rm), a, 0, rm)
}

/// The fused single-precision operations: `(±a × b) ± c`, one rounding.
#[inline]
fn fused_s(
    a: u32,
    b: u32,
    c: u32,
    neg_product: bool,
    neg_addend: bool,
    rm: RoundingMode,
) -> (u32, Fflags) {
    if rm == RoundingMode::Rne {
        let a_signed = if neg_product { a ^ SIGN_S } else { a };
        let c_signed = if neg_addend { c ^ SIGN_S } else { c };
        if let Some(r) = fast::fma_s(a_signed, b, c_signed) {
            return r;
        }
    }
    fused_slow_s(a, b, c, neg_product, neg_addend, rm)
}

/// The exact path of [`fused_s`].
#[cold]
#[inline(never)]
fn fused_slow_s(
    a: u32,
    b: u32,
    c: u32,
    neg_product: bool,
    neg_addend: bool,
    rm: RoundingMode,
) -> (u32, Fflags) {
    let (r, f) = exact::fma::<F32>(a.into(), b.into(), c.into(), neg_product, neg_addend, rm);
    (r as u32, f)
}

/// The fused double-precision operations: `(±a × b) ± c`, one rounding.
#[inline]
fn fused_d(
    a: u64,
    b: u64,
    c: u64,
    neg_product: bool,
    neg_addend: bool,
    rm: RoundingMode,
) -> (u64, Fflags) {
    if rm == RoundingMode::Rne {
        let a_signed = if neg_product { a ^ SIGN_D } else { a };
        let c_signed = if neg_addend { c ^ SIGN_D } else { c };
        if let Some(r) = fast::fma_d(a_signed, b, c_signed) {
            return r;
        }
    }
    fused_slow_d(a, b, c, neg_product, neg_addend, rm)
}

/// The exact path of [`fused_d`].
#[cold]
#[inline(never)]
fn fused_slow_d(
    a: u64,
    b: u64,
    c: u64,
    neg_product: bool,
    neg_addend: bool,
    rm: RoundingMode,
) -> (u64, Fflags) {
    exact::fma::<F64>(a, b, c, neg_product, neg_addend, rm)
}

/// FMADD.S: `a × b + c`. 0×∞ raises `NV` even when `c` is a quiet NaN.
#[inline]
pub fn fmadd_s(a: u32, b: u32, c: u32, rm: RoundingMode) -> (u32, Fflags) {
    fused_s(a, b, c, false, false, rm)
}

/// FMSUB.S: `a × b − c`.
#[inline]
pub fn fmsub_s(a: u32, b: u32, c: u32, rm: RoundingMode) -> (u32, Fflags) {
    fused_s(a, b, c, false, true, rm)
}

/// FNMSUB.S: `−(a × b) + c`.
#[inline]
pub fn fnmsub_s(a: u32, b: u32, c: u32, rm: RoundingMode) -> (u32, Fflags) {
    fused_s(a, b, c, true, false, rm)
}

/// FNMADD.S: `−(a × b) − c`.
#[inline]
pub fn fnmadd_s(a: u32, b: u32, c: u32, rm: RoundingMode) -> (u32, Fflags) {
    fused_s(a, b, c, true, true, rm)
}

/// FMADD.D: `a × b + c`. 0×∞ raises `NV` even when `c` is a quiet NaN.
#[inline]
pub fn fmadd_d(a: u64, b: u64, c: u64, rm: RoundingMode) -> (u64, Fflags) {
    fused_d(a, b, c, false, false, rm)
}

/// FMSUB.D: `a × b − c`.
#[inline]
pub fn fmsub_d(a: u64, b: u64, c: u64, rm: RoundingMode) -> (u64, Fflags) {
    fused_d(a, b, c, false, true, rm)
}

/// FNMSUB.D: `−(a × b) + c`.
#[inline]
pub fn fnmsub_d(a: u64, b: u64, c: u64, rm: RoundingMode) -> (u64, Fflags) {
    fused_d(a, b, c, true, false, rm)
}

/// FNMADD.D: `−(a × b) − c`.
#[inline]
pub fn fnmadd_d(a: u64, b: u64, c: u64, rm: RoundingMode) -> (u64, Fflags) {
    fused_d(a, b, c, true, true, rm)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fpu::test_utils::*;
    use RoundingMode::*;

    // Singles.
    const QNAN: u32 = 0x7fc0_0000;
    const NQNAN: u32 = 0xffc0_0001; // negative quiet NaN with a payload
    const SNAN: u32 = 0x7f80_0001;
    const NSNAN: u32 = 0xffa0_0000;
    const INF: u32 = 0x7f80_0000;
    const NINF: u32 = 0xff80_0000;
    const MAX: u32 = 0x7f7f_ffff;
    const NMAX: u32 = 0xff7f_ffff;
    const MINNORM: u32 = 0x0080_0000;
    const MAXSUB: u32 = 0x007f_ffff;
    const MINSUB: u32 = 0x0000_0001;
    const NZERO: u32 = 0x8000_0000;
    const ONE: u32 = 0x3f80_0000;
    const NONE_: u32 = 0xbf80_0000; // -1.0

    // Doubles.
    const DQNAN: u64 = 0x7ff8_0000_0000_0000;
    const DSNAN: u64 = 0x7ff0_0000_0000_0001;
    const DNQNAN: u64 = 0xfff8_0000_dead_beef;
    const DINF: u64 = 0x7ff0_0000_0000_0000;
    const DNINF: u64 = 0xfff0_0000_0000_0000;
    const DMAX: u64 = 0x7fef_ffff_ffff_ffff;
    const DNMAX: u64 = 0xffef_ffff_ffff_ffff;
    const DMINNORM: u64 = 0x0010_0000_0000_0000;
    const DMINSUB: u64 = 1;
    const DNZERO: u64 = 0x8000_0000_0000_0000;
    const DONE: u64 = 0x3ff0_0000_0000_0000;

    type CaseS = (u32, u32, RoundingMode, u32, Fflags);
    type CaseD = (u64, u64, RoundingMode, u64, Fflags);

    fn check_s(name: &str, op: fn(u32, u32, RoundingMode) -> (u32, Fflags), cases: &[CaseS]) {
        for &(a, b, rm, want, flags) in cases {
            let got = op(a, b, rm);
            assert_eq!(
                got,
                (want, flags),
                "{name}({a:#010x}, {b:#010x}, {rm:?}): got {:#010x} {}",
                got.0,
                got.1
            );
        }
    }

    fn check_d(name: &str, op: fn(u64, u64, RoundingMode) -> (u64, Fflags), cases: &[CaseD]) {
        for &(a, b, rm, want, flags) in cases {
            let got = op(a, b, rm);
            assert_eq!(
                got,
                (want, flags),
                "{name}({a:#018x}, {b:#018x}, {rm:?}): got {:#018x} {}",
                got.0,
                got.1
            );
        }
    }

    /// Cases whose result is the same in every rounding mode.
    fn every_mode_s(cases: &[(u32, u32, u32, Fflags)]) -> Vec<CaseS> {
        ALL_MODES
            .iter()
            .flat_map(|&rm| cases.iter().map(move |&(a, b, r, f)| (a, b, rm, r, f)))
            .collect()
    }

    fn every_mode_d(cases: &[(u64, u64, u64, Fflags)]) -> Vec<CaseD> {
        ALL_MODES
            .iter()
            .flat_map(|&rm| cases.iter().map(move |&(a, b, r, f)| (a, b, rm, r, f)))
            .collect()
    }

    #[test]
    fn add_s_vectors() {
        check_s(
            "add_s",
            add_s,
            &every_mode_s(&[
                (s(1.0), s(2.0), s(3.0), NONE),
                (s(0.5), s(0.25), s(0.75), NONE),
                (QNAN, ONE, QNAN, NONE),
                (NQNAN, ONE, QNAN, NONE), // canonical, not propagated
                (ONE, SNAN, QNAN, NV),
                (SNAN, QNAN, QNAN, NV),
                (NSNAN, NQNAN, QNAN, NV),
                (INF, NINF, QNAN, NV),
                (NINF, INF, QNAN, NV),
                (INF, INF, INF, NONE),
                (INF, ONE, INF, NONE),
                (NINF, MAX, NINF, NONE),
                (NZERO, NZERO, NZERO, NONE),
                (NZERO, ONE, ONE, NONE),
                (ONE, NZERO, ONE, NONE),
                // Subnormal operands and results are exact: never UF.
                (MINSUB, MINSUB, 2, NONE),
                (MINNORM, MINSUB | NZERO, MAXSUB, NONE),
                (MAXSUB, MINSUB, MINNORM, NONE),
            ]),
        );
        check_s(
            "add_s",
            add_s,
            &[
                // x + (-x) is +0, except -0 when rounding down.
                (ONE, NONE_, Rne, 0, NONE),
                (ONE, NONE_, Rtz, 0, NONE),
                (ONE, NONE_, Rdn, NZERO, NONE),
                (ONE, NONE_, Rup, 0, NONE),
                (ONE, NONE_, Rmm, 0, NONE),
                (0, NZERO, Rne, 0, NONE),
                (0, NZERO, Rdn, NZERO, NONE),
                (0, 0, Rdn, 0, NONE),
                (MINSUB | NZERO, MINSUB, Rdn, NZERO, NONE),
                (MINSUB | NZERO, MINSUB, Rne, 0, NONE),
                (MINSUB | NZERO, MINSUB, Rmm, 0, NONE),
                // Overflow by mode.
                (MAX, MAX, Rne, INF, OF | NX),
                (MAX, MAX, Rtz, MAX, OF | NX),
                (MAX, MAX, Rdn, MAX, OF | NX),
                (MAX, MAX, Rup, INF, OF | NX),
                (MAX, MAX, Rmm, INF, OF | NX),
                (NMAX, NMAX, Rne, NINF, OF | NX),
                (NMAX, NMAX, Rtz, NMAX, OF | NX),
                (NMAX, NMAX, Rdn, NINF, OF | NX),
                (NMAX, NMAX, Rup, NMAX, OF | NX),
                (NMAX, NMAX, Rmm, NINF, OF | NX),
                // MAX + half an ulp (2^103) is a tie with an odd neighbour.
                (MAX, 0x7300_0000, Rne, INF, OF | NX),
                (MAX, 0x7300_0000, Rtz, MAX, NX),
                (MAX, 0x7300_0000, Rdn, MAX, NX),
                (MAX, 0x7300_0000, Rup, INF, OF | NX),
                (MAX, 0x7300_0000, Rmm, INF, OF | NX),
                // MAX + a quarter ulp.
                (MAX, 0x7280_0000, Rne, MAX, NX),
                (MAX, 0x7280_0000, Rup, INF, OF | NX),
                // 1 + 2^-24: a tie between 1 and 1 + 2^-23 (even low bit).
                (ONE, 0x3380_0000, Rne, ONE, NX),
                (ONE, 0x3380_0000, Rtz, ONE, NX),
                (ONE, 0x3380_0000, Rdn, ONE, NX),
                (ONE, 0x3380_0000, Rup, 0x3f80_0001, NX),
                (ONE, 0x3380_0000, Rmm, 0x3f80_0001, NX),
                // (1 + 2^-23) + 2^-24: a tie with an odd low bit.
                (0x3f80_0001, 0x3380_0000, Rne, 0x3f80_0002, NX),
                (0x3f80_0001, 0x3380_0000, Rtz, 0x3f80_0001, NX),
                (0x3f80_0001, 0x3380_0000, Rmm, 0x3f80_0002, NX),
                // Negative ties: directed modes flip.
                (NONE_, 0xb380_0000, Rne, NONE_, NX),
                (NONE_, 0xb380_0000, Rdn, 0xbf80_0001, NX),
                (NONE_, 0xb380_0000, Rup, NONE_, NX),
                (NONE_, 0xb380_0000, Rmm, 0xbf80_0001, NX),
                // 1 ± the smallest subnormal.
                (ONE, MINSUB, Rne, ONE, NX),
                (ONE, MINSUB, Rup, 0x3f80_0001, NX),
                (ONE, MINSUB | NZERO, Rtz, 0x3f7f_ffff, NX),
                (ONE, MINSUB | NZERO, Rdn, 0x3f7f_ffff, NX),
                (ONE, MINSUB | NZERO, Rne, ONE, NX),
                (ONE, MINSUB | NZERO, Rup, ONE, NX),
            ],
        );
    }

    #[test]
    fn sub_s_vectors() {
        check_s(
            "sub_s",
            sub_s,
            &[
                (s(3.0), s(1.0), Rne, s(2.0), NONE),
                (ONE, ONE, Rne, 0, NONE),
                (ONE, ONE, Rdn, NZERO, NONE),
                (NZERO, 0, Rne, NZERO, NONE),
                (NZERO, 0, Rup, NZERO, NONE),
                (0, 0, Rne, 0, NONE),
                (0, 0, Rdn, NZERO, NONE),
                (ONE, NZERO, Rne, ONE, NONE),
                (INF, INF, Rne, QNAN, NV),
                (INF, NINF, Rne, INF, NONE),
                (QNAN, ONE, Rne, QNAN, NONE),
                (ONE, NSNAN, Rtz, QNAN, NV),
                (NMAX, MAX, Rtz, NMAX, OF | NX),
                (ONE, 0x3380_0000, Rne, 0x3f7f_ffff, NONE), // 1 - 2^-24 is exact
                (MINSUB | NZERO, MINSUB | NZERO, Rne, 0, NONE),
                (MINSUB | NZERO, MINSUB | NZERO, Rdn, NZERO, NONE),
            ],
        );
    }

    #[test]
    fn mul_s_vectors() {
        check_s(
            "mul_s",
            mul_s,
            &every_mode_s(&[
                (s(2.0), s(3.0), s(6.0), NONE),
                (QNAN, 0, QNAN, NONE),
                (NQNAN, INF, QNAN, NONE),
                (SNAN, ONE, QNAN, NV),
                (ONE, NSNAN, QNAN, NV),
                (INF, 0, QNAN, NV),
                (NZERO, NINF, QNAN, NV),
                (INF, s(-2.0), NINF, NONE),
                (NINF, NINF, INF, NONE),
                (NZERO, s(5.0), NZERO, NONE),
                (NZERO, NZERO, 0, NONE),
                (MINSUB, NZERO, NZERO, NONE),
                // Exactly representable subnormal products: no flags.
                (MINNORM, s(0.5), 0x0040_0000, NONE),
                (MAXSUB, s(2.0), 0x00ff_fffe, NONE),
                (MINSUB, s(8.0), 8, NONE),
            ]),
        );
        check_s(
            "mul_s",
            mul_s,
            &[
                (MAX, s(2.0), Rne, INF, OF | NX),
                (MAX, s(2.0), Rtz, MAX, OF | NX),
                (MAX, s(2.0), Rup, INF, OF | NX),
                (MAX, s(-2.0), Rdn, NINF, OF | NX),
                (MAX, s(-2.0), Rup, NMAX, OF | NX),
                (MAX, s(-2.0), Rmm, NINF, OF | NX),
                // 2^-150: half the smallest subnormal.
                (MINSUB, s(0.5), Rne, 0, UF | NX),
                (MINSUB, s(0.5), Rtz, 0, UF | NX),
                (MINSUB, s(0.5), Rdn, 0, UF | NX),
                (MINSUB, s(0.5), Rup, MINSUB, UF | NX),
                (MINSUB, s(0.5), Rmm, MINSUB, UF | NX),
                (MINSUB | NZERO, s(0.5), Rne, NZERO, UF | NX),
                (MINSUB | NZERO, s(0.5), Rdn, MINSUB | NZERO, UF | NX),
                // 1.5 * 2^-149: a subnormal tie.
                (3, s(0.5), Rne, 2, UF | NX),
                (3, s(0.5), Rtz, 1, UF | NX),
                (3, s(0.5), Rmm, 2, UF | NX),
                // (1 - 2^-24) * 2^-126 = 2^-126 - 2^-150: exact at 24 bits with an
                // unbounded exponent, hence tiny; rounds (RNE) to the smallest normal.
                (0x3f7f_ffff, MINNORM, Rne, MINNORM, UF | NX),
                (0x3f7f_ffff, MINNORM, Rtz, MAXSUB, UF | NX),
                (0x3f7f_ffff, MINNORM, Rup, MINNORM, UF | NX),
                (0x3f7f_ffff, MINNORM, Rmm, MINNORM, UF | NX),
                // (1 - 2^-23)(1 + 2^-23) * 2^-126 = 2^-126 - 2^-172: rounding at 24
                // bits with an unbounded exponent gives 2^-126, so not tiny.
                (0x3f7f_fffe, 0x0080_0001, Rne, MINNORM, NX),
                (0x3f7f_fffe, 0x0080_0001, Rtz, MAXSUB, UF | NX),
                (0x3f7f_fffe, 0x0080_0001, Rdn, MAXSUB, UF | NX),
                (0x3f7f_fffe, 0x0080_0001, Rup, MINNORM, NX),
                (0x3f7f_fffe, 0x0080_0001, Rmm, MINNORM, NX),
                // 18631 * 1801 = 2^25 - 1: product (2^25 - 1) * 2^-151 = 2^-126 - 2^-151,
                // a tie at 24 bits that RNE (odd) and RMM carry to 2^-126: not tiny.
                (s(18631.0 / 16384.0), 0x0070_9000, Rne, MINNORM, NX),
                (s(18631.0 / 16384.0), 0x0070_9000, Rmm, MINNORM, NX),
                (s(18631.0 / 16384.0), 0x0070_9000, Rtz, MAXSUB, UF | NX),
                // 0x3eaaaaab * 3 = 1 + 2^-25.
                (0x3eaa_aaab, s(3.0), Rne, ONE, NX),
                (0x3eaa_aaab, s(3.0), Rup, 0x3f80_0001, NX),
                (0x3eaa_aaab, s(-3.0), Rdn, 0xbf80_0001, NX),
            ],
        );
    }

    #[test]
    fn div_s_vectors() {
        check_s(
            "div_s",
            div_s,
            &every_mode_s(&[
                (s(6.0), s(3.0), s(2.0), NONE),
                (ONE, 0, INF, DZ),
                (NONE_, 0, NINF, DZ),
                (ONE, NZERO, NINF, DZ),
                (MINSUB, 0, INF, DZ),
                (0, 0, QNAN, NV),
                (NZERO, 0, QNAN, NV),
                (INF, INF, QNAN, NV),
                (INF, 0, INF, NONE),
                (INF, s(-3.0), NINF, NONE),
                (0, INF, 0, NONE),
                (s(-2.0), INF, NZERO, NONE),
                (0, s(-2.0), NZERO, NONE),
                (QNAN, 0, QNAN, NONE),
                (SNAN, 0, QNAN, NV),
                (0, NSNAN, QNAN, NV),
                (MINNORM, s(2.0), 0x0040_0000, NONE),
                (MINSUB, s(0.125), 8, NONE),
            ]),
        );
        check_s(
            "div_s",
            div_s,
            &[
                // 1/3 = 1.0101...b * 2^-2; the discarded part is 2/3 of an ulp.
                (ONE, s(3.0), Rne, 0x3eaa_aaab, NX),
                (ONE, s(3.0), Rtz, 0x3eaa_aaaa, NX),
                (ONE, s(3.0), Rdn, 0x3eaa_aaaa, NX),
                (ONE, s(3.0), Rup, 0x3eaa_aaab, NX),
                (ONE, s(3.0), Rmm, 0x3eaa_aaab, NX),
                (NONE_, s(3.0), Rdn, 0xbeaa_aaab, NX),
                (NONE_, s(3.0), Rup, 0xbeaa_aaaa, NX),
                (MAX, s(0.5), Rne, INF, OF | NX),
                (MAX, s(0.5), Rtz, MAX, OF | NX),
                (MAX, s(-0.5), Rup, NMAX, OF | NX),
                (MINSUB, s(2.0), Rne, 0, UF | NX),
                (MINSUB, s(2.0), Rup, MINSUB, UF | NX),
                (MINSUB, s(-2.0), Rdn, MINSUB | NZERO, UF | NX),
                (MINNORM, s(3.0), Rne, 0x002a_aaab, UF | NX),
                (MINNORM, s(3.0), Rtz, 0x002a_aaaa, UF | NX),
            ],
        );
    }

    #[test]
    fn sqrt_s_vectors() {
        let sq = |a, _b, rm| sqrt_s(a, rm);
        check_s(
            "sqrt_s",
            sq,
            &every_mode_s(&[
                (s(4.0), 0, s(2.0), NONE),
                (s(0.25), 0, s(0.5), NONE),
                (0, 0, 0, NONE),
                (NZERO, 0, NZERO, NONE),
                (INF, 0, INF, NONE),
                (NINF, 0, QNAN, NV),
                (NONE_, 0, QNAN, NV),
                (MINSUB | NZERO, 0, QNAN, NV),
                (QNAN, 0, QNAN, NONE),
                (NQNAN, 0, QNAN, NONE),
                (SNAN, 0, QNAN, NV),
                (0x0180_0000, 0, 0x2080_0000, NONE), // sqrt(2^-124) = 2^-62
            ]),
        );
        check_s(
            "sqrt_s",
            sq,
            &[
                // sqrt(2) = 1.0110101000001001111001100110011...b
                (s(2.0), 0, Rne, 0x3fb5_04f3, NX),
                (s(2.0), 0, Rtz, 0x3fb5_04f3, NX),
                (s(2.0), 0, Rdn, 0x3fb5_04f3, NX),
                (s(2.0), 0, Rup, 0x3fb5_04f4, NX),
                (s(2.0), 0, Rmm, 0x3fb5_04f3, NX),
                // sqrt(2^-149) = sqrt(2) * 2^-75: a normal result.
                (MINSUB, 0, Rne, 0x1a35_04f3, NX),
                (MINSUB, 0, Rup, 0x1a35_04f4, NX),
                (MAX, 0, Rne, 0x5f7f_ffff, NX),
            ],
        );
    }

    type Fused<T> = fn(T, T, T, RoundingMode) -> (T, Fflags);

    fn check_fused<T: Copy + PartialEq + core::fmt::LowerHex + core::fmt::Debug>(
        name: &str,
        op: Fused<T>,
        cases: &[(T, T, T, RoundingMode, T, Fflags)],
    ) {
        for &(a, b, c, rm, want, flags) in cases {
            let got = op(a, b, c, rm);
            assert_eq!(
                got,
                (want, flags),
                "{name}({a:#x}, {b:#x}, {c:#x}, {rm:?}): got {:#x} {}",
                got.0,
                got.1
            );
        }
    }

    #[test]
    fn fused_s_vectors() {
        check_fused::<u32>(
            "fmadd_s",
            fmadd_s,
            &[
                (s(2.0), s(3.0), ONE, Rne, s(7.0), NONE),
                (0, s(5.0), s(3.0), Rtz, s(3.0), NONE),
                // 0 × ∞ is invalid even with a quiet NaN addend.
                (INF, 0, QNAN, Rne, QNAN, NV),
                (0, NINF, NQNAN, Rne, QNAN, NV),
                (INF, 0, ONE, Rne, QNAN, NV),
                (INF, 0, SNAN, Rne, QNAN, NV),
                (QNAN, ONE, ONE, Rne, QNAN, NONE),
                (QNAN, 0, INF, Rne, QNAN, NONE),
                (ONE, ONE, SNAN, Rne, QNAN, NV),
                (SNAN, 0, ONE, Rne, QNAN, NV),
                (ONE, NQNAN, ONE, Rdn, QNAN, NONE),
                // ∞ − ∞ after the product.
                (INF, ONE, NINF, Rne, QNAN, NV),
                (INF, ONE, INF, Rne, INF, NONE),
                (NINF, NONE_, s(5.0), Rne, INF, NONE),
                (ONE, ONE, NINF, Rne, NINF, NONE),
                (MAX, MAX, NINF, Rne, NINF, NONE), // product overflow is irrelevant
                // Signed zeros.
                (ONE, ONE, NONE_, Rne, 0, NONE),
                (ONE, ONE, NONE_, Rdn, NZERO, NONE),
                (0, s(5.0), NZERO, Rne, 0, NONE),
                (0, s(5.0), NZERO, Rdn, NZERO, NONE),
                (NZERO, s(5.0), NZERO, Rne, NZERO, NONE),
                (NZERO, s(5.0), 0, Rup, 0, NONE),
                // One rounding: (1 + 2^-23)^2 - (1 + 2^-22) = 2^-46 exactly.
                (
                    0x3f80_0001,
                    0x3f80_0001,
                    0xbf80_0002,
                    Rne,
                    0x2880_0000,
                    NONE,
                ),
                // (1 + 2^-23)^2 - 1 = 2^-22 + 2^-46: a tie at 24 bits.
                (0x3f80_0001, 0x3f80_0001, NONE_, Rne, 0x3480_0000, NX),
                (0x3f80_0001, 0x3f80_0001, NONE_, Rup, 0x3480_0001, NX),
                (0x3f80_0001, 0x3f80_0001, NONE_, Rmm, 0x3480_0001, NX),
                (0x3f80_0001, 0x3f80_0001, NONE_, Rtz, 0x3480_0000, NX),
                // Overflow and underflow.
                (MAX, s(2.0), 0, Rne, INF, OF | NX),
                (MAX, s(2.0), NMAX, Rne, MAX, NONE),
                (MAX, s(2.0), 0, Rtz, MAX, OF | NX),
                (MINNORM, s(0.5), 0, Rne, 0x0040_0000, NONE),
                (MINSUB, s(0.5), 0, Rne, 0, UF | NX),
                (MINSUB, s(0.5), NZERO, Rne, 0, UF | NX),
                (MINSUB, s(-0.5), MINSUB, Rne, 0, UF | NX),
                (MINSUB, s(-0.5), MINSUB, Rup, MINSUB, UF | NX),
                (MINSUB, s(-0.5), MINSUB, Rmm, MINSUB, UF | NX),
                // A tiny product swamped by a normal addend: no UF.
                (MINSUB, MINSUB, ONE, Rne, ONE, NX),
                (MINSUB, MINSUB, ONE, Rup, 0x3f80_0001, NX),
                (MINSUB, MINSUB, NONE_, Rtz, 0xbf7f_ffff, NX),
            ],
        );
        let twos = [
            // (op, a, b, c, rm, result)
            (fmsub_s as Fused<u32>, s(2.0), s(3.0), ONE, Rne, s(5.0)),
            (fnmsub_s, s(2.0), s(3.0), ONE, Rne, s(-5.0)),
            (fnmadd_s, s(2.0), s(3.0), ONE, Rne, s(-7.0)),
            (fnmadd_s, ONE, ONE, NONE_, Rne, 0),
            (fnmadd_s, ONE, ONE, NONE_, Rdn, NZERO),
            (fnmadd_s, 0, ONE, 0, Rne, NZERO),
            (fmsub_s, 0, ONE, 0, Rne, 0),
            (fmsub_s, 0, ONE, 0, Rdn, NZERO),
            (fnmsub_s, 0, ONE, 0, Rne, 0),
            (fnmsub_s, 0, ONE, 0, Rdn, NZERO),
            (fnmsub_s, NZERO, ONE, 0, Rne, 0),
            (fmsub_s, INF, ONE, INF, Rne, QNAN),
            (fnmadd_s, INF, ONE, NINF, Rne, QNAN),
            (fnmsub_s, INF, ONE, NINF, Rne, NINF),
            (fnmsub_s, INF, ONE, INF, Rne, QNAN),
            (
                fmsub_s,
                0x3f80_0001,
                0x3f80_0001,
                0x3f80_0002,
                Rne,
                0x2880_0000,
            ),
            (fnmadd_s, 0x3f80_0001, 0x3f80_0001, NONE_, Rdn, 0xb480_0001),
        ];
        for (op, a, b, c, rm, want) in twos {
            let flags = if want == QNAN {
                NV
            } else if a == 0x3f80_0001 && c == NONE_ {
                NX
            } else {
                NONE
            };
            check_fused::<u32>("fused_s", op, &[(a, b, c, rm, want, flags)]);
        }
        for op in [fmsub_s as Fused<u32>, fnmsub_s, fnmadd_s] {
            check_fused::<u32>(
                "fused_s",
                op,
                &[
                    (INF, 0, QNAN, Rne, QNAN, NV),
                    (SNAN, ONE, ONE, Rne, QNAN, NV),
                ],
            );
        }
    }

    #[test]
    fn add_sub_d_vectors() {
        check_d(
            "add_d",
            add_d,
            &every_mode_d(&[
                (d(1.0), d(2.0), d(3.0), NONE),
                (DQNAN, DONE, DQNAN, NONE),
                (DNQNAN, DONE, DQNAN, NONE),
                (DONE, DSNAN, DQNAN, NV),
                (DINF, DNINF, DQNAN, NV),
                (DINF, DMAX, DINF, NONE),
                (DNZERO, DNZERO, DNZERO, NONE),
                (DMINSUB, DMINSUB, 2, NONE),
                (DMINNORM, DMINSUB | DNZERO, 0x000f_ffff_ffff_ffff, NONE),
            ]),
        );
        check_d(
            "add_d",
            add_d,
            &[
                (DONE, d(-1.0), Rne, 0, NONE),
                (DONE, d(-1.0), Rdn, DNZERO, NONE),
                (0, DNZERO, Rdn, DNZERO, NONE),
                (0, DNZERO, Rmm, 0, NONE),
                (DMAX, DMAX, Rne, DINF, OF | NX),
                (DMAX, DMAX, Rtz, DMAX, OF | NX),
                (DMAX, DMAX, Rdn, DMAX, OF | NX),
                (DNMAX, DNMAX, Rdn, DNINF, OF | NX),
                (DNMAX, DNMAX, Rup, DNMAX, OF | NX),
                // 1 + 2^-53: a tie with an even low bit.
                (DONE, 0x3ca0_0000_0000_0000, Rne, DONE, NX),
                (DONE, 0x3ca0_0000_0000_0000, Rup, DONE + 1, NX),
                (DONE, 0x3ca0_0000_0000_0000, Rmm, DONE + 1, NX),
                (DONE, 0x3ca0_0000_0000_0000, Rdn, DONE, NX),
                // (1 + 2^-52) + 2^-53: odd low bit.
                (DONE + 1, 0x3ca0_0000_0000_0000, Rne, DONE + 2, NX),
                (DONE + 1, 0x3ca0_0000_0000_0000, Rtz, DONE + 1, NX),
                (DONE, DMINSUB | DNZERO, Rtz, 0x3fef_ffff_ffff_ffff, NX),
                (DONE, DMINSUB | DNZERO, Rne, DONE, NX),
            ],
        );
        check_d(
            "sub_d",
            sub_d,
            &[
                (d(3.0), d(1.0), Rne, d(2.0), NONE),
                (DONE, DONE, Rne, 0, NONE),
                (DONE, DONE, Rdn, DNZERO, NONE),
                (DNZERO, 0, Rne, DNZERO, NONE),
                (DINF, DINF, Rup, DQNAN, NV),
                (DSNAN, DQNAN, Rup, DQNAN, NV),
            ],
        );
    }

    #[test]
    fn mul_div_sqrt_d_vectors() {
        check_d(
            "mul_d",
            mul_d,
            &[
                (d(2.0), d(3.0), Rne, d(6.0), NONE),
                (DINF, 0, Rne, DQNAN, NV),
                (DNQNAN, 0, Rne, DQNAN, NONE),
                (DSNAN, DONE, Rne, DQNAN, NV),
                (DNZERO, d(3.0), Rup, DNZERO, NONE),
                (DMAX, d(2.0), Rne, DINF, OF | NX),
                (DMAX, d(2.0), Rtz, DMAX, OF | NX),
                (DMAX, d(-2.0), Rup, DNMAX, OF | NX),
                (DMINNORM, d(0.5), Rne, 0x0008_0000_0000_0000, NONE),
                (DMINSUB, d(0.5), Rne, 0, UF | NX),
                (DMINSUB, d(0.5), Rup, DMINSUB, UF | NX),
                (DMINSUB, d(0.5), Rmm, DMINSUB, UF | NX),
                (DMINSUB | DNZERO, d(0.5), Rdn, DMINSUB | DNZERO, UF | NX),
                // (1 - 2^-53) * 2^-1022: exact at 53 bits, tiny, rounds to 2^-1022.
                (0x3fef_ffff_ffff_ffff, DMINNORM, Rne, DMINNORM, UF | NX),
                (0x3fef_ffff_ffff_ffff, DMINNORM, Rtz, DMINNORM - 1, UF | NX),
                // (1 - 2^-52)(1 + 2^-52) * 2^-1022: not tiny after rounding.
                (0x3fef_ffff_ffff_fffe, DMINNORM + 1, Rne, DMINNORM, NX),
                (
                    0x3fef_ffff_ffff_fffe,
                    DMINNORM + 1,
                    Rdn,
                    DMINNORM - 1,
                    UF | NX,
                ),
                // (1 + 2^-52)^2 = 1 + 2^-51 + 2^-104.
                (DONE + 1, DONE + 1, Rne, DONE + 2, NX),
                (DONE + 1, DONE + 1, Rup, DONE + 3, NX),
            ],
        );
        check_d(
            "div_d",
            div_d,
            &[
                (d(6.0), d(3.0), Rne, d(2.0), NONE),
                (DONE, d(3.0), Rne, 0x3fd5_5555_5555_5555, NX),
                (DONE, d(3.0), Rup, 0x3fd5_5555_5555_5556, NX),
                (DONE, d(3.0), Rmm, 0x3fd5_5555_5555_5555, NX),
                (DONE, 0, Rne, DINF, DZ),
                (d(-1.0), 0, Rtz, DNINF, DZ),
                (0, 0, Rne, DQNAN, NV),
                (DINF, DNINF, Rne, DQNAN, NV),
                (DINF, 0, Rne, DINF, NONE),
                (DONE, DNINF, Rne, DNZERO, NONE),
                (DQNAN, 0, Rne, DQNAN, NONE),
                (DONE, DSNAN, Rne, DQNAN, NV),
                (DMAX, d(0.5), Rne, DINF, OF | NX),
                (DMAX, d(0.5), Rdn, DMAX, OF | NX),
                (DMINSUB, d(2.0), Rne, 0, UF | NX),
                (DMINSUB, d(2.0), Rup, DMINSUB, UF | NX),
                (DMINSUB, d(0.25), Rne, 4, NONE),
                (DONE, DMAX, Rne, 0x0004_0000_0000_0000, UF | NX),
            ],
        );
        let sq = |a, _b, rm| sqrt_d(a, rm);
        check_d(
            "sqrt_d",
            sq,
            &[
                (d(4.0), 0, Rne, d(2.0), NONE),
                (DNZERO, 0, Rdn, DNZERO, NONE),
                (DINF, 0, Rne, DINF, NONE),
                (DNINF, 0, Rne, DQNAN, NV),
                (d(-1.0), 0, Rne, DQNAN, NV),
                (DMINSUB | DNZERO, 0, Rne, DQNAN, NV),
                (DNQNAN, 0, Rne, DQNAN, NONE),
                (DSNAN, 0, Rne, DQNAN, NV),
                // sqrt(2) = 1.6a09e667f3bcc908b2...h
                (d(2.0), 0, Rne, 0x3ff6_a09e_667f_3bcd, NX),
                (d(2.0), 0, Rtz, 0x3ff6_a09e_667f_3bcc, NX),
                (d(2.0), 0, Rdn, 0x3ff6_a09e_667f_3bcc, NX),
                (d(2.0), 0, Rup, 0x3ff6_a09e_667f_3bcd, NX),
                (d(2.0), 0, Rmm, 0x3ff6_a09e_667f_3bcd, NX),
                // sqrt(2^-1074) = 2^-537 exactly.
                (DMINSUB, 0, Rne, 0x1e60_0000_0000_0000, NONE),
            ],
        );
    }

    #[test]
    fn fused_d_vectors() {
        check_fused::<u64>(
            "fmadd_d",
            fmadd_d,
            &[
                (d(2.0), d(3.0), DONE, Rne, d(7.0), NONE),
                (DINF, 0, DQNAN, Rne, DQNAN, NV),
                (0, DINF, DNQNAN, Rtz, DQNAN, NV),
                (DQNAN, DONE, DONE, Rne, DQNAN, NONE),
                (DONE, DONE, DSNAN, Rne, DQNAN, NV),
                (DINF, DONE, DNINF, Rne, DQNAN, NV),
                (DONE, DONE, d(-1.0), Rne, 0, NONE),
                (DONE, DONE, d(-1.0), Rdn, DNZERO, NONE),
                // (1 + 2^-52)^2 - (1 + 2^-51) = 2^-104 exactly.
                (
                    DONE + 1,
                    DONE + 1,
                    0xbff0_0000_0000_0002,
                    Rne,
                    0x3970_0000_0000_0000,
                    NONE,
                ),
                // (1 + 2^-52)^2 - 1 = 2^-51 + 2^-104: a tie at 53 bits.
                (DONE + 1, DONE + 1, d(-1.0), Rne, 0x3cc0_0000_0000_0000, NX),
                (DONE + 1, DONE + 1, d(-1.0), Rup, 0x3cc0_0000_0000_0001, NX),
                (DMAX, d(2.0), 0, Rne, DINF, OF | NX),
                (DMAX, d(2.0), 0, Rdn, DMAX, OF | NX),
                (DMINSUB, d(0.5), 0, Rne, 0, UF | NX),
                (DMINSUB, d(-0.5), DMINSUB, Rup, DMINSUB, UF | NX),
            ],
        );
        check_fused::<u64>(
            "fmsub_d",
            fmsub_d,
            &[(d(2.0), d(3.0), DONE, Rne, d(5.0), NONE)],
        );
        check_fused::<u64>(
            "fnmsub_d",
            fnmsub_d,
            &[(d(2.0), d(3.0), DONE, Rne, d(-5.0), NONE)],
        );
        check_fused::<u64>(
            "fnmadd_d",
            fnmadd_d,
            &[
                (d(2.0), d(3.0), DONE, Rne, d(-7.0), NONE),
                (0, DONE, 0, Rne, DNZERO, NONE),
            ],
        );
    }

    #[test]
    fn public_entry_points_agree_with_exact_path_in_every_mode() {
        use crate::fpu::exact;
        use crate::fpu::format::{F32, F64};
        let mut rng = XorShift::new(7);
        for _ in 0..20_000 {
            let rm = ALL_MODES[rng.below(5) as usize];
            let (a, b, c) = (rng.single(), rng.single(), rng.single());
            let (a64, b64, c64) = (u64::from(a), u64::from(b), u64::from(c));
            let wide = |(r, f): (u32, Fflags)| (u64::from(r), f);
            assert_eq!(
                wide(sub_s(a, b, rm)),
                exact::add::<F32>(a64, b64 ^ (1 << 31), rm)
            );
            assert_eq!(
                wide(fnmsub_s(a, b, c, rm)),
                exact::fma::<F32>(a64, b64, c64, true, false, rm)
            );
            assert_eq!(
                wide(fnmadd_s(a, b, c, rm)),
                exact::fma::<F32>(a64, b64, c64, true, true, rm)
            );
            assert_eq!(
                wide(fmsub_s(a, b, c, rm)),
                exact::fma::<F32>(a64, b64, c64, false, true, rm)
            );
            let (x, y) = (rng.double(), rng.double());
            assert_eq!(sub_d(x, y, rm), exact::add::<F64>(x, y ^ (1 << 63), rm));
            assert_eq!(div_d(x, y, rm), exact::div::<F64>(x, y, rm));
        }
    }
}
