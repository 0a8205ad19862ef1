//! `rvjit run`: load an ELF into the virt machine and run it to completion,
//! as `qemu-system-riscv32 -machine virt -bios none -kernel PROGRAM` does
//! (see `session.rs` for the options and exit statuses), and optionally
//! dump its architecture-test signature.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use soc::machine::Machine;

use crate::session::{self, MachineArgs};
use crate::term::InputEnd;

/// Arguments of `rvjit run`.
#[derive(clap::Args)]
pub struct RunArgs {
    /// The RV32 ELF program to run.
    program: PathBuf,
    #[command(flatten)]
    machine: MachineArgs,
    /// Attach a raw disk image as the virtio block device.
    #[arg(long, value_name = "IMG")]
    drive: Option<PathBuf>,
    /// Write the words between begin_signature and end_signature to FILE.
    #[arg(long, value_name = "FILE")]
    signature: Option<PathBuf>,
    /// Bytes per signature line: 4 (8 hex digits) or 8 (16), as Spike's
    /// and Sail's option of the same name.
    #[arg(long, value_name = "BYTES", default_value = "4", value_parser = parse_granularity)]
    signature_granularity: usize,
}

/// Parses a signature granularity: 4 or 8 bytes.
fn parse_granularity(text: &str) -> Result<usize, String> {
    match text {
        "4" => Ok(4),
        "8" => Ok(8),
        _ => Err(format!(
            "invalid signature granularity '{text}' (use 4 or 8)"
        )),
    }
}

/// Runs the program; returns the process exit status.
pub fn run(args: RunArgs) -> Result<ExitCode> {
    let program = std::fs::read(&args.program)
        .with_context(|| format!("cannot read {}", args.program.display()))?;
    let symbols = soc::elf::inspect(&program)
        .with_context(|| format!("cannot load {}", args.program.display()))?;
    if args.signature.is_some() && symbols.signature.is_none() {
        bail!(
            "{} has no begin_signature/end_signature symbols",
            args.program.display()
        );
    }
    let outcome = session::run(
        &program,
        &args.program,
        args.drive.as_deref(),
        &args.machine,
        InputEnd::Nothing,
    )?;
    if let (Some(path), Some(range)) = (&args.signature, outcome.loaded.signature) {
        write_signature(&outcome.machine, range, args.signature_granularity, path)?;
    }
    Ok(outcome.status)
}

/// Writes the signature region as little-endian words of `granularity`
/// bytes in hex, one per line (Spike's and Sail's signature format).
fn write_signature(
    m: &Machine,
    (begin, end): (u32, u32),
    granularity: usize,
    path: &Path,
) -> Result<()> {
    let len = end
        .checked_sub(begin)
        .context("end_signature lies before begin_signature")?;
    let bytes = m
        .ram
        .slice(begin, len)
        .context("signature region lies outside RAM")?;
    let mut out = BufWriter::new(
        File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
    );
    for word in bytes.chunks(granularity) {
        let mut w = [0u8; 8];
        w[..word.len()].copy_from_slice(word);
        writeln!(
            out,
            "{:0width$x}",
            u64::from_le_bytes(w),
            width = 2 * granularity
        )
        .with_context(|| format!("cannot write {}", path.display()))?;
    }
    out.flush()
        .with_context(|| format!("cannot write {}", path.display()))
}
