//! Floating-point arithmetic of the F and D extensions as pure functions.
mod arith;
mod exact;
mod fast;
mod flags;
mod format;
mod round;

pub use arith::*;
pub use flags::{Fflags, RoundingMode};
pub use format::{CANONICAL_NAN_D, CANONICAL_NAN_S, box_s, unbox_s};
