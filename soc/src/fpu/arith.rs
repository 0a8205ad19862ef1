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
fn fused_s(a: u32, b: u32, c: u32, neg_product: bool, neg_addend: bool, rm: RoundingMode) -> (u32, Fflags) {
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
fn fused_slow_s(a: u32, b: u32, c: u32, neg_product: bool, neg_addend: bool, rm: RoundingMode) -> (u32, Fflags) {
    let (r, f) = exact::fma::<F32>(a.into(), b.into(), c.into(), neg_product, neg_addend, rm);
    (r as u32, f)
}

/// The fused double-precision operations, always on the exact path: no
/// cheap exact inexact-test exists for a double FMA on the host, and
/// compilers emit FMADD.D only for explicit `fma` calls.
#[inline(never)]
fn fused_d(a: u64, b: u64, c: u64, neg_product: bool, neg_addend: bool, rm: RoundingMode) -> (u64, Fflags) {
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
