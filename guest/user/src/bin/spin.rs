//! spin [STEPS [LABEL]]: CPU-bound work that prints its progress, to show
//! preemption: several spins and the shell all make progress.
#![no_std]
#![no_main]

use ulib::{println, sys};

ulib::entry!(main);

/// About a tenth of a second of arithmetic, never optimized away.
fn work(seed: u32) -> u32 {
    let mut x = seed;
    for _ in 0..2_000_000 {
        x = core::hint::black_box(x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223));
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
