//! A scene ready to trace: objects after their preprocessing (SPEC 6),
//! the CSG networks, the camera (4), the light (5) and the light
//! reflected by a mirror plane or box (14).

use alloc::vec::Vec;

use crate::math::{cos, sin};
use crate::sld::{ObjectFields, SceneFile};
use crate::vec3::{V3, dot, normalize, sub};
use crate::{Real, lit};

/// What an object is (FORM: 1, 2, anything else).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A rectangular box with half-extents (a, b, c).
    Box,
    /// A half-space; the coefficients are its stored normal n_s.
    Plane,
    /// xᵀAx = 1 (`minus_one`, form 3) or xᵀAx = 0 (other forms).
    Quadric { minus_one: bool },
}

/// One object after preprocessing.
#[derive(Clone, Debug)]
pub struct Object<R> {
    pub texture: i32,
    pub shape: Shape,
    /// REFL = 2: a perfect mirror (plus a diffuse part).
    pub mirror: bool,
    /// a, b, c (SPEC 6.4).
    pub coef: V3<R>,
    /// The cross terms r1 (yz), r2 (zx), r3 (xy) of a rotated object.
    pub cross: Option<V3<R>>,
    pub center: V3<R>,
    pub inverted: bool,
    pub kd: R,
    pub ks: R,
    pub color: V3<R>,
}

/// One OR group: a bounding object (None for 99) and AND networks.
#[derive(Clone, Debug)]
pub struct OrGroup {
    pub range: Option<usize>,
    pub networks: Vec<usize>,
}

/// Light that bounces off the mirror object towards lit points (SPEC 14).
#[derive(Clone, Copy, Debug)]
pub struct Reflection<R> {
    /// 4·object + side of the mirror face.
    pub surface: i32,
    /// From a lit point towards the mirror.
    pub dir: V3<R>,
    /// 1 − KD of the mirror.
    pub brightness: R,
}

/// Everything the tracer reads.
#[derive(Clone, Debug)]
pub struct Scene<R> {
    pub objects: Vec<Object<R>>,
    pub and_networks: Vec<Vec<usize>>,
    pub or_groups: Vec<OrGroup>,
    /// The viewpoint E.
    pub eye: V3<R>,
    /// The screen vectors X, Y and the depth vector Z.
    pub screen_x: V3<R>,
    pub screen_y: V3<R>,
    pub screen_z: V3<R>,
    /// L, the direction the light travels.
    pub light: V3<R>,
    pub beam: R,
    pub reflections: Vec<Reflection<R>>,
}

/// Degrees to radians with the program's own constant (SPEC 0).
fn radians<R: Real>(deg: R) -> R {
    lit!(R, 0.017453293) * deg
}

/// sgn(v)/v², zero staying zero (SPEC 6.1).
fn quadric_coef<R: Real>(v: R) -> R {
    let zero = R::from_i32(0);
    if v == zero {
        zero
    } else {
        let sgn = if v > zero {
            R::from_i32(1)
        } else {
            R::from_i32(-1)
        };
        sgn / (v * v)
    }
}

/// Rᵀ·diag(a,b,c)·R for R = Rz·Ry·Rx (SPEC 6.3): new diagonal and cross
/// terms.
fn rotate<R: Real>(coef: &V3<R>, deg: &V3<R>) -> (V3<R>, V3<R>) {
    let [ax, ay, az] = [radians(deg[0]), radians(deg[1]), radians(deg[2])];
    let (cx, sx, cy, sy, cz, sz) = (cos(ax), sin(ax), cos(ay), sin(ay), cos(az), sin(az));
    let m = [
        [cy * cz, sx * sy * cz - cx * sz, cx * sy * cz + sx * sz],
        [cy * sz, sx * sy * sz + cx * cz, cx * sy * sz - sx * cz],
        [-sy, sx * cy, cx * cy],
    ];
    let [a, b, c] = *coef;
    let diag =
        |j: usize| a * (m[0][j] * m[0][j]) + b * (m[1][j] * m[1][j]) + c * (m[2][j] * m[2][j]);
    let off = |j: usize, k: usize| {
        R::from_i32(2) * (a * m[0][j] * m[0][k] + b * m[1][j] * m[1][k] + c * m[2][j] * m[2][k])
    };
    (
        [diag(0), diag(1), diag(2)],
        [off(1, 2), off(0, 2), off(0, 1)],
    )
}

fn object<R: Real>(f: &ObjectFields<R>) -> Object<R> {
    let zero = R::from_i32(0);
    let shape = match f.form {
        1 => Shape::Box,
        2 => Shape::Plane,
        form => Shape::Quadric {
            minus_one: form == 3,
        },
    };
    let mut inverted = f.inv < zero;
    let mut coef = f.abc;
    match shape {
        Shape::Quadric { minus_one: true } => coef = coef.map(quadric_coef),
        Shape::Plane => {
            coef = normalize(&coef, !inverted);
            inverted = true;
        }
        _ => {}
    }
    // [quirk] The original rotates boxes' and planes' coefficients too.
    let cross = f.rotation.map(|deg| {
        let (diag, cross) = rotate(&coef, &deg);
        coef = diag;
        cross
    });
    Object {
        texture: f.texture,
        shape,
        mirror: f.reflection == 2,
        coef,
        cross,
        center: f.center,
        inverted,
        kd: f.kd,
        ks: f.ks,
        color: f.color,
    }
}

impl<R: Real> Scene<R> {
    /// Preprocesses a parsed file.
    pub fn new(file: &SceneFile<R>) -> Scene<R> {
        let objects: Vec<Object<R>> = file.objects.iter().map(object).collect();
        let (v1, v2) = (radians(file.view_angles[0]), radians(file.view_angles[1]));
        let d = lit!(R, 200.0);
        let screen_z = [cos(v1) * sin(v2) * d, sin(v1) * -d, cos(v1) * cos(v2) * d];
        let screen_x = [cos(v2), R::from_i32(0), -sin(v2)];
        let screen_y = [-sin(v1) * sin(v2), -cos(v1), -sin(v1) * cos(v2)];
        let (l1, l2) = (radians(file.light_angles[0]), radians(file.light_angles[1]));
        let light = [cos(l1) * sin(l2), -sin(l1), cos(l1) * cos(l2)];
        let or_groups = file
            .or_groups
            .iter()
            .map(|(range, networks)| OrGroup {
                range: *range,
                // Networks that were never defined are empty (SPEC 2.6).
                networks: networks
                    .iter()
                    .copied()
                    .filter(|&n| n < file.and_networks.len())
                    .collect(),
            })
            .collect();
        let reflections = reflections(&objects, &light);
        Scene {
            objects,
            and_networks: file.and_networks.clone(),
            or_groups,
            eye: sub(&file.screen, &screen_z),
            screen_x,
            screen_y,
            screen_z,
            light,
            beam: file.beam,
            reflections,
        }
    }
}

/// The light-reflection entries of the last object only ([quirk], SPEC 14).
fn reflections<R: Real>(objects: &[Object<R>], l: &V3<R>) -> Vec<Reflection<R>> {
    let mut out = Vec::new();
    let Some(last) = objects.len().checked_sub(1) else {
        return out;
    };
    let o = &objects[last];
    if !o.mirror || !(o.kd < R::from_i32(1)) {
        return out;
    }
    let brightness = R::from_i32(1) - o.kd;
    let sid = 4 * last as i32;
    match o.shape {
        Shape::Box => {
            for (side, dir) in [
                [l[0], -l[1], -l[2]],
                [-l[0], l[1], -l[2]],
                [-l[0], -l[1], l[2]],
            ]
            .into_iter()
            .enumerate()
            {
                out.push(Reflection {
                    surface: sid + 1 + side as i32,
                    dir,
                    brightness,
                });
            }
        }
        Shape::Plane => {
            let n = &o.coef;
            let ln = dot(l, n);
            let two = R::from_i32(2);
            let dir = [
                two * n[0] * ln - l[0],
                two * n[1] * ln - l[1],
                two * n[2] * ln - l[2],
            ];
            out.push(Reflection {
                surface: sid + 1,
                dir,
                brightness,
            });
        }
        Shape::Quadric { .. } => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sld;

    fn contest() -> Scene<f64> {
        let text = include_bytes!("../../scenes/contest.sld");
        Scene::new(&sld::parse(text).unwrap())
    }

    /// Relative closeness: SPEC's values come from an accurate libm, the
    /// course library's sin and cos are good to about 1e-7.
    fn close(a: &V3<f64>, b: [f64; 3]) -> bool {
        a.iter()
            .zip(b)
            .all(|(x, y)| (x - y).abs() <= 2e-7 * y.abs().max(1.0))
    }

    /// The setup values of SPEC section 20.
    #[test]
    fn contest_setup_matches_spec() {
        let s = contest();
        assert!(
            close(&s.eye, [-163.96926409, 103.40403047, -182.75953435]),
            "{:?}",
            s.eye
        );
        assert!(close(&s.screen_x, [0.86602540, 0.0, -0.50000001]));
        assert!(close(&s.screen_y, [-0.17101008, -0.93969262, -0.29619814]));
        assert!(close(
            &s.screen_z,
            [93.96926409, -68.40403047, 162.75953435]
        ));
        assert!(close(&s.light, [0.49240387, -0.76604446, 0.41317589]));
        assert!(close(&s.objects[1].coef, [0.0016, 0.000625, 1.0 / 4900.0]));
        assert_eq!(s.objects[2].coef, [0.0, 1.0 / 900.0, 1.0 / 900.0]);
        assert!(s.objects[2].inverted);
        let n4 = s.objects[4].coef;
        assert!(n4[0] == 0.0 && n4[0].is_sign_negative());
        assert!(close(&n4, [0.0, 0.83205029, 0.55470020]));
        assert_eq!(s.objects[16].coef, [-0.0, -0.0, 1.0]);
        assert!(s.objects[16].coef[0].is_sign_negative());
        assert_eq!(s.reflections.len(), 1);
        let r = s.reflections[0];
        assert_eq!((r.surface, r.brightness), (65, 0.8));
        assert!(close(&r.dir, [-0.49240387, 0.76604446, 0.41317589]));
    }

    #[test]
    fn rotation_of_a_sphere_changes_nothing_but_rounding() {
        let (diag, cross) = rotate(&[2.0f64, 2.0, 2.0], &[30.0, 40.0, 50.0]);
        assert!(diag.iter().all(|d| (d - 2.0).abs() < 1e-6), "{diag:?}");
        assert!(cross.iter().all(|c| c.abs() < 1e-6), "{cross:?}");
        // A rotation by 90° about z swaps the x and y coefficients.
        let (diag, _) = rotate(&[1.0f64, 4.0, 9.0], &[0.0, 0.0, 90.0]);
        assert!((diag[0] - 4.0).abs() < 1e-6 && (diag[1] - 1.0).abs() < 1e-6);
    }
}
