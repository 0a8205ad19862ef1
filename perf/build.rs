//! Builds the benchmark workloads in `workloads/` for RV32 (see rvbuild):
//! `intbench.elf`, `fpbench-f32.elf` and `fpbench-f64.elf` (the latter with
//! the D extension and `--cfg fpbench_f64`), each also ten times longer
//! (`-long`, with `--cfg long_run`), and `codedata_apart.elf` and
//! `codedata_near.elf` (data apart from, or beside, the hot loop); and
//! computes each workload's expected checksum on the host from the same
//! source. Every workload has frame pointers, so `rvjit profile` can walk
//! its stack.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU32;

#[path = "workloads/codedata_work.rs"]
mod codedata_work;
#[path = "workloads/fpbench_work.rs"]
mod fpbench_work;
#[path = "workloads/intbench_work.rs"]
mod intbench_work;

/// Writes `value` as a Rust literal to `OUT_DIR/name`.
fn write_expected(out_dir: &Path, name: &str, value: String) {
    let path = out_dir.join(name);
    std::fs::write(&path, value)
        .unwrap_or_else(|e| rvbuild::fail(&format!("cannot write {}: {e}", path.display())));
}

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    for input in ["workloads", "../rvbuild/start.s"] {
        println!("cargo::rerun-if-changed={input}");
    }

    for (suffix, rounds, steps) in [
        ("", intbench_work::ROUNDS, fpbench_work::STEPS),
        (
            "_long",
            intbench_work::LONG_ROUNDS,
            fpbench_work::LONG_STEPS,
        ),
    ] {
        let int = intbench_work::run(rounds);
        let name = format!("intbench_expected{suffix}.rs");
        write_expected(&out_dir, &name, format!("{int:#010x}"));
        let f32_sum = fpbench_work::run::<f32>(steps);
        let name = format!("fpbench_expected_f32{suffix}.rs");
        write_expected(&out_dir, &name, format!("{f32_sum:#018x}"));
        let f64_sum = fpbench_work::run::<f64>(steps);
        let name = format!("fpbench_expected_f64{suffix}.rs");
        write_expected(&out_dir, &name, format!("{f64_sum:#018x}"));
    }
    let counts = [const { AtomicU32::new(0) }; codedata_work::WORDS];
    let codedata = codedata_work::run(&counts, codedata_work::ITERATIONS);
    write_expected(
        &out_dir,
        "codedata_expected.rs",
        format!("{codedata:#010x}"),
    );

    let rustc = rvbuild::rustc();
    rvbuild::check_target(&rustc);
    let d: &[&str] = &["-C", "target-feature=+d", "--cfg", "fpbench_f64"];
    let long: &[&str] = &["--cfg", "long_run"];
    let d_long: &[&str] = &[
        "-C",
        "target-feature=+d",
        "--cfg",
        "fpbench_f64",
        "--cfg",
        "long_run",
    ];
    let near: &[&str] = &["--cfg", "near_code"];
    let builds: [(&str, &str, &str, &[&str]); 8] = [
        ("intbench", "INTBENCH_ELF", "intbench.rs", &[]),
        ("intbench-long", "INTBENCH_LONG_ELF", "intbench.rs", long),
        ("fpbench-f32", "FPBENCH_F32_ELF", "fpbench.rs", &[]),
        (
            "fpbench-f32-long",
            "FPBENCH_F32_LONG_ELF",
            "fpbench.rs",
            long,
        ),
        ("fpbench-f64", "FPBENCH_F64_ELF", "fpbench.rs", d),
        (
            "fpbench-f64-long",
            "FPBENCH_F64_LONG_ELF",
            "fpbench.rs",
            d_long,
        ),
        ("codedata_apart", "CODEDATA_APART_ELF", "codedata.rs", &[]),
        ("codedata_near", "CODEDATA_NEAR_ELF", "codedata.rs", near),
    ];
    for (name, env, main_rs, extra_args) in builds {
        let elf = out_dir.join(format!("{name}.elf"));
        let mut args = vec!["-C", "force-frame-pointers=yes"];
        args.extend_from_slice(extra_args);
        let program = rvbuild::Program {
            main_rs: &manifest.join("workloads").join(main_rs),
            elf: &elf,
            link_script: &manifest.join("workloads/link.ld"),
            opt_level: "3",
            extra_args: &args,
        };
        if let Err(e) = program.build(&rustc) {
            eprintln!("{e}");
            rvbuild::fail(&format!(
                "building the {name} workload failed (see stderr above)"
            ));
        }
        println!("cargo::rustc-env={env}={}", elf.display());
    }
}
