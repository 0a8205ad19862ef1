//! The host side of the UART: where guest output goes and guest input comes
//! from.
//!
//! [`BufferConsole`] keeps both in memory behind a shared handle, so that a
//! test (or a benchmark) can feed input and read output while the machine
//! owns the UART. [`StdioConsole`] writes to a stream (stdout) and reads
//! another (stdin) on a background thread, so that `read_byte` never blocks.
//! That thread holds at most [`INPUT_BUFFER_BYTES`] the guest has not taken
//! and then stops reading until it does (back-pressure, as a UART's FIFO
//! stalls a flow-controlled sender), so `rvjit run spin.elf < /dev/zero`
//! does not grow. Putting the terminal in raw mode is the CLI's business,
//! not this module's.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
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

/// Input bytes read ahead of the guest at most.
pub const INPUT_BUFFER_BYTES: usize = 4096;

/// Input read ahead of the guest, shared by the console and its reader
/// thread.
#[derive(Default)]
struct InputFifo {
    state: Mutex<FifoState>,
    /// Signalled when the guest takes a byte or the console goes away.
    space: Condvar,
}

#[derive(Default)]
struct FifoState {
    bytes: VecDeque<u8>,
    /// The console was dropped: the reader thread should end.
    closed: bool,
}

impl InputFifo {
    fn lock(&self) -> MutexGuard<'_, FifoState> {
        // A poisoned lock only means the other side panicked mid-push; the
        // byte queue is still consistent.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Appends `bytes`, waiting for room while the FIFO is full; false
    /// once the console is gone.
    fn push(&self, bytes: &[u8]) -> bool {
        let mut state = self.lock();
        for &b in bytes {
            while state.bytes.len() >= INPUT_BUFFER_BYTES && !state.closed {
                state = self.space.wait(state).unwrap_or_else(|e| e.into_inner());
            }
            if state.closed {
                return false;
            }
            state.bytes.push_back(b);
        }
        true
    }

    fn pop(&self) -> Option<u8> {
        let byte = self.lock().bytes.pop_front();
        if byte.is_some() {
            self.space.notify_one();
        }
        byte
    }

    fn close(&self) {
        self.lock().closed = true;
        self.space.notify_one();
    }
}

/// A console on host streams: output to a writer, input from a reader that a
/// background thread drains into a bounded FIFO.
pub struct StdioConsole {
    input: Arc<InputFifo>,
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
    /// the console is dropped (at once if it waits for room, else after its
    /// next read).
    pub fn from_streams(
        mut reader: impl Read + Send + 'static,
        writer: impl Write + Send + 'static,
    ) -> StdioConsole {
        let input = Arc::new(InputFifo::default());
        let fifo = input.clone();
        thread::spawn(move || {
            let mut buf = [0u8; 256];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => return,
                    Ok(n) => {
                        if !fifo.push(&buf[..n]) {
                            return;
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => return,
                }
            }
        });
        StdioConsole {
            input,
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
        self.input.pop()
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
        self.input.close();
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

    /// Endless input, as `/dev/zero`, counting the bytes it gave; it ends
    /// after `limit` bytes, so that an unbounded reader would finish.
    struct Zeros {
        given: Arc<std::sync::atomic::AtomicUsize>,
        ended: Arc<std::sync::atomic::AtomicBool>,
        limit: usize,
    }

    impl Read for Zeros {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            use std::sync::atomic::Ordering::SeqCst;
            let given = self.given.load(SeqCst);
            if given >= self.limit {
                self.ended.store(true, SeqCst);
                return Ok(0);
            }
            buf.fill(0);
            self.given.store(given + buf.len(), SeqCst);
            Ok(buf.len())
        }
    }

    #[test]
    fn endless_input_is_read_only_as_far_as_the_guest_keeps_up() {
        use std::sync::atomic::Ordering::SeqCst;
        let given = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let ended = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let zeros = Zeros {
            given: given.clone(),
            ended: ended.clone(),
            limit: 64 << 20,
        };
        let mut console = StdioConsole::from_streams(zeros, std::io::sink());
        let buffered = |c: &StdioConsole| c.input.lock().bytes.len();
        // Wait until the reader either filled the FIFO or read everything.
        while buffered(&console) < INPUT_BUFFER_BYTES && !ended.load(SeqCst) {
            thread::yield_now();
        }
        assert!(!ended.load(SeqCst), "the reader must stall, not read on");
        assert_eq!(buffered(&console), INPUT_BUFFER_BYTES);
        // One read's worth may be in the thread's hands beyond the FIFO.
        assert!(given.load(SeqCst) <= INPUT_BUFFER_BYTES + 256);
        // Taking bytes lets it read on, still bounded.
        for _ in 0..1000 {
            assert_eq!(console.read_byte(), Some(0));
        }
        while buffered(&console) < INPUT_BUFFER_BYTES {
            thread::yield_now();
        }
        assert!(given.load(SeqCst) <= 1000 + INPUT_BUFFER_BYTES + 256);
    }
}
