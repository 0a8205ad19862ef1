//! sin, cos and atan as the course library defines them: the CPU course's
//! programs have no libm, so its library (written for single-precision
//! FPUs) reduces the argument and evaluates short polynomials. The same
//! code serves both precisions here; in f64 it is accurate to about f32's
//! precision, which SPEC section 18 measures as changing no pixel of the
//! reference ("double, sin/cos/atan only f32-accurate").
//!
//! SPEC does not spell the library out; it is written from the course's
//! library specification:
//!
//! - sin and cos: take |x| (remembering the sign for sin), reduce it
//!   modulo 2π by subtracting halving multiples of 2π, fold it into
//!   [0, π/2] with the quadrant's sign, then use the sine kernel on
//!   [0, π/4] and the cosine kernel of π/2 − x above (and the other way
//!   round for cos);
//! - atan: the kernel for |x| < 0.4375, π/4 + kernel((|x|−1)/(|x|+1)) for
//!   |x| < 2.4375, π/2 − kernel(1/|x|) above, with the sign of x.

// The coefficients are written as the library writes them (for f32).
#![allow(clippy::excessive_precision)]

use crate::{Real, lit};

/// x − S3·x³ + S5·x⁵ − S7·x⁷ on [0, π/4].
fn kernel_sin<R: Real>(x: R) -> R {
    let x2 = x * x;
    let x3 = x2 * x;
    let x5 = x3 * x2;
    let x7 = x5 * x2;
    x - lit!(R, 0.16666668) * x3 + lit!(R, 0.008332824) * x5 - lit!(R, 0.00019587841) * x7
}

/// 1 − x²/2 + C4·x⁴ − C6·x⁶ on [0, π/4].
fn kernel_cos<R: Real>(x: R) -> R {
    let x2 = x * x;
    let x4 = x2 * x2;
    let x6 = x4 * x2;
    lit!(R, 1.0) - lit!(R, 0.5) * x2 + lit!(R, 0.04166368) * x4 - lit!(R, 0.0013695068) * x6
}

/// The odd polynomial of degree 13 for atan on [−0.4375, 0.4375].
fn kernel_atan<R: Real>(x: R) -> R {
    let x2 = x * x;
    let x3 = x2 * x;
    let x5 = x3 * x2;
    let x7 = x5 * x2;
    let x9 = x7 * x2;
    let x11 = x9 * x2;
    let x13 = x11 * x2;
    x - lit!(R, 0.3333333) * x3 + lit!(R, 0.2) * x5 - lit!(R, 0.142857142) * x7
        + lit!(R, 0.111111104) * x9
        - lit!(R, 0.08976446) * x11
        + lit!(R, 0.060035485) * x13
}

fn pi<R: Real>() -> R {
    R::from_lits(core::f32::consts::PI, core::f64::consts::PI)
}

/// `x` (not negative) reduced into [0, 2π).
fn reduce_2pi<R: Real>(mut x: R) -> R {
    let two_pi = lit!(R, 2.0) * pi::<R>();
    let mut p = two_pi;
    // Bounded so that an infinite x cannot loop forever.
    let mut doublings = 0;
    while x >= p && doublings < 1100 {
        p = lit!(R, 2.0) * p;
        doublings += 1;
    }
    while x >= two_pi && p >= two_pi {
        if x >= p {
            x = x - p;
        }
        p = p / lit!(R, 2.0);
    }
    x
}

/// Folds |x| into [0, π/2]; returns it and whether the result of sin
/// (`for_cos` false) or cos (`for_cos` true) flips sign.
fn fold<R: Real>(x: R, for_cos: bool) -> (R, bool) {
    let mut a = reduce_2pi(x.abs());
    let mut flip = false;
    if a >= pi() {
        a = a - pi();
        flip = !flip;
    }
    if a >= pi::<R>() / lit!(R, 2.0) {
        a = pi::<R>() - a;
        if for_cos {
            flip = !flip;
        }
    }
    (a, flip)
}

/// The course library's sine.
pub fn sin<R: Real>(x: R) -> R {
    let (a, mut flip) = fold(x, false);
    if x < lit!(R, 0.0) {
        flip = !flip;
    }
    let quarter = pi::<R>() / lit!(R, 4.0);
    let r = if a <= quarter {
        kernel_sin(a)
    } else {
        kernel_cos(pi::<R>() / lit!(R, 2.0) - a)
    };
    if flip { -r } else { r }
}

/// The course library's cosine.
pub fn cos<R: Real>(x: R) -> R {
    let (a, flip) = fold(x, true);
    let quarter = pi::<R>() / lit!(R, 4.0);
    let r = if a <= quarter {
        kernel_cos(a)
    } else {
        kernel_sin(pi::<R>() / lit!(R, 2.0) - a)
    };
    if flip { -r } else { r }
}

/// The course library's arc tangent.
pub fn atan<R: Real>(x: R) -> R {
    let a = x.abs();
    let r = if a < lit!(R, 0.4375) {
        kernel_atan(a)
    } else if a < lit!(R, 2.4375) {
        pi::<R>() / lit!(R, 4.0) + kernel_atan((a - lit!(R, 1.0)) / (a + lit!(R, 1.0)))
    } else {
        pi::<R>() / lit!(R, 2.0) - kernel_atan(lit!(R, 1.0) / a)
    };
    if x < lit!(R, 0.0) { -r } else { r }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Largest error against std over a sweep of [-limit, limit].
    fn max_error(f: fn(f64) -> f64, g: fn(f64) -> f64, limit: f64) -> f64 {
        (-2000..=2000)
            .map(|i| f64::from(i) * limit / 2000.0)
            .map(|x| (f(x) - g(x)).abs())
            .fold(0.0, f64::max)
    }

    #[test]
    fn close_to_libm_in_both_precisions() {
        assert!(max_error(sin, f64::sin, 20.0) < 1e-6);
        assert!(max_error(cos, f64::cos, 20.0) < 1e-6);
        assert!(max_error(atan, f64::atan, 50.0) < 1e-6);
        let sin32 = |x: f64| f64::from(sin(x as f32));
        let atan32 = |x: f64| f64::from(atan(x as f32));
        assert!(max_error(sin32, f64::sin, 20.0) < 2e-6);
        assert!(max_error(atan32, f64::atan, 50.0) < 2e-6);
    }

    #[test]
    fn signs_and_quadrants() {
        assert_eq!(sin(0.0f64), 0.0);
        assert_eq!(cos(0.0f64), 1.0);
        assert!(sin(-1.0f64) < 0.0 && cos(2.0f64) < 0.0 && cos(-2.0f64) < 0.0);
        assert!(sin(4.0f64) < 0.0 && cos(5.0f64) > 0.0);
        assert!(atan(-3.0f64) < -1.2);
        // No hang on infinities.
        let _ = (sin(f64::INFINITY), cos(f32::NEG_INFINITY));
    }
}
