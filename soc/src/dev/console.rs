//! The host side of the UART: where guest output goes and guest input comes
//! from.
//!
//! [`BufferConsole`] keeps both in memory behind a shared handle, so that a
//! test (or a benchmark) can feed input and read output while the machine
//! owns the UART. [`StdioConsole`] writes to a stream (stdout) and reads
//! another (stdin) on a background thread, so that `read_byte` never blocks.
//! Putting the terminal in raw mode is the CLI's business, not this module's.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;

/// A byte stream between the guest's UART and the host.
pub trait Console: Send {
    /// The next input byte, if one is waiting; never blocks.
    fn read_byte(&mut self) -> Option<u8>;
    /// Sends guest output to the host.
    fn write_bytes(&mut self, bytes: &[u8]);
    /// Pushes out any output held back for batching. The UART calls this
    /// from its `poll`.
    fn flush(&mut self) {}
}

#[derive(Debug, Default)]
struct Buffers {
    input: VecDeque<u8>,
    output: Vec<u8>,
}

/// An in-memory console. Clones share the same buffers.
#[derive(Clone, Debug, Default)]
pub struct BufferConsole(Arc<Mutex<Buffers>>);

impl BufferConsole {
    /// An empty console.
    pub fn new() -> BufferConsole {
        BufferConsole::default()
    }

    fn lock(&self) -> MutexGuard<'_, Buffers> {
        // A poisoned lock only means another thread panicked mid-push; the
        // byte queues are still consistent.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues `bytes` as input for the guest.
    pub fn push_input(&self, bytes: &[u8]) {
        self.lock().input.extend(bytes);
    }

    /// Input bytes not yet taken by the UART.
    pub fn pending_input(&self) -> usize {
        self.lock().input.len()
    }

    /// A copy of everything the guest has written so far.
    pub fn output(&self) -> Vec<u8> {
        self.lock().output.clone()
    }

    /// Everything the guest has written since the last call, removed.
    pub fn take_output(&self) -> Vec<u8> {
        std::mem::take(&mut self.lock().output)
    }
}

impl Console for BufferConsole {
    fn read_byte(&mut self) -> Option<u8> {
        self.lock().input.pop_front()
    }

    fn write_bytes(&mut self, bytes: &[u8]) {
        self.lock().output.extend_from_slice(bytes);
    }
}

/// Output is flushed when a line ends, when this much is held back, or when
/// the UART polls.
const OUTPUT_BATCH_BYTES: usize = 4096;

/// A console on host streams: output to a writer, input from a reader that a
/// background thread drains into a channel.
pub struct StdioConsole {
    input: Receiver<u8>,
    output: Box<dyn Write + Send>,
    held: Vec<u8>,
}

impl StdioConsole {
    /// The process's stdin and stdout.
    pub fn new() -> StdioConsole {
        StdioConsole::from_streams(std::io::stdin(), std::io::stdout())
    }

    /// Any reader and writer. The reader thread ends at end of input or on
    /// a read error, after which no more input arrives; it also ends once
    /// the console is dropped and one more byte has been read.
    pub fn from_streams(
        mut reader: impl Read + Send + 'static,
        writer: impl Write + Send + 'static,
    ) -> StdioConsole {
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut buf = [0u8; 256];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => return,
                    Ok(n) => {
                        if buf[..n].iter().any(|&b| tx.send(b).is_err()) {
                            return;
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => return,
                }
            }
        });
        StdioConsole {
            input: rx,
            output: Box::new(writer),
            held: Vec::new(),
        }
    }
}

impl Default for StdioConsole {
    fn default() -> StdioConsole {
        StdioConsole::new()
    }
}

impl Console for StdioConsole {
    fn read_byte(&mut self) -> Option<u8> {
        // Empty and disconnected (input ended) both mean "nothing now".
        self.input.try_recv().ok()
    }

    fn write_bytes(&mut self, bytes: &[u8]) {
        self.held.extend_from_slice(bytes);
        if bytes.contains(&b'\n') || self.held.len() >= OUTPUT_BATCH_BYTES {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.held.is_empty() {
            return;
        }
        // A closed stdout (a pipe whose reader left) must not stop the
        // machine: the output is dropped.
        let _ = self.output.write_all(&self.held);
        let _ = self.output.flush();
        self.held.clear();
    }
}

impl Drop for StdioConsole {
    fn drop(&mut self) {
        self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn buffer_console_handles_share_buffers() {
        let handle = BufferConsole::new();
        let mut console: Box<dyn Console> = Box::new(handle.clone());
        handle.push_input(b"hi");
        assert_eq!(handle.pending_input(), 2);
        assert_eq!(console.read_byte(), Some(b'h'));
        assert_eq!(console.read_byte(), Some(b'i'));
        assert_eq!(console.read_byte(), None);
        console.write_bytes(b"out");
        console.write_bytes(b"put");
        assert_eq!(handle.output(), b"output");
        assert_eq!(handle.take_output(), b"output");
        assert!(handle.output().is_empty());
    }

    /// A writer whose bytes a test can see.
    #[derive(Clone, Default)]
    struct SharedVec(Arc<Mutex<Vec<u8>>>);

    impl Write for SharedVec {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn stdio_console_reads_in_the_background_and_batches_output() {
        let out = SharedVec::default();
        let mut console = StdioConsole::from_streams(&b"abc"[..], out.clone());
        let mut got = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(10);
        while got.len() < 3 && Instant::now() < deadline {
            match console.read_byte() {
                Some(b) => got.push(b),
                None => thread::yield_now(),
            }
        }
        assert_eq!(got, b"abc");
        assert_eq!(console.read_byte(), None);

        console.write_bytes(b"$ ");
        assert!(out.0.lock().unwrap().is_empty());
        console.flush();
        assert_eq!(*out.0.lock().unwrap(), b"$ ");
        console.write_bytes(b"line\n");
        assert_eq!(*out.0.lock().unwrap(), b"$ line\n");
        console.write_bytes(b"tail");
        drop(console);
        assert_eq!(*out.0.lock().unwrap(), b"$ line\ntail");
    }
}
