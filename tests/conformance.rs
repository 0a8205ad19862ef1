//! Runs every conformance program on the `rvjit` CLI, under each engine,
//! and checks each one ends with its expected exit status (0, except the
//! framework's negative programs), prints `PASS` on the virt machine's UART
//! (stdout) and any expected output, reporting all failures at once. Programs with a
//! `# drive:` directive get their fresh disk image as `--drive` (and
//! `--virtio-legacy` when they ask for version 1).

use std::process::Command;
use std::time::Duration;

use conformance::runner::check_all;

/// Runs every program with `rvjit run --engine <engine>`.
fn every_program_passes_on(engine: &str) {
    let programs = conformance::programs();
    let result = check_all(programs, Duration::from_secs(60), |p, drive| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rvjit"));
        cmd.args(["run", p.elf, "--max-insns", "100000000", "--engine", engine]);
        // A low threshold, so that the JIT compiles the programs' loops
        // (those of engine/ run 40 times or more).
        cmd.args(["--jit-threshold", "16"]);
        if let Some(image) = drive {
            cmd.arg("--drive").arg(image);
            if p.drive.is_some_and(|d| d.legacy) {
                cmd.arg("--virtio-legacy");
            }
        }
        cmd
    });
    if let Err(report) = result {
        panic!("--engine {engine}: {report}");
    }
}

#[test]
fn every_program_passes_on_the_interpreter() {
    every_program_passes_on("interp");
}

#[test]
fn every_program_passes_on_the_jit() {
    every_program_passes_on("jit");
}
