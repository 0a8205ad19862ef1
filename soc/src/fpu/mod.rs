//! Floating-point arithmetic of the F and D extensions (unprivileged ISA,
//! chapters "F" and "D"), as pure, allocation-free functions on encodings.
//!
//! Every operation takes operand bits (`u32` for singles, `u64` for
//! doubles) and, where it rounds, a static [`RoundingMode`], and returns the
//! result bits with the [`Fflags`] it raises; the caller ORs those into
//! `fflags`, resolves the dynamic rounding mode from `frm`, and handles
//! NaN-boxing of singles in the 64-bit `f` registers ([`unbox_s`] on read,
//! [`box_s`] on write).
//!
//! Results follow the ISA exactly: every NaN result is the canonical NaN,
//! tininess is detected after rounding, and all five rounding modes are
//! supported. Round-to-nearest-even takes a host fast path (`fast.rs`) with
//! exact flag detection; other modes and hard cases (NaN, overflow, tiny
//! results) take the exact integer path (`exact.rs`, `round.rs`). The fast
//! path relies on the host's default floating-point environment (round to
//! nearest, no flush-to-zero), which Rust code never changes, and on
//! `f64::mul_add` being correctly rounded (a host FMA or a correct libm).
//! No state is kept anywhere: every function is pure.
//!
//! Map: `flags.rs` rounding modes and flags; `format.rs` the two formats,
//! unpacking, NaN-boxing; `round.rs` rounding and packing; `exact.rs` exact
//! arithmetic; `fast.rs` host fast paths; `arith.rs` the arithmetic
//! instructions; `convert.rs` FCVT; `compare.rs` compare, min/max, FCLASS,
//! sign injection, FMV.

mod arith;
mod compare;
mod convert;
mod exact;
mod fast;
mod flags;
mod format;
mod round;
#[cfg(test)]
mod test_utils;

pub use arith::{
    add_d, add_s, div_d, div_s, fmadd_d, fmadd_s, fmsub_d, fmsub_s, fnmadd_d, fnmadd_s, fnmsub_d,
    fnmsub_s, mul_d, mul_s, sqrt_d, sqrt_s, sub_d, sub_s,
};
pub use compare::{
    class, classify_d, classify_s, eq_d, eq_s, fmv_w_x, fmv_x_w, le_d, le_s, lt_d, lt_s, max_d,
    max_s, min_d, min_s, sgnj_d, sgnj_s, sgnjn_d, sgnjn_s, sgnjx_d, sgnjx_s,
};
pub use convert::{
    cvt_d_s, cvt_d_w, cvt_d_wu, cvt_s_d, cvt_s_w, cvt_s_wu, cvt_w_d, cvt_w_s, cvt_wu_d, cvt_wu_s,
};
pub use flags::{Fflags, RoundingMode};
pub use format::{CANONICAL_NAN_D, CANONICAL_NAN_S, box_s, unbox_s};
