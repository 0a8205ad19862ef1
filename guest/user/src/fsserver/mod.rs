//! The file server's request handling, apart from IPC and the disk so that
//! it is tested on the host: a table of open files over a [`Backend`] (rvfs
//! in `fsd`), one request in, one result word out, with paths and data in
//! the client's buffer.
//!
//! One file per part: `backend` (the file system interface), `files` (the
//! open-file table and the paths relative to it), `requests` (one `FsOp`
//! each).

use abi::Message;
use alloc::vec::Vec;

mod backend;
mod files;
mod requests;
#[cfg(test)]
mod test_utils;

pub use backend::Backend;
pub use files::MAX_OPEN;

use files::OpenFile;

/// The server state: the file system and the open-file table.
pub struct Server<B: Backend> {
    fs: B,
    files: Vec<Option<OpenFile<B::Ino>>>,
}

impl<B: Backend> Server<B> {
    /// A server over `fs` with no open files.
    pub fn new(fs: B) -> Self {
        let mut files = Vec::with_capacity(MAX_OPEN);
        files.resize_with(MAX_OPEN, || None);
        Server { fs, files }
    }

    /// The back end, closing every open file.
    pub fn into_backend(self) -> B {
        self.fs
    }

    /// Open handles (for tests and diagnostics).
    pub fn open_count(&self) -> usize {
        self.files.iter().filter(|f| f.is_some()).count()
    }

    /// Handles one request (not `Attach`/`Detach`, which the IPC loop does) with the
    /// client's buffer; the reply's result word (`>= 0` or `-errno`).
    pub fn handle(&mut self, req: &Message, buf: &mut [u8]) -> i32 {
        match self.dispatch(req, buf) {
            Ok(v) => v.min(i32::MAX as usize) as i32,
            Err(e) => -(e as i32),
        }
    }
}
