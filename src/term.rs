//! The terminal as the guest's console: raw mode while the guest runs (so
//! keys reach the UART unprocessed), standard input read once per session
//! and watched for QEMU's escape, Ctrl-A x, to quit, and for input that is
//! not a terminal (a pipe, a file) its end delivered as a terminal's Ctrl-D
//! would be, so that `rvjit boot < script.txt` ends; on the output side, a
//! console that cannot be written (a closed pipe, a full disk) ends the run.

use std::io::{self, IsTerminal, Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use nix::sys::termios::{self, SetArg, Termios};
use soc::dev::console::{ConsoleInput, WhenFull};

/// Restores the terminal's settings when dropped.
pub struct RawMode {
    saved: Termios,
}

impl RawMode {
    /// Puts stdin in raw mode if it is a terminal; `None` for pipes and
    /// files, which need nothing.
    pub fn enter() -> Option<RawMode> {
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            return None;
        }
        let saved = termios::tcgetattr(&stdin).ok()?;
        let mut raw = saved.clone();
        termios::cfmakeraw(&mut raw);
        // Keep output post-processing so that the guest's "\n" still
        // returns the carriage on the host terminal.
        raw.output_flags = saved.output_flags;
        termios::tcsetattr(&stdin, SetArg::TCSANOW, &raw).ok()?;
        Some(RawMode { saved })
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        // Best effort: nothing more can be done if the terminal went away.
        let _ = termios::tcsetattr(std::io::stdin(), SetArg::TCSANOW, &self.saved);
    }
}

/// The guest's console input for a whole session (every machine it builds,
/// one per guest reset, takes from this one reader of standard input):
/// watched for Ctrl-A x, which sets `quit`, and for input that is not a
/// terminal, ending as `input_end` says.
pub fn stdin_input(input_end: InputEnd, quit: Arc<AtomicBool>) -> ConsoleInput {
    let stdin = io::stdin();
    if stdin.is_terminal() {
        // Ctrl-A x is seen only by reading, so a terminal is read on even
        // while the guest takes nothing, and what does not fit is dropped,
        // as an overrunning UART drops it (the guest sees LSR.OE): the user
        // can always quit, however far behind the guest is (QEMU's escape
        // stops working once its 32-byte multiplexer buffer is full). Typing
        // needs no back-pressure: a typist cannot be stalled, and a pasted
        // page fits the buffer.
        return ConsoleInput::spawn(EscapeReader::new(stdin, quit), WhenFull::Drop);
    }
    // A pipe or a file is a script that relies on every byte: back-pressure,
    // never a drop. A Ctrl-A x in it is seen once the guest has come within
    // the buffer's size of it.
    match input_end {
        InputEnd::Nothing => ConsoleInput::spawn(EscapeReader::new(stdin, quit), WhenFull::Wait),
        InputEnd::CtrlD => ConsoleInput::spawn(
            EscapeReader::new(EndOfInput::new(stdin), quit),
            WhenFull::Wait,
        ),
    }
}

/// Ctrl-A, QEMU's escape prefix.
const ESCAPE: u8 = 0x01;

/// Reads stdin, passing bytes through except QEMU's escapes: Ctrl-A x sets
/// the quit flag, Ctrl-A Ctrl-A sends one Ctrl-A.
pub struct EscapeReader<R> {
    inner: R,
    quit: Arc<AtomicBool>,
    after_escape: bool,
}

impl<R: Read> EscapeReader<R> {
    /// Wraps `inner`; `quit` is set when the user types Ctrl-A x.
    pub fn new(inner: R, quit: Arc<AtomicBool>) -> Self {
        EscapeReader {
            inner,
            quit,
            after_escape: false,
        }
    }
}

impl<R: Read> Read for EscapeReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if self.quit.load(Ordering::Relaxed) {
                return Ok(0);
            }
            let n = self.inner.read(buf)?;
            if n == 0 {
                return Ok(0);
            }
            let mut kept = 0;
            for i in 0..n {
                let b = buf[i];
                if self.after_escape {
                    self.after_escape = false;
                    match b {
                        b'x' | b'X' => {
                            self.quit.store(true, Ordering::Relaxed);
                            return Ok(kept);
                        }
                        ESCAPE => {
                            buf[kept] = ESCAPE;
                            kept += 1;
                        }
                        _ => {}
                    }
                } else if b == ESCAPE {
                    self.after_escape = true;
                } else {
                    buf[kept] = b;
                    kept += 1;
                }
            }
            if kept > 0 {
                return Ok(kept);
            }
        }
    }
}

/// The guest's console output stream: the first write error (a pipe whose
/// reader left, a full disk) asks the run to stop, through the same flag as
/// Ctrl-A x, and is kept for [`ConsoleOut::take_error`]; later output is
/// dropped. Clones (of the stdout one) share the flag and the error.
pub struct ConsoleOut<W> {
    inner: W,
    quit: Arc<AtomicBool>,
    error: Arc<Mutex<Option<io::Error>>>,
}

impl<W: Write> ConsoleOut<W> {
    /// Wraps `inner`; `quit` is set on the first write error.
    pub fn new(inner: W, quit: Arc<AtomicBool>) -> Self {
        ConsoleOut {
            inner,
            quit,
            error: Arc::default(),
        }
    }

    /// The write error that stopped the run, if one did.
    pub fn take_error(&self) -> Option<io::Error> {
        self.error.lock().unwrap_or_else(|e| e.into_inner()).take()
    }

    /// Runs `op` unless an error was seen; records its error and stops.
    fn watch<T>(&mut self, done: T, op: impl FnOnce(&mut W) -> io::Result<T>) -> io::Result<T> {
        let mut error = self.error.lock().unwrap_or_else(|e| e.into_inner());
        if error.is_some() {
            return Ok(done);
        }
        op(&mut self.inner).map_err(|e| {
            let kind = e.kind();
            *error = Some(e);
            self.quit.store(true, Ordering::Relaxed);
            io::Error::from(kind)
        })
    }
}

impl Clone for ConsoleOut<io::Stdout> {
    fn clone(&self) -> Self {
        ConsoleOut {
            inner: io::stdout(),
            quit: self.quit.clone(),
            error: self.error.clone(),
        }
    }
}

impl<W: Write> Write for ConsoleOut<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.watch(buf.len(), |w| w.write(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.watch((), Write::flush)
    }
}

/// What the guest sees when standard input, not a terminal, ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputEnd {
    /// Nothing: a bare-metal program gets exactly the bytes (as on QEMU).
    Nothing,
    /// A terminal's Ctrl-D ([`EndOfInput`]), for an OS whose shell should
    /// end with its script.
    CtrlD,
}

/// Ctrl-D: a terminal's end-of-file character.
const EOT: u8 = 0x04;

/// Passes a reader through and, when it ends, delivers end of input as a
/// terminal's Ctrl-D: one EOT after the last byte, or two when the last line
/// is unfinished (a canonical line discipline takes the first Ctrl-D as
/// "send this partial line" and only the second, on an empty line, as end
/// of file). Then the reader ends.
pub struct EndOfInput<R> {
    inner: R,
    /// Whether the last byte passed on ended a line (true before any).
    at_line_start: bool,
    /// EOTs still to deliver once `inner` has ended.
    eots: Option<usize>,
}

impl<R: Read> EndOfInput<R> {
    /// Wraps `inner`, a pipe or file (not a terminal, whose user types
    /// Ctrl-D).
    pub fn new(inner: R) -> Self {
        EndOfInput {
            inner,
            at_line_start: true,
            eots: None,
        }
    }
}

impl<R: Read> Read for EndOfInput<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.eots.is_none() {
            let n = self.inner.read(buf)?;
            if n > 0 {
                self.at_line_start = buf[n - 1] == b'\n';
                return Ok(n);
            }
            self.eots = Some(if self.at_line_start { 1 } else { 2 });
        }
        let left = self.eots.unwrap_or(0);
        let n = left.min(buf.len());
        buf[..n].fill(EOT);
        self.eots = Some(left - n);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(input: &[u8]) -> (Vec<u8>, bool) {
        let quit = Arc::new(AtomicBool::new(false));
        let mut r = EscapeReader::new(input, quit.clone());
        let mut out = Vec::new();
        r.read_to_end(&mut out).unwrap();
        (out, quit.load(Ordering::Relaxed))
    }

    #[test]
    fn passes_plain_bytes() {
        assert_eq!(filter(b"ls\r"), (b"ls\r".to_vec(), false));
    }

    #[test]
    fn ctrl_a_x_quits_and_ctrl_a_ctrl_a_sends_one() {
        assert_eq!(filter(b"a\x01\x01b"), (b"a\x01b".to_vec(), false));
        let (out, quit) = filter(b"ab\x01xcd");
        assert!(quit);
        assert_eq!(out, b"ab");
    }

    fn through_end_of_input(input: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        EndOfInput::new(input).read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn end_of_input_arrives_as_ctrl_d() {
        assert_eq!(through_end_of_input(b"ls /bin\n"), b"ls /bin\n\x04");
        // An unfinished last line: flushed by the first, then end of file.
        assert_eq!(through_end_of_input(b"echo hi"), b"echo hi\x04\x04");
        assert_eq!(through_end_of_input(b""), b"\x04");
        // Through the escape filter, as the CLI stacks them.
        let quit = Arc::new(AtomicBool::new(false));
        let mut out = Vec::new();
        EscapeReader::new(EndOfInput::new(&b"a\n"[..]), quit)
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, b"a\n\x04");
    }

    /// A writer that fails every write, as `/dev/full` does.
    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from_raw_os_error(28))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_console_write_error_stops_the_run_and_is_kept() {
        let quit = Arc::new(AtomicBool::new(false));
        let mut out = ConsoleOut::new(Full, quit.clone());
        assert!(out.write_all(b"PASS\n").is_err());
        assert!(quit.load(Ordering::Relaxed));
        assert!(out.write_all(b"more").is_ok(), "later output is dropped");
        assert_eq!(out.take_error().unwrap().raw_os_error(), Some(28));
        let quit = Arc::new(AtomicBool::new(false));
        let mut out = ConsoleOut::new(Vec::new(), quit.clone());
        out.write_all(b"ok").unwrap();
        assert!(out.take_error().is_none() && !quit.load(Ordering::Relaxed));
    }
}
