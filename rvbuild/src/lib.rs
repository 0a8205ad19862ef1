//! Helpers for build scripts that compile bare-metal RV32 guest programs
//! (conformance tests, benchmark workloads) with the workspace's pinned
//! rustc, straight from one source file: no cargo, no dependencies beyond
//! `core`, linked by rust-lld with our linker script.
#![forbid(unsafe_code)]

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, exit};
use std::time::SystemTime;

/// The Rust target guest programs are built for (RV32IMAFC; the D
/// extension is enabled per program where needed).
pub const TARGET: &str = "riscv32imafc-unknown-none-elf";

/// The rustc cargo gave the build script.
pub fn rustc() -> OsString {
    std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into())
}

/// Stops the build with a one-line message.
pub fn fail(msg: &str) -> ! {
    println!("cargo::error={msg}");
    exit(1)
}

/// Fails the build unless the standard library for [`TARGET`] is installed.
pub fn check_target(rustc: &OsString) {
    let output = Command::new(rustc)
        .args(["--print", "target-libdir", "--target", TARGET])
        .output();
    let libdir = match output {
        Ok(o) if o.status.success() => PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()),
        Ok(o) => fail(&format!(
            "`rustc --print target-libdir --target {TARGET}` failed: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        )),
        Err(e) => fail(&format!(
            "cannot run rustc ({}): {e}",
            rustc.to_string_lossy()
        )),
    };
    let has_core = fs::read_dir(&libdir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("libcore-"))
    });
    if !has_core {
        fail(&format!(
            "the {TARGET} target is not installed: run `rustup target add {TARGET}`"
        ));
    }
}

/// One guest program: a `#![no_std] #![no_main]` crate in one file.
pub struct Program<'a> {
    /// The crate root.
    pub main_rs: &'a Path,
    /// Where the linked ELF goes.
    pub elf: &'a Path,
    /// The linker script.
    pub link_script: &'a Path,
    /// `-C opt-level`.
    pub opt_level: &'a str,
    /// Extra rustc arguments (e.g. `-C target-feature=+d`).
    pub extra_args: &'a [&'a str],
}

impl Program<'_> {
    /// Compiles and links the program; on failure returns rustc's
    /// diagnostics.
    pub fn build(&self, rustc: &OsString) -> Result<(), String> {
        let output = Command::new(rustc)
            .arg("--edition=2024")
            .args(["--crate-type", "bin"])
            .args(["--target", TARGET])
            .args(["-C", "panic=abort", "-C", "debuginfo=0"])
            .arg("-C")
            .arg(format!("opt-level={}", self.opt_level))
            .arg("-C")
            .arg(format!("link-arg=-T{}", self.link_script.display()))
            .args(self.extra_args)
            .arg("-o")
            .arg(self.elf)
            .arg(self.main_rs)
            .env_remove("RUSTC_WORKSPACE_WRAPPER")
            .output()
            .map_err(|e| format!("{}: cannot run rustc: {e}", self.main_rs.display()))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "error: building {} failed:\n{}",
                self.main_rs.display(),
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    }
}

/// Modification time of `path` (the epoch if it cannot be read).
pub fn mtime(path: &Path) -> SystemTime {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .unwrap_or(SystemTime::UNIX_EPOCH)
}
