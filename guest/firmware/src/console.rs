//! The NS16550A UART at 0x1000_0000, polled: the firmware's own messages and
//! the SBI debug console.

use core::fmt::{self, Write};

use crate::mmio;

const UART: usize = 0x1000_0000;
const RBR: usize = 0; // receive buffer (read)
const THR: usize = 0; // transmit holding (write)
const IER: usize = 1;
const FCR: usize = 2;
const LCR: usize = 3;
const LSR: usize = 5;
const LSR_DATA_READY: u8 = 1;
const LSR_THR_EMPTY: u8 = 1 << 5;

fn reg_read(off: usize) -> u8 {
    mmio::DEVICES.read8(UART + off)
}

fn reg_write(off: usize, v: u8) {
    mmio::DEVICES.write8(UART + off, v)
}

/// 8 data bits, FIFOs on, interrupts off (the kernel turns RX on).
pub fn init() {
    reg_write(IER, 0);
    reg_write(LCR, 0x03);
    reg_write(FCR, 0x07);
}

/// Sends one byte, waiting for room.
pub fn putc(b: u8) {
    while reg_read(LSR) & LSR_THR_EMPTY == 0 {
        core::hint::spin_loop();
    }
    reg_write(THR, b);
}

/// A received byte, if one waits.
pub fn getc() -> Option<u8> {
    if reg_read(LSR) & LSR_DATA_READY != 0 {
        Some(reg_read(RBR))
    } else {
        None
    }
}

struct Uart;

impl Write for Uart {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for b in s.bytes() {
            if b == b'\n' {
                putc(b'\r');
            }
            putc(b);
        }
        Ok(())
    }
}

/// Backs `println!`.
pub fn print(args: fmt::Arguments) {
    let _ = Uart.write_fmt(args);
}

/// Prints a line on the UART.
#[macro_export]
macro_rules! println {
    ($($arg:tt)*) => {{
        $crate::console::print(format_args!($($arg)*));
        $crate::console::print(format_args!("\n"));
    }};
}
