//! Whole runs under every engine: a guest run to its end with
//! `--deterministic` gives the same exit status, console output and count
//! of retired instructions under the interpreter and under the JIT, at its
//! default threshold and compiling every block on first sight. Lockstep
//! (`jit/tests/lockstep.rs`) compares the engines block by block, with
//! Rust between blocks; here blocks run chained, as they do in use, so an
//! exit that loses, repeats or misroutes an instruction shows in the
//! count or the output.

use std::path::Path;
use std::process::Command;

/// How a run ended, as the engines must agree on it.
#[derive(Debug, PartialEq, Eq)]
struct Run {
    status: Option<i32>,
    stdout: String,
    retired: u64,
}

/// The engine flags compared, the interpreter's first.
const ENGINES: [&[&str]; 3] = [
    &["--engine", "interp"],
    &["--engine", "jit"],
    &["--engine", "jit", "--jit-threshold", "0"],
];

/// Runs `elf` to its end with `--deterministic` and `engine`'s flags.
fn run(elf: &Path, engine: &[&str]) -> Run {
    let o = Command::new(env!("CARGO_BIN_EXE_rvjit"))
        .arg("run")
        .arg(elf)
        .args(["--deterministic", "--stats", "--max-insns", "400000000"])
        .args(engine)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    let retired = stderr
        .lines()
        .find_map(|l| {
            let rest = l.strip_prefix("rvjit: ")?;
            rest.split_once(" instructions in ")?.0.parse().ok()
        })
        .unwrap_or_else(|| panic!("{}: no instruction count in {stderr}", elf.display()));
    Run {
        status: o.status.code(),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        retired,
    }
}

/// The differences between the interpreter's run of `elf` and the JIT's,
/// one line each; `expected` is the interpreter's exit status.
fn differences(elf: &Path, expected: i32) -> Vec<String> {
    let [interp, jits @ ..] = ENGINES.map(|e| run(elf, e));
    let mut found = Vec::new();
    if interp.status != Some(expected) {
        found.push(format!("{}: interp: {interp:?}", elf.display()));
    }
    for (jit, flags) in jits.iter().zip(&ENGINES[1..]) {
        if *jit != interp {
            found.push(format!(
                "{}: {}: {jit:?}, interp: {interp:?}",
                elf.display(),
                flags.join(" ")
            ));
        }
    }
    found
}

#[test]
fn the_integer_workload_runs_the_same_under_every_engine() {
    let found = differences(Path::new(perf::workload::INTBENCH_ELF), 0);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_fp_workload_runs_the_same_under_every_engine() {
    let dir = std::env::temp_dir().join(format!("rvjit-engines-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let elf = dir.join("fpbench-f32.elf");
    std::fs::write(&elf, perf::workload::FPBENCH_F32).unwrap();
    let found = differences(&elf, 0);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_conformance_program_runs_the_same_under_every_engine() {
    let programs: Vec<_> = conformance::programs()
        .iter()
        .filter(|p| p.drive.is_none())
        .collect();
    // Two threads: the runs are processes, mostly short.
    let found: Vec<String> = std::thread::scope(|s| {
        let halves = programs.chunks(programs.len().div_ceil(2));
        let workers: Vec<_> = halves
            .map(|half| {
                s.spawn(move || {
                    half.iter()
                        .flat_map(|p| differences(Path::new(p.elf), i32::from(p.expected_exit)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The long builds the benchmarks run (ten times the work, about 1 G
/// instructions each) pass their own checksums under the JIT and print
/// what their native builds print.
#[test]
fn the_long_workload_builds_pass_under_the_jit() {
    use perf::workload::{Length, Precision, Workload};
    let dir = std::env::temp_dir().join(format!("rvjit-long-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let workloads = [
        Workload::int(Length::Long),
        Workload::fp(Precision::F32, Length::Long),
        Workload::fp(Precision::F64, Length::Long),
    ];
    for (n, w) in workloads.iter().enumerate() {
        let elf = dir.join(format!("long-{n}.elf"));
        std::fs::write(&elf, &w.elf).unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_rvjit"))
            .arg("run")
            .arg(&elf)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", w.title);
        assert_eq!(o.stdout, (w.native)(), "{}", w.title);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
