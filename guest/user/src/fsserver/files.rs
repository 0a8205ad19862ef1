//! The open-file table: a handle per open file or directory, shared by
//! every fd (in any process) that names it and freed with the last; and the
//! request's path, made absolute against the client's current directory,
//! itself a handle.

use abi::{Errno, FS_CWD_WORD, KIND_DIR, Message, O_APPEND, O_CREATE, O_TRUNC, O_WRITE};
use alloc::string::String;

use super::{Backend, Server};

/// Open files at most, over all clients.
pub const MAX_OPEN: usize = 64;

/// One open file (or directory); handles index the table.
pub(super) struct OpenFile<I> {
    pub(super) ino: I,
    /// Absolute path (relative paths resolve against a directory's).
    pub(super) path: String,
    pub(super) kind: u32,
    pub(super) offset: u32,
    pub(super) flags: u32,
    /// References: the fds (in any process) that name this handle.
    pub(super) refs: u32,
}

impl<B: Backend> Server<B> {
    /// Opens (maybe creates, maybe truncates) `path`; the new handle.
    pub(super) fn open(&mut self, path: String, flags: u32) -> Result<usize, Errno> {
        let slot = self
            .files
            .iter()
            .position(|f| f.is_none())
            .ok_or(Errno::EMFILE)?;
        let ino = match self.fs.lookup(&path) {
            Ok(ino) => ino,
            Err(Errno::ENOENT) if flags & O_CREATE != 0 => {
                let r = self.fs.create(&path);
                self.fs.sync()?;
                r?
            }
            Err(e) => return Err(e),
        };
        let st = self.fs.stat(ino)?;
        if st.kind == KIND_DIR && flags & (O_WRITE | O_TRUNC | O_APPEND) != 0 {
            return Err(Errno::EISDIR);
        }
        if flags & O_TRUNC != 0 && st.size != 0 {
            if flags & O_WRITE == 0 {
                return Err(Errno::EINVAL);
            }
            let r = self.fs.truncate(ino, 0);
            self.fs.sync()?;
            r?;
        }
        self.files[slot] = Some(OpenFile {
            ino,
            path,
            kind: st.kind,
            offset: 0,
            flags,
            refs: 1,
        });
        Ok(slot)
    }

    /// Drops a reference to `handle`, closing it with the last.
    pub(super) fn close(&mut self, handle: u32) -> Result<usize, Errno> {
        let f = self.file(handle)?;
        f.refs -= 1;
        if f.refs == 0 {
            self.files[handle as usize] = None;
        }
        Ok(0)
    }

    /// Adds a reference to `handle` (an fd duplicated or inherited).
    pub(super) fn dup(&mut self, handle: u32) -> Result<usize, Errno> {
        let f = self.file(handle)?;
        f.refs = f.refs.saturating_add(1);
        Ok(0)
    }

    /// The open file `handle`.
    pub(super) fn file(&mut self, handle: u32) -> Result<&mut OpenFile<B::Ino>, Errno> {
        self.files
            .get_mut(handle as usize)
            .and_then(Option::as_mut)
            .ok_or(Errno::EBADF)
    }

    /// The request's path (NUL-terminated in the buffer), made absolute
    /// against the client's current directory.
    pub(super) fn path(&self, req: &Message, buf: &[u8]) -> Result<String, Errno> {
        let end = buf
            .iter()
            .position(|&b| b == 0)
            .ok_or(Errno::ENAMETOOLONG)?;
        let p = core::str::from_utf8(&buf[..end]).map_err(|_| Errno::EINVAL)?;
        if p.is_empty() {
            return Err(Errno::ENOENT);
        }
        let cwd = match req.words[FS_CWD_WORD] {
            0 => "/",
            h => match self.files.get(h as usize - 1).and_then(Option::as_ref) {
                Some(f) if f.kind == KIND_DIR => f.path.as_str(),
                _ => return Err(Errno::EBADF),
            },
        };
        Ok(ulib::path::resolve(cwd, p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fsserver::test_utils::{E, T};
    use abi::{FsOp, O_READ};

    #[test]
    fn open_flags() {
        let mut t = T::new();
        let h = t.path(FsOp::Open, "/f", &[O_WRITE | O_CREATE]);
        t.write(h, b"abcdef");
        assert_eq!(
            t.req(FsOp::Read, &[h as u32, 4]),
            E(Errno::EBADF),
            "write-only"
        );
        t.req(FsOp::Close, &[h as u32]);
        let r = t.path(FsOp::Open, "/f", &[O_READ]);
        assert_eq!(t.write(r, b"x"), E(Errno::EBADF), "read-only");
        assert_eq!(t.req(FsOp::Truncate, &[r as u32, 0]), E(Errno::EBADF));
        t.req(FsOp::Close, &[r as u32]);
        let a = t.path(FsOp::Open, "/f", &[O_WRITE | O_APPEND]);
        t.write(a, b"gh");
        t.req(FsOp::Seek, &[a as u32, 0, 0]);
        t.write(a, b"ij");
        t.req(FsOp::Close, &[a as u32]);
        let r = t.path(FsOp::Open, "/f", &[O_READ]);
        assert_eq!(t.read(r, 100), b"abcdefghij", "appends go to the end");
        t.req(FsOp::Close, &[r as u32]);
        let w = t.path(FsOp::Open, "/f", &[O_WRITE | O_TRUNC]);
        assert_eq!(t.req(FsOp::Fstat, &[w as u32]), 0);
        assert_eq!(t.word(2), 0, "O_TRUNC empties");
        t.write(w, b"12345");
        assert_eq!(t.req(FsOp::Truncate, &[w as u32, 2]), 0);
        t.req(FsOp::Close, &[w as u32]);
        assert_eq!(t.path(FsOp::Stat, "/f", &[]), 0);
        assert_eq!(t.word(2), 2);
        assert_eq!(t.path(FsOp::Open, "/", &[O_WRITE]), E(Errno::EISDIR));
    }

    #[test]
    fn dup_counts_references() {
        let mut t = T::new();
        let h = t.path(FsOp::Open, "/f", &[O_WRITE | O_CREATE]) as u32;
        assert_eq!(t.req(FsOp::Dup, &[h]), 0);
        assert_eq!(t.req(FsOp::Close, &[h]), 0);
        assert_eq!(t.write(h as i32, b"still open"), 10);
        assert_eq!(t.path(FsOp::Unlink, "/f", &[]), E(Errno::EBUSY));
        assert_eq!(t.req(FsOp::Close, &[h]), 0);
        assert_eq!(t.req(FsOp::Close, &[h]), E(Errno::EBADF));
        assert_eq!(t.path(FsOp::Unlink, "/f", &[]), 0);
    }
}
