//! The performance lab on the command line: `rvjit run --pipeline` prints
//! the pipeline model's estimate, `rvjit profile` writes a flamegraph and a
//! summary whose hottest functions are the ones min-rt is known to spend
//! its time in (intersection and the nearest-hit search), bare metal and
//! as a user program of our guest OS.

use std::path::PathBuf;
use std::process::Command;

use minrt::{ImageSize, Precision};
use raytrace_bench::{SCENES_DIR, baremetal};

/// A scratch path unique to this test process.
fn scratch(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("rvjit-perf-lab-{}-{name}", std::process::id()))
}

fn rvjit() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rvjit"))
}

/// The bare-metal min-rt (f32) rendering contest.sld at `size`.
fn minrt_elf(size: u32, tag: &str) -> PathBuf {
    let scene = std::fs::read(format!("{SCENES_DIR}/contest.sld")).unwrap();
    let size = ImageSize::new(size, size).unwrap();
    let elf = baremetal::with_scene(baremetal::elf(Precision::F32), size, &scene).unwrap();
    let path = scratch(&format!("{tag}.elf"));
    std::fs::write(&path, elf).unwrap();
    path
}

#[test]
fn profile_names_the_functions_min_rt_spends_its_time_in() {
    let elf = minrt_elf(16, "profile");
    let svg = scratch("minrt.svg");
    let out = rvjit()
        .args(["profile", "--every", "5000", "--flamegraph"])
        .arg(&svg)
        .arg(&elf)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        out.stdout.starts_with(b"P3\n16 16 255\n"),
        "the guest's image still reaches stdout"
    );
    let text = std::fs::read_to_string(svg.with_extension("txt")).unwrap();
    let image = std::fs::read_to_string(&svg).unwrap();
    for path in [&elf, &svg, &svg.with_extension("txt")] {
        let _ = std::fs::remove_file(path);
    }
    assert!(
        image.starts_with("<?xml") && image.contains("minrt::shape::intersect"),
        "{image:.300}"
    );
    // The top three functions by own samples: the ray-object tests.
    let top: Vec<&str> = text.lines().skip(2).take(3).collect();
    let hot = [
        "minrt::shape::intersect",
        "nearest",
        "in_shadow",
        "is_outside",
    ];
    for line in &top {
        assert!(hot.iter().any(|h| line.contains(h)), "{text}");
    }
    assert!(text.contains("minrt::render::render"), "{text}");
    assert_eq!(stderr, text, "the summary is also printed");
}

#[test]
fn run_pipeline_prints_the_estimate_beside_the_seed() {
    let elf = minrt_elf(4, "pipeline");
    let out = rvjit()
        .arg("run")
        .arg(&elf)
        .arg("--pipeline")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.starts_with("pipeline model: "), "{stderr}");
    assert!(stderr.contains(" s at 210 MHz\n"), "{stderr}");
    assert!(
        stderr.contains("seed: 1.88 G instructions in 20.7 s"),
        "{stderr}"
    );

    let config = scratch("slow.toml");
    std::fs::write(&config, "clock_mhz = 105.0\n").unwrap();
    let out = rvjit()
        .arg("run")
        .arg(&elf)
        .arg("--pipeline")
        .arg(&config)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains(" s at 105 MHz\n"));
    std::fs::write(&config, "fdvi = 3\n").unwrap();
    let out = rvjit()
        .arg("run")
        .arg(&elf)
        .arg("--pipeline")
        .arg(&config)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let _ = std::fs::remove_file(&config);
    let _ = std::fs::remove_file(&elf);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("bad pipeline configuration") && stderr.contains("fdvi"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn profile_of_the_guest_os_names_kernel_and_user_program_functions() {
    use std::io::Write;
    let svg = scratch("os.svg");
    let mut child = rvjit()
        .args(["profile", "--every", "5000", "--flamegraph"])
        .arg(&svg)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The shell runs min-rt, then ends at the end of its input.
    let script = b"minrt --size 16 /etc/minrt/contest.sld > /c.ppm\n";
    child.stdin.take().unwrap().write_all(script).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let text = std::fs::read_to_string(svg.with_extension("txt")).unwrap_or_default();
    let image = std::fs::read_to_string(&svg).unwrap_or_default();
    let _ = std::fs::remove_file(&svg);
    let _ = std::fs::remove_file(svg.with_extension("txt"));
    assert!(out.status.success(), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("powering off"));
    for name in ["kmain", "user_trap"] {
        assert!(text.contains(&format!("  {name}\n")), "{name}: {text}");
    }
    // The hottest functions are min-rt's, named program::function from
    // its unstripped ELF (the image's copy is stripped) ...
    let top: Vec<&str> = text.lines().skip(2).take(2).collect();
    for line in &top {
        assert!(
            line.ends_with("minrt::minrt::shape::intersect")
                || line.contains("minrt::minrt::trace::"),
            "{text}"
        );
    }
    // ... under [user], beside the shell's own frames.
    assert!(image.contains("[user]") && image.contains("minrt::minrt::main"));
    assert!(image.contains("sh::ulib::rt::start"), "{image:.300}");
}

#[test]
fn profile_host_writes_a_flamegraph_of_the_emulator() {
    let elf = minrt_elf(16, "host");
    let svg = scratch("host.svg");
    let out = rvjit()
        .args(["profile", "--host"])
        .arg(&svg)
        .arg(&elf)
        .output()
        .unwrap();
    let image = std::fs::read_to_string(&svg).unwrap_or_default();
    let _ = std::fs::remove_file(&svg);
    let _ = std::fs::remove_file(&elf);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "no guest summary without --flamegraph"
    );
    assert!(
        image.starts_with("<?xml") && image.contains("rvjit"),
        "{image:.300}"
    );
}
