//! The harness behind `rvjit bench`: runs one workload in each column
//! (in-process engines, the native build, QEMU), all in one invocation,
//! interleaved when there are several runs (run 1 of every column, then
//! run 2, ...) so that drift of the machine hits all columns alike, and
//! gathers the [`Report`].
//!
//! Engines are the caller's: a column names an engine of type `E`, and
//! the caller's `engine` function runs an ELF on one (see [`crate::guest`]).
//! The pipeline model's estimate, when asked for, comes from one more run
//! on the interpreter, which feeds the model (and is not timed as a column).

use std::sync::{Arc, Mutex, PoisonError};

use interp::Interp;

use crate::clock::{Cpu, Stopwatch};
use crate::pipeline::{Pipeline, PipelineConfig};
use crate::progress::RunBar;
use crate::qemu::Qemu;
use crate::report::{ColumnReport, CourseFigure, PipelineReport, Report};
use crate::workload::Workload;
use crate::{BenchError, Measured};

/// What runs in a column.
#[derive(Clone, Debug)]
pub enum Column<E> {
    /// An in-process engine of the caller's.
    Engine(E),
    /// The workload's native build, on the host.
    Native,
    /// The same ELF on `qemu-system-riscv32`.
    Qemu(Qemu),
}

/// Runs `elf` on engine `E`, handing UART output on as it arrives.
pub type EngineRunner<'a, E> =
    dyn Fn(E, &[u8], &mut dyn FnMut(&[u8])) -> Result<Measured, BenchError> + 'a;

/// Runs `workload` `runs` times in each of `columns` (named), interleaved,
/// and reports medians, instruction rates and whether each column wrote
/// what the native build writes; then, given a `pipeline` configuration,
/// the model's estimate beside the course's figures.
pub fn run<E: Copy>(
    workload: &Workload,
    columns: &[(String, Column<E>)],
    runs: u32,
    engine: &EngineRunner<E>,
    pipeline: Option<&PipelineConfig>,
) -> Result<Report, BenchError> {
    let mut measured: Vec<Vec<Measured>> = columns.iter().map(|_| Vec::new()).collect();
    for r in 0..runs {
        for ((name, column), results) in columns.iter().zip(&mut measured) {
            let label = if runs > 1 {
                format!("{name} {}/{runs}", r + 1)
            } else {
                name.clone()
            };
            let mut bar = RunBar::new(&label, workload.progress);
            let m = match column {
                Column::Engine(e) => engine(*e, &workload.elf, &mut |b| bar.feed(b))?,
                Column::Qemu(q) => q.run(&workload.elf, &mut |b| bar.feed(b))?,
                Column::Native => {
                    let watch = Stopwatch::start(Cpu::Thread);
                    let output = (workload.native)();
                    bar.feed(&output);
                    Measured {
                        times: watch.stop(),
                        insns: None,
                        output,
                        exit: Ok(0),
                    }
                }
            };
            bar.finish(&format!("{:.3} s", m.times.wall.as_secs_f64()));
            results.push(m);
        }
    }
    let native_at = columns
        .iter()
        .position(|(_, c)| matches!(c, Column::Native));
    let reference = match native_at.and_then(|i| measured[i].first()) {
        Some(m) => m.output.clone(),
        None => (workload.native)(),
    };
    // The same ELF retires the same instructions everywhere (deterministic
    // time): QEMU's rate uses the engines' count.
    let guest_insns = measured.iter().flatten().find_map(|m| m.insns);
    let columns = columns
        .iter()
        .zip(&measured)
        .map(|((name, column), runs)| {
            let insns = match column {
                Column::Qemu(_) => guest_insns,
                _ => runs.iter().find_map(|m| m.insns),
            };
            ColumnReport::new(name, runs, insns, &reference)
        })
        .collect();
    let pipeline = match pipeline {
        Some(config) => Some(estimate(workload, config, &reference)?),
        None => None,
    };
    Ok(Report {
        workload: workload.title.clone(),
        runs,
        columns,
        course: match pipeline {
            Some(_) => CourseFigure::all(),
            None => Vec::new(),
        },
        pipeline,
    })
}

/// Runs `workload` once on the interpreter feeding a pipeline model with
/// `config`'s timing, and reports its estimate.
fn estimate(
    workload: &Workload,
    config: &PipelineConfig,
    reference: &[u8],
) -> Result<PipelineReport, BenchError> {
    let model = Arc::new(Mutex::new(Pipeline::new(config.clone())));
    let mut interp = Interp::new();
    interp.set_observer(Box::new(model.clone()));
    let mut bar = RunBar::new("pipeline model", workload.progress);
    let run = crate::guest::run(&workload.elf, &mut interp, &mut |b| bar.feed(b))?;
    let estimate = model
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .estimate();
    bar.finish(&format!(
        "{:.3} s at {} MHz",
        estimate.seconds, config.clock_mhz
    ));
    Ok(PipelineReport::new(
        &estimate,
        config.clock_mhz,
        &run,
        reference,
    ))
}
