//! The native build against the original program's output (SPEC 20): f64
//! reproduces `reference-128.ppm` byte for byte, f32 stays within SPEC's
//! metric; and the small scenes render in both precisions.

use minrt::Precision;
use raytrace_bench::{SCENES_DIR, compare::compare, render_ppm};

fn scene(name: &str) -> Vec<u8> {
    std::fs::read(format!("{SCENES_DIR}/{name}")).unwrap()
}

#[test]
fn f64_reproduces_the_reference_byte_for_byte() {
    let out = render_ppm(&scene("contest.sld"), Precision::F64, 128).unwrap();
    let reference = scene("reference-128.ppm");
    if out != reference {
        let d = compare(&out, &reference);
        panic!("the f64 image differs from the reference: {d:?}");
    }
}

#[test]
fn f32_is_within_the_spec_metric() {
    let out = render_ppm(&scene("contest.sld"), Precision::F32, 128).unwrap();
    let d = compare(&out, &scene("reference-128.ppm")).unwrap();
    assert!(d.within_spec(), "{d:?}");
    // Not accidentally the f64 image either.
    assert!(d.differing > 0, "{d:?}");
}

#[test]
fn small_scenes_render_and_precisions_agree_closely() {
    for name in ["spheres.sld", "csg.sld"] {
        let a = render_ppm(&scene(name), Precision::F32, 32).unwrap();
        let b = render_ppm(&scene(name), Precision::F64, 32).unwrap();
        assert!(a.starts_with(b"P3\n32 32 255\n"));
        let d = compare(&a, &b).unwrap();
        assert!(d.mean_abs < 0.5, "{name}: {d:?}");
        // The scene shows something: more than a handful of colours.
        let (_, _, v) = raytrace_bench::compare::parse_ppm(&b).unwrap();
        let mut colours: Vec<&[u8]> = v.chunks(3).collect();
        colours.sort();
        colours.dedup();
        assert!(colours.len() > 50, "{name}: {} colours", colours.len());
    }
}

#[test]
fn bad_scenes_are_errors_not_panics() {
    let e = render_ppm(b"0 0 0 0 0\n1 2 x 4", Precision::F64, 8).unwrap_err();
    assert_eq!(e.to_string(), "scene line 2: expected a number");
    assert!(render_ppm(b"", Precision::F32, 8).is_err());
}
