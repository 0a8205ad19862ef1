//! Builds the benchmark workloads in `workloads/` for RV32 (see rvbuild),
//! and computes each workload's expected checksum on the host from the
//! same source.

use std::path::PathBuf;

#[path = "workloads/intbench_work.rs"]
mod intbench_work;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    println!("cargo::rerun-if-changed=workloads");

    let expected = intbench_work::run(intbench_work::ROUNDS);
    let expected_rs = out_dir.join("intbench_expected.rs");
    std::fs::write(&expected_rs, format!("{expected:#010x}"))
        .unwrap_or_else(|e| rvbuild::fail(&format!("cannot write {}: {e}", expected_rs.display())));

    let rustc = rvbuild::rustc();
    rvbuild::check_target(&rustc);
    let elf = out_dir.join("intbench.elf");
    let program = rvbuild::Program {
        main_rs: &manifest.join("workloads/intbench.rs"),
        elf: &elf,
        link_script: &manifest.join("workloads/link.ld"),
        opt_level: "3",
        // Frame pointers let `rvjit profile` walk the guest's stack.
        extra_args: &["-C", "force-frame-pointers=yes"],
    };
    if let Err(e) = program.build(&rustc) {
        eprintln!("{e}");
        rvbuild::fail("building the intbench workload failed (see stderr above)");
    }
    println!("cargo::rustc-env=INTBENCH_ELF={}", elf.display());
}
