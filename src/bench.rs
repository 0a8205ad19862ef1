//! `rvjit bench`: runs a shipped workload (min-rt, the integer and the FP
//! workload) on each engine, natively and on QEMU, in one invocation, and
//! prints the table (see perf's `bench` and `report`), optionally also as
//! CSV, JSON and an SVG chart, with `--pipeline` the 210 MHz pipeline
//! model's estimate beside them. The engines are those of `--engine`
//! ([`EngineKind`]); [`run_on`] is the one place that starts one.
//!
//! Exit status: 0 when every column wrote the native output, 1 when one
//! failed or differs, 2 for bad input.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::ValueEnum;
use interp::Interp;
use jit::Jit;
use perf::bench::{self, Column};
use perf::qemu::Qemu;
use perf::workload::{self, Length, Precision, Workload};
use perf::{BenchError, Measured};

use crate::output;
use crate::session::{self, EngineKind};

/// Arguments of `rvjit bench`.
#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BenchArgs {
    #[command(subcommand)]
    workload: Option<WorkloadCommand>,
    /// List the workloads and the engines.
    #[arg(long)]
    list: bool,
}

#[derive(clap::Subcommand)]
enum WorkloadCommand {
    /// min-rt, the CPU course's ray tracer (bare metal).
    Raytrace(RaytraceArgs),
    /// The integer workload.
    Int(IntArgs),
    /// The floating-point workload (n-body).
    Fp(FpArgs),
}

/// Options every workload takes.
#[derive(clap::Args)]
struct CommonArgs {
    /// Columns, comma-separated: the engines, native, qemu (default: all;
    /// qemu when installed).
    #[arg(long, value_delimiter = ',', value_parser = parse_column, value_name = "LIST")]
    engines: Vec<String>,
    /// Runs per column, interleaved.
    #[arg(long, default_value = "1", value_parser = clap::value_parser!(u32).range(1..=1000))]
    runs: u32,
    /// Also write the table as CSV to FILE.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Also write the table as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Write a chart of the wall times (SVG) to FILE.
    #[arg(long, value_name = "FILE.svg")]
    chart: Option<PathBuf>,
    /// Add the course's 210 MHz pipeline model's estimate (latencies from
    /// CONFIG, a TOML file; perf/pipeline.toml has the defaults), from one
    /// more run on the interpreter, beside the course's figures.
    #[arg(long, value_name = "CONFIG", num_args = 0..=1)]
    pipeline: Option<Option<PathBuf>>,
}

#[derive(clap::Args)]
struct RaytraceArgs {
    /// The SLD scene (default: contest.sld, the course scene).
    #[arg(long, value_name = "FILE")]
    scene: Option<PathBuf>,
    /// Image width and height in pixels.
    #[arg(long, default_value = "128", value_name = "N")]
    size: u32,
    /// Floating-point precision of the build.
    #[arg(long, default_value = "f32", value_parser = parse_precision)]
    precision: Precision,
    /// Keep the first column's picture (PPM) in FILE.
    #[arg(long, value_name = "OUT.ppm")]
    image: Option<PathBuf>,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(clap::Args)]
struct IntArgs {
    /// Run the short build (about 100 M instructions, as tests do)
    /// instead of the 1 G one.
    #[arg(long)]
    short: bool,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(clap::Args)]
struct FpArgs {
    /// Floating-point precision of the build.
    #[arg(long, default_value = "f64", value_parser = parse_precision)]
    precision: Precision,
    /// Run the short build (about 100 M instructions, as tests do)
    /// instead of the 1 G one.
    #[arg(long)]
    short: bool,
    #[command(flatten)]
    common: CommonArgs,
}

/// The workload length `--short` picks.
fn length(short: bool) -> Length {
    match short {
        true => Length::Short,
        false => Length::Long,
    }
}

/// A column asked for with `--engines`.
#[derive(Clone, Copy, Debug)]
enum Choice {
    Engine(EngineKind),
    Native,
    Qemu,
}

/// Every column name: the engines of `--engine`, then native and qemu.
fn choices() -> Vec<(String, Choice)> {
    let engines = EngineKind::value_variants().iter().filter_map(|&e| {
        e.to_possible_value()
            .map(|v| (v.get_name().to_owned(), Choice::Engine(e)))
    });
    engines
        .chain([
            ("native".to_owned(), Choice::Native),
            ("qemu".to_owned(), Choice::Qemu),
        ])
        .collect()
}

/// Checks a column name given to `--engines`.
fn parse_column(text: &str) -> Result<String, String> {
    let all = choices();
    all.iter()
        .find(|(name, _)| name == text)
        .map(|(name, _)| name.clone())
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
            format!("unknown engine '{text}' (use {})", names.join(", "))
        })
}

fn parse_precision(text: &str) -> Result<Precision, String> {
    match text {
        "f32" => Ok(Precision::F32),
        "f64" => Ok(Precision::F64),
        _ => Err(format!("invalid precision '{text}' (use f32 or f64)")),
    }
}

/// Runs `elf` on `engine`: the bench's one contact with the engines.
fn run_on(
    engine: EngineKind,
    elf: &[u8],
    on_output: &mut dyn FnMut(&[u8]),
) -> Result<Measured, BenchError> {
    match engine {
        EngineKind::Interp => perf::guest::run(elf, &mut Interp::new(), on_output),
        EngineKind::Jit => {
            let mut jit = Jit::new(jit::DEFAULT_THRESHOLD, None)
                .map_err(|e| BenchError::Input(format!("cannot start the jit: {e}")))?;
            perf::guest::run(elf, &mut jit, on_output)
        }
    }
}

/// Runs `rvjit bench`.
pub fn bench(args: BenchArgs) -> Result<ExitCode> {
    let Some(command) = args.workload else {
        if args.list {
            return list();
        }
        bail!("bench needs a workload: raytrace, int or fp (or --list)");
    };
    let (workload, common, image) = match command {
        WorkloadCommand::Raytrace(a) => {
            let (name, scene) = match &a.scene {
                Some(path) => (
                    path.file_name().map_or(path.display().to_string(), |n| {
                        n.to_string_lossy().into_owned()
                    }),
                    std::fs::read(path)
                        .with_context(|| format!("cannot read {}", path.display()))?,
                ),
                None => ("contest.sld".to_owned(), workload::CONTEST_SLD.to_vec()),
            };
            let w = Workload::raytrace(&name, scene, a.size, a.precision)?;
            (w, a.common, a.image)
        }
        WorkloadCommand::Int(a) => (Workload::int(length(a.short)), a.common, None),
        WorkloadCommand::Fp(a) => (Workload::fp(a.precision, length(a.short)), a.common, None),
    };
    let columns = columns(&common.engines)?;
    let pipeline = match &common.pipeline {
        Some(file) => Some(session::pipeline_config(file.as_deref())?),
        None => None,
    };
    let report = bench::run(&workload, &columns, common.runs, &run_on, pipeline.as_ref())?;
    output::line(format_args!("{}", report.table().trim_end()))?;
    let write = |path: &Path, text: &[u8]| {
        std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
    };
    if let Some(path) = &common.csv {
        write(path, report.csv().as_bytes())?;
    }
    if let Some(path) = &common.json {
        write(path, report.json().as_bytes())?;
    }
    if let Some(path) = &common.chart {
        write(
            path,
            perf::chart::svg(&report)
                .map_err(anyhow::Error::msg)?
                .as_bytes(),
        )?;
    }
    if let (Some(path), Some(first)) = (&image, report.columns.first()) {
        write(path, &first.output)?;
    }
    Ok(if report.all_match() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The columns to run: those asked for, or every engine, native, and qemu
/// when it is installed.
fn columns(asked: &[String]) -> Result<Vec<(String, Column<EngineKind>)>> {
    let explicit = !asked.is_empty();
    let mut out = Vec::new();
    for (name, choice) in choices() {
        if explicit && !asked.contains(&name) {
            continue;
        }
        let column = match choice {
            Choice::Engine(e) => Column::Engine(e),
            Choice::Native => Column::Native,
            Choice::Qemu => match Qemu::find() {
                Ok(q) => Column::Qemu(q),
                Err(e) if explicit => return Err(e.into()),
                Err(e) => {
                    output::note(format_args!("rvjit: {e}: no qemu column"))?;
                    continue;
                }
            },
        };
        out.push((name, column));
    }
    // In the order given on the command line.
    if explicit {
        out.sort_by_key(|(name, _)| asked.iter().position(|a| a == name));
    }
    Ok(out)
}

/// `rvjit bench --list`.
fn list() -> Result<ExitCode> {
    output::line(format_args!("workloads:"))?;
    for (name, about) in workload::LIST {
        output::line(format_args!("  {name:<9} {about}"))?;
    }
    let names: Vec<String> = choices().into_iter().map(|(n, _)| n).collect();
    let qemu = match Qemu::find() {
        Ok(q) => format!("{} found at {}", perf::qemu::QEMU, q.path().display()),
        Err(e) => e.to_string(),
    };
    output::line(format_args!("engines: {} ({qemu})", names.join(", ")))?;
    Ok(ExitCode::SUCCESS)
}
