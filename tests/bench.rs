//! `rvjit bench` end to end on a small scene: the table, CSV, JSON, SVG
//! and the picture, matching images on every column; the pipeline model's
//! estimate beside the course's figures; bad input is one line and
//! status 2.

use std::path::PathBuf;
use std::process::{Command, Output};

use raytrace_bench::SCENES_DIR;

fn rvjit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rvjit"))
        .args(args)
        .output()
        .expect("rvjit runs")
}

fn scratch(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("rvjit-bench-{}-{name}", std::process::id()))
}

#[test]
fn raytrace_writes_table_csv_json_chart_and_image() {
    let scene = format!("{SCENES_DIR}/spheres.sld");
    let [csv, json, chart, image] = ["t.csv", "t.json", "t.svg", "t.ppm"].map(scratch);
    let qemu = conformance::runner::find_on_path("qemu-system-riscv32").is_some();
    let engines = if qemu {
        "interp,native,qemu"
    } else {
        "interp,native"
    };
    let path = |p: &PathBuf| p.to_str().unwrap().to_owned();
    let out = rvjit(&[
        "bench",
        "raytrace",
        "--scene",
        &scene,
        "--size",
        "16",
        "--engines",
        engines,
        "--runs",
        "2",
        "--csv",
        &path(&csv),
        "--json",
        &path(&json),
        "--chart",
        &path(&chart),
        "--image",
        &path(&image),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "min-rt spheres.sld 16x16 f32 (median of 2 runs)");
    assert!(
        lines[1].starts_with("engine ") && lines[1].ends_with("output"),
        "{stdout}"
    );
    let columns = engines.split(',').count();
    for (row, name) in lines[2..2 + columns].iter().zip(engines.split(',')) {
        assert!(
            row.starts_with(name) && row.ends_with("same as native"),
            "{stdout}"
        );
    }
    let csv_text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(csv_text.lines().count(), 1 + columns);
    assert!(
        csv_text
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("\"min-rt spheres.sld 16x16 f32\",\"interp\",2,")
    );
    let json_text = std::fs::read_to_string(&json).unwrap();
    assert!(json_text.contains("\"matches_native\": true") && !json_text.contains("false"));
    let svg = std::fs::read_to_string(&chart).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("faster than interp"));
    let native =
        raytrace_bench::render_ppm(&std::fs::read(&scene).unwrap(), minrt::Precision::F32, 16);
    assert_eq!(std::fs::read(&image).unwrap(), native.unwrap());
    for p in [csv, json, chart, image] {
        let _ = std::fs::remove_file(p);
    }
}

#[test]
fn pipeline_adds_the_estimate_to_table_csv_json_and_chart() {
    let scene = format!("{SCENES_DIR}/spheres.sld");
    let [csv, json, chart, config] = ["p.csv", "p.json", "p.svg", "half.toml"].map(scratch);
    let path = |p: &PathBuf| p.to_str().unwrap().to_owned();
    let bench = |pipeline: &[&str]| {
        let mut args = vec!["bench", "raytrace", "--scene", &scene, "--size", "8"];
        args.extend(["--engines", "interp,native"]);
        args.extend(pipeline);
        rvjit(&args)
    };
    let (csv_arg, json_arg, chart_arg) = (path(&csv), path(&json), path(&chart));
    let out = bench(&[
        "--csv",
        &csv_arg,
        "--json",
        &json_arg,
        "--chart",
        &chart_arg,
        "--pipeline",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let estimate = stdout
        .lines()
        .find(|l| l.starts_with("pipeline 210 MHz"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(estimate.ends_with("same as native"), "{stdout}");
    for figure in ["seed ", "record 2006 ", "record 2016 "] {
        assert!(stdout.lines().any(|l| l.starts_with(figure)), "{stdout}");
    }
    let read_json = |path: &PathBuf| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let report = read_json(&json);
    let p = &report["pipeline"];
    let (insns, cycles) = (
        p["instructions"].as_u64().unwrap(),
        p["cycles"].as_u64().unwrap(),
    );
    // The model saw the run the interpreter's column retired, and every
    // instruction takes at least a cycle.
    assert_eq!(Some(insns), report["columns"][0]["insns"].as_u64());
    assert!(cycles > insns, "{p}");
    assert_eq!(p["seconds"].as_f64().unwrap(), cycles as f64 / 210e6);
    let csv_text = std::fs::read_to_string(&csv).unwrap();
    let row = csv_text
        .lines()
        .find(|l| l.contains("\"pipeline 210 MHz\""))
        .unwrap_or_else(|| panic!("{csv_text}"));
    assert!(row.contains(&format!(",{insns},")) && row.contains(&format!(",{cycles},")));
    let svg = std::fs::read_to_string(&chart).unwrap();
    assert!(svg.contains("pipeline 210 MHz") && svg.contains("record 2016"));
    // A configuration at half the clock: the same cycles, twice the time.
    std::fs::write(&config, "clock_mhz = 105.0\n").unwrap();
    let out = bench(&["--pipeline", &path(&config), "--json", &json_arg]);
    assert!(out.status.success());
    let report = read_json(&json);
    assert_eq!(report["pipeline"]["cycles"].as_u64(), Some(cycles));
    assert_eq!(report["pipeline"]["clock_mhz"], 105.0);
    assert!(String::from_utf8_lossy(&out.stdout).contains("pipeline 105 MHz"));
    for p in [csv, json, chart, config] {
        let _ = std::fs::remove_file(p);
    }
}

#[test]
fn bad_input_is_one_line_and_status_2() {
    let bad_scene = scratch("bad.sld");
    std::fs::write(&bad_scene, "0 0 0 0 0 1 x").unwrap();
    let cases: [(&[&str], &str); 6] = [
        (
            &["bench", "raytrace", "--engines", "interp,warp"],
            "unknown engine 'warp' (use interp,",
        ),
        (
            &["bench", "raytrace", "--scene", "/nonexistent.sld"],
            "cannot read /nonexistent.sld",
        ),
        (
            &["bench", "raytrace", "--scene", bad_scene.to_str().unwrap()],
            "scene line 1",
        ),
        (&["bench", "raytrace", "--size", "0"], "invalid size 0"),
        (
            &["bench", "raytrace", "--precision", "f16"],
            "invalid precision 'f16'",
        ),
        (&["bench"], "bench needs a workload"),
    ];
    for (args, message) in cases {
        let out = rvjit(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("error: ") && stderr.contains(message),
            "{args:?}: {stderr}"
        );
    }
    let _ = std::fs::remove_file(bad_scene);
}

#[test]
fn list_names_workloads_and_engines() {
    let out = rvjit(&["bench", "--list"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    for word in [
        "raytrace",
        "int",
        "fp",
        "engines: interp, jit, native, qemu",
    ] {
        assert!(stdout.contains(word), "{stdout}");
    }
}
