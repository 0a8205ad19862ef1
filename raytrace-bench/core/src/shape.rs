//! Geometry of one object: ray intersection (SPEC 7, the plain formulas,
//! which give the same image as the original's table forms in double
//! precision), the inside test (8) and the surface normal (11).

use crate::scene::{Object, Shape};
use crate::vec3::{V3, dot, normalize, sub};
use crate::{Real, lit};

/// A hit: the distance along the ray (maybe negative) and the side (1, 2
/// or 3 for a box's x, y or z face; 1 otherwise).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit<R> {
    pub t: R,
    pub side: i32,
}

/// Q(v), the quadratic form (SPEC 7.4 order).
#[inline(always)]
fn quad<R: Real>(o: &Object<R>, v: &V3<R>) -> R {
    let c = &o.coef;
    let diag = v[0] * v[0] * c[0] + v[1] * v[1] * c[1] + v[2] * v[2] * c[2];
    match &o.cross {
        None => diag,
        Some(r) => diag + v[1] * v[2] * r[0] + v[2] * v[0] * r[1] + v[0] * v[1] * r[2],
    }
}

/// B(v, w), the bilinear form of the same matrix.
#[inline(always)]
fn bilinear<R: Real>(o: &Object<R>, v: &V3<R>, w: &V3<R>) -> R {
    let c = &o.coef;
    let diag = v[0] * w[0] * c[0] + v[1] * w[1] * c[1] + v[2] * w[2] * c[2];
    match &o.cross {
        None => diag,
        Some(r) => {
            let s = r[0] * (v[2] * w[1] + v[1] * w[2])
                + r[1] * (v[0] * w[2] + v[2] * w[0])
                + r[2] * (v[0] * w[1] + v[1] * w[0]);
            diag + lit!(R, 0.5) * s
        }
    }
}

/// Q(p) − 1 for form 3, Q(p) otherwise.
#[inline(always)]
fn level<R: Real>(o: &Object<R>, p: &V3<R>, minus_one: bool) -> R {
    let q = quad(o, p);
    if minus_one { q - R::from_i32(1) } else { q }
}

/// The one candidate root or face of `o` on the ray (origin, d).
pub fn intersect<R: Real>(o: &Object<R>, origin: &V3<R>, d: &V3<R>) -> Option<Hit<R>> {
    let b = sub(origin, &o.center);
    let zero = R::from_i32(0);
    match o.shape {
        Shape::Box => {
            let h = &o.coef;
            for (i, j, k) in [(0, 1, 2), (1, 2, 0), (2, 0, 1)] {
                if d[i] == zero {
                    continue;
                }
                let f = if o.inverted != (d[i] < zero) {
                    h[i]
                } else {
                    -h[i]
                };
                let t = (f - b[i]) / d[i];
                if (t * d[j] + b[j]).abs() < h[j] && (t * d[k] + b[k]).abs() < h[k] {
                    return Some(Hit {
                        t,
                        side: i as i32 + 1,
                    });
                }
            }
            None
        }
        Shape::Plane => {
            let dn = dot(d, &o.coef);
            (dn > zero).then(|| Hit {
                t: -dot(&o.coef, &b) / dn,
                side: 1,
            })
        }
        Shape::Quadric { minus_one } => {
            let alpha = quad(o, d);
            if alpha == zero {
                return None;
            }
            let beta = bilinear(o, d, &b);
            let gamma = level(o, &b, minus_one);
            let disc = beta * beta - alpha * gamma;
            if !(disc > zero) {
                return None;
            }
            let root = disc.sqrt();
            let s = if o.inverted { root } else { -root };
            Some(Hit {
                t: (s - beta) / alpha,
                side: 1,
            })
        }
    }
}

/// Whether `q` lies outside the object's solid (SPEC 8).
pub fn is_outside<R: Real>(o: &Object<R>, q: &V3<R>) -> bool {
    let p = sub(q, &o.center);
    let w = match o.shape {
        Shape::Box => {
            let h = &o.coef;
            let inside = p[0].abs() < h[0] && p[1].abs() < h[1] && p[2].abs() < h[2];
            return inside == o.inverted;
        }
        Shape::Plane => dot(&o.coef, &p),
        Shape::Quadric { minus_one } => level(o, &p, minus_one),
    };
    o.inverted == (w < R::from_i32(0))
}

/// The surface normal at `p`; `v` is the direction of the ray that found
/// the hit (a box's normal faces against it).
pub fn normal<R: Real>(o: &Object<R>, p: &V3<R>, side: i32, v: &V3<R>) -> V3<R> {
    let zero = R::from_i32(0);
    match o.shape {
        Shape::Box => {
            let mut n = [zero; 3];
            let axis = (side - 1).clamp(0, 2) as usize;
            n[axis] = if v[axis] > zero {
                R::from_i32(-1)
            } else if v[axis] < zero {
                R::from_i32(1)
            } else {
                zero
            };
            n
        }
        Shape::Plane => [-o.coef[0], -o.coef[1], -o.coef[2]],
        Shape::Quadric { .. } => {
            let q = sub(p, &o.center);
            let c = &o.coef;
            let mut n = [q[0] * c[0], q[1] * c[1], q[2] * c[2]];
            if let Some(r) = &o.cross {
                let half = lit!(R, 0.5);
                n[0] = n[0] + half * (q[1] * r[2] + q[2] * r[1]);
                n[1] = n[1] + half * (q[0] * r[2] + q[2] * r[0]);
                n[2] = n[2] + half * (q[0] * r[1] + q[1] * r[0]);
            }
            normalize(&n, o.inverted)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sphere(r: f64, inverted: bool) -> Object<f64> {
        Object {
            texture: 0,
            shape: Shape::Quadric { minus_one: true },
            mirror: false,
            coef: [1.0 / (r * r); 3],
            cross: None,
            center: [0.0; 3],
            inverted,
            kd: 1.0,
            ks: 0.0,
            color: [255.0; 3],
        }
    }

    #[test]
    fn sphere_roots_near_and_far() {
        let o = [0.0, 0.0, -10.0];
        let d = [0.0, 0.0, 1.0];
        assert_eq!(intersect(&sphere(2.0, false), &o, &d).unwrap().t, 8.0);
        assert_eq!(intersect(&sphere(2.0, true), &o, &d).unwrap().t, 12.0);
        assert_eq!(intersect(&sphere(2.0, false), &o, &[1.0, 0.0, 0.0]), None);
        assert!(is_outside(&sphere(2.0, false), &o));
        assert!(!is_outside(&sphere(2.0, true), &o));
        let n = normal(&sphere(2.0, false), &[0.0, 2.0, 0.0], 1, &d);
        assert_eq!(n, [0.0, 1.0, 0.0]);
    }

    #[test]
    fn box_entry_face_and_normal() {
        let cube = Object {
            shape: Shape::Box,
            coef: [1.0, 2.0, 3.0],
            ..sphere(1.0, false)
        };
        let hit = intersect(&cube, &[-5.0, 0.5, 0.5], &[1.0, 0.0, 0.0]).unwrap();
        assert_eq!(hit, Hit { t: 4.0, side: 1 });
        assert_eq!(
            normal(&cube, &[-1.0, 0.5, 0.5], 1, &[1.0, 0.0, 0.0]),
            [-1.0, 0.0, 0.0]
        );
        let inv = Object {
            inverted: true,
            ..cube.clone()
        };
        assert_eq!(
            intersect(&inv, &[-5.0, 0.5, 0.5], &[1.0, 0.0, 0.0])
                .unwrap()
                .t,
            6.0
        );
        assert!(is_outside(&cube, &[1.5, 0.0, 0.0]) && !is_outside(&cube, &[0.5, 0.0, 0.0]));
    }

    #[test]
    fn plane_is_one_sided() {
        // Stored normal (0, 1, 0) points into the solid y ≥ 0 side.
        let floor = Object {
            shape: Shape::Plane,
            coef: [0.0, 1.0, 0.0],
            inverted: true,
            ..sphere(1.0, false)
        };
        assert_eq!(
            intersect(&floor, &[0.0, -3.0, 0.0], &[0.0, 1.0, 0.0])
                .unwrap()
                .t,
            3.0
        );
        assert_eq!(intersect(&floor, &[0.0, 3.0, 0.0], &[0.0, -1.0, 0.0]), None);
        assert!(is_outside(&floor, &[0.0, -1.0, 0.0]) && !is_outside(&floor, &[0.0, 1.0, 0.0]));
    }
}
