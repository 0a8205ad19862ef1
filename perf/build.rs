//! Builds the benchmark workloads in `workloads/` for RV32 (see rvbuild),
//! and computes each workload's expected checksum on the host from the
//! same source.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU32;

#[path = "workloads/codedata_work.rs"]
mod codedata_work;
#[path = "workloads/intbench_work.rs"]
mod intbench_work;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    println!("cargo::rerun-if-changed=workloads");

    write_expected(
        &out_dir,
        "intbench",
        intbench_work::run(intbench_work::ROUNDS),
    );
    let counts = [const { AtomicU32::new(0) }; codedata_work::WORDS];
    let sum = codedata_work::run(&counts, codedata_work::ITERATIONS);
    write_expected(&out_dir, "codedata", sum);

    let rustc = rvbuild::rustc();
    rvbuild::check_target(&rustc);
    let workloads = manifest.join("workloads");
    build(&rustc, &workloads, &out_dir, "intbench", "intbench", &[]);
    build(
        &rustc,
        &workloads,
        &out_dir,
        "codedata",
        "codedata_apart",
        &[],
    );
    let near = ["--cfg", "near_code"];
    build(
        &rustc,
        &workloads,
        &out_dir,
        "codedata",
        "codedata_near",
        &near,
    );
}

/// Writes the checksum `name`'s guest program must print.
fn write_expected(out_dir: &Path, name: &str, sum: u32) {
    let path = out_dir.join(format!("{name}_expected.rs"));
    std::fs::write(&path, format!("{sum:#010x}"))
        .unwrap_or_else(|e| rvbuild::fail(&format!("cannot write {}: {e}", path.display())));
}

/// Builds `workloads/<source>.rs` into `<elf>.elf` and names it in the
/// environment variable `<ELF>_ELF`.
fn build(
    rustc: &std::ffi::OsString,
    workloads: &Path,
    out_dir: &Path,
    source: &str,
    elf: &str,
    extra_args: &[&str],
) {
    let path = out_dir.join(format!("{elf}.elf"));
    // Frame pointers let `rvjit profile` walk the guest's stack.
    let mut args = vec!["-C", "force-frame-pointers=yes"];
    args.extend_from_slice(extra_args);
    let program = rvbuild::Program {
        main_rs: &workloads.join(format!("{source}.rs")),
        elf: &path,
        link_script: &workloads.join("link.ld"),
        opt_level: "3",
        extra_args: &args,
    };
    if let Err(e) = program.build(rustc) {
        eprintln!("{e}");
        rvbuild::fail(&format!(
            "building the {elf} workload failed (see stderr above)"
        ));
    }
    println!(
        "cargo::rustc-env={}_ELF={}",
        elf.to_uppercase(),
        path.display()
    );
}
