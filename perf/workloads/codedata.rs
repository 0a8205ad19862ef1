//! Stores next to code: the loop of `codedata_work.rs` writing a table of
//! counters that, in the `near_code` build, lies in the same 4 KiB page as
//! the loop (in `.text`, in 64-byte lines of its own) and otherwise on a
//! page of its own. An engine that watches code per page (or QEMU, which
//! loses about 60× here) slows down on the near build; rvjit watches code
//! per 64-byte line, so both builds run at about the same speed. Bare metal
//! on the QEMU virt machine; prints a checksum and exits through the
//! finisher (pass when it matches the host's).
#![no_std]
#![no_main]

use core::sync::atomic::AtomicU32;

mod baremetal;

#[path = "codedata_work.rs"]
mod workload;

/// The checksum every correct run produces.
const EXPECTED: u32 = include!(concat!(env!("OUT_DIR"), "/codedata_expected.rs"));

/// The counters: 64-byte aligned next to the code, page aligned apart.
#[cfg(near_code)]
#[repr(C, align(64))]
struct Counters([AtomicU32; workload::WORDS]);
#[cfg(not(near_code))]
#[repr(C, align(4096))]
struct Counters([AtomicU32; workload::WORDS]);

#[cfg_attr(near_code, unsafe(link_section = ".text.counters"))]
static COUNTERS: Counters = Counters([const { AtomicU32::new(0) }; workload::WORDS]);

#[unsafe(no_mangle)]
extern "C" fn main() -> ! {
    let sum = workload::run(&COUNTERS.0, workload::ITERATIONS);
    baremetal::print_hex(b"codedata checksum ", u64::from(sum), 8);
    baremetal::finish(sum == EXPECTED, 1)
}
