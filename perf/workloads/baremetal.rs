//! What the bare-metal workloads share on the QEMU virt machine: the entry
//! point (stack, the FPU on: mstatus.FS initial; a trap fails with code 3),
//! UART output, and the SiFive test finisher (pass, or fail with a code; a
//! panic fails with code 2).

use core::panic::PanicInfo;
use core::ptr::{read_volatile, write_volatile};

const UART: *mut u8 = 0x1000_0000 as *mut u8;
const UART_LSR: *const u8 = 0x1000_0005 as *const u8;
const FINISHER: *mut u32 = 0x0010_0000 as *mut u32;

// The entry point every bare-metal program shares (see the file).
core::arch::global_asm!(include_str!("../../rvbuild/start.s"), options(raw));

fn putc(c: u8) {
    // SAFETY: UART0 of the virt machine is mapped at this address; volatile
    // accesses reach the device registers in order.
    unsafe {
        while read_volatile(UART_LSR) & 0x20 == 0 {}
        write_volatile(UART, c);
    }
}

/// Prints `label`, then the low `digits` hex digits of `v` and a newline.
pub fn print_hex(label: &[u8], v: u64, digits: u32) {
    label.iter().for_each(|&c| putc(c));
    for i in (0..digits).rev() {
        putc(b"0123456789abcdef"[((v >> (4 * i)) & 15) as usize]);
    }
    putc(b'\n');
}

/// Ends the run: pass, or fail with `code`.
pub fn finish(pass: bool, code: u32) -> ! {
    let value = if pass { 0x5555 } else { 0x3333 | (code << 16) };
    // SAFETY: the SiFive test finisher of the virt machine; the write ends the run.
    unsafe { write_volatile(FINISHER, value) };
    loop {}
}

#[panic_handler]
fn panic(_: &PanicInfo) -> ! {
    finish(false, 2)
}
