//! [`FileSystem`]: mount or format a device and the public operations.
//!
//! Files are named by absolute paths for the namespace operations (create,
//! mkdir, unlink, rmdir, lookup) and by inode number for data operations
//! (read_at, write_at, truncate, stat, read_dir), so a server can hold an
//! open file as its inode number plus the client's offset (that is "seek").
//! Each mutating operation writes its blocks, inodes and bitmap changes to
//! the device before it returns.

use alloc::vec::Vec;

use crate::bitmap::Bitmap;
use crate::cache::Cache;
use crate::layout::{
    BLOCK_SIZE, DiskInode, INODES_PER_BLOCK, InodeNum, InodeType, NAME_MAX, ROOT_INO, Superblock,
    new_block,
};
use crate::{BlockDevice, FsError};

/// What an inode is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
}

/// What [`FileSystem::stat`] tells about an inode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stat {
    /// The inode number.
    pub ino: InodeNum,
    /// File or directory.
    pub kind: Kind,
    /// Size in bytes.
    pub size: u32,
    /// Directory entries naming it (for a directory: 2 + subdirectories).
    pub links: u32,
}

/// One directory entry, as [`FileSystem::read_dir`] returns it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DirEntry {
    /// The inode it names.
    pub ino: InodeNum,
    /// What that inode is.
    pub kind: Kind,
    name_len: u8,
    name: [u8; NAME_MAX],
}

impl DirEntry {
    /// The name's bytes (1 to [`NAME_MAX`]; UTF-8 unless the image is corrupt).
    pub fn name(&self) -> &[u8] {
        &self.name[..usize::from(self.name_len).min(NAME_MAX)]
    }
}

/// Space in use, as `df` shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Usage {
    /// Blocks on the device (metadata included).
    pub total_blocks: u32,
    /// Data blocks free.
    pub free_blocks: u32,
    /// Inodes in the table (inode 0 is never used).
    pub total_inodes: u32,
    /// Inodes free.
    pub free_inodes: u32,
}

/// A mounted file system on a block device.
pub struct FileSystem<D: BlockDevice> {
    pub(crate) dev: D,
    pub(crate) sb: Superblock,
    pub(crate) bitmap: Bitmap,
    pub(crate) cache: Cache,
    /// The inode-table block where the next search for a free inode starts.
    pub(crate) inode_hint: u32,
}

fn kind_of(inode: &DiskInode) -> Kind {
    match inode.kind {
        InodeType::Dir => Kind::Dir,
        _ => Kind::File,
    }
}

impl<D: BlockDevice> FileSystem<D> {
    /// Makes an empty file system (just the root directory) on `dev`, which
    /// must have at least `total_blocks` blocks; the default of one inode
    /// per four blocks. `Invalid` for a size out of range.
    pub fn format(dev: D, total_blocks: u32) -> Result<Self, FsError> {
        FileSystem::format_with_inodes(dev, total_blocks, 0)
    }

    /// As [`format`](Self::format) with room for at least `inodes` inodes
    /// (rounded up to a whole block of 64; 0 for the default).
    pub fn format_with_inodes(mut dev: D, total_blocks: u32, inodes: u32) -> Result<Self, FsError> {
        let sb = Superblock::new(total_blocks, inodes.div_ceil(INODES_PER_BLOCK))?;
        let mut buf = new_block();
        // Writing the last block first proves the device is big enough.
        dev.write_block(total_blocks - 1, &buf)?;
        for b in sb.inode_start..sb.data_start {
            dev.write_block(b, &buf)?;
        }
        sb.encode(&mut buf);
        dev.write_block(0, &buf)?;
        let mut fs = FileSystem {
            bitmap: Bitmap::new(&sb),
            dev,
            sb,
            inode_hint: 0,
            cache: Cache::default(),
        };
        let mut root = DiskInode::new(InodeType::Dir, 2);
        fs.put_inode(ROOT_INO, &root)?;
        fs.dir_init(ROOT_INO, &mut root, ROOT_INO)?;
        fs.sync()?;
        Ok(fs)
    }

    /// Opens the file system on `dev`: checks the superblock (magic number,
    /// version, region bounds), loads the bitmap and checks the root.
    pub fn mount(mut dev: D) -> Result<Self, FsError> {
        let mut buf = new_block();
        dev.read_block(0, &mut buf)?;
        let sb = Superblock::decode(&buf)?;
        let bitmap = Bitmap::load(&mut dev, &sb)?;
        let mut fs = FileSystem {
            dev,
            sb,
            bitmap,
            inode_hint: 0,
            cache: Cache::default(),
        };
        if fs.entry_inode(ROOT_INO)?.kind != InodeType::Dir {
            return Err(FsError::Corrupt("the root is not a directory"));
        }
        Ok(fs)
    }

    /// Writes the bitmap changes of the operation that produced `result`.
    fn commit<T>(&mut self, result: Result<T, FsError>) -> Result<T, FsError> {
        let stored = self.bitmap.store(&mut self.dev, &self.sb);
        let value = result?;
        stored.map(|()| value)
    }

    /// The inode an absolute path names.
    pub fn lookup(&mut self, path: &str) -> Result<InodeNum, FsError> {
        Ok(self.resolve(path)?.0)
    }

    /// The whole contents of the regular file at `path` (for loaders);
    /// `FileTooLarge` for a (sparse) file bigger than the device.
    pub fn read_file(&mut self, path: &str) -> Result<Vec<u8>, FsError> {
        let (_, inode) = self.resolve(path)?;
        if inode.kind == InodeType::Dir {
            return Err(FsError::IsDir);
        }
        // The size comes from the disk: refuse absurd ones (bigger than the
        // whole device) and fail cleanly rather than abort on the allocation.
        if u64::from(inode.size) > u64::from(self.sb.total_blocks) * BLOCK_SIZE as u64 {
            return Err(FsError::FileTooLarge);
        }
        let mut data = Vec::new();
        data.try_reserve_exact(inode.size as usize)
            .map_err(|_| FsError::NoMemory)?;
        data.resize(inode.size as usize, 0);
        let n = self.read_data(&inode, 0, &mut data)?;
        data.truncate(n);
        Ok(data)
    }

    /// Kind, size and link count of inode `ino` (`NotFound` if free).
    pub fn stat(&mut self, ino: InodeNum) -> Result<Stat, FsError> {
        let inode = self.live_inode(ino)?;
        Ok(Stat {
            ino,
            kind: kind_of(&inode),
            size: inode.size,
            links: u32::from(inode.links),
        })
    }

    /// Reads file `ino` from `offset` into `buf`; returns the bytes read
    /// (short at the end of the file, 0 past it).
    pub fn read_at(
        &mut self,
        ino: InodeNum,
        offset: u32,
        buf: &mut [u8],
    ) -> Result<usize, FsError> {
        let inode = self.live_inode(ino)?;
        if inode.kind == InodeType::Dir {
            return Err(FsError::IsDir);
        }
        self.read_data(&inode, offset, buf)
    }

    /// Writes `buf` to file `ino` at `offset`, growing it (a gap past the old
    /// end reads as zeros). Returns the bytes written, short only when the
    /// disk filled up part way (`NoSpace` if nothing could be written).
    pub fn write_at(&mut self, ino: InodeNum, offset: u32, buf: &[u8]) -> Result<usize, FsError> {
        let result = self.live_inode(ino).and_then(|mut inode| {
            if inode.kind == InodeType::Dir {
                return Err(FsError::IsDir);
            }
            self.write_data(ino, &mut inode, offset, buf)
        });
        self.commit(result)
    }

    /// Creates an empty regular file at `path` (`Exists` if the name is taken).
    pub fn create(&mut self, path: &str) -> Result<InodeNum, FsError> {
        let result = self.create_inner(path, InodeType::File);
        self.commit(result)
    }

    /// Creates an empty directory at `path`.
    pub fn mkdir(&mut self, path: &str) -> Result<InodeNum, FsError> {
        let result = self.create_inner(path, InodeType::Dir);
        self.commit(result)
    }

    fn create_inner(&mut self, path: &str, kind: InodeType) -> Result<InodeNum, FsError> {
        let (pino, mut parent, name) = self.resolve_parent(path)?;
        let name = name.ok_or(FsError::Exists)?;
        if self.dir_lookup(&parent, name)?.is_some() {
            return Err(FsError::Exists);
        }
        let parent_links = match kind {
            InodeType::Dir => parent.links.checked_add(1).ok_or(FsError::TooManyLinks)?,
            _ => parent.links,
        };
        let links = if kind == InodeType::Dir { 2 } else { 1 };
        let ino = self.alloc_inode(kind, links)?;
        let mut inode = DiskInode::new(kind, links);
        let added = match kind {
            InodeType::Dir => self.dir_init(ino, &mut inode, pino),
            _ => Ok(()),
        }
        .and_then(|()| self.dir_add(pino, &mut parent, name, ino));
        if let Err(e) = added {
            self.free_inode(ino, &mut inode)?;
            return Err(e);
        }
        if parent_links != parent.links {
            parent.links = parent_links;
            self.put_inode(pino, &parent)?;
        }
        Ok(ino)
    }

    /// Removes the regular file at `path`; its blocks and inode are freed
    /// with its last link. `IsDir` for a directory.
    pub fn unlink(&mut self, path: &str) -> Result<(), FsError> {
        let result = self.unlink_inner(path);
        self.commit(result)
    }

    fn unlink_inner(&mut self, path: &str) -> Result<(), FsError> {
        let (pino, mut parent, name) = self.resolve_parent(path)?;
        let name = name.ok_or(FsError::IsDir)?;
        let (ino, slot) = self.dir_lookup(&parent, name)?.ok_or(FsError::NotFound)?;
        let mut inode = self.entry_inode(ino)?;
        if inode.kind == InodeType::Dir {
            return Err(FsError::IsDir);
        }
        self.dir_remove(pino, &mut parent, slot)?;
        inode.links = inode.links.saturating_sub(1);
        if inode.links == 0 {
            self.free_inode(ino, &mut inode)
        } else {
            self.put_inode(ino, &inode)
        }
    }

    /// Removes the empty directory at `path` (`NotEmpty` otherwise; `Busy`
    /// for the root, `Invalid` for a final `.`).
    pub fn rmdir(&mut self, path: &str) -> Result<(), FsError> {
        let result = self.rmdir_inner(path);
        self.commit(result)
    }

    fn rmdir_inner(&mut self, path: &str) -> Result<(), FsError> {
        let (pino, mut parent, name) = self.resolve_parent(path)?;
        let name = match name {
            None => return Err(FsError::Busy),
            Some(b".") => return Err(FsError::Invalid),
            Some(b"..") => return Err(FsError::NotEmpty),
            Some(name) => name,
        };
        let (ino, slot) = self.dir_lookup(&parent, name)?.ok_or(FsError::NotFound)?;
        let mut inode = self.entry_inode(ino)?;
        if inode.kind != InodeType::Dir {
            return Err(FsError::NotDir);
        }
        if ino == ROOT_INO || ino == pino {
            return Err(FsError::Busy);
        }
        if !self.dir_is_empty(&inode)? {
            return Err(FsError::NotEmpty);
        }
        self.dir_remove(pino, &mut parent, slot)?;
        self.free_inode(ino, &mut inode)?;
        parent.links = parent.links.saturating_sub(1);
        self.put_inode(pino, &parent)
    }

    /// Sets file `ino`'s length: shrinking frees the blocks past it,
    /// growing leaves a hole that reads as zeros.
    pub fn truncate(&mut self, ino: InodeNum, len: u32) -> Result<(), FsError> {
        let result = self.live_inode(ino).and_then(|mut inode| {
            if inode.kind == InodeType::Dir {
                return Err(FsError::IsDir);
            }
            self.set_size(ino, &mut inode, len)
        });
        self.commit(result)
    }

    /// The `index`-th entry of directory `ino` (`.` and `..` included, free
    /// slots skipped), or `None` past the last.
    pub fn read_dir(&mut self, ino: InodeNum, index: u32) -> Result<Option<DirEntry>, FsError> {
        let dir = self.live_inode(ino)?;
        let Some(raw) = self.dir_nth(&dir, index)? else {
            return Ok(None);
        };
        let child = self.entry_inode(raw.ino)?;
        Ok(Some(DirEntry {
            ino: raw.ino,
            kind: kind_of(&child),
            name_len: raw.name_len,
            name: raw.name,
        }))
    }

    /// Writes anything pending and flushes the device.
    pub fn sync(&mut self) -> Result<(), FsError> {
        self.bitmap.store(&mut self.dev, &self.sb)?;
        self.dev.flush()
    }

    /// Blocks and inodes in use (scans the inode table).
    pub fn usage(&mut self) -> Result<Usage, FsError> {
        let mut buf = new_block();
        let mut free_inodes = 0;
        for b in 0..self.sb.inode_blocks {
            self.dev.read_block(self.sb.inode_start + b, &mut buf)?;
            let first = if b == 0 { 1 } else { 0 };
            free_inodes += buf
                .chunks_exact(BLOCK_SIZE / INODES_PER_BLOCK as usize)
                .skip(first)
                .filter(|raw| raw[0] == 0 && raw[1] == 0)
                .count() as u32;
        }
        Ok(Usage {
            total_blocks: self.sb.total_blocks,
            free_blocks: self.bitmap.count_free(),
            total_inodes: self.sb.inode_count,
            free_inodes,
        })
    }

    /// Gives the device back (every operation has already written through).
    pub fn into_device(self) -> D {
        self.dev
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::{Counting, fresh, pattern, remount};
    use crate::{MemDevice, ROOT_INO};

    fn names(fs: &mut FileSystem<MemDevice>, path: &str) -> Vec<Vec<u8>> {
        let dir = fs.lookup(path).unwrap();
        (0..)
            .map_while(|i| fs.read_dir(dir, i).unwrap())
            .map(|e| e.name().to_vec())
            .collect()
    }

    #[test]
    fn fresh_image_has_an_empty_root() {
        let mut fs = fresh(64);
        assert_eq!(fs.lookup("/"), Ok(ROOT_INO));
        let st = fs.stat(ROOT_INO).unwrap();
        assert_eq!((st.kind, st.size, st.links), (Kind::Dir, 128, 2));
        assert_eq!(names(&mut fs, "/"), [b".".to_vec(), b"..".to_vec()]);
        assert_eq!(fs.lookup("/.."), Ok(ROOT_INO));
        assert_eq!(fs.lookup("/nothing"), Err(FsError::NotFound));
    }

    #[test]
    fn create_write_read_and_stat() {
        let mut fs = fresh(64);
        let ino = fs.create("/hello.txt").unwrap();
        assert_eq!(fs.write_at(ino, 0, b"hello, world"), Ok(12));
        assert_eq!(fs.write_at(ino, 7, b"there"), Ok(5));
        assert_eq!(fs.read_file("/hello.txt").unwrap(), b"hello, there");
        let mut buf = [0; 8];
        assert_eq!(fs.read_at(ino, 10, &mut buf), Ok(2));
        assert_eq!(&buf[..2], b"re");
        assert_eq!(fs.read_at(ino, 100, &mut buf), Ok(0));
        let st = fs.stat(ino).unwrap();
        assert_eq!(
            (st.ino, st.kind, st.size, st.links),
            (ino, Kind::File, 12, 1)
        );
        assert_eq!(fs.create("/hello.txt"), Err(FsError::Exists));
        assert_eq!(fs.create("/"), Err(FsError::Exists));
        assert_eq!(fs.create("/hello.txt/x"), Err(FsError::NotDir));
        assert_eq!(fs.create("relative"), Err(FsError::Invalid));
    }

    #[test]
    fn writes_past_the_end_leave_zero_holes() {
        let mut fs = fresh(64);
        let ino = fs.create("/sparse").unwrap();
        fs.write_at(ino, 3 * 4096 + 10, b"end").unwrap();
        let data = fs.read_file("/sparse").unwrap();
        assert_eq!(data.len(), 3 * 4096 + 13);
        assert!(data[..3 * 4096 + 10].iter().all(|&b| b == 0));
        assert_eq!(&data[3 * 4096 + 10..], b"end");
    }

    #[test]
    fn nested_directories_and_dot_entries() {
        let mut fs = fresh(128);
        let a = fs.mkdir("/a").unwrap();
        let b = fs.mkdir("/a/b").unwrap();
        let f = fs.create("/a/b/f").unwrap();
        fs.write_at(f, 0, b"deep").unwrap();
        assert_eq!(fs.lookup("/a/b/../b/./f"), Ok(f));
        assert_eq!(fs.lookup("/a/b/.."), Ok(a));
        assert_eq!(fs.lookup("//a//b/"), Ok(b));
        assert_eq!(fs.stat(a).unwrap().links, 3);
        assert_eq!(fs.stat(ROOT_INO).unwrap().links, 3);
        assert_eq!(fs.mkdir("/a/b"), Err(FsError::Exists));
        assert_eq!(fs.mkdir("/a/."), Err(FsError::Exists));
        assert_eq!(fs.mkdir("/x/y"), Err(FsError::NotFound));
        assert_eq!(fs.read_file("/a"), Err(FsError::IsDir));
        assert_eq!(fs.read_at(a, 0, &mut [0; 4]), Err(FsError::IsDir));
        assert_eq!(fs.write_at(a, 0, b"x"), Err(FsError::IsDir));
        assert_eq!(
            names(&mut fs, "/a"),
            [b".".to_vec(), b"..".to_vec(), b"b".to_vec()]
        );
        let e = fs.read_dir(a, 2).unwrap().unwrap();
        assert_eq!((e.ino, e.kind), (b, Kind::Dir));
        assert_eq!(fs.read_dir(a, 3), Ok(None));
        assert_eq!(fs.read_dir(f, 0), Err(FsError::NotDir));
    }

    #[test]
    fn everything_persists_across_remount() {
        let mut fs = fresh(256);
        fs.mkdir("/etc").unwrap();
        let ino = fs.create("/etc/motd").unwrap();
        let data = pattern(20_000);
        fs.write_at(ino, 0, &data).unwrap();
        let usage = fs.usage().unwrap();
        let mut fs = remount(fs);
        assert_eq!(fs.read_file("/etc/motd").unwrap(), data);
        assert_eq!(fs.usage().unwrap(), usage);
        // The remounted bitmap knows those blocks are taken.
        let other = fs.create("/other").unwrap();
        fs.write_at(other, 0, &pattern(8192)).unwrap();
        assert_eq!(fs.read_file("/etc/motd").unwrap(), data);
        assert!(fs.check().unwrap().is_clean());
    }

    #[test]
    fn handles_to_free_inodes_are_not_found() {
        let mut fs = fresh(64);
        assert_eq!(fs.stat(InodeNum(5)), Err(FsError::NotFound));
        assert_eq!(fs.stat(InodeNum(0)), Err(FsError::NotFound));
        assert_eq!(fs.stat(InodeNum(u32::MAX)), Err(FsError::NotFound));
        assert_eq!(fs.write_at(InodeNum(9), 0, b"x"), Err(FsError::NotFound));
    }

    #[test]
    fn format_refuses_bad_sizes() {
        assert!(FileSystem::format(MemDevice::new(8), 8).is_err());
        // A device smaller than the size asked for fails on the first write past it.
        assert_eq!(
            FileSystem::format(MemDevice::new(20), 4000).err(),
            Some(FsError::Io)
        );
    }

    #[test]
    fn unlink_frees_the_file_and_its_blocks() {
        let mut fs = fresh(256);
        let before = fs.usage().unwrap();
        fs.mkdir("/d").unwrap();
        let after_mkdir = fs.usage().unwrap();
        let ino = fs.create("/d/f").unwrap();
        fs.write_at(ino, 0, &pattern(60_000)).unwrap(); // uses an indirect block
        assert!(fs.usage().unwrap().free_blocks < after_mkdir.free_blocks);
        fs.unlink("/d/f").unwrap();
        assert_eq!(fs.usage().unwrap(), after_mkdir);
        assert_eq!(fs.stat(ino), Err(FsError::NotFound));
        assert_eq!(fs.unlink("/d/f"), Err(FsError::NotFound));
        assert_eq!(fs.unlink("/d"), Err(FsError::IsDir));
        assert_eq!(fs.unlink("/d/."), Err(FsError::IsDir));
        assert_eq!(fs.unlink("/"), Err(FsError::IsDir));
        fs.rmdir("/d").unwrap();
        assert_eq!(fs.usage().unwrap(), before);
        let mut fs = remount(fs);
        assert_eq!(fs.usage().unwrap(), before);
        assert!(fs.check().unwrap().is_clean());
    }

    #[test]
    fn rmdir_removes_only_empty_directories() {
        let mut fs = fresh(256);
        let a = fs.mkdir("/a").unwrap();
        fs.mkdir("/a/b").unwrap();
        fs.create("/a/f").unwrap();
        assert_eq!(fs.rmdir("/a"), Err(FsError::NotEmpty));
        assert_eq!(fs.rmdir("/a/f"), Err(FsError::NotDir));
        assert_eq!(fs.rmdir("/a/x"), Err(FsError::NotFound));
        assert_eq!(fs.rmdir("/"), Err(FsError::Busy));
        assert_eq!(fs.rmdir("/a/b/."), Err(FsError::Invalid));
        assert_eq!(fs.rmdir("/a/b/.."), Err(FsError::NotEmpty));
        assert_eq!(fs.stat(a).unwrap().links, 3);
        fs.rmdir("/a/b").unwrap();
        assert_eq!(fs.stat(a).unwrap().links, 2);
        assert_eq!(fs.lookup("/a/b"), Err(FsError::NotFound));
        fs.unlink("/a/f").unwrap();
        fs.rmdir("/a/").unwrap();
        assert_eq!(fs.stat(ROOT_INO).unwrap().links, 2);
        assert_eq!(names(&mut fs, "/"), [b".".to_vec(), b"..".to_vec()]);
        assert!(remount(fs).check().unwrap().is_clean());
    }

    #[test]
    fn too_many_files_is_an_error_not_a_panic() {
        let mut fs = fresh(64); // one block of 64 inodes: 0 unused, 1 the root
        for i in 0..62 {
            fs.create(&alloc::format!("/f{i}")).unwrap();
        }
        assert_eq!(fs.create("/one-more"), Err(FsError::NoInodes));
        assert_eq!(fs.mkdir("/dir"), Err(FsError::NoInodes));
        assert_eq!(FsError::NoInodes.errno(), 28);
        assert_eq!(fs.usage().unwrap().free_inodes, 0);
        fs.unlink("/f10").unwrap();
        assert!(fs.create("/one-more").is_ok());
        assert!(fs.check().unwrap().is_clean());
    }

    #[test]
    fn sync_flushes_the_device() {
        let mut fs = FileSystem::format(Counting::new(MemDevice::new(64)), 64).unwrap();
        let ino = fs.create("/f").unwrap();
        fs.write_at(ino, 0, b"data").unwrap();
        fs.sync().unwrap();
        let dev = fs.into_device();
        assert_eq!(dev.flushes, 2); // format syncs too
        let mut fs = FileSystem::mount(dev.dev).unwrap();
        assert_eq!(fs.read_file("/f").unwrap(), b"data");
    }

    #[test]
    fn unmountable_images_give_errors() {
        assert_eq!(
            FileSystem::mount(MemDevice::new(64)).err(),
            Some(FsError::BadMagic)
        );
        assert_eq!(
            FileSystem::mount(MemDevice::new(0)).err(),
            Some(FsError::Io)
        );
        let good = fresh(64).into_device().into_bytes();
        // Cut short: the bitmap block is missing.
        let short = MemDevice::from_bytes(good[..BLOCK_SIZE].to_vec());
        assert_eq!(FileSystem::mount(short).err(), Some(FsError::Io));
        // The root inode turned into a file.
        let mut bytes = good.clone();
        bytes[2 * BLOCK_SIZE + 64] = 1;
        assert_eq!(
            FileSystem::mount(MemDevice::from_bytes(bytes)).err(),
            Some(FsError::Corrupt("the root is not a directory"))
        );
        // ... or freed.
        let mut bytes = good.clone();
        bytes[2 * BLOCK_SIZE + 64] = 0;
        assert!(matches!(
            FileSystem::mount(MemDevice::from_bytes(bytes)),
            Err(FsError::Corrupt(_))
        ));
    }

    /// Flips bytes of a populated image's metadata, then runs every
    /// operation and fsck on it: errors are fine, panics and hangs are not.
    #[test]
    fn damaged_images_never_panic() {
        let mut fs = fresh(96);
        fs.mkdir("/a").unwrap();
        fs.mkdir("/a/b").unwrap();
        let f = fs.create("/a/b/f").unwrap();
        fs.write_at(f, 0, &pattern(70_000)).unwrap();
        let g = fs.create("/g").unwrap();
        fs.write_at(g, 0, &pattern(3000)).unwrap();
        let good = fs.into_device().into_bytes();
        let data_start = 3 * BLOCK_SIZE; // superblock, bitmap, inodes
        let mut seed = 0x2545_f491_u32;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        for round in 0..300 {
            let mut bytes = good.clone();
            for _ in 0..1 + round % 8 {
                // Mostly metadata (inodes, directory blocks), sometimes anywhere.
                let at = match next() % 4 {
                    0 => next() as usize % bytes.len(),
                    1 => data_start + next() as usize % (3 * BLOCK_SIZE),
                    _ => 2 * BLOCK_SIZE + next() as usize % 512,
                };
                bytes[at] = next() as u8;
            }
            let Ok(mut fs) = FileSystem::mount(MemDevice::from_bytes(bytes)) else {
                continue;
            };
            let _ = fs.check();
            let _ = fs.read_file("/a/b/f");
            let _ = fs.read_at(g, 100, &mut [0; 5000]);
            let _ = fs.write_at(g, 4000, &[1; 9000]);
            let _ = fs.read_dir(ROOT_INO, 2);
            let _ = fs.create("/a/new");
            let _ = fs.mkdir("/a/b/c");
            let _ = fs.truncate(f, 5000);
            let _ = fs.unlink("/g");
            let _ = fs.rmdir("/a/b/c");
            let _ = fs.usage();
            let _ = fs.check();
        }
    }
}
