//! The computation of the code-and-data workload, shared by the guest
//! program and the host (which computes the expected checksum from the
//! same source): a xorshift stream counted into a small table, one load and
//! one store per value.

use core::sync::atomic::{AtomicU32, Ordering::Relaxed};

/// Work size: values counted (about 50 million instructions).
pub const ITERATIONS: u32 = 4_000_000;
/// Counters in the table.
pub const WORDS: usize = 64;

/// Adds `iterations` xorshift values into `counts`; returns a hash of the
/// final counts.
pub fn run(counts: &[AtomicU32; WORDS], iterations: u32) -> u32 {
    let mut x = 0x1234_5678u32;
    for _ in 0..iterations {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        let c = &counts[x as usize % WORDS];
        c.store(c.load(Relaxed).wrapping_add(x), Relaxed);
    }
    counts.iter().fold(0x811c_9dc5, |h, c| {
        (h ^ c.load(Relaxed)).wrapping_mul(0x0100_0193)
    })
}
