//! The floating-point workload for measuring engines (see
//! `fpbench_work.rs`): built twice, f32 (riscv32imafc) and, with
//! `--cfg fpbench_f64` and the D extension, f64. Bare metal on the QEMU
//! virt machine: it prints its checksum on the UART and exits through the
//! SiFive test finisher (pass when the checksum matches the host's).
#![no_std]
#![no_main]

mod baremetal;

#[path = "fpbench_work.rs"]
#[macro_use]
mod workload;

use workload::Real;

#[cfg(fpbench_f64)]
type R = f64;
#[cfg(not(fpbench_f64))]
type R = f32;

#[cfg(all(fpbench_f64, not(long_run)))]
const EXPECTED: u64 = include!(concat!(env!("OUT_DIR"), "/fpbench_expected_f64.rs"));
#[cfg(all(not(fpbench_f64), not(long_run)))]
const EXPECTED: u64 = include!(concat!(env!("OUT_DIR"), "/fpbench_expected_f32.rs"));
#[cfg(all(fpbench_f64, long_run))]
const EXPECTED: u64 = include!(concat!(env!("OUT_DIR"), "/fpbench_expected_f64_long.rs"));
#[cfg(all(not(fpbench_f64), long_run))]
const EXPECTED: u64 = include!(concat!(env!("OUT_DIR"), "/fpbench_expected_f32_long.rs"));

#[cfg(not(long_run))]
const STEPS: u32 = workload::STEPS;
#[cfg(long_run)]
const STEPS: u32 = workload::LONG_STEPS;

#[cfg(fpbench_f64)]
const LABEL: &[u8] = b"fpbench f64 checksum ";
#[cfg(not(fpbench_f64))]
const LABEL: &[u8] = b"fpbench f32 checksum ";

/// The square root instruction of the build's precision.
fn fsqrt(x: R) -> R {
    let y: R;
    // SAFETY: fsqrt reads one FP register and writes another; no memory.
    #[cfg(fpbench_f64)]
    unsafe {
        core::arch::asm!("fsqrt.d {y}, {x}", x = in(freg) x, y = lateout(freg) y, options(pure, nomem, nostack));
    }
    // SAFETY: as above, single precision.
    #[cfg(not(fpbench_f64))]
    unsafe {
        core::arch::asm!("fsqrt.s {y}, {x}", x = in(freg) x, y = lateout(freg) y, options(pure, nomem, nostack));
    }
    y
}

impl_real!(R, fsqrt);

#[unsafe(no_mangle)]
extern "C" fn main() -> ! {
    let sum = workload::run::<R>(STEPS);
    baremetal::print_hex(LABEL, sum, 16);
    baremetal::finish(sum == EXPECTED, 1)
}
