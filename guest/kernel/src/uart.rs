//! The NS16550A UART at 0x1000_0000: polled output, interrupt-driven input
//! (IER bit 0: "received data available", PLIC line 10).

use core::fmt::{self, Write};

use crate::arch::mmio;

/// The UART's PLIC interrupt line on `virt`.
pub const IRQ: u32 = 10;

const BASE: usize = 0x1000_0000;
const RBR: usize = 0;
const THR: usize = 0;
const IER: usize = 1;
const LSR: usize = 5;
const LSR_DATA_READY: u8 = 1;
const LSR_THR_EMPTY: u8 = 1 << 5;

/// Byte accesses are what the device expects.
fn read(off: usize) -> u8 {
    mmio::DEVICES.read8(BASE + off)
}

fn write(off: usize, v: u8) {
    mmio::DEVICES.write8(BASE + off, v)
}

/// Turns on the receive interrupt (the firmware set the line format).
pub fn enable_rx_interrupt() {
    write(IER, 1);
}

/// Sends one byte, waiting for room in the transmitter.
pub fn putc(b: u8) {
    while read(LSR) & LSR_THR_EMPTY == 0 {
        core::hint::spin_loop();
    }
    write(THR, b);
}

/// A received byte, if any.
pub fn getc() -> Option<u8> {
    if read(LSR) & LSR_DATA_READY != 0 {
        Some(read(RBR))
    } else {
        None
    }
}

/// Writes bytes, turning "\n" into "\r\n" for the terminal.
pub fn write_bytes(bytes: &[u8]) {
    for &b in bytes {
        if b == b'\n' {
            putc(b'\r');
        }
        putc(b);
    }
}

struct Uart;

impl Write for Uart {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        write_bytes(s.as_bytes());
        Ok(())
    }
}

/// Backs `print!`. The kernel is single-hart and never preempted, so whole
/// messages come out in one piece without a lock.
pub fn print(args: fmt::Arguments) {
    let _ = Uart.write_fmt(args);
}

/// Prints to the console.
#[macro_export]
macro_rules! print {
    ($($arg:tt)*) => { $crate::uart::print(format_args!($($arg)*)) };
}

/// Prints a line to the console.
#[macro_export]
macro_rules! println {
    () => { $crate::print!("\n") };
    ($($arg:tt)*) => {{ $crate::uart::print(format_args!($($arg)*)); $crate::print!("\n"); }};
}
