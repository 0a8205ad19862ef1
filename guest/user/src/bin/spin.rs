//! spin [STEPS [LABEL]]: CPU-bound work that prints its progress, to show
//! preemption: several spins and the shell all make progress. A step is
//! 250 ms of wall-clock time spent computing (never sleeping), so the
//! steps of two spins interleave when the scheduler shares the processor.
#![no_std]
#![no_main]

use ulib::{println, sys};

ulib::entry!(main);

/// Wall-clock milliseconds per step.
const STEP_MS: usize = 250;

/// Computes until `STEP_MS` have passed, never optimized away.
fn work(seed: u32) -> u32 {
    let mut x = seed;
    let start = sys::uptime();
    while sys::uptime() - start < STEP_MS {
        for _ in 0..10_000 {
            x = core::hint::black_box(x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223));
        }
    }
    x
}

fn main(args: &[&str]) -> i32 {
    let steps: u32 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    let pid = sys::getpid();
    let label = args.get(2).copied().unwrap_or("spin");
    let start = sys::uptime();
    let mut x = pid as u32;
    for step in 1..=steps {
        x = work(x);
        println!(
            "{}[{}]: step {}/{} at {} ms",
            label,
            pid,
            step,
            steps,
            sys::uptime() - start
        );
    }
    println!("{}[{}]: done ({:08x})", label, pid, x);
    0
}
