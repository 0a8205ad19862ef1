//! The console's line discipline: input is edited a line at a time (echo,
//! backspace) and handed to readers when Enter or Ctrl-D ends it; Ctrl-C
//! asks the kernel to interrupt the foreground program.

use alloc::collections::VecDeque;
use alloc::vec::Vec;

use crate::uart;

const CTRL_C: u8 = 0x03;
const CTRL_D: u8 = 0x04;
const BACKSPACE: u8 = 0x08;
const DELETE: u8 = 0x7f;
/// Longest line kept; further characters are dropped (and not echoed).
const LINE_MAX: usize = 256;
/// Unread input kept; lines past it are dropped (nobody is reading).
const READY_MAX: usize = 4096;

/// What the kernel must do after a keystroke.
#[derive(Debug, PartialEq, Eq)]
pub enum Event {
    /// Nothing beyond the echo.
    None,
    /// Input became readable (a line, or end of input): wake readers.
    Readable,
    /// Ctrl-C: interrupt the foreground program.
    Interrupt,
}

/// Input state.
pub struct Console {
    /// The line being edited.
    line: Vec<u8>,
    /// Finished lines not yet read.
    ready: VecDeque<u8>,
    /// Ctrl-D on an empty line: the next read returns 0.
    eof: bool,
}

impl Console {
    /// No input yet.
    pub const fn new() -> Console {
        Console {
            line: Vec::new(),
            ready: VecDeque::new(),
            eof: false,
        }
    }

    /// Applies one received byte.
    pub fn input(&mut self, b: u8) -> Event {
        match b {
            CTRL_C => {
                self.line.clear();
                uart::write_bytes(b"^C\n");
                Event::Interrupt
            }
            CTRL_D => {
                if self.line.is_empty() {
                    self.eof = true;
                } else {
                    self.ready.extend(self.line.drain(..));
                }
                Event::Readable
            }
            BACKSPACE | DELETE => {
                if self.line.pop().is_some() {
                    uart::write_bytes(b"\x08 \x08");
                }
                Event::None
            }
            b'\r' | b'\n' => {
                self.line.push(b'\n');
                if self.ready.len() + self.line.len() <= READY_MAX {
                    self.ready.extend(self.line.drain(..));
                } else {
                    self.line.clear();
                }
                uart::write_bytes(b"\n");
                Event::Readable
            }
            _ if self.line.len() < LINE_MAX => {
                self.line.push(b);
                uart::putc(b);
                Event::None
            }
            _ => Event::None,
        }
    }

    /// Reads up to `buf.len()` bytes, stopping after a newline; `None` if a
    /// reader must wait, `Some(0)` at end of input.
    pub fn read(&mut self, buf: &mut [u8]) -> Option<usize> {
        if self.ready.is_empty() {
            if self.eof {
                self.eof = false;
                return Some(0);
            }
            return None;
        }
        let mut n = 0;
        while n < buf.len() {
            let Some(b) = self.ready.pop_front() else {
                break;
            };
            buf[n] = b;
            n += 1;
            if b == b'\n' {
                break;
            }
        }
        Some(n)
    }
}
