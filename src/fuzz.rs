//! `rvjit fuzz`: the long differential campaign. Runs seeded random RV32GC
//! programs (`jit::randprog`) on the interpreter and the JIT in lockstep
//! (`jit::lockstep`), prints each mismatch with its seed and report, shows
//! progress on stderr, and exits 1 if any program disagreed.
//!
//! A seed reproduces its program exactly: `rvjit fuzz --seed S --programs 1`
//! (with the campaign's `--items`, `--threshold` and `--max-insns`).

use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{Result, anyhow};
use jit::lockstep;
use soc::machine::Stop;

use crate::output;

/// Arguments of `rvjit fuzz`.
#[derive(clap::Args)]
pub struct FuzzArgs {
    /// Programs to run.
    #[arg(long, default_value = "10000", value_name = "N")]
    programs: u64,
    /// Seed of the first program (the others follow in order).
    #[arg(long, default_value = "0", value_name = "S")]
    seed: u64,
    /// Interpreted runs before the JIT compiles a block (0: at once).
    #[arg(long, default_value = "0", value_name = "T")]
    threshold: u32,
    /// Body items of one program.
    #[arg(long, default_value = "80", value_name = "N")]
    items: u32,
    /// Instruction budget of one program.
    #[arg(long, default_value = "20000", value_name = "N")]
    max_insns: u64,
    /// Programs run in parallel.
    #[arg(long, default_value = "1", value_name = "J",
          value_parser = clap::value_parser!(u64).range(1..=64))]
    jobs: u64,
}

/// Programs between two progress lines.
const PROGRESS_EVERY: u64 = 1000;

/// How the campaign's programs ended.
#[derive(Default)]
struct Tally {
    done: u64,
    mismatches: u64,
    exited: u64,
    insn_limit: u64,
    trap_loop: u64,
    halted: u64,
    retired: u64,
}

impl Tally {
    fn line(&self, total: u64, started: Instant) -> String {
        format!(
            "fuzz: {}/{total} programs, {} mismatches; ended by finisher {}, budget {}, \
             trap loop {}, wfi {}; {} instructions; {:.1} s",
            self.done,
            self.mismatches,
            self.exited,
            self.insn_limit,
            self.trap_loop,
            self.halted,
            self.retired,
            started.elapsed().as_secs_f64()
        )
    }
}

/// Runs the campaign; exit status 1 if any program disagreed.
pub fn fuzz(args: FuzzArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let tally = Mutex::new(Tally::default());
    let first = args.seed;
    let workers: Vec<Result<()>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..args.jobs)
            .map(|job| {
                let (tally, args) = (&tally, &args);
                scope.spawn(move || {
                    let seeds = (job..args.programs).step_by(args.jobs as usize);
                    for seed in seeds.map(|i| first.wrapping_add(i)) {
                        let outcome = lockstep::random_program(
                            seed,
                            args.items,
                            args.threshold,
                            args.max_insns,
                        );
                        let mut t = tally.lock().unwrap_or_else(|e| e.into_inner());
                        t.done += 1;
                        match outcome {
                            Ok(agreed) => {
                                t.retired += agreed.retired;
                                match agreed.stop {
                                    Stop::Exit(_) => t.exited += 1,
                                    Stop::InsnLimit => t.insn_limit += 1,
                                    Stop::TrapLoop { .. } => t.trap_loop += 1,
                                    _ => t.halted += 1,
                                }
                            }
                            Err(report) => {
                                t.mismatches += 1;
                                output::line(format_args!("mismatch: {report}"))?;
                            }
                        }
                        if t.done.is_multiple_of(PROGRESS_EVERY) && t.done < args.programs {
                            output::note(format_args!("{}", t.line(args.programs, started)))?;
                        }
                    }
                    anyhow::Ok(())
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow!("a fuzz worker panicked")))
            })
            .collect()
    });
    for worker in workers {
        worker?;
    }
    let t = tally.into_inner().unwrap_or_else(|e| e.into_inner());
    output::note(format_args!("{}", t.line(args.programs, started)))?;
    Ok(if t.mismatches == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
