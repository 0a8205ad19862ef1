//! The requests: one `FsOp` each, over the open-file table and the
//! back end, with paths and data in the client's buffer. Every change is
//! synced to the disk before the reply.

use abi::{Errno, FsOp, KIND_DIR, KIND_FILE, Message, O_APPEND, O_READ, O_WRITE};

use super::{Backend, Server};

impl<B: Backend> Server<B> {
    /// Carries out one request; the result word's value or the error.
    pub(super) fn dispatch(&mut self, req: &Message, buf: &mut [u8]) -> Result<usize, Errno> {
        let w = &req.words;
        let op = FsOp::from_word(w[0]).ok_or(Errno::ENOSYS)?;
        match op {
            FsOp::Attach | FsOp::Detach => Err(Errno::EINVAL),
            FsOp::Open => {
                let path = self.path(req, buf)?;
                self.open(path, w[1])
            }
            FsOp::Close => self.close(w[1]),
            FsOp::Dup => self.dup(w[1]),
            FsOp::Read => {
                let f = self.file(w[1])?;
                if f.kind == KIND_DIR {
                    return Err(Errno::EISDIR);
                }
                if f.flags & O_READ == 0 {
                    return Err(Errno::EBADF);
                }
                let (ino, off) = (f.ino, f.offset);
                let len = (w[2] as usize).min(buf.len());
                let n = self.fs.read_at(ino, off, &mut buf[..len])?;
                self.file(w[1])?.offset = off.wrapping_add(n as u32);
                Ok(n)
            }
            FsOp::Write => {
                let f = self.file(w[1])?;
                if f.flags & O_WRITE == 0 {
                    return Err(Errno::EBADF);
                }
                let (ino, append, mut off) = (f.ino, f.flags & O_APPEND != 0, f.offset);
                if append {
                    off = self.fs.stat(ino)?.size;
                }
                let len = (w[2] as usize).min(buf.len());
                let n = self.fs.write_at(ino, off, &buf[..len]);
                self.fs.sync()?;
                let n = n?;
                self.file(w[1])?.offset = off.wrapping_add(n as u32);
                Ok(n)
            }
            FsOp::Seek => {
                let f = self.file(w[1])?;
                let (ino, cur) = (f.ino, f.offset);
                let base = match w[3] {
                    0 => 0,
                    1 => cur as i64,
                    2 => self.fs.stat(ino)?.size as i64,
                    _ => return Err(Errno::EINVAL),
                };
                let new = base + w[2] as i32 as i64;
                if !(0..=i32::MAX as i64).contains(&new) {
                    return Err(Errno::EINVAL);
                }
                self.file(w[1])?.offset = new as u32;
                Ok(new as usize)
            }
            FsOp::Stat => {
                let path = self.path(req, buf)?;
                let ino = self.fs.lookup(&path)?;
                let st = self.fs.stat(ino)?;
                put_words(buf, &[st.inode, st.kind, st.size, st.links]);
                Ok(0)
            }
            FsOp::Fstat => {
                let ino = self.file(w[1])?.ino;
                let st = self.fs.stat(ino)?;
                put_words(buf, &[st.inode, st.kind, st.size, st.links]);
                Ok(0)
            }
            FsOp::Mkdir => {
                let path = self.path(req, buf)?;
                let r = self.fs.mkdir(&path);
                self.fs.sync()?;
                r.map(|_| 0)
            }
            FsOp::Rmdir | FsOp::Unlink => {
                let path = self.path(req, buf)?;
                if path == "/" {
                    return Err(Errno::EBUSY);
                }
                // An open file or directory (a cwd) stays: its handle would dangle.
                let ino = self.fs.lookup(&path)?;
                if self.files.iter().flatten().any(|f| f.ino == ino) {
                    return Err(Errno::EBUSY);
                }
                let r = if op == FsOp::Rmdir {
                    self.fs.rmdir(&path)
                } else {
                    self.fs.unlink(&path)
                };
                self.fs.sync()?;
                r.map(|_| 0)
            }
            FsOp::ReadDir => {
                let f = self.file(w[1])?;
                if f.kind != KIND_DIR {
                    return Err(Errno::ENOTDIR);
                }
                let ino = f.ino;
                match self.fs.read_dir(ino, w[2])? {
                    None => Ok(0),
                    Some(e) => {
                        put_words(buf, &[e.inode, e.kind, e.name_len]);
                        let name = buf.get_mut(12..12 + e.name.len()).ok_or(Errno::EINVAL)?;
                        name.copy_from_slice(&e.name);
                        Ok(1)
                    }
                }
            }
            FsOp::Truncate => {
                let f = self.file(w[1])?;
                if f.kind != KIND_FILE {
                    return Err(Errno::EISDIR);
                }
                if f.flags & O_WRITE == 0 {
                    return Err(Errno::EBADF);
                }
                let ino = f.ino;
                let r = self.fs.truncate(ino, w[2]);
                self.fs.sync()?;
                r.map(|_| 0)
            }
        }
    }
}

/// Stores words at the start of the buffer (native byte order, as the
/// client reads them).
fn put_words(buf: &mut [u8], words: &[u32]) {
    for (i, w) in words.iter().enumerate() {
        if let Some(dst) = buf.get_mut(i * 4..i * 4 + 4) {
            dst.copy_from_slice(&w.to_ne_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fsserver::MAX_OPEN;
    use crate::fsserver::test_utils::{E, T};
    use abi::{FS_SHM_BYTES, O_CREATE};
    use alloc::string::String;

    #[test]
    fn create_write_seek_read() {
        let mut t = T::new();
        assert_eq!(t.path(FsOp::Open, "/f", &[O_READ]), E(Errno::ENOENT));
        let h = t.path(FsOp::Open, "/f", &[O_READ | O_WRITE | O_CREATE]);
        assert!(h >= 0);
        assert_eq!(t.write(h, b"hello world"), 11);
        assert!(t.s.fs.syncs > 0, "writes are flushed");
        assert_eq!(t.req(FsOp::Seek, &[h as u32, 6, 0]), 6);
        assert_eq!(t.read(h, 100), b"world");
        assert_eq!(t.read(h, 100), b"");
        assert_eq!(t.req(FsOp::Seek, &[h as u32, -5i32 as u32, 2]), 6);
        assert_eq!(t.req(FsOp::Seek, &[h as u32, -2i32 as u32, 1]), 4);
        assert_eq!(t.read(h, 3), b"o w");
        assert_eq!(
            t.req(FsOp::Seek, &[h as u32, -1i32 as u32, 0]),
            E(Errno::EINVAL)
        );
        assert_eq!(t.req(FsOp::Seek, &[h as u32, 0, 7]), E(Errno::EINVAL));
        assert_eq!(t.req(FsOp::Fstat, &[h as u32]), 0);
        assert_eq!((t.word(1), t.word(2)), (KIND_FILE, 11));
        assert_eq!(t.req(FsOp::Close, &[h as u32]), 0);
        assert_eq!(t.req(FsOp::Read, &[h as u32, 1]), E(Errno::EBADF));
        assert_eq!(t.s.open_count(), 0);
    }

    #[test]
    fn directories_and_relative_paths() {
        let mut t = T::new();
        assert_eq!(t.path(FsOp::Mkdir, "/d", &[]), 0);
        assert_eq!(t.path(FsOp::Mkdir, "/d", &[]), E(Errno::EEXIST));
        let d = t.path(FsOp::Open, "/d", &[O_READ]);
        t.cwd = d as u32 + 1;
        let h = t.path(FsOp::Open, "x", &[O_WRITE | O_CREATE]);
        t.req(FsOp::Close, &[h as u32]);
        assert_eq!(t.path(FsOp::Mkdir, "./sub", &[]), 0);
        assert_eq!(t.path(FsOp::Stat, "/d/x", &[]), 0);
        assert_eq!(t.path(FsOp::Stat, "../d/sub", &[]), 0);
        assert_eq!(t.word(1), KIND_DIR);
        assert_eq!(t.req(FsOp::ReadDir, &[d as u32, 0]), 1);
        let name = |t: &T| String::from_utf8(t.buf[12..12 + t.word(2) as usize].to_vec()).unwrap();
        let mut names = vec![name(&t)];
        assert_eq!(t.req(FsOp::ReadDir, &[d as u32, 1]), 1);
        names.push(name(&t));
        names.sort();
        assert_eq!(names, ["sub", "x"]);
        assert_eq!(t.req(FsOp::ReadDir, &[d as u32, 2]), 0);
        assert_eq!(t.req(FsOp::Read, &[d as u32, 4]), E(Errno::EISDIR));
        t.cwd = 0;
        assert_eq!(
            t.path(FsOp::Rmdir, "/d", &[]),
            E(Errno::EBUSY),
            "open (a cwd)"
        );
        t.req(FsOp::Close, &[d as u32]);
        assert_eq!(t.path(FsOp::Rmdir, "/d", &[]), E(Errno::ENOTEMPTY));
        assert_eq!(t.path(FsOp::Unlink, "/d/x", &[]), 0);
        assert_eq!(t.path(FsOp::Rmdir, "/d/sub", &[]), 0);
        assert_eq!(t.path(FsOp::Rmdir, "/d", &[]), 0);
        assert_eq!(t.path(FsOp::Stat, "/d", &[]), E(Errno::ENOENT));
        assert_eq!(t.path(FsOp::Rmdir, "/", &[]), E(Errno::EBUSY));
        t.cwd = 60;
        assert_eq!(
            t.path(FsOp::Stat, "x", &[]),
            E(Errno::EBADF),
            "a bad cwd handle"
        );
    }

    #[test]
    fn bad_requests_are_errors() {
        let mut t = T::new();
        assert_eq!(t.req(FsOp::Attach, &[1]), E(Errno::EINVAL));
        let mut m = Message::default();
        m.words[0] = 99;
        assert_eq!(t.s.handle(&m, &mut t.buf), E(Errno::ENOSYS));
        t.buf.fill(b'a');
        assert_eq!(
            t.req(FsOp::Open, &[O_READ]),
            E(Errno::ENAMETOOLONG),
            "no NUL"
        );
        t.buf[0] = 0xff;
        t.buf[1] = 0;
        assert_eq!(t.req(FsOp::Open, &[O_READ]), E(Errno::EINVAL), "not UTF-8");
        assert_eq!(t.path(FsOp::Open, "", &[O_READ]), E(Errno::ENOENT));
        assert_eq!(t.req(FsOp::Read, &[u32::MAX, 1]), E(Errno::EBADF));
        for _ in 0..MAX_OPEN {
            assert!(t.path(FsOp::Open, "/", &[O_READ]) >= 0);
        }
        assert_eq!(t.path(FsOp::Open, "/", &[O_READ]), E(Errno::EMFILE));
    }

    #[test]
    fn reads_and_writes_are_clipped_to_the_buffer() {
        let mut t = T::new();
        let h = t.path(FsOp::Open, "/f", &[O_READ | O_WRITE | O_CREATE]);
        assert_eq!(
            t.req(FsOp::Write, &[h as u32, u32::MAX]),
            FS_SHM_BYTES as i32
        );
        t.req(FsOp::Seek, &[h as u32, 0, 0]);
        assert_eq!(
            t.req(FsOp::Read, &[h as u32, u32::MAX]),
            FS_SHM_BYTES as i32
        );
    }
}
