//! `print!`, `println!`, `eprint!`, `eprintln!`: formatted output to fds 1
//! and 2, whatever they are (console or file). Each call is gathered in a
//! small buffer first so that a line usually goes out in one write and
//! lines of concurrent processes do not mix.
//!
//! A failed write to standard output (a full disk behind `> file`) is
//! remembered: when `main` returns, the runtime reports it and the program
//! exits with status 1 ([`check_stdout`]), as C programs that check
//! `ferror(stdout)` at exit do.

use abi::Errno;
use core::fmt::{self, Write};
use spin::Mutex;

/// The first error writing to fd 1, if any.
static STDOUT_ERROR: Mutex<Option<Errno>> = Mutex::new(None);

struct FdWriter {
    fd: usize,
    buf: [u8; 256],
    len: usize,
}

impl FdWriter {
    fn flush(&mut self) {
        if self.len > 0 {
            if let Err(e) = crate::fs::write(self.fd, &self.buf[..self.len])
                && self.fd == 1
            {
                STDOUT_ERROR.lock().get_or_insert(e);
            }
            self.len = 0;
        }
    }
}

impl Write for FdWriter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for &b in s.as_bytes() {
            if self.len == self.buf.len() {
                self.flush();
            }
            self.buf[self.len] = b;
            self.len += 1;
        }
        Ok(())
    }
}

/// Formats `args` to file descriptor `fd` (the macros' back end).
pub fn print_to(fd: usize, args: fmt::Arguments) {
    let mut w = FdWriter {
        fd,
        buf: [0; 256],
        len: 0,
    };
    let _ = w.write_fmt(args);
    w.flush();
}

/// The exit status of a program whose `main` returned `code`: 1 (after
/// saying why on standard error) if a write to standard output failed.
pub fn check_stdout(program: &str, code: i32) -> i32 {
    let Some(e) = *STDOUT_ERROR.lock() else {
        return code;
    };
    print_to(2, format_args!("{program}: write error: {}\n", e.message()));
    if code == 0 { 1 } else { code }
}

/// Prints to standard output (fd 1).
#[macro_export]
macro_rules! print {
    ($($arg:tt)*) => { $crate::io::print_to(1, format_args!($($arg)*)) };
}

/// Prints a line to standard output (fd 1).
#[macro_export]
macro_rules! println {
    () => { $crate::print!("\n") };
    ($($arg:tt)*) => { $crate::io::print_to(1, format_args!("{}\n", format_args!($($arg)*))) };
}

/// Prints to standard error (fd 2).
#[macro_export]
macro_rules! eprint {
    ($($arg:tt)*) => { $crate::io::print_to(2, format_args!($($arg)*)) };
}

/// Prints a line to standard error (fd 2).
#[macro_export]
macro_rules! eprintln {
    () => { $crate::eprint!("\n") };
    ($($arg:tt)*) => { $crate::io::print_to(2, format_args!("{}\n", format_args!($($arg)*))) };
}
