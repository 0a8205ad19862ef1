//! rvfs as the file server's [`Backend`]: its types and errors in the
//! ABI's terms.

use crate::fsserver::Backend;
use abi::{DirEntry, Errno, KIND_DIR, KIND_FILE, NAME_MAX, Stat};
use rvfs::{BlockDevice, FileSystem, FsError, InodeNum, Kind};

/// rvfs errors as errnos.
fn errno(e: FsError) -> Errno {
    Errno::from_result(-(e.errno() as isize)).unwrap_or(Errno::EIO)
}

fn kind(k: Kind) -> u32 {
    match k {
        Kind::File => KIND_FILE,
        Kind::Dir => KIND_DIR,
    }
}

/// rvfs on device `D` as the server's back end.
pub struct Rvfs<D: BlockDevice>(pub FileSystem<D>);

impl<D: BlockDevice> Backend for Rvfs<D> {
    type Ino = InodeNum;
    fn lookup(&mut self, path: &str) -> Result<InodeNum, Errno> {
        self.0.lookup(path).map_err(errno)
    }
    fn create(&mut self, path: &str) -> Result<InodeNum, Errno> {
        self.0.create(path).map_err(errno)
    }
    fn mkdir(&mut self, path: &str) -> Result<(), Errno> {
        self.0.mkdir(path).map(|_| ()).map_err(errno)
    }
    fn rmdir(&mut self, path: &str) -> Result<(), Errno> {
        self.0.rmdir(path).map_err(errno)
    }
    fn unlink(&mut self, path: &str) -> Result<(), Errno> {
        self.0.unlink(path).map_err(errno)
    }
    fn stat(&mut self, ino: InodeNum) -> Result<Stat, Errno> {
        let s = self.0.stat(ino).map_err(errno)?;
        Ok(Stat {
            inode: s.ino.0,
            kind: kind(s.kind),
            size: s.size,
            links: s.links,
        })
    }
    fn read_at(&mut self, ino: InodeNum, offset: u32, buf: &mut [u8]) -> Result<usize, Errno> {
        self.0.read_at(ino, offset, buf).map_err(errno)
    }
    fn write_at(&mut self, ino: InodeNum, offset: u32, buf: &[u8]) -> Result<usize, Errno> {
        self.0.write_at(ino, offset, buf).map_err(errno)
    }
    fn truncate(&mut self, ino: InodeNum, len: u32) -> Result<(), Errno> {
        self.0.truncate(ino, len).map_err(errno)
    }
    fn read_dir(&mut self, ino: InodeNum, index: u32) -> Result<Option<DirEntry>, Errno> {
        let Some(e) = self.0.read_dir(ino, index).map_err(errno)? else {
            return Ok(None);
        };
        let name = e.name();
        let len = name.len().min(NAME_MAX);
        let mut out = DirEntry {
            inode: e.ino.0,
            kind: kind(e.kind),
            name_len: len as u32,
            name: [0; NAME_MAX + 1],
        };
        out.name[..len].copy_from_slice(&name[..len]);
        Ok(Some(out))
    }
    fn sync(&mut self) -> Result<(), Errno> {
        self.0.sync().map_err(errno)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fsserver::Server;
    use abi::{FS_CWD_WORD, FS_SHM_BYTES, FsOp, Message, O_CREATE, O_READ, O_TRUNC, O_WRITE};
    use rvfs::MemDevice;

    struct T {
        s: Server<Rvfs<MemDevice>>,
        buf: Vec<u8>,
    }

    impl T {
        fn new() -> T {
            let fs = FileSystem::format(MemDevice::new(256), 256).unwrap();
            T {
                s: Server::new(Rvfs(fs)),
                buf: vec![0; FS_SHM_BYTES],
            }
        }
        fn req(&mut self, op: FsOp, args: &[u32], path: Option<&str>, cwd: u32) -> i32 {
            if let Some(p) = path {
                self.buf[..p.len()].copy_from_slice(p.as_bytes());
                self.buf[p.len()] = 0;
            }
            let mut m = Message::default();
            m.words[0] = op as u32;
            m.words[1..=args.len()].copy_from_slice(args);
            m.words[FS_CWD_WORD] = cwd;
            self.s.handle(&m, &mut self.buf)
        }
        fn word(&self, i: usize) -> u32 {
            u32::from_ne_bytes(self.buf[i * 4..i * 4 + 4].try_into().unwrap())
        }
        fn names(&mut self, dir: &str) -> Vec<String> {
            let h = self.req(FsOp::Open, &[O_READ], Some(dir), 0);
            assert!(h >= 0);
            let mut out = Vec::new();
            for i in 0.. {
                match self.req(FsOp::ReadDir, &[h as u32, i], None, 0) {
                    0 => break,
                    1 => {
                        assert!(self.word(2) <= NAME_MAX as u32);
                        out.push(
                            String::from_utf8(self.buf[12..12 + self.word(2) as usize].to_vec())
                                .unwrap(),
                        )
                    }
                    e => panic!("readdir: {e}"),
                }
            }
            self.req(FsOp::Close, &[h as u32], None, 0);
            out.sort();
            out
        }
    }

    #[test]
    fn files_and_directories_on_rvfs() {
        let mut t = T::new();
        assert_eq!(t.req(FsOp::Mkdir, &[], Some("/etc"), 0), 0);
        let h = t.req(
            FsOp::Open,
            &[O_WRITE | O_CREATE | O_TRUNC],
            Some("/etc/motd"),
            0,
        );
        assert!(h >= 0);
        let text = b"welcome\n";
        t.buf[..text.len()].copy_from_slice(text);
        assert_eq!(
            t.req(FsOp::Write, &[h as u32, text.len() as u32], None, 0),
            text.len() as i32
        );
        t.req(FsOp::Close, &[h as u32], None, 0);
        // Relative to /etc, through a directory handle as the cwd.
        let d = t.req(FsOp::Open, &[O_READ], Some("/etc"), 0);
        assert_eq!(t.req(FsOp::Stat, &[], Some("motd"), d as u32 + 1), 0);
        assert_eq!((t.word(1), t.word(2)), (KIND_FILE, text.len() as u32));
        let r = t.req(FsOp::Open, &[O_READ], Some("./motd"), d as u32 + 1);
        assert_eq!(
            t.req(FsOp::Read, &[r as u32, 100], None, 0),
            text.len() as i32
        );
        assert_eq!(&t.buf[..text.len()], text);
        t.req(FsOp::Close, &[r as u32], None, 0);
        t.req(FsOp::Close, &[d as u32], None, 0);
        assert_eq!(t.names("/etc"), [".", "..", "motd"]);
        assert_eq!(t.req(FsOp::Stat, &[], Some("/etc"), 0), 0);
        assert_eq!(t.word(1), KIND_DIR);
        assert_eq!(
            t.req(FsOp::Rmdir, &[], Some("/etc"), 0),
            -(Errno::ENOTEMPTY as i32)
        );
        assert_eq!(
            t.req(FsOp::Unlink, &[], Some("/etc"), 0),
            -(Errno::EISDIR as i32)
        );
        assert_eq!(t.req(FsOp::Unlink, &[], Some("/etc/motd"), 0), 0);
        assert_eq!(t.req(FsOp::Rmdir, &[], Some("/etc"), 0), 0);
        assert_eq!(
            t.req(FsOp::Stat, &[], Some("/etc"), 0),
            -(Errno::ENOENT as i32)
        );
        assert_eq!(t.names("/"), [".", ".."]);
    }

    #[test]
    fn big_file_round_trip_and_persistence() {
        let mut t = T::new();
        let h = t.req(FsOp::Open, &[O_READ | O_WRITE | O_CREATE], Some("/big"), 0) as u32;
        let data: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        for chunk in data.chunks(FS_SHM_BYTES) {
            t.buf[..chunk.len()].copy_from_slice(chunk);
            assert_eq!(
                t.req(FsOp::Write, &[h, chunk.len() as u32], None, 0),
                chunk.len() as i32
            );
        }
        assert_eq!(t.req(FsOp::Truncate, &[h, 60_000], None, 0), 0);
        t.req(FsOp::Close, &[h], None, 0);
        // Remount the device: everything was written through.
        let dev = t.s.into_backend().0.into_device();
        let mut t2 = T {
            s: Server::new(Rvfs(FileSystem::mount(dev).unwrap())),
            buf: vec![0; FS_SHM_BYTES],
        };
        let h = t2.req(FsOp::Open, &[O_READ], Some("/big"), 0) as u32;
        let mut back = Vec::new();
        loop {
            let n = t2.req(FsOp::Read, &[h, FS_SHM_BYTES as u32], None, 0);
            assert!(n >= 0);
            if n == 0 {
                break;
            }
            back.extend_from_slice(&t2.buf[..n as usize]);
        }
        assert_eq!(back, &data[..60_000]);
    }
}
