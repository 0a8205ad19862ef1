//! The bare-metal runtime the workloads share on the QEMU virt machine:
//! the entry point (stack, then `main`), UART output, and the end of the
//! run through the SiFive test finisher.

use core::panic::PanicInfo;
use core::ptr::{read_volatile, write_volatile};

const UART: *mut u8 = 0x1000_0000 as *mut u8;
const UART_LSR: *const u8 = 0x1000_0005 as *const u8;
const FINISHER: *mut u32 = 0x0010_0000 as *mut u32;

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

/// Prints `label` and the checksum `sum`, then ends the run: pass when it
/// is `expected`, fail (code 1) otherwise.
pub fn report(label: &[u8], sum: u32, expected: u32) -> ! {
    print_hex(label, sum);
    finish(if sum == expected {
        0x5555
    } else {
        0x3333 | (1 << 16)
    })
}

#[panic_handler]
fn panic(_: &PanicInfo) -> ! {
    finish(0x3333 | (2 << 16))
}
