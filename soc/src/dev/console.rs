//! The host side of the UART: where guest output goes and guest input comes
//! from.
//!
//! [`BufferConsole`] keeps both in memory behind a shared handle, so that a
//! test (or a benchmark) can feed input and read output while the machine
//! owns the UART. [`StdioConsole`] writes to a stream (stdout) and takes its
//! input from a [`ConsoleInput`]: a background thread reading another stream
//! (stdin) into a bounded FIFO, so that `read_byte` never blocks. What the
//! thread does once the guest has left the FIFO full is [`WhenFull`]'s
//! choice: stop reading until the guest takes a byte (back-pressure, as a
//! UART's FIFO stalls a flow-controlled sender, so `rvjit run spin.elf <
//! /dev/zero` does not grow and no byte of a script is lost), or read on and
//! drop the byte (an overrun, which the UART shows the guest as LSR.OE). A
//! [`ConsoleInput`] outlives the console that reads it, so that one input
//! serves all the machines a session builds (one per guest reset). Putting
//! the terminal in raw mode is the CLI's business, not this module's.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;

/// A byte stream between the guest's UART and the host.
pub trait Console: Send {
    /// The next input byte, if one is waiting; never blocks.
    fn read_byte(&mut self) -> Option<u8>;
    /// Whether input was dropped since the last call, having arrived while
    /// the guest left no room for it; the UART reports it as an overrun.
    fn take_overrun(&mut self) -> bool {
        false
    }
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

/// Input bytes read ahead of the guest at most, when the reader waits for
/// room ([`WhenFull::Wait`]).
pub const INPUT_BUFFER_BYTES: usize = 4096;

/// Input bytes read ahead of the guest at most, when the reader drops what
/// does not fit ([`WhenFull::Drop`]): enough for a pasted page of text to
/// arrive whole while the guest takes it.
pub const OVERRUN_BUFFER_BYTES: usize = 64 * 1024;

/// What the reader thread does with input while the guest has left the
/// FIFO full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhenFull {
    /// Stop reading until the guest takes a byte, as a flow-controlled
    /// sender stalls: every byte arrives, at the guest's pace.
    Wait,
    /// Read on and drop the bytes that do not fit, as a UART without flow
    /// control overruns: the reader keeps seeing everything the stream
    /// carries, whether the guest reads or not.
    Drop,
}

impl WhenFull {
    fn capacity_bytes(self) -> usize {
        match self {
            WhenFull::Wait => INPUT_BUFFER_BYTES,
            WhenFull::Drop => OVERRUN_BUFFER_BYTES,
        }
    }
}

/// Input read ahead of the guest, shared by the consoles and the reader
/// thread.
struct InputFifo {
    state: Mutex<FifoState>,
    /// Signalled when the guest takes a byte or the input goes away.
    space: Condvar,
    when_full: WhenFull,
}

#[derive(Default)]
struct FifoState {
    bytes: VecDeque<u8>,
    /// Every [`ConsoleInput`] was dropped: the reader thread should end.
    closed: bool,
    /// A byte was dropped ([`WhenFull::Drop`]) since the console last looked.
    overrun: bool,
}

impl InputFifo {
    fn lock(&self) -> MutexGuard<'_, FifoState> {
        // A poisoned lock only means the other side panicked mid-push; the
        // byte queue is still consistent.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Appends `bytes`, waiting for room or dropping what does not fit as
    /// `when_full` says; false once the input is gone.
    fn push(&self, bytes: &[u8]) -> bool {
        let capacity = self.when_full.capacity_bytes();
        let mut state = self.lock();
        for &b in bytes {
            if self.when_full == WhenFull::Wait {
                while state.bytes.len() >= capacity && !state.closed {
                    state = self.space.wait(state).unwrap_or_else(|e| e.into_inner());
                }
            }
            if state.closed {
                return false;
            }
            if state.bytes.len() < capacity {
                state.bytes.push_back(b);
            } else {
                state.overrun = true;
            }
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

    /// Whether a byte was dropped since the last call.
    fn take_overrun(&self) -> bool {
        std::mem::take(&mut self.lock().overrun)
    }

    fn close(&self) {
        self.lock().closed = true;
        self.space.notify_one();
    }
}

/// Closes the FIFO when the last [`ConsoleInput`] goes (the reader thread
/// holds the FIFO, not this, so that it cannot keep itself alive).
struct InputOwner(Arc<InputFifo>);

impl Drop for InputOwner {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// Host input read ahead of the guest: a background thread drains a reader
/// into a bounded FIFO. Clones share the thread and the FIFO. Give every
/// machine of a session a clone of one input rather than an input of its
/// own: a second reader on the same stream would leave the first blocked
/// in `read`, to take the next bytes to a console that no longer exists.
#[derive(Clone)]
pub struct ConsoleInput(Arc<InputOwner>);

impl ConsoleInput {
    /// Starts reading `reader`. The thread ends at end of input or on a read
    /// error, after which no more input arrives; it also ends once every
    /// clone is dropped (at once if it waits for room, else after its next
    /// read).
    pub fn spawn(mut reader: impl Read + Send + 'static, when_full: WhenFull) -> ConsoleInput {
        let fifo = Arc::new(InputFifo {
            state: Mutex::default(),
            space: Condvar::new(),
            when_full,
        });
        let filler = fifo.clone();
        thread::spawn(move || {
            let mut buf = [0u8; 256];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) => return,
                    Ok(n) => {
                        if !filler.push(&buf[..n]) {
                            return;
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => return,
                }
            }
        });
        ConsoleInput(Arc::new(InputOwner(fifo)))
    }

    fn fifo(&self) -> &InputFifo {
        &self.0.0
    }
}

/// A console on host streams: output to a writer, input from a
/// [`ConsoleInput`].
pub struct StdioConsole {
    input: ConsoleInput,
    output: Box<dyn Write + Send>,
    held: Vec<u8>,
}

impl StdioConsole {
    /// Guest output goes to `writer`, guest input comes from `input`.
    pub fn new(input: ConsoleInput, writer: impl Write + Send + 'static) -> StdioConsole {
        StdioConsole {
            input,
            output: Box::new(writer),
            held: Vec::new(),
        }
    }
}

impl Console for StdioConsole {
    fn read_byte(&mut self) -> Option<u8> {
        self.input.fifo().pop()
    }

    fn take_overrun(&mut self) -> bool {
        self.input.fifo().take_overrun()
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

    /// Waits up to ten seconds for `console` to give `n` bytes.
    fn read_bytes(console: &mut StdioConsole, n: usize) -> Vec<u8> {
        let mut got = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(10);
        while got.len() < n && Instant::now() < deadline {
            match console.read_byte() {
                Some(b) => got.push(b),
                None => thread::yield_now(),
            }
        }
        got
    }

    #[test]
    fn stdio_console_reads_in_the_background_and_batches_output() {
        let out = SharedVec::default();
        let input = ConsoleInput::spawn(&b"abc"[..], WhenFull::Wait);
        let mut console = StdioConsole::new(input, out.clone());
        assert_eq!(read_bytes(&mut console, 3), b"abc");
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

    #[test]
    fn one_input_serves_consoles_in_turn_and_ends_with_the_last() {
        let (reader, mut writer) = std::io::pipe().unwrap();
        let input = ConsoleInput::spawn(reader, WhenFull::Wait);
        let mut first = StdioConsole::new(input.clone(), std::io::sink());
        writer.write_all(b"a").unwrap();
        assert_eq!(read_bytes(&mut first, 1), b"a");
        // As at a guest reset: the next machine's console goes on reading.
        drop(first);
        let mut second = StdioConsole::new(input.clone(), std::io::sink());
        writer.write_all(b"bc").unwrap();
        assert_eq!(read_bytes(&mut second, 2), b"bc");
        drop(second);
        drop(input);
        // The reader thread ends after its next read, closing the pipe.
        let deadline = Instant::now() + Duration::from_secs(10);
        let closed = loop {
            match writer.write_all(b"d") {
                Err(e) => break e.kind() == std::io::ErrorKind::BrokenPipe,
                Ok(()) if Instant::now() > deadline => break false,
                Ok(()) => thread::sleep(Duration::from_millis(1)),
            }
        };
        assert!(closed, "the reader thread outlived its last console");
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

    /// A console on [`Zeros`] ending after `limit` bytes, with the bytes
    /// given and whether they ended.
    fn zeros_console(
        limit: usize,
        when_full: WhenFull,
    ) -> (
        StdioConsole,
        Arc<std::sync::atomic::AtomicUsize>,
        Arc<std::sync::atomic::AtomicBool>,
    ) {
        let given = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let ended = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let zeros = Zeros {
            given: given.clone(),
            ended: ended.clone(),
            limit,
        };
        let input = ConsoleInput::spawn(zeros, when_full);
        (StdioConsole::new(input, std::io::sink()), given, ended)
    }

    fn buffered(console: &StdioConsole) -> usize {
        console.input.fifo().lock().bytes.len()
    }

    #[test]
    fn endless_input_is_read_only_as_far_as_the_guest_keeps_up() {
        use std::sync::atomic::Ordering::SeqCst;
        let (mut console, given, ended) = zeros_console(64 << 20, WhenFull::Wait);
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
        assert!(!console.take_overrun(), "waiting drops nothing");
    }

    #[test]
    fn an_overrun_reads_on_and_keeps_what_fits() {
        use std::sync::atomic::Ordering::SeqCst;
        let limit = 4 * OVERRUN_BUFFER_BYTES;
        let (mut console, given, ended) = zeros_console(limit, WhenFull::Drop);
        // The guest takes nothing, and still the reader reads to the end.
        let deadline = Instant::now() + Duration::from_secs(10);
        while !ended.load(SeqCst) && Instant::now() < deadline {
            thread::yield_now();
        }
        assert!(ended.load(SeqCst), "the reader stalled");
        assert!(given.load(SeqCst) >= limit);
        assert_eq!(buffered(&console), OVERRUN_BUFFER_BYTES);
        assert!(console.take_overrun(), "the drop is reported");
        assert!(!console.take_overrun(), "once");
        assert_eq!(
            read_bytes(&mut console, OVERRUN_BUFFER_BYTES).len(),
            OVERRUN_BUFFER_BYTES
        );
        assert_eq!(console.read_byte(), None);
    }
}
