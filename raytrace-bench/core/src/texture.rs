//! Surface colours (SPEC 12): the object's colour, changed by its texture
//! at the hit point (which lies 0.01 inside the surface).
// The program's π is 3.1415927 ([exact], SPEC 3), not the closest value.
#![allow(clippy::approx_constant)]

use crate::math::{atan, cos, sin};
use crate::scene::Object;
use crate::vec3::V3;
use crate::{Real, lit};

/// (w − floor(w·0.05)·20) < 10: which half of a checker period.
fn checker_half<R: Real>(w: R) -> bool {
    w - (w * lit!(R, 0.05)).floor() * lit!(R, 20.0) < lit!(R, 10.0)
}

/// x − floor(x).
fn fraction<R: Real>(x: R) -> R {
    x - x.floor()
}

/// 15 when |den| is tiny, otherwise atan(|num/den|)·30/π.
fn spot_angle<R: Real>(num: R, den: R) -> R {
    if den.abs() < lit!(R, 1.0e-4) {
        lit!(R, 15.0)
    } else {
        atan((num / den).abs()) * lit!(R, 30.0) / lit!(R, 3.1415927)
    }
}

/// The colour of `o` at `p`.
pub fn color<R: Real>(o: &Object<R>, p: &V3<R>) -> V3<R> {
    let mut c = o.color;
    let full = lit!(R, 255.0);
    let one = lit!(R, 1.0);
    let center = &o.center;
    match o.texture {
        1 => {
            let same = checker_half(p[0] - center[0]) == checker_half(p[2] - center[2]);
            c[1] = if same { full } else { lit!(R, 0.0) };
        }
        2 => {
            let s = sin(p[1] * lit!(R, 0.25));
            let s = s * s;
            c[0] = full * s;
            c[1] = full * (one - s);
        }
        3 => {
            let (dx, dz) = (p[0] - center[0], p[2] - center[2]);
            let w = (dx * dx + dz * dz).sqrt() / lit!(R, 10.0);
            let k = cos(fraction(w) * lit!(R, 3.1415927));
            let k = k * k;
            c[1] = k * full;
            c[2] = (one - k) * full;
        }
        4 => {
            let u = (p[0] - center[0]) * o.coef[0].sqrt();
            let v = (p[2] - center[2]) * o.coef[2].sqrt();
            let s = u * u + v * v;
            let f1 = fraction(spot_angle(v, u));
            let h = (p[1] - center[1]) * o.coef[1].sqrt();
            let f2 = fraction(spot_angle(h, s));
            let half = lit!(R, 0.5);
            let m = lit!(R, 0.15) - (half - f1) * (half - f1) - (half - f2) * (half - f2);
            let m = if m < lit!(R, 0.0) { lit!(R, 0.0) } else { m };
            c[2] = full * m / lit!(R, 0.3);
        }
        _ => {}
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::Shape;

    fn object(texture: i32) -> Object<f64> {
        Object {
            texture,
            shape: Shape::Quadric { minus_one: true },
            mirror: false,
            coef: [0.01; 3],
            cross: None,
            center: [0.0; 3],
            inverted: false,
            kd: 1.0,
            ks: 0.0,
            color: [1.0, 2.0, 3.0],
        }
    }

    #[test]
    fn checker_has_period_20() {
        let o = object(1);
        assert_eq!(color(&o, &[5.0, 0.0, 5.0]), [1.0, 255.0, 3.0]);
        assert_eq!(color(&o, &[15.0, 0.0, 5.0]), [1.0, 0.0, 3.0]);
        assert_eq!(color(&o, &[-5.0, 7.0, -5.0]), [1.0, 255.0, 3.0]);
        assert_eq!(color(&o, &[25.0, 0.0, 5.0]), [1.0, 255.0, 3.0]);
    }

    #[test]
    fn stripes_rings_and_spots() {
        assert_eq!(color(&object(2), &[9.0, 0.0, 9.0]), [0.0, 255.0, 3.0]);
        let ring = color(&object(3), &[0.0, 0.0, 10.0]);
        assert!(ring[1] > 254.99 && ring[2] < 0.01, "{ring:?}");
        let spot = color(&object(4), &[1.0, 0.0, 1.0]);
        assert!(spot[2] >= 0.0 && spot[2] <= 255.0 * 0.15 / 0.3 + 1e-9);
        assert_eq!(color(&object(0), &[1.0, 2.0, 3.0]), [1.0, 2.0, 3.0]);
    }
}
