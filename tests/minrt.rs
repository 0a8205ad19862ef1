//! The bare-metal min-rt (raytrace-bench) on `rvjit run` under each
//! engine and, when it is installed, on qemu-system-riscv32: in both
//! precisions and on small scenes it writes the same image to the UART as
//! the native build.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use conformance::runner::{Outcome, find_on_path, run};
use minrt::{ImageSize, Precision};
use raytrace_bench::{SCENES_DIR, baremetal, render_ppm};

/// (scene, size) pairs small enough for the debug-build interpreter.
const CASES: [(&str, u32); 2] = [("spheres.sld", 20), ("csg.sld", 16)];

/// Writes the bare-metal ELF for `scene` at `size` to a scratch file.
fn program(precision: Precision, scene: &[u8], size: u32, tag: &str) -> PathBuf {
    let size = ImageSize::new(size, size).unwrap();
    let elf = baremetal::with_scene(baremetal::elf(precision), size, scene).unwrap();
    let path = std::env::temp_dir().join(format!("rvjit-minrt-{}-{tag}.elf", std::process::id()));
    std::fs::write(&path, elf).unwrap();
    path
}

/// Runs every case in both precisions with `command` and compares the
/// UART output with the native image.
fn same_as_native(engine: &str, command: &dyn Fn(&PathBuf) -> Command) {
    for (name, size) in CASES {
        let scene = std::fs::read(format!("{SCENES_DIR}/{name}")).unwrap();
        for precision in [Precision::F32, Precision::F64] {
            let tag = format!("{engine}-{name}-{precision:?}");
            let elf = program(precision, &scene, size, &tag);
            let out = run(command(&elf), Duration::from_secs(300)).unwrap();
            let _ = std::fs::remove_file(&elf);
            assert_eq!(out.outcome, Outcome::Exited(0), "{tag}: {}", out.stderr);
            let native = render_ppm(&scene, precision, size).unwrap();
            assert!(
                out.stdout.as_bytes() == native,
                "{tag}: the image differs from the native one"
            );
        }
    }
}

/// `rvjit run --engine <engine>`.
fn rvjit_on(engine: &'static str) -> impl Fn(&PathBuf) -> Command {
    move |elf| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rvjit"));
        cmd.arg("run").arg(elf).args(["--engine", engine]);
        cmd
    }
}

#[test]
fn baremetal_on_the_interpreter_matches_native() {
    same_as_native("interp", &rvjit_on("interp"));
}

#[test]
fn baremetal_on_the_jit_matches_native() {
    same_as_native("jit", &rvjit_on("jit"));
}

#[test]
fn baremetal_on_qemu_matches_native() {
    let Some(qemu) = find_on_path("qemu-system-riscv32") else {
        eprintln!("qemu-system-riscv32 not found: skipping min-rt on QEMU");
        return;
    };
    same_as_native("qemu", &|elf| {
        let mut cmd = Command::new(&qemu);
        cmd.args(["-machine", "virt", "-nographic", "-bios", "none", "-kernel"])
            .arg(elf);
        cmd
    });
}

#[test]
fn baremetal_reports_a_bad_scene() {
    let elf = program(Precision::F32, b"0 0 0 0 0 1 x", 8, "bad");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rvjit"));
    cmd.arg("run").arg(&elf);
    let out = run(cmd, Duration::from_secs(60)).unwrap();
    let _ = std::fs::remove_file(&elf);
    assert_eq!(out.outcome, Outcome::Exited(1), "{}", out.stderr);
    assert_eq!(out.stdout, "minrt: scene line 1: expected a number\n");
}
