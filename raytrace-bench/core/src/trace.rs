//! Tracing rays through the scene: the nearest-hit search (SPEC 9), the
//! shadow test (10), and a pixel's path of levels with direct light,
//! mirror recursion and light reflected by the mirror (13, 14).

use crate::scene::Scene;
use crate::shape::{intersect, is_outside, normal};
use crate::texture::color;
use crate::vec3::{V3, along, dot};
use crate::{Real, lit};

/// Levels of a pixel's ray path (trace depth 5, SPEC 2.8).
pub const LEVELS: usize = 5;

/// What a pixel keeps for one level of its path.
#[derive(Clone, Copy, Debug)]
pub struct Level<R> {
    /// 4·object + side of the hit, or −1 (the path ended before).
    pub sid: i32,
    pub point: V3<R>,
    /// KD ≥ 0.5: the surface gets indirect light.
    pub diffuse: bool,
    /// The weight of indirect light (colour · energy / 256).
    pub weight: V3<R>,
    pub normal: V3<R>,
    /// The indirect light of the pixel's own 60 rays (pre-pass).
    pub r20: V3<R>,
}

impl<R: Real> Default for Level<R> {
    fn default() -> Self {
        let zero = [R::from_i32(0); 3];
        Level {
            sid: -1,
            point: zero,
            diffuse: false,
            weight: zero,
            normal: zero,
            r20: zero,
        }
    }
}

/// A pixel's state between tracing and finishing.
#[derive(Clone, Copy, Debug)]
pub struct Pixel<R> {
    pub levels: [Level<R>; LEVELS],
    /// The colour before indirect light.
    pub direct: V3<R>,
    /// Its group of indirect sample directions (SPEC 15.2).
    pub group: usize,
}

impl<R: Real> Default for Pixel<R> {
    fn default() -> Self {
        Pixel {
            levels: [Level::default(); LEVELS],
            direct: [R::from_i32(0); 3],
            group: 0,
        }
    }
}

/// The nearest hit of a ray: object, side, point (0.01 past the surface).
#[derive(Clone, Copy, Debug)]
pub struct Found<R> {
    pub object: usize,
    pub side: i32,
    pub point: V3<R>,
}

impl<R: Real> Found<R> {
    fn sid(&self) -> i32 {
        4 * self.object as i32 + self.side
    }
}

impl<R: Real> Scene<R> {
    /// Whether `q` is inside every member of `network`.
    fn in_network(&self, network: &[usize], q: &V3<R>) -> bool {
        network.iter().all(|&m| !is_outside(&self.objects[m], q))
    }

    /// The nearest-hit search along (o, d).
    pub fn nearest(&self, o: &V3<R>, d: &V3<R>) -> Option<Found<R>> {
        let mut best_t = lit!(R, 1.0e9);
        let mut best = None;
        let zero = R::from_i32(0);
        for group in &self.or_groups {
            if let Some(r) = group.range {
                match intersect(&self.objects[r], o, d) {
                    Some(h) if h.t < best_t => {}
                    _ => continue,
                }
            }
            for &n in &group.networks {
                let network = &self.and_networks[n];
                for &m in network {
                    match intersect(&self.objects[m], o, d) {
                        None if self.objects[m].inverted => {}
                        None => break,
                        Some(h) => {
                            if zero < h.t && h.t < best_t {
                                let t = h.t + lit!(R, 0.01);
                                let q = along(o, d, t);
                                if self.in_network(network, &q) {
                                    best_t = t;
                                    best = Some(Found {
                                        object: m,
                                        side: h.side,
                                        point: q,
                                    });
                                }
                            }
                        }
                    }
                }
            }
        }
        if lit!(R, -0.1) < best_t && best_t < lit!(R, 1.0e8) {
            best
        } else {
            None
        }
    }

    /// Whether `p` is in shadow: something blocks the way back along L.
    pub fn in_shadow(&self, p: &V3<R>) -> bool {
        let l = &self.light;
        let blocks = |network: &[usize]| {
            for &m in network {
                match intersect(&self.objects[m], p, l) {
                    Some(h) if h.t < lit!(R, -0.2) => {
                        if self.in_network(network, &along(p, l, h.t + lit!(R, 0.01))) {
                            return true;
                        }
                    }
                    _ if self.objects[m].inverted => {}
                    _ => return false,
                }
            }
            false
        };
        self.or_groups.iter().any(|group| {
            let candidate = group.range.is_none_or(|r| {
                intersect(&self.objects[r], p, l).is_some_and(|h| h.t < lit!(R, -0.1))
            });
            candidate
                && group
                    .networks
                    .iter()
                    .any(|&n| blocks(&self.and_networks[n]))
        })
    }

    /// Follows a camera ray through its levels into `px`: sids, points,
    /// weights and normals per level, and the direct colour.
    pub fn trace_path(&self, px: &mut Pixel<R>, dir: V3<R>) {
        let mut rgb = [R::from_i32(0); 3];
        let mut energy = lit!(R, 1.0);
        let mut d = dir;
        let mut origin = self.eye;
        for n in 0..LEVELS {
            let Some(hit) = self.nearest(&origin, &d) else {
                px.levels[n].sid = -1;
                if n != 0 {
                    // A mirrored ray escaped: the sky's highlight.
                    let h = -dot(&d, &self.light);
                    if h > R::from_i32(0) {
                        let add = h * h * h * energy * self.beam;
                        rgb = rgb.map(|c| c + add);
                    }
                }
                break;
            };
            let o = &self.objects[hit.object];
            let p = hit.point;
            let dfs = o.kd * energy;
            let nrm = normal(o, &p, hit.side, &d);
            let col = color(o, &p);
            let level = &mut px.levels[n];
            level.sid = hit.sid();
            level.point = p;
            level.diffuse = !(o.kd < lit!(R, 0.5));
            if level.diffuse {
                let k = lit!(R, 0.00390625) * dfs;
                level.weight = col.map(|c| c * k);
                level.normal = nrm;
            }
            let w = lit!(R, -2.0) * dot(&d, &nrm);
            d = [d[0] + w * nrm[0], d[1] + w * nrm[1], d[2] + w * nrm[2]];
            let hs = energy * o.ks;
            let light = Light { col, hs };
            if !self.in_shadow(&p) {
                light.add(
                    &mut rgb,
                    -dot(&nrm, &self.light) * dfs,
                    -dot(&d, &self.light),
                );
            }
            for r in self.reflections.iter().rev() {
                let Some(on_mirror) = self.nearest(&p, &r.dir) else {
                    continue;
                };
                if on_mirror.sid() == r.surface && !self.in_shadow(&on_mirror.point) {
                    let bright = r.brightness * dfs * dot(&nrm, &r.dir);
                    light.add(&mut rgb, bright, r.brightness * dot(&d, &r.dir));
                }
            }
            if !(energy > lit!(R, 0.1)) {
                // [quirk] The next level's sid is not reset here.
                break;
            }
            if n + 1 < LEVELS {
                px.levels[n + 1].sid = -1;
            }
            if !o.mirror {
                break;
            }
            energy = energy * (lit!(R, 1.0) - o.kd);
            origin = p;
        }
        px.direct = rgb;
    }
}

/// The surface colour and highlight strength of a level hit.
struct Light<R> {
    col: V3<R>,
    hs: R,
}

impl<R: Real> Light<R> {
    /// add_light (SPEC 13): diffuse light of strength `bright`, and a
    /// cos⁴-type highlight from `hl`.
    fn add(&self, rgb: &mut V3<R>, bright: R, hl: R) {
        let zero = R::from_i32(0);
        if bright > zero {
            for (c, k) in rgb.iter_mut().zip(self.col) {
                *c = *c + bright * k;
            }
        }
        if hl > zero {
            let h = hl * hl * (hl * hl) * self.hs;
            for c in rgb.iter_mut() {
                *c = *c + h;
            }
        }
    }
}
