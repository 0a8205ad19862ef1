//! Indirect ("diffuse") light (SPEC 15): 600 sample directions in five
//! groups, the per-pixel pre-pass over the pixel's own group, and the
//! completion of a pixel from its neighbours' rays or its own.

use alloc::vec;
use alloc::vec::Vec;

use crate::math::{atan, cos, sin};
use crate::scene::Scene;
use crate::shape::normal;
use crate::texture::color;
use crate::trace::{LEVELS, Pixel};
use crate::vec3::{V3, dot};
use crate::{Real, lit};

/// Groups of sample directions.
pub const GROUPS: usize = 5;
/// Directions per group (60 antipodal pairs).
pub const PER_GROUP: usize = 120;

/// tan(atan(1/λ)·r)·λ with λ = sqrt(h² + 0.1), tan as sin/cos.
fn warp<R: Real>(h: R, r: R) -> R {
    let l = (h * h + lit!(R, 0.1)).sqrt();
    let theta = atan(lit!(R, 1.0) / l) * r;
    sin(theta) / cos(theta) * l
}

/// The 5 × 120 sample directions (SPEC 15.1).
pub fn directions<R: Real>() -> Vec<[V3<R>; PER_GROUP]> {
    let zero = R::from_i32(0);
    let mut groups = vec![[[zero; 3]; PER_GROUP]; GROUPS];
    let fifth = lit!(R, 0.2);
    for row in (0..10).rev() {
        let k = 9 - row;
        let ry = R::from_i32(row) * fifth - lit!(R, 0.9);
        for col in (0..5).rev() {
            let g = &mut groups[((2 * k + (4 - col)) % 5) as usize];
            let left = R::from_i32(col) * fifth - lit!(R, 0.9);
            let right = R::from_i32(col) * fifth + lit!(R, 0.1);
            for (rx, slot) in [(left, 4 * k), (right, 4 * k + 2)] {
                let (mut x, mut y) = (zero, zero);
                for _ in 0..5 {
                    x = warp(y, rx);
                    y = warp(x, ry);
                }
                let l = (x * x + y * y + lit!(R, 1.0)).sqrt();
                let [vx, vy, vz] = [x / l, y / l, lit!(R, 1.0) / l];
                let s = slot as usize;
                g[s] = [vx, vy, vz];
                g[s + 1] = [-vx, -vy, -vz];
                g[s + 40] = [vx, vz, -vy];
                g[s + 41] = [-vx, -vz, vy];
                g[s + 80] = [vz, -vx, -vy];
                g[s + 81] = [-vz, vx, vy];
            }
        }
    }
    groups
}

/// The group of pixel (x, y) in an image `width` wide ([exact]).
pub fn pixel_group(x: u32, y: u32, width: u32) -> usize {
    ((2 * y as u64 + u64::from(width - 1 - x)) % GROUPS as u64) as usize
}

impl<R: Real> Scene<R> {
    /// Adds one group's 60 samples of indirect light at (`p`, `n`) to `acc`.
    fn sample(&self, dirs: &[V3<R>; PER_GROUP], n: &V3<R>, p: &V3<R>, acc: &mut V3<R>) {
        let zero = R::from_i32(0);
        for i in (0..PER_GROUP).step_by(2).rev() {
            let q = dot(&dirs[i], n);
            let (v, w) = if q < zero {
                (&dirs[i + 1], q / lit!(R, -150.0))
            } else {
                (&dirs[i], q / lit!(R, 150.0))
            };
            let Some(hit) = self.nearest(p, v) else {
                continue;
            };
            let o = &self.objects[hit.object];
            let n2 = normal(o, &hit.point, hit.side, v);
            let c2 = color(o, &hit.point);
            if self.in_shadow(&hit.point) {
                continue;
            }
            let c = -dot(&n2, &self.light);
            let c = if c > zero { c } else { zero };
            let k = w * c * o.kd;
            for (a, c2) in acc.iter_mut().zip(c2) {
                *a = *a + k * c2;
            }
        }
    }

    /// The pre-pass: each diffuse level's indirect light from the pixel's
    /// own group.
    pub fn prepass(&self, dirs: &[[V3<R>; PER_GROUP]], px: &mut Pixel<R>) {
        for n in 0..LEVELS {
            let level = &mut px.levels[n];
            if level.sid < 0 {
                break;
            }
            if level.diffuse {
                let mut acc = [R::from_i32(0); 3];
                self.sample(&dirs[px.group], &level.normal, &level.point, &mut acc);
                level.r20 = acc;
            }
        }
    }

    /// The final colour of a pixel: its direct colour plus indirect light
    /// per level, from the five-point neighbourhood (`around`: up, left,
    /// right, down) while it sees the same surfaces, else from its own
    /// 300 rays.
    pub fn finish(
        &self,
        dirs: &[[V3<R>; PER_GROUP]],
        px: &Pixel<R>,
        around: Option<[&Pixel<R>; 4]>,
    ) -> V3<R> {
        let mut rgb = px.direct;
        let add = |rgb: &mut V3<R>, w: &V3<R>, acc: &V3<R>| {
            for i in 0..3 {
                rgb[i] = rgb[i] + w[i] * acc[i];
            }
        };
        let mut n = 0;
        if let Some([up, left, right, down]) = around {
            while n < LEVELS && px.levels[n].sid >= 0 {
                let sid = px.levels[n].sid;
                if [up, left, right, down]
                    .iter()
                    .any(|q| q.levels[n].sid != sid)
                {
                    break;
                }
                let level = &px.levels[n];
                if level.diffuse {
                    let mut acc = up.levels[n].r20;
                    for q in [left, px, right, down] {
                        for (a, r) in acc.iter_mut().zip(q.levels[n].r20) {
                            *a = *a + r;
                        }
                    }
                    add(&mut rgb, &level.weight, &acc);
                }
                n += 1;
            }
        }
        while n < LEVELS && px.levels[n].sid >= 0 {
            let level = &px.levels[n];
            if level.diffuse {
                let mut acc = level.r20;
                for (g, group) in dirs.iter().enumerate() {
                    if g != px.group {
                        self.sample(group, &level.normal, &level.point, &mut acc);
                    }
                }
                add(&mut rgb, &level.weight, &acc);
            }
            n += 1;
        }
        rgb
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The check values of SPEC 15.1.
    #[test]
    fn directions_match_spec() {
        let d = directions::<f64>();
        // The course library's atan, sin and cos are good to about 1e-7.
        let close = |a: f64, b: f64| (a - b).abs() < 2e-7;
        let s0 = d[0][0];
        assert!(
            close(s0[0], -0.0576384371) && close(s0[1], 0.5668793125),
            "{s0:?}"
        );
        assert!(close(s0[2], 0.8217820001));
        let s2 = d[0][2];
        assert!(
            close(s2[0], 0.5424922018) && close(s2[2], 0.6414081550),
            "{s2:?}"
        );
        for (g, x) in [-0.1748250034, -0.2952622455, -0.4181454555, -0.5424922018]
            .into_iter()
            .enumerate()
        {
            assert!(
                close(d[g + 1][0][0], x),
                "group {}: {:?}",
                g + 1,
                d[g + 1][0]
            );
        }
        for g in &d {
            for pair in g.chunks(2) {
                assert_eq!(pair[0].map(|c| -c), pair[1]);
                assert!((dot(&pair[0], &pair[0]) - 1.0).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn neighbours_have_different_groups() {
        let w = 16;
        for y in 1..15 {
            for x in 1..15 {
                let mut seen: Vec<usize> = [(x, y), (x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)]
                    .iter()
                    .map(|&(x, y)| pixel_group(x, y, w))
                    .collect();
                seen.sort();
                assert_eq!(seen, [0, 1, 2, 3, 4]);
            }
        }
    }
}
