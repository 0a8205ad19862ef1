//! The one place rvjit runs `qemu-system-riscv32` for comparison: the bench
//! command and the engines' benches share it. A program runs as
//! `qemu-system-riscv32 -machine virt -nographic -bios none -kernel ELF`
//! with standard input closed; its UART output (QEMU's standard output) is
//! streamed to the caller as it arrives and kept, and the run is timed
//! (wall, and the child's CPU time, see [`crate::clock`]).

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::clock::{Cpu, Stopwatch};
use crate::{BenchError, Measured};

/// The QEMU binary the runner looks for on `PATH`.
pub const QEMU: &str = "qemu-system-riscv32";

/// An installed `qemu-system-riscv32`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Qemu {
    path: PathBuf,
}

impl Qemu {
    /// Finds QEMU on `PATH`; [`BenchError::QemuMissing`] when it is not
    /// installed.
    pub fn find() -> Result<Qemu, BenchError> {
        Qemu::find_in(&std::env::var_os("PATH").unwrap_or_default())
    }

    /// Finds QEMU in the directories of `path` (a `PATH`-style list).
    pub fn find_in(path: &OsStr) -> Result<Qemu, BenchError> {
        std::env::split_paths(path)
            .map(|dir| dir.join(QEMU))
            .find(|candidate| candidate.is_file())
            .map(|path| Qemu { path })
            .ok_or(BenchError::QemuMissing)
    }

    /// Where the binary is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The command line that runs the ELF at `kernel` on the virt machine.
    pub fn command(&self, kernel: &Path) -> Command {
        let mut cmd = Command::new(&self.path);
        cmd.args(["-machine", "virt", "-nographic", "-bios", "none", "-kernel"])
            .arg(kernel);
        cmd
    }

    /// Runs the ELF image `elf` (written to a temporary file) to its end,
    /// handing each piece of UART output to `on_output` as it arrives.
    pub fn run(
        &self,
        elf: &[u8],
        on_output: &mut dyn FnMut(&[u8]),
    ) -> Result<Measured, BenchError> {
        let mut file = tempfile::Builder::new()
            .prefix("rvjit-qemu-")
            .suffix(".elf")
            .tempfile()
            .and_then(|mut f| f.write_all(elf).map(|()| f))
            .map_err(|e| BenchError::Io("cannot write the ELF for QEMU".into(), e))?;
        let _ = file.flush();
        let started = |e| BenchError::Io(format!("cannot run {}", self.path.display()), e);
        let watch = Stopwatch::start(Cpu::Children);
        let mut child = self
            .command(file.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(started)?;
        let mut stderr = child.stderr.take();
        let errors = std::thread::spawn(move || {
            let mut text = Vec::new();
            if let Some(pipe) = stderr.as_mut() {
                let _ = pipe.read_to_end(&mut text);
            }
            text
        });
        let mut output = Vec::new();
        if let Some(mut pipe) = child.stdout.take() {
            let mut chunk = [0u8; 8192];
            loop {
                match pipe.read(&mut chunk) {
                    Ok(0) => break,
                    Ok(n) => {
                        on_output(&chunk[..n]);
                        output.extend_from_slice(&chunk[..n]);
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(started(e)),
                }
            }
        }
        let status = child.wait().map_err(started)?;
        let times = watch.stop();
        let stderr = errors.join().unwrap_or_default();
        drop(file);
        let exit = match status.code() {
            Some(code) => Ok(code as u32),
            None => Err(format!(
                "QEMU was killed by a signal: {}",
                String::from_utf8_lossy(&stderr).trim()
            )),
        };
        Ok(Measured {
            times,
            insns: None,
            output,
            exit,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_qemu_is_said_clearly() {
        let err = Qemu::find_in(OsStr::new("/nonexistent-rvjit-dir")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "qemu-system-riscv32 is not installed (not found on PATH)"
        );
    }

    #[test]
    fn runs_the_integer_workload_when_installed() {
        let Ok(qemu) = Qemu::find() else {
            eprintln!("{QEMU} not found: skipping");
            return;
        };
        let elf = crate::workload::INTBENCH;
        let mut streamed = Vec::new();
        let run = qemu
            .run(elf, &mut |b| streamed.extend_from_slice(b))
            .unwrap();
        assert_eq!(run.exit, Ok(0));
        assert_eq!(streamed, run.output);
        assert!(run.output.starts_with(b"intbench checksum "));
    }
}
