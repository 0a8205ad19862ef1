//! The file server's request handling, apart from IPC and the disk so that
//! it is tested on the host: a table of open files over a [`Backend`] (rvfs
//! in `fsd`), one request in, one result word out, with paths and data in
//! the client's buffer.

use abi::{
    DirEntry, Errno, FS_CWD_WORD, FsOp, KIND_DIR, KIND_FILE, Message, O_APPEND, O_CREATE, O_READ,
    O_TRUNC, O_WRITE, Stat,
};
use alloc::string::String;
use alloc::vec::Vec;

/// The file system the server serves (absolute, normalized paths).
pub trait Backend {
    /// An inode's name.
    type Ino: Copy + PartialEq;
    /// The inode at `path`.
    fn lookup(&mut self, path: &str) -> Result<Self::Ino, Errno>;
    /// A new empty regular file at `path`.
    fn create(&mut self, path: &str) -> Result<Self::Ino, Errno>;
    /// A new empty directory at `path`.
    fn mkdir(&mut self, path: &str) -> Result<(), Errno>;
    /// Removes the empty directory at `path`.
    fn rmdir(&mut self, path: &str) -> Result<(), Errno>;
    /// Removes the file at `path`.
    fn unlink(&mut self, path: &str) -> Result<(), Errno>;
    /// Kind, size and links of `ino`.
    fn stat(&mut self, ino: Self::Ino) -> Result<Stat, Errno>;
    /// Reads at `offset`; bytes read (0 at the end).
    fn read_at(&mut self, ino: Self::Ino, offset: u32, buf: &mut [u8]) -> Result<usize, Errno>;
    /// Writes at `offset`, growing the file; bytes written.
    fn write_at(&mut self, ino: Self::Ino, offset: u32, buf: &[u8]) -> Result<usize, Errno>;
    /// Sets the length.
    fn truncate(&mut self, ino: Self::Ino, len: u32) -> Result<(), Errno>;
    /// Entry `index` of directory `ino`; `None` past the end.
    fn read_dir(&mut self, ino: Self::Ino, index: u32) -> Result<Option<DirEntry>, Errno>;
    /// Writes every change to the disk.
    fn sync(&mut self) -> Result<(), Errno>;
}

/// Open files at most, over all clients.
pub const MAX_OPEN: usize = 64;

/// One open file (or directory); handles index the table.
struct OpenFile<I> {
    ino: I,
    /// Absolute path (relative paths resolve against a directory's).
    path: String,
    kind: u32,
    offset: u32,
    flags: u32,
    /// References: the fds (in any process) that name this handle.
    refs: u32,
}

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

    fn dispatch(&mut self, req: &Message, buf: &mut [u8]) -> Result<usize, Errno> {
        let w = &req.words;
        let op = FsOp::from_word(w[0]).ok_or(Errno::ENOSYS)?;
        match op {
            FsOp::Attach | FsOp::Detach => Err(Errno::EINVAL),
            FsOp::Open => {
                let path = self.path(req, buf)?;
                self.open(path, w[1])
            }
            FsOp::Close => {
                let f = self.file(w[1])?;
                f.refs -= 1;
                if f.refs == 0 {
                    self.files[w[1] as usize] = None;
                }
                Ok(0)
            }
            FsOp::Dup => {
                let f = self.file(w[1])?;
                f.refs = f.refs.saturating_add(1);
                Ok(0)
            }
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

    /// Opens (maybe creates, maybe truncates) `path`; the new handle.
    fn open(&mut self, path: String, flags: u32) -> Result<usize, Errno> {
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

    /// The open file `handle`.
    fn file(&mut self, handle: u32) -> Result<&mut OpenFile<B::Ino>, Errno> {
        self.files
            .get_mut(handle as usize)
            .and_then(Option::as_mut)
            .ok_or(Errno::EBADF)
    }

    /// The request's path (NUL-terminated in the buffer), made absolute
    /// against the client's current directory.
    fn path(&self, req: &Message, buf: &[u8]) -> Result<String, Errno> {
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
    use abi::{FS_SHM_BYTES, NAME_MAX};
    use std::collections::BTreeMap;

    /// An in-memory file system keyed by absolute path.
    #[derive(Default)]
    struct Mem {
        nodes: BTreeMap<u32, (String, u32, Vec<u8>)>,
        next: u32,
        syncs: usize,
    }

    impl Mem {
        fn new() -> Mem {
            let mut m = Mem {
                next: 2,
                ..Default::default()
            };
            m.nodes.insert(1, ("/".into(), KIND_DIR, Vec::new()));
            m
        }
        fn parent(path: &str) -> &str {
            match path.rfind('/') {
                Some(0) => "/",
                Some(i) => &path[..i],
                None => "/",
            }
        }
        fn add(&mut self, path: &str, kind: u32) -> Result<u32, Errno> {
            if self.lookup(path).is_ok() {
                return Err(Errno::EEXIST);
            }
            let p = self.lookup(Self::parent(path))?;
            if self.nodes[&p].1 != KIND_DIR {
                return Err(Errno::ENOTDIR);
            }
            let ino = self.next;
            self.next += 1;
            self.nodes.insert(ino, (path.into(), kind, Vec::new()));
            Ok(ino)
        }
        fn children(&self, dir: &str) -> Vec<u32> {
            self.nodes
                .iter()
                .filter(|(_, (p, _, _))| p != "/" && Self::parent(p) == dir)
                .map(|(i, _)| *i)
                .collect()
        }
    }

    impl Backend for Mem {
        type Ino = u32;
        fn lookup(&mut self, path: &str) -> Result<u32, Errno> {
            self.nodes
                .iter()
                .find(|(_, n)| n.0 == path)
                .map(|(i, _)| *i)
                .ok_or(Errno::ENOENT)
        }
        fn create(&mut self, path: &str) -> Result<u32, Errno> {
            self.add(path, KIND_FILE)
        }
        fn mkdir(&mut self, path: &str) -> Result<(), Errno> {
            self.add(path, KIND_DIR).map(|_| ())
        }
        fn rmdir(&mut self, path: &str) -> Result<(), Errno> {
            let i = self.lookup(path)?;
            if self.nodes[&i].1 != KIND_DIR {
                return Err(Errno::ENOTDIR);
            }
            if !self.children(path).is_empty() {
                return Err(Errno::ENOTEMPTY);
            }
            self.nodes.remove(&i);
            Ok(())
        }
        fn unlink(&mut self, path: &str) -> Result<(), Errno> {
            let i = self.lookup(path)?;
            if self.nodes[&i].1 == KIND_DIR {
                return Err(Errno::EISDIR);
            }
            self.nodes.remove(&i);
            Ok(())
        }
        fn stat(&mut self, ino: u32) -> Result<Stat, Errno> {
            let n = self.nodes.get(&ino).ok_or(Errno::ENOENT)?;
            Ok(Stat {
                inode: ino,
                kind: n.1,
                size: n.2.len() as u32,
                links: 1,
            })
        }
        fn read_at(&mut self, ino: u32, off: u32, buf: &mut [u8]) -> Result<usize, Errno> {
            let d = &self.nodes.get(&ino).ok_or(Errno::ENOENT)?.2;
            let off = (off as usize).min(d.len());
            let n = buf.len().min(d.len() - off);
            buf[..n].copy_from_slice(&d[off..off + n]);
            Ok(n)
        }
        fn write_at(&mut self, ino: u32, off: u32, buf: &[u8]) -> Result<usize, Errno> {
            let d = &mut self.nodes.get_mut(&ino).ok_or(Errno::ENOENT)?.2;
            let end = off as usize + buf.len();
            if d.len() < end {
                d.resize(end, 0);
            }
            d[off as usize..end].copy_from_slice(buf);
            Ok(buf.len())
        }
        fn truncate(&mut self, ino: u32, len: u32) -> Result<(), Errno> {
            self.nodes
                .get_mut(&ino)
                .ok_or(Errno::ENOENT)?
                .2
                .resize(len as usize, 0);
            Ok(())
        }
        fn read_dir(&mut self, ino: u32, index: u32) -> Result<Option<DirEntry>, Errno> {
            let dir = self.nodes.get(&ino).ok_or(Errno::ENOENT)?.0.clone();
            Ok(self.children(&dir).get(index as usize).map(|&i| {
                let n = &self.nodes[&i];
                let name = ulib::path::file_name(&n.0).as_bytes();
                let mut e = DirEntry {
                    inode: i,
                    kind: n.1,
                    name_len: name.len() as u32,
                    name: [0; NAME_MAX + 1],
                };
                e.name[..name.len()].copy_from_slice(name);
                e
            }))
        }
        fn sync(&mut self) -> Result<(), Errno> {
            self.syncs += 1;
            Ok(())
        }
    }

    /// A test client: the server plus one client buffer and a cwd handle.
    struct T {
        s: Server<Mem>,
        buf: Vec<u8>,
        cwd: u32,
    }

    impl T {
        fn new() -> T {
            T {
                s: Server::new(Mem::new()),
                buf: vec![0; FS_SHM_BYTES],
                cwd: 0,
            }
        }
        fn req(&mut self, op: FsOp, args: &[u32]) -> i32 {
            let mut m = Message::default();
            m.words[0] = op as u32;
            m.words[1..=args.len()].copy_from_slice(args);
            m.words[FS_CWD_WORD] = self.cwd;
            self.s.handle(&m, &mut self.buf)
        }
        fn path(&mut self, op: FsOp, path: &str, args: &[u32]) -> i32 {
            self.buf[..path.len()].copy_from_slice(path.as_bytes());
            self.buf[path.len()] = 0;
            self.req(op, args)
        }
        fn write(&mut self, h: i32, data: &[u8]) -> i32 {
            self.buf[..data.len()].copy_from_slice(data);
            self.req(FsOp::Write, &[h as u32, data.len() as u32])
        }
        fn read(&mut self, h: i32, len: u32) -> Vec<u8> {
            let n = self.req(FsOp::Read, &[h as u32, len]);
            assert!(n >= 0, "read failed: {n}");
            self.buf[..n as usize].to_vec()
        }
        fn word(&self, i: usize) -> u32 {
            u32::from_ne_bytes(self.buf[i * 4..i * 4 + 4].try_into().unwrap())
        }
    }

    const E: fn(Errno) -> i32 = |e| -(e as i32);

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
