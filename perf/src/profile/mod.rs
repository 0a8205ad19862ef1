//! The guest profiler behind `rvjit profile`: the guest pc sampled every N
//! retired instructions, call stacks rebuilt from frame pointers and named
//! from ELF symbols (for our guest OS, the user program the kernel says
//! is running: [`programs`]), written as a flamegraph (inferno) and a
//! top-N text summary.
//!
//! Sampling needs no engine support: soc's run loop stops engines exactly
//! at an instruction count, so [`run`] runs the machine N instructions at
//! a time and samples between the runs. The same program with
//! deterministic time therefore gives the same profile on every engine.

pub mod programs;
pub mod report;
pub mod sampler;
pub mod stack;
pub mod symbols;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use soc::machine::{Engine, Machine, RunLimits, Stop};

use sampler::Sampler;

/// Runs `m` on `engine` until it stops (or `max_insns` ran, or `quit` is
/// set), sampling it every `every` retired instructions; `every` is at
/// least 1.
pub fn run(
    m: &mut Machine,
    engine: &mut dyn Engine,
    sampler: &mut Sampler,
    every: u64,
    max_insns: Option<u64>,
    quit: Option<Arc<AtomicBool>>,
) -> Stop {
    let limit = max_insns.map_or(u64::MAX, |n| m.hart.retired.saturating_add(n));
    loop {
        let left = limit.saturating_sub(m.hart.retired);
        let limits = RunLimits {
            max_insns: Some(every.max(1).min(left)),
            quit: quit.clone(),
        };
        match m.run(engine, &limits) {
            Stop::InsnLimit if m.hart.retired < limit => sampler.sample(m),
            stop => return stop,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workload::{self, INTBENCH_ELF};
    use symbols::Symbols;

    #[test]
    fn the_intbench_profile_is_hottest_in_its_kernels() {
        let elf = std::fs::read(INTBENCH_ELF).unwrap();
        let (mut m, _console) = workload::machine(&elf).unwrap();
        let mut sampler = Sampler::new(Symbols::from_elf(&elf).unwrap());
        let stop = run(
            &mut m,
            &mut interp::Interp::new(),
            &mut sampler,
            10_007,
            None,
            None,
        );
        assert_eq!(stop, Stop::Exit(0));
        let profile = sampler.profile();
        assert_eq!(profile.samples(), m.hart.retired / 10_007);
        let top = profile.top(3);
        let kernels = ["crc32", "fnv1a", "heap_sort", "sift", "matmul", "sieve"];
        for hot in &top {
            assert!(kernels.iter().any(|k| hot.name.contains(k)), "{top:?}");
        }
        // Frames are walked: the kernels sit under `main`.
        assert!(
            profile
                .collapsed()
                .iter()
                .all(|l| l.starts_with("main;") || l.starts_with("_start")),
            "{:?}",
            &profile.collapsed()[..3]
        );
        // The same run samples the same stacks.
        let (mut m2, _) = workload::machine(&elf).unwrap();
        let mut again = Sampler::new(Symbols::from_elf(&elf).unwrap());
        run(
            &mut m2,
            &mut interp::Interp::new(),
            &mut again,
            10_007,
            None,
            None,
        );
        assert_eq!(again.profile().collapsed(), profile.collapsed());
    }
}
