//! Builds the bare-metal min-rt (`baremetal/main.rs` over the `minrt`
//! core, see rvbuild) twice for RV32: `minrt-f32.elf` for riscv32imafc
//! and `minrt-f64.elf` with the D extension enabled (same ilp32f ABI). The
//! core is compiled as an rlib per precision first, since its f64
//! arithmetic must be D instructions too.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    for input in [
        "core/src",
        "baremetal",
        "scenes/contest.sld",
        "../rvbuild/start.s",
    ] {
        println!("cargo::rerun-if-changed={input}");
    }
    let rustc = rvbuild::rustc();
    rvbuild::check_target(&rustc);
    // (precision, rustc flags for the core, for the program): rustc does
    // not set cfg(target_feature = "d") here, so the f64 build says so.
    let builds: [(&str, &[&str], &[&str]); 2] = [
        ("f32", &[], &[]),
        (
            "f64",
            &["-C", "target-feature=+d", "--cfg", "feature=\"d\""],
            &["-C", "target-feature=+d", "--cfg", "minrt_f64"],
        ),
    ];
    for (precision, core_flags, main_flags) in builds {
        let dir = out_dir.join(precision);
        std::fs::create_dir_all(&dir)
            .unwrap_or_else(|e| rvbuild::fail(&format!("cannot create {}: {e}", dir.display())));
        // Frame pointers let `rvjit profile` walk the guest's stack.
        let mut core_args = vec!["-C", "force-frame-pointers=yes"];
        core_args.extend_from_slice(core_flags);
        let core = rvbuild::Library {
            name: "minrt",
            lib_rs: &manifest.join("core/src/lib.rs"),
            out_dir: &dir,
            opt_level: "3",
            extra_args: &core_args,
        };
        let rlib = core.build(&rustc).unwrap_or_else(|e| {
            eprintln!("{e}");
            rvbuild::fail("building the minrt core for riscv32 failed (see stderr above)")
        });
        let extern_arg = format!("minrt={}", rlib.display());
        let mut args = vec!["--extern", &extern_arg, "-C", "force-frame-pointers=yes"];
        args.extend_from_slice(main_flags);
        let elf = out_dir.join(format!("minrt-{precision}.elf"));
        let program = rvbuild::Program {
            main_rs: &manifest.join("baremetal/main.rs"),
            elf: &elf,
            link_script: &manifest.join("baremetal/link.ld"),
            opt_level: "3",
            extra_args: &args,
        };
        if let Err(e) = program.build(&rustc) {
            eprintln!("{e}");
            rvbuild::fail("building the bare-metal minrt failed (see stderr above)");
        }
        println!(
            "cargo::rustc-env=MINRT_{}_ELF={}",
            precision.to_uppercase(),
            elf.display()
        );
    }
}
