//! An integer workload for measuring engines: CRC-32, FNV-1a hashing, a
//! heap sort, an integer matrix multiply and a sieve, repeated `ROUNDS`
//! times over data from a xorshift generator. Bare metal on the QEMU virt
//! machine: it prints a checksum on the UART and exits through the SiFive
//! test finisher (pass when the checksum matches the host's expectation).
#![no_std]
#![no_main]

use core::panic::PanicInfo;
use core::ptr::{read_volatile, write_volatile};

const UART: *mut u8 = 0x1000_0000 as *mut u8;
const UART_LSR: *const u8 = 0x1000_0005 as *const u8;
const FINISHER: *mut u32 = 0x0010_0000 as *mut u32;

/// The checksum every correct run produces (also computed on the host by
/// perf's tests, from the same source).
const EXPECTED: u32 = include!(concat!(env!("OUT_DIR"), "/intbench_expected.rs"));

core::arch::global_asm!(
    ".section .text.start",
    ".globl _start",
    "_start:",
    "la sp, __stack_top",
    "call main",
    "1: j 1b",
);

fn putc(c: u8) {
    // SAFETY: UART0 of the virt machine is mapped at this address; volatile
    // accesses reach the device registers in order.
    unsafe {
        while read_volatile(UART_LSR) & 0x20 == 0 {}
        write_volatile(UART, c);
    }
}

fn print_hex(label: &[u8], v: u32) {
    label.iter().for_each(|&c| putc(c));
    for i in (0..8).rev() {
        putc(b"0123456789abcdef"[((v >> (4 * i)) & 15) as usize]);
    }
    putc(b'\n');
}

fn finish(value: u32) -> ! {
    // SAFETY: the SiFive test finisher of the virt machine; the write ends the run.
    unsafe { write_volatile(FINISHER, value) };
    loop {}
}

#[panic_handler]
fn panic(_: &PanicInfo) -> ! {
    finish(0x3333 | (2 << 16))
}

#[unsafe(no_mangle)]
extern "C" fn main() -> ! {
    let sum = workload::run(workload::ROUNDS);
    print_hex(b"intbench checksum ", sum);
    finish(if sum == EXPECTED { 0x5555 } else { 0x3333 | (1 << 16) })
}

#[path = "intbench_work.rs"]
mod workload;
