//! The file server's test fixtures: an in-memory [`Backend`] and a client
//! that builds requests in its buffer.

use abi::{
    DirEntry, Errno, FS_CWD_WORD, FS_SHM_BYTES, FsOp, KIND_DIR, KIND_FILE, Message, NAME_MAX, Stat,
};
use std::collections::BTreeMap;
use std::string::String;
use std::vec::Vec;

use super::{Backend, Server};

/// An in-memory file system keyed by absolute path.
#[derive(Default)]
pub(super) struct Mem {
    nodes: BTreeMap<u32, (String, u32, Vec<u8>)>,
    next: u32,
    pub(super) syncs: usize,
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
pub(super) struct T {
    pub(super) s: Server<Mem>,
    pub(super) buf: Vec<u8>,
    pub(super) cwd: u32,
}

impl T {
    pub(super) fn new() -> T {
        T {
            s: Server::new(Mem::new()),
            buf: vec![0; FS_SHM_BYTES],
            cwd: 0,
        }
    }
    pub(super) fn req(&mut self, op: FsOp, args: &[u32]) -> i32 {
        let mut m = Message::default();
        m.words[0] = op as u32;
        m.words[1..=args.len()].copy_from_slice(args);
        m.words[FS_CWD_WORD] = self.cwd;
        self.s.handle(&m, &mut self.buf)
    }
    pub(super) fn path(&mut self, op: FsOp, path: &str, args: &[u32]) -> i32 {
        self.buf[..path.len()].copy_from_slice(path.as_bytes());
        self.buf[path.len()] = 0;
        self.req(op, args)
    }
    pub(super) fn write(&mut self, h: i32, data: &[u8]) -> i32 {
        self.buf[..data.len()].copy_from_slice(data);
        self.req(FsOp::Write, &[h as u32, data.len() as u32])
    }
    pub(super) fn read(&mut self, h: i32, len: u32) -> Vec<u8> {
        let n = self.req(FsOp::Read, &[h as u32, len]);
        assert!(n >= 0, "read failed: {n}");
        self.buf[..n as usize].to_vec()
    }
    pub(super) fn word(&self, i: usize) -> u32 {
        u32::from_ne_bytes(self.buf[i * 4..i * 4 + 4].try_into().unwrap())
    }
}

/// The result word of a request failing with `e`.
pub(super) const E: fn(Errno) -> i32 = |e| -(e as i32);
