//! An integer workload for measuring engines: CRC-32, FNV-1a hashing, a
//! heap sort, an integer matrix multiply and a sieve, repeated `ROUNDS`
//! times over data from a xorshift generator. Bare metal on the QEMU virt
//! machine: it prints a checksum on the UART and exits through the SiFive
//! test finisher (pass when the checksum matches the host's expectation).
#![no_std]
#![no_main]

mod baremetal;

/// The checksum every correct run produces (also computed on the host by
/// perf's tests, from the same source).
#[cfg(not(long_run))]
const EXPECTED: u32 = include!(concat!(env!("OUT_DIR"), "/intbench_expected.rs"));
#[cfg(long_run)]
const EXPECTED: u32 = include!(concat!(env!("OUT_DIR"), "/intbench_expected_long.rs"));

#[cfg(not(long_run))]
const ROUNDS: u32 = workload::ROUNDS;
#[cfg(long_run)]
const ROUNDS: u32 = workload::LONG_ROUNDS;

#[unsafe(no_mangle)]
extern "C" fn main() -> ! {
    let sum = workload::run(ROUNDS);
    baremetal::print_hex(b"intbench checksum ", u64::from(sum), 8);
    baremetal::finish(sum == EXPECTED, 1)
}

#[path = "intbench_work.rs"]
mod workload;
