//! Helpers for build scripts that compile bare-metal RV32 guest programs
//! (conformance tests, benchmark workloads) with the workspace's pinned
//! rustc, straight from one source file: no cargo, no dependencies beyond
//! `core` (and `alloc`) and libraries built the same way ([`Library`]),
//! linked by rust-lld with our linker script; and stripping an ELF for a
//! guest's disk image ([`elf`]). `start.s`, beside this crate's `src/`, is
//! the `_start` that perf's workloads and the bare-metal min-rt share.
#![forbid(unsafe_code)]

pub mod elf;

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

/// Makes sure the core library for [`TARGET`] is installed, adding the
/// target to the toolchain `rustc` belongs to with rustup when it is
/// missing (`rust-toolchain.toml`'s `targets` apply only when rustup
/// installs the toolchain itself). Fails the build with a one-line message
/// when the target is missing and rustup cannot add it.
pub fn check_target(rustc: &OsString) {
    if has_core(rustc) {
        return;
    }
    let missing = format!("the {TARGET} target is not installed: run `rustup target add {TARGET}`");
    let Some(toolchain) = sysroot(rustc).as_deref().and_then(Toolchain::of_sysroot) else {
        fail(&missing)
    };
    if !Command::new("rustup")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        fail(&missing);
    }
    // rustup is not safe to run concurrently, and several build scripts
    // may get here at once: one installs, the others wait and re-check.
    let lock_path = toolchain.rustup_home.join("rvbuild-target-add.lock");
    let lock = fs::File::create(&lock_path)
        .and_then(|f| f.lock().map(|()| f))
        .unwrap_or_else(|e| fail(&format!("cannot lock {}: {e}", lock_path.display())));
    if has_core(rustc) {
        return;
    }
    println!(
        "cargo::warning=the {TARGET} target is missing: installing it into toolchain {} (rustup target add)",
        toolchain.name
    );
    let output = Command::new("rustup")
        .args(["target", "add", TARGET, "--toolchain", &toolchain.name])
        .output()
        .unwrap_or_else(|e| fail(&format!("cannot run rustup: {e}")));
    drop(lock);
    if !output.status.success() || !has_core(rustc) {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr.lines().last().unwrap_or_default().trim();
        fail(&format!(
            "`rustup target add {TARGET} --toolchain {}` failed: {last}",
            toolchain.name
        ));
    }
}

/// Whether `rustc`'s sysroot holds the core library for [`TARGET`].
fn has_core(rustc: &OsString) -> bool {
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
    fs::read_dir(&libdir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("libcore-"))
    })
}

/// `rustc --print sysroot`, when it runs.
fn sysroot(rustc: &OsString) -> Option<PathBuf> {
    let output = Command::new(rustc)
        .args(["--print", "sysroot"])
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()))
}

/// A rustup-managed toolchain: the one a rustc's sysroot belongs to.
#[derive(Debug, PartialEq)]
struct Toolchain {
    /// The toolchain's name for `rustup --toolchain`, e.g.
    /// `1.95.0-x86_64-unknown-linux-gnu`.
    name: String,
    /// The rustup home it lives in (shared by every build script).
    rustup_home: PathBuf,
}

impl Toolchain {
    /// The toolchain whose sysroot is `sysroot`, when that is a rustup
    /// toolchain (`RUSTUP_HOME/toolchains/NAME`); `None` otherwise (e.g. a
    /// rustc installed by the system, to which rustup cannot add targets).
    fn of_sysroot(sysroot: &Path) -> Option<Toolchain> {
        let toolchains = sysroot.parent()?;
        if toolchains.file_name()? != "toolchains" {
            return None;
        }
        Some(Toolchain {
            name: sysroot.file_name()?.to_str()?.to_owned(),
            rustup_home: toolchains.parent()?.to_path_buf(),
        })
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
        let mut cmd = compile_command(rustc, "bin", self.opt_level, self.extra_args);
        cmd.arg("-C")
            .arg(format!("link-arg=-T{}", self.link_script.display()))
            .arg("-o")
            .arg(self.elf)
            .arg(self.main_rs);
        run_rustc(cmd, self.main_rs)
    }
}

/// A `no_std` library crate for guest programs (`--extern NAME=PATH`),
/// built from its crate root into `out_dir` as `lib{name}.rlib`.
pub struct Library<'a> {
    /// The crate name.
    pub name: &'a str,
    /// The crate root (`src/lib.rs`).
    pub lib_rs: &'a Path,
    /// Where the rlib goes.
    pub out_dir: &'a Path,
    /// `-C opt-level`.
    pub opt_level: &'a str,
    /// Extra rustc arguments (e.g. `-C target-feature=+d`).
    pub extra_args: &'a [&'a str],
}

impl Library<'_> {
    /// Compiles the library; returns the rlib's path, or rustc's
    /// diagnostics.
    pub fn build(&self, rustc: &OsString) -> Result<PathBuf, String> {
        let mut cmd = compile_command(rustc, "rlib", self.opt_level, self.extra_args);
        cmd.args(["--crate-name", self.name])
            .arg("--out-dir")
            .arg(self.out_dir)
            .arg(self.lib_rs);
        run_rustc(cmd, self.lib_rs)?;
        Ok(self.out_dir.join(format!("lib{}.rlib", self.name)))
    }
}

/// rustc for [`TARGET`] with the options every guest crate shares.
fn compile_command(rustc: &OsString, crate_type: &str, opt_level: &str, extra: &[&str]) -> Command {
    let mut cmd = Command::new(rustc);
    cmd.arg("--edition=2024")
        .args(["--crate-type", crate_type])
        .args(["--target", TARGET])
        .args(["-C", "panic=abort", "-C", "debuginfo=0"])
        .arg("-C")
        .arg(format!("opt-level={opt_level}"))
        .args(extra)
        .env_remove("RUSTC_WORKSPACE_WRAPPER");
    cmd
}

/// Runs a rustc command for `source`; on failure returns its diagnostics.
fn run_rustc(mut cmd: Command, source: &Path) -> Result<(), String> {
    let output = cmd
        .output()
        .map_err(|e| format!("{}: cannot run rustc: {e}", source.display()))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "error: building {} failed:\n{}",
            source.display(),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Modification time of `path` (the epoch if it cannot be read).
pub fn mtime(path: &Path) -> SystemTime {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .unwrap_or(SystemTime::UNIX_EPOCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rustup_sysroot_names_its_toolchain_and_home() {
        let tc = Toolchain::of_sysroot(Path::new(
            "/home/u/.rustup/toolchains/1.95.0-x86_64-unknown-linux-gnu",
        ));
        assert_eq!(
            tc,
            Some(Toolchain {
                name: "1.95.0-x86_64-unknown-linux-gnu".to_owned(),
                rustup_home: PathBuf::from("/home/u/.rustup"),
            })
        );
    }

    #[test]
    fn a_system_sysroot_is_not_a_rustup_toolchain() {
        assert_eq!(Toolchain::of_sysroot(Path::new("/usr")), None);
        assert_eq!(Toolchain::of_sysroot(Path::new("/usr/lib/rust-1.95")), None);
    }
}
