//! `--perf-map`: names for generated code, so that host profilers (perf,
//! samply) can attribute samples in the code buffer.
//!
//! The file is `/tmp/perf-PID.map`, perf's JIT interface
//! (tools/perf/Documentation/jit-interface.txt): one line per function,
//! `START SIZE name` with START and SIZE in hex without `0x`. Blocks are
//! named `jit:0x80001234` after their first guest pc, the shared stubs
//! `jit:trampoline` and `jit:dispatch`. Each line is written as its code is
//! installed, unbuffered, so the file is complete whenever a profiler
//! reads it, even if rvjit is killed.
//!
//! Flushes: the format cannot remove a line, so the lines of a flushed
//! buffer stay in the file and the addresses come back with new blocks.
//! An address may then have several lines, the newest last; which one a
//! profiler shows is its choice (one that takes the last names the newest
//! code, also for samples taken before the flush). A JIT built again
//! (after a guest reset) starts the file afresh: the old engine's code is
//! gone.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::PathBuf;

/// An open `/tmp/perf-PID.map`.
pub struct PerfMap {
    file: File,
    path: PathBuf,
    /// The first write error; nothing is written after it.
    error: Option<io::Error>,
}

impl PerfMap {
    /// Creates (or replaces) this process's map file.
    pub fn create() -> io::Result<PerfMap> {
        let path = PathBuf::from(format!("/tmp/perf-{}.map", std::process::id()));
        // A fresh file, never one planted in /tmp under our name (a
        // symlink would be followed by a plain create).
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        Ok(PerfMap {
            file,
            path,
            error: None,
        })
    }

    /// The file's path.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Names the `size` bytes of code at host address `start`.
    pub fn record(&mut self, start: u64, size: usize, name: &str) {
        if self.error.is_some() {
            return;
        }
        let line = format!("{start:x} {size:x} {name}\n");
        if let Err(e) = self.file.write_all(line.as_bytes()) {
            self.error = Some(e);
        }
    }

    /// Names a block whose first guest instruction is at virtual `pc`.
    pub fn record_block(&mut self, start: u64, size: usize, pc: u32) {
        self.record(start, size, &format!("jit:{pc:#010x}"));
    }

    /// The first write error, if any, naming the file.
    pub fn status(&mut self) -> io::Result<()> {
        match self.error.take() {
            Some(e) => Err(io::Error::new(
                e.kind(),
                format!("cannot write {}: {e}", self.path.display()),
            )),
            None => Ok(()),
        }
    }
}
