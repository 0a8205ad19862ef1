//! `rvjit run`: load an ELF into the virt machine and run it to completion.
//!
//! The exit status is the guest's: 0 for a finisher pass or HTIF 1, the
//! failure code otherwise (clamped to 1..=255). The emulator's own outcomes
//! have statuses of their own: [`EXIT_INSN_LIMIT`], [`EXIT_TRAP_LOOP`],
//! [`EXIT_HALTED`], and [`EXIT_HOST_ERROR`] for bad input.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use interp::{Interp, RunLimits, Stop};
use soc::board::{self, VirtConfig};
use soc::dev::console::StdioConsole;
use soc::dev::virtio::blk::FileBackend;
use soc::machine::Machine;

use crate::term::{EscapeReader, RawMode};

/// Bad input or a host failure (also clap's status for bad flags).
pub const EXIT_HOST_ERROR: u8 = 2;
/// `--max-insns` ran out.
pub const EXIT_INSN_LIMIT: u8 = 124;
/// The hart kept trapping without making progress.
pub const EXIT_TRAP_LOOP: u8 = 125;
/// The hart waits for an interrupt that can never come.
pub const EXIT_HALTED: u8 = 126;

/// Instructions run between checks for Ctrl-A x.
const SLICE_INSNS: u64 = 20_000_000;

/// Which engine executes the guest.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Engine {
    /// The pre-decoding interpreter.
    Interp,
}

/// Arguments of `rvjit run`.
#[derive(clap::Args)]
pub struct RunArgs {
    /// The RV32 ELF program to run.
    program: PathBuf,
    /// Execution engine.
    #[arg(long, value_enum, default_value = "interp")]
    engine: Engine,
    /// RAM size: a number of MiB, or with a K/M/G suffix (as QEMU's -m).
    #[arg(short = 'm', long = "memory", default_value = "128M", value_parser = parse_size)]
    memory: u64,
    /// Stop after about this many instructions (at a block boundary).
    #[arg(long, value_name = "N")]
    max_insns: Option<u64>,
    /// Write a commit log (one line per retired instruction) to FILE.
    #[arg(long, value_name = "FILE")]
    trace: Option<PathBuf>,
    /// Print instructions, host time and MIPS when the run ends.
    #[arg(long)]
    stats: bool,
    /// Derive time from retired instructions, so runs repeat exactly.
    #[arg(long)]
    deterministic: bool,
    /// Write the words between begin_signature and end_signature to FILE.
    #[arg(long, value_name = "FILE")]
    signature: Option<PathBuf>,
    /// Bytes per signature line: 4 (8 hex digits) or 8 (16), as Spike's
    /// and Sail's option of the same name.
    #[arg(long, value_name = "BYTES", default_value = "4", value_parser = parse_granularity)]
    signature_granularity: usize,
    /// Attach a raw disk image as the virtio block device.
    #[arg(long, value_name = "IMG")]
    drive: Option<PathBuf>,
    /// Use the legacy (version 1) virtio-mmio interface.
    #[arg(long)]
    virtio_legacy: bool,
    /// Kernel command line, passed in the device tree's /chosen/bootargs.
    #[arg(long, value_name = "ARGS")]
    append: Option<String>,
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

/// Parses a size as QEMU's `-m` does: plain numbers are MiB.
pub(crate) fn parse_size(text: &str) -> Result<u64, String> {
    let (digits, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => text.split_at(i),
        None => (text, "M"),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("invalid size '{text}'"))?;
    let shift = match unit {
        "K" | "k" | "KiB" => 10,
        "M" | "m" | "MiB" => 20,
        "G" | "g" | "GiB" => 30,
        _ => return Err(format!("invalid size unit in '{text}' (use K, M or G)")),
    };
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("size '{text}' is too large"))
}

/// Runs the program; returns the process exit status.
pub fn run(args: RunArgs) -> Result<ExitCode> {
    let Engine::Interp = args.engine;
    let program = std::fs::read(&args.program)
        .with_context(|| format!("cannot read {}", args.program.display()))?;
    let quit = Arc::new(AtomicBool::new(false));
    let _raw = RawMode::enter();
    loop {
        let (mut machine, loaded) = build(&args, &program, quit.clone())?;
        let mut interp = Interp::new();
        if let Some(path) = &args.trace {
            let file =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            interp.set_trace(Box::new(BufWriter::new(file)));
        }
        let started = Instant::now();
        let stop = run_until_stop(&mut interp, &mut machine, args.max_insns, &quit);
        drop(interp);
        let elapsed = started.elapsed();
        if args.stats {
            let insns = machine.hart.retired;
            let secs = elapsed.as_secs_f64();
            eprintln!(
                "rvjit: {insns} instructions in {secs:.3} s host time: {:.1} MIPS",
                insns as f64 / secs.max(1e-9) / 1e6
            );
        }
        if let (Some(path), Some(range)) = (&args.signature, loaded.signature) {
            write_signature(&machine, range, args.signature_granularity, path)?;
        } else if args.signature.is_some() {
            bail!(
                "{} has no begin_signature/end_signature symbols",
                args.program.display()
            );
        }
        let pc = machine.hart.pc;
        return Ok(match stop {
            None => ExitCode::SUCCESS,
            Some(Stop::Exit(code)) => ExitCode::from(u8::try_from(code).unwrap_or(255)),
            Some(Stop::Reset) => continue,
            Some(Stop::InsnLimit) => {
                eprintln!(
                    "rvjit: stopped after {} instructions (--max-insns), pc {pc:#010x}",
                    machine.hart.retired
                );
                ExitCode::from(EXIT_INSN_LIMIT)
            }
            Some(Stop::TrapLoop { cause, pc }) => {
                eprintln!(
                    "rvjit: trap loop: cause {cause} at pc {pc:#010x} keeps trapping without progress"
                );
                ExitCode::from(EXIT_TRAP_LOOP)
            }
            Some(Stop::Halted { pc }) => {
                eprintln!(
                    "rvjit: hart halted in wfi at pc {pc:#010x} with no interrupt that could wake it"
                );
                ExitCode::from(EXIT_HALTED)
            }
        });
    }
}

/// Builds the virt machine with the program loaded.
fn build(
    args: &RunArgs,
    program: &[u8],
    quit: Arc<AtomicBool>,
) -> Result<(Machine, soc::elf::LoadedElf)> {
    let input = EscapeReader::new(std::io::stdin(), quit);
    let console = StdioConsole::from_streams(input, std::io::stdout());
    let drive = match &args.drive {
        Some(path) => Some(
            FileBackend::open(path, false)
                .with_context(|| format!("cannot open drive {}", path.display()))?,
        ),
        None => None,
    };
    let config = VirtConfig {
        ram_bytes: args.memory,
        deterministic: args.deterministic,
        console: Box::new(console),
        drive: drive.map(|d| Box::new(d) as _),
        virtio_legacy: args.virtio_legacy,
        bootargs: args.append.clone(),
    };
    let built = board::virt(config, program)
        .with_context(|| format!("cannot load {}", args.program.display()))?;
    Ok(built)
}

/// Runs in slices so that Ctrl-A x is noticed; `None` means the user quit.
fn run_until_stop(
    interp: &mut Interp,
    m: &mut Machine,
    max_insns: Option<u64>,
    quit: &AtomicBool,
) -> Option<Stop> {
    let limit = max_insns.unwrap_or(u64::MAX);
    loop {
        let left = limit.saturating_sub(m.hart.retired);
        let slice = left.min(SLICE_INSNS);
        match interp.run(
            m,
            RunLimits {
                max_insns: Some(slice),
            },
        ) {
            Stop::InsnLimit if m.hart.retired < limit => {}
            stop => return Some(stop),
        }
        if quit.load(Ordering::Relaxed) {
            return None;
        }
    }
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
        )?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_follow_qemu() {
        assert_eq!(parse_size("128"), Ok(128 << 20));
        assert_eq!(parse_size("64K"), Ok(64 << 10));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert!(parse_size("12X").is_err());
        assert!(parse_size("").is_err());
        assert!(parse_size("99999999999999G").is_err());
    }
}
