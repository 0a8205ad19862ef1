//! `rvjit profile`: runs a bare-metal ELF (or a kernel built for QEMU
//! virt) with deterministic time, samples the guest's call stack every N
//! retired instructions, and writes a flamegraph with a top-N summary
//! beside it (`out.svg` -> `out.txt`). See `perf::profile`.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use perf::profile::sampler::Sampler;
use perf::profile::symbols::Symbols;

use crate::session::{self, MachineArgs};
use crate::term::InputEnd;

/// Functions listed in the text summary.
const TOP: usize = 25;

/// Arguments of `rvjit profile`.
#[derive(clap::Args)]
pub struct ProfileArgs {
    /// The RV32 ELF program to profile (its symbols name the frames).
    program: PathBuf,
    /// Write the guest's flamegraph (SVG) to FILE, and the top functions
    /// to FILE with the extension .txt.
    #[arg(long, value_name = "OUT.svg")]
    flamegraph: PathBuf,
    /// Sample every N retired instructions.
    #[arg(long, value_name = "N", default_value = "10000", value_parser = clap::value_parser!(u64).range(1..))]
    every: u64,
    #[command(flatten)]
    machine: MachineArgs,
}

/// Profiles the program; returns the guest's exit status.
pub fn profile(mut args: ProfileArgs) -> Result<ExitCode> {
    let program = std::fs::read(&args.program)
        .with_context(|| format!("cannot read {}", args.program.display()))?;
    let symbols = Symbols::from_elf(&program)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("cannot load {}", args.program.display()))?;
    if symbols.is_empty() {
        bail!(
            "{} has no function symbols (it is stripped)",
            args.program.display()
        );
    }
    // Deterministic time: the same program gives the same profile.
    args.machine.deterministic = true;
    let mut sampler = Sampler::new(symbols);
    let every = args.every;
    let status = session::run_with(
        &program,
        &args.program,
        None,
        &args.machine,
        InputEnd::Nothing,
        &mut |m, engine, limits| {
            let quit = limits.quit.clone();
            perf::profile::run(m, engine, &mut sampler, every, limits.max_insns, quit)
        },
    )?
    .status;
    let profile = sampler.profile();
    let title = format!(
        "{}: {} samples, one every {} instructions",
        args.program.display(),
        profile.samples(),
        args.every
    );
    let svg = &args.flamegraph;
    let file = File::create(svg).with_context(|| format!("cannot create {}", svg.display()))?;
    profile
        .write_flamegraph(&title, BufWriter::new(file))
        .with_context(|| format!("cannot write {}", svg.display()))?;
    let summary = profile.summary(TOP);
    let txt = summary_path(svg);
    std::fs::write(&txt, &summary).with_context(|| format!("cannot write {}", txt.display()))?;
    eprint!("{summary}");
    Ok(status)
}

/// Where the summary of the flamegraph `svg` goes: beside it, `.txt`.
fn summary_path(svg: &Path) -> PathBuf {
    svg.with_extension("txt")
}
