//! What `rvjit run` and `rvjit boot` share: the machine options, building
//! the virt board with the terminal as its console (one reader of standard
//! input for the whole session, across resets), choosing the engine,
//! a reset starting the machine again (with what is left of `--max-insns`),
//! and the exit status. The run loop itself (events, WFI, limits, the
//! Ctrl-A x quit flag) is soc's (`Machine::run`).
//!
//! The exit status is the guest's: 0 for a finisher pass or HTIF 1, the
//! failure code otherwise (clamped to 1..=255). The emulator's own outcomes
//! have statuses of their own: [`EXIT_INSN_LIMIT`], [`EXIT_TRAP_LOOP`],
//! [`EXIT_HALTED`], and [`EXIT_HOST_ERROR`] for bad input.

use std::fs::File;
use std::io::{BufWriter, Stdout};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use interp::Interp;
use jit::{Jit, PerfMap};
use perf::pipeline::{Pipeline, PipelineConfig};
use soc::board::{self, VirtConfig};
use soc::dev::console::{ConsoleInput, StdioConsole};
use soc::dev::virtio::blk::FileBackend;
use soc::elf::LoadedElf;
use soc::machine::{Engine, Machine, RunLimits, Stop};

use crate::output;
use crate::term::{self, ConsoleOut, InputEnd, RawMode};

/// Bad input or a host failure (also clap's status for bad flags).
pub const EXIT_HOST_ERROR: u8 = 2;
/// `--max-insns` ran out.
pub const EXIT_INSN_LIMIT: u8 = 124;
/// The hart kept trapping without making progress.
pub const EXIT_TRAP_LOOP: u8 = 125;
/// The hart waits for an interrupt that can never come.
pub const EXIT_HALTED: u8 = 126;

/// Which engine executes the guest.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum EngineKind {
    /// The pre-decoding interpreter.
    Interp,
    /// The Cranelift JIT, with the interpreter for cold code and rare instructions.
    Jit,
}

/// The engine a run uses, kept concrete for its statistics.
enum Chosen {
    Interp(Box<Interp>),
    Jit(Box<Jit>),
}

impl Chosen {
    fn as_engine(&mut self) -> &mut dyn Engine {
        match self {
            Chosen::Interp(i) => i.as_mut(),
            Chosen::Jit(j) => j.as_mut(),
        }
    }

    /// The JIT's line for `--stats`, given the run's instructions and time.
    fn stats(&self, insns: u64, secs: f64) -> Option<String> {
        let Chosen::Jit(j) = self else {
            return None;
        };
        let s = j.stats();
        let compile = s.compile_time.as_secs_f64();
        let exits = s.chained_exits + s.rust_exits;
        Some(format!(
            "rvjit: jit: {} regions ({} blocks) compiled in {compile:.3} s ({:.1} % of the run), \
             {:.1} % of instructions in compiled code, {:.1} % of region exits chained",
            s.compiled,
            s.members,
            100.0 * compile / secs.max(1e-9),
            100.0 * s.jit_insns as f64 / insns.max(1) as f64,
            100.0 * s.chained_exits as f64 / exits.max(1) as f64
        ))
    }
}

/// Options of the machine and the run, shared by `run` and `boot`.
#[derive(clap::Args)]
pub struct MachineArgs {
    /// Execution engine.
    #[arg(long, value_enum, default_value = "jit")]
    engine: EngineKind,
    /// JIT: interpreted runs of a block before it is compiled (0: compile
    /// on first sight).
    #[arg(long, value_name = "N", default_value_t = jit::DEFAULT_THRESHOLD)]
    jit_threshold: u32,
    /// JIT: name the compiled blocks for host profilers (perf, samply) in
    /// /tmp/perf-PID.map, one `START SIZE jit:PC` line per block.
    #[arg(long)]
    perf_map: bool,
    /// RAM size: a number of MiB, or with a K/M/G suffix (as QEMU's -m).
    #[arg(short = 'm', long = "memory", default_value = "128M", value_parser = parse_size)]
    memory: u64,
    /// Stop after exactly this many instructions, counted across resets.
    #[arg(long, value_name = "N")]
    max_insns: Option<u64>,
    /// Write a commit log (one line per retired instruction) to FILE; the
    /// JIT then leaves all code to its interpreter.
    #[arg(long, value_name = "FILE")]
    trace: Option<PathBuf>,
    /// Print instructions, host time and MIPS when the run ends.
    #[arg(long)]
    stats: bool,
    /// Derive time from retired instructions, so runs repeat exactly.
    #[arg(long)]
    pub(crate) deterministic: bool,
    /// Use the legacy (version 1) virtio-mmio interface.
    #[arg(long)]
    virtio_legacy: bool,
    /// Kernel command line, passed in the device tree's /chosen/bootargs.
    #[arg(long, value_name = "ARGS")]
    append: Option<String>,
    /// Estimate the run's time on the course's 210 MHz pipeline (latencies
    /// from CONFIG, a TOML file; perf/pipeline.toml has the defaults);
    /// the JIT then leaves all code to its interpreter.
    #[arg(long, value_name = "CONFIG", num_args = 0..=1)]
    pipeline: Option<Option<PathBuf>>,
}

/// The pipeline model `--pipeline` asks for, shared with the engine that
/// feeds it.
type SharedPipeline = Arc<Mutex<Pipeline>>;

/// The model `--pipeline` asks for, fed by the engine.
fn pipeline(opts: &MachineArgs) -> Result<Option<SharedPipeline>> {
    let Some(file) = &opts.pipeline else {
        return Ok(None);
    };
    let config = pipeline_config(file.as_deref())?;
    Ok(Some(Arc::new(Mutex::new(Pipeline::new(config)))))
}

/// Reads a `--pipeline` configuration file (the defaults without one).
pub(crate) fn pipeline_config(file: Option<&Path>) -> Result<PipelineConfig> {
    let Some(path) = file else {
        return Ok(PipelineConfig::default());
    };
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    PipelineConfig::from_toml(&text)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("bad pipeline configuration {}", path.display()))
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

/// How a run ended, with the machine as it was then.
pub struct Outcome {
    /// The machine after the run.
    pub machine: Machine,
    /// What loading the program found.
    pub loaded: LoadedElf,
    /// The process exit status.
    pub status: ExitCode,
}

/// Runs `program` (named `name` in messages) with the disk image at
/// `drive`, until the guest exits, a limit is hit or the user quits; the
/// end of piped input reaches the guest as `input_end` says. A guest reset
/// starts the machine again with the same program and disk.
pub fn run(
    program: &[u8],
    name: &Path,
    drive: Option<&Path>,
    opts: &MachineArgs,
    input_end: InputEnd,
) -> Result<Outcome> {
    run_with(
        program,
        name,
        drive,
        opts,
        input_end,
        &mut |m, engine, limits| m.run(engine, limits),
    )
}

/// [`run`], with `runner` running each machine (as `Machine::run` does,
/// or sampling it between slices as `rvjit profile` does).
pub fn run_with(
    program: &[u8],
    name: &Path,
    drive: Option<&Path>,
    opts: &MachineArgs,
    input_end: InputEnd,
    runner: &mut dyn FnMut(&mut Machine, &mut dyn Engine, &RunLimits) -> Stop,
) -> Result<Outcome> {
    let pipeline = pipeline(opts)?;
    let quit = Arc::new(AtomicBool::new(false));
    let stdout = ConsoleOut::new(std::io::stdout(), quit.clone());
    let _raw = RawMode::enter();
    let input = term::stdin_input(input_end, quit.clone());
    // Loading warnings are given once, not again at each reset.
    let mut warned = false;
    // Instructions retired by the machines that reset before this one.
    let mut before_reset = 0u64;
    loop {
        let (mut machine, loaded) = build(program, name, drive, opts, &input, &stdout)?;
        for dropped in loaded.dropped.iter().filter(|_| !warned) {
            output::note(format_args!("warning: {}: {dropped}", name.display()))?;
        }
        warned = true;
        let mut engine = engine(opts, pipeline.as_ref())?;
        let limits = RunLimits {
            max_insns: opts.max_insns.map(|n| n.saturating_sub(before_reset)),
            quit: Some(quit.clone()),
        };
        let started = Instant::now();
        let stop = runner(&mut machine, engine.as_engine(), &limits);
        if let Some(e) = stdout.take_error() {
            return Err(
                anyhow::Error::new(e).context("cannot write the console to standard output")
            );
        }
        if let Some(path) = &opts.trace {
            engine
                .as_engine()
                .finish()
                .with_context(|| format!("cannot write the trace to {}", path.display()))?;
        }
        if let Chosen::Jit(j) = &mut engine {
            j.perf_map_status()?;
        }
        if opts.stats {
            let insns = machine.hart.retired;
            let secs = started.elapsed().as_secs_f64();
            output::note(format_args!(
                "rvjit: {insns} instructions in {secs:.3} s host time: {:.1} MIPS",
                insns as f64 / secs.max(1e-9) / 1e6
            ))?;
            if let Some(line) = engine.stats(insns, secs) {
                output::note(format_args!("{line}"))?;
            }
        }
        drop(engine);
        before_reset = before_reset.saturating_add(machine.hart.retired);
        if stop == Stop::Reset {
            continue;
        }
        if let Some(p) = &pipeline {
            let p = p.lock().unwrap_or_else(PoisonError::into_inner);
            output::note(format_args!(
                "{}",
                p.estimate().report(p.config().clock_mhz)
            ))?;
        }
        let status = exit_status(stop, &machine, before_reset);
        return Ok(Outcome {
            machine,
            loaded,
            status,
        });
    }
}

/// The engine `opts` ask for, tracing if asked and feeding `pipeline` if
/// given (the JIT then runs everything in its interpreter, one instruction
/// at a time).
fn engine(opts: &MachineArgs, pipeline: Option<&SharedPipeline>) -> Result<Chosen> {
    let mut chosen = match opts.engine {
        EngineKind::Interp if opts.perf_map => {
            bail!("--perf-map needs the JIT, not --engine interp")
        }
        EngineKind::Interp => Chosen::Interp(Box::new(Interp::new())),
        EngineKind::Jit => {
            let perf_map = match opts.perf_map {
                true => Some(PerfMap::create().context("cannot create the perf map")?),
                false => None,
            };
            Chosen::Jit(Box::new(
                Jit::new(opts.jit_threshold, perf_map).map_err(|e| anyhow::anyhow!("{e}"))?,
            ))
        }
    };
    let interp = match &mut chosen {
        Chosen::Interp(i) => i,
        Chosen::Jit(j) => j.interp_mut(),
    };
    if let Some(p) = pipeline {
        interp.set_observer(Box::new(p.clone()));
    }
    if let Some(path) = &opts.trace {
        let file =
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        interp.set_trace(Box::new(BufWriter::new(file)));
    }
    Ok(chosen)
}

/// The exit status for how the run stopped, with a message for the
/// emulator's own outcomes; `total` counts instructions across resets.
fn exit_status(stop: Stop, machine: &Machine, total: u64) -> ExitCode {
    let pc = machine.hart.pc;
    match stop {
        Stop::Quit | Stop::Reset => ExitCode::SUCCESS,
        Stop::Exit(code) => ExitCode::from(u8::try_from(code).unwrap_or(255)),
        Stop::InsnLimit => {
            output::note_best_effort(format_args!(
                "rvjit: stopped after {total} instructions (--max-insns), pc {pc:#010x}"
            ));
            ExitCode::from(EXIT_INSN_LIMIT)
        }
        Stop::TrapLoop { cause, pc } => {
            output::note_best_effort(format_args!(
                "rvjit: trap loop: cause {cause} at pc {pc:#010x} keeps trapping without progress"
            ));
            ExitCode::from(EXIT_TRAP_LOOP)
        }
        Stop::Halted { pc } => {
            output::note_best_effort(format_args!(
                "rvjit: hart halted in wfi at pc {pc:#010x} with no interrupt that could wake it"
            ));
            ExitCode::from(EXIT_HALTED)
        }
    }
}

/// Builds the virt machine with the program loaded and the terminal as the
/// console, its input from the session's `input`.
fn build(
    program: &[u8],
    name: &Path,
    drive: Option<&Path>,
    opts: &MachineArgs,
    input: &ConsoleInput,
    stdout: &ConsoleOut<Stdout>,
) -> Result<(Machine, LoadedElf)> {
    let console = StdioConsole::new(input.clone(), stdout.clone());
    let drive = match drive {
        Some(path) => Some(FileBackend::open(path, false).context("cannot open drive")?),
        None => None,
    };
    let config = VirtConfig {
        ram_bytes: opts.memory,
        deterministic: opts.deterministic,
        console: Box::new(console),
        drive: drive.map(|d| Box::new(d) as _),
        virtio_legacy: opts.virtio_legacy,
        bootargs: opts.append.clone(),
    };
    board::virt(config, program).with_context(|| format!("cannot load {}", name.display()))
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
