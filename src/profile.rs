//! `rvjit profile`: runs a bare-metal ELF (or a kernel built for QEMU
//! virt), or boots our guest OS from a disk image, with deterministic
//! time; samples the guest's call stack every N retired instructions; and
//! writes a flamegraph with a top-N summary beside it (`out.svg` ->
//! `out.txt`). See `perf::profile`.
//!
//! For the guest OS, the firmware's, kernel's and user programs' functions
//! are named from the ELFs built into rvjit (right for images made by this
//! build's `rvjit mkfs` or the default image): U-mode frames under one
//! `[user]` frame as `program::function`, the program being the one the
//! kernel says it runs (`perf::profile::programs`).

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use perf::profile::programs::UserPrograms;
use perf::profile::sampler::Sampler;
use perf::profile::symbols::Symbols;
use rvjit::guest;

use crate::session::{self, MachineArgs};
use crate::term::InputEnd;

/// Functions listed in the text summary.
const TOP: usize = 25;
/// Host samples a second for `--host` (not a multiple of a timer rate).
const HOST_HZ: i32 = 999;

/// Arguments of `rvjit profile`.
#[derive(clap::Args)]
pub struct ProfileArgs {
    /// The RV32 ELF program to profile (its symbols name the frames), or a
    /// disk image of our guest OS (without it: the default image), booted
    /// as `rvjit boot` does with the kernel's and firmware's symbols.
    program: Option<PathBuf>,
    /// Write the guest's flamegraph (SVG) to FILE, and the top functions
    /// to FILE with the extension .txt.
    #[arg(long, value_name = "OUT.svg", required_unless_present = "host")]
    flamegraph: Option<PathBuf>,
    /// Write a flamegraph (SVG) of rvjit itself running the guest to FILE
    /// (host stacks sampled at 999 Hz).
    #[arg(long, value_name = "OUT.svg")]
    host: Option<PathBuf>,
    /// Sample every N retired instructions.
    #[arg(long, value_name = "N", default_value = "10000", value_parser = clap::value_parser!(u64).range(1..))]
    every: u64,
    #[command(flatten)]
    machine: MachineArgs,
}

/// What runs: the program, its name, a disk, the symbols (and those of
/// the OS's user programs), how input ends.
struct Target {
    program: Vec<u8>,
    name: PathBuf,
    drive: Option<PathBuf>,
    symbols: Symbols,
    programs: Option<UserPrograms>,
    input_end: InputEnd,
}

/// An ELF runs as `rvjit run` runs it; anything else is a disk image of
/// our OS, booted by the built-in firmware.
fn target(path: Option<&Path>, private: &mut Option<tempfile::NamedTempFile>) -> Result<Target> {
    let bytes = match path {
        Some(path) => {
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?
        }
        None => Vec::new(),
    };
    if let (Some(path), true) = (path, bytes.starts_with(b"\x7fELF")) {
        let symbols = Symbols::from_elf(&bytes)
            .map_err(anyhow::Error::msg)
            .with_context(|| format!("cannot load {}", path.display()))?;
        if symbols.is_empty() {
            bail!(
                "{} has no function symbols (it is stripped)",
                path.display()
            );
        }
        return Ok(Target {
            program: bytes,
            name: path.to_path_buf(),
            drive: None,
            symbols,
            programs: None,
            input_end: InputEnd::Nothing,
        });
    }
    let drive = match path {
        Some(path) => path.to_path_buf(),
        None => private
            .insert(guest::default_image_file()?)
            .path()
            .to_path_buf(),
    };
    let mut symbols = Symbols::from_elf(guest::FIRMWARE).map_err(anyhow::Error::msg)?;
    let (_, kernel) = guest::FILES
        .iter()
        .find(|(p, _)| *p == rvfs::KERNEL_PATH)
        .context("rvjit was built without a kernel")?;
    symbols.merge(Symbols::from_elf(kernel).map_err(anyhow::Error::msg)?);
    let programs = UserPrograms::new(kernel, guest::PROGRAMS).map_err(anyhow::Error::msg)?;
    Ok(Target {
        program: guest::FIRMWARE.to_vec(),
        name: PathBuf::from("the built-in firmware"),
        drive: Some(drive),
        symbols,
        programs: Some(programs),
        input_end: InputEnd::CtrlD,
    })
}

/// Profiles the program; returns the guest's exit status.
pub fn profile(mut args: ProfileArgs) -> Result<ExitCode> {
    // The default image's private copy lives until the run ends.
    let mut private = None;
    let target = target(args.program.as_deref(), &mut private)?;
    // Deterministic time: the same program gives the same profile.
    args.machine.deterministic = true;
    let mut sampler = Sampler::new(target.symbols);
    if let Some(programs) = target.programs {
        sampler = sampler.with_programs(programs);
    }
    let every = args.every;
    let sample_guest = args.flamegraph.is_some();
    let host = match &args.host {
        Some(_) => Some(
            pprof::ProfilerGuardBuilder::default()
                .frequency(HOST_HZ)
                .blocklist(&["libc", "libgcc", "pthread", "vdso"])
                .build()
                .context("cannot start the host profiler")?,
        ),
        None => None,
    };
    let status = session::run_with(
        &target.program,
        &target.name,
        target.drive.as_deref(),
        &args.machine,
        target.input_end,
        &mut |m, engine, limits| {
            if !sample_guest {
                return m.run(engine, limits);
            }
            let quit = limits.quit.clone();
            perf::profile::run(m, engine, &mut sampler, every, limits.max_insns, quit)
        },
    )?
    .status;
    if let (Some(path), Some(guard)) = (&args.host, host) {
        write_host_flamegraph(&guard, path)?;
    }
    let Some(svg) = &args.flamegraph else {
        return Ok(status);
    };
    let profile = sampler.profile();
    let title = format!(
        "{}: {} samples, one every {} instructions",
        args.program
            .as_deref()
            .unwrap_or(Path::new("the default guest OS image"))
            .display(),
        profile.samples(),
        args.every
    );
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

/// Writes the host profile `guard` took as a flamegraph to `path`.
fn write_host_flamegraph(guard: &pprof::ProfilerGuard<'_>, path: &Path) -> Result<()> {
    let report = guard
        .report()
        .build()
        .context("cannot read the host profile")?;
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    report
        .flamegraph(BufWriter::new(file))
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Where the summary of the flamegraph `svg` goes: beside it, `.txt`.
fn summary_path(svg: &Path) -> PathBuf {
    svg.with_extension("txt")
}
