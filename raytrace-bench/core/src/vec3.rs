//! Three-component vectors as arrays, with the evaluation orders SPEC
//! section 0 fixes ([exact]).

use crate::Real;

/// (x, y, z), indexed 0, 1, 2.
pub type V3<R> = [R; 3];

/// u0·v0 + u1·v1 + u2·v2, summed left to right.
#[inline(always)]
pub fn dot<R: Real>(u: &V3<R>, v: &V3<R>) -> R {
    u[0] * v[0] + u[1] * v[1] + u[2] * v[2]
}

/// u − v per component.
#[inline(always)]
pub fn sub<R: Real>(u: &V3<R>, v: &V3<R>) -> V3<R> {
    [u[0] - v[0], u[1] - v[1], u[2] - v[2]]
}

/// `v` scaled to unit length by multiplying with 1/|v| (or −1/|v| when
/// `flip`); a zero vector stays as it is.
#[inline(always)]
pub fn normalize<R: Real>(v: &V3<R>, flip: bool) -> V3<R> {
    let l = dot(v, v).sqrt();
    if l == R::from_i32(0) {
        return *v;
    }
    let s = if flip {
        R::from_i32(-1) / l
    } else {
        R::from_i32(1) / l
    };
    [v[0] * s, v[1] * s, v[2] * s]
}

/// d·t + o per component (a point along a ray).
#[inline(always)]
pub fn along<R: Real>(o: &V3<R>, d: &V3<R>, t: R) -> V3<R> {
    [d[0] * t + o[0], d[1] * t + o[1], d[2] * t + o[2]]
}
