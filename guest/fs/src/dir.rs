//! Directories: files of 64-byte entries (see `layout`). A free slot has
//! inode number 0 and is reused by the next entry added; the directory only
//! grows. A directory's size is a whole number of entries and it has no
//! holes; anything else is reported as corruption.

use crate::fs::FileSystem;
use crate::layout::{
    DIRENT_SIZE, DIRENTS_PER_BLOCK, DiskInode, InodeNum, InodeType, MAX_DIR_BYTES, RawDirEntry,
    new_block,
};
use crate::{BlockDevice, FsError};

impl<D: BlockDevice> FileSystem<D> {
    /// Calls `visit(slot, entry)` on each slot of directory `dir` in order,
    /// free ones included, until it returns `Some`. Bounded by the size.
    pub(crate) fn scan_dir<T>(
        &mut self,
        dir: &DiskInode,
        mut visit: impl FnMut(u32, &RawDirEntry) -> Option<T>,
    ) -> Result<Option<T>, FsError> {
        if dir.kind != InodeType::Dir {
            return Err(FsError::NotDir);
        }
        if dir.size > MAX_DIR_BYTES {
            return Err(FsError::Corrupt("directory larger than the limit"));
        }
        if !(dir.size as usize).is_multiple_of(DIRENT_SIZE) {
            return Err(FsError::Corrupt(
                "directory size is not a whole number of entries",
            ));
        }
        let slots = dir.size / DIRENT_SIZE as u32;
        let mut scratch = *dir;
        let mut buf = new_block();
        let mut slot = 0;
        while slot < slots {
            let index = slot / DIRENTS_PER_BLOCK as u32;
            let b = self
                .bmap(&mut scratch, index, false)?
                .ok_or(FsError::Corrupt("hole in a directory"))?;
            self.read_meta(b, &mut buf)?;
            for i in 0..DIRENTS_PER_BLOCK {
                if slot >= slots {
                    break;
                }
                let entry = RawDirEntry::decode(&buf[..], i * DIRENT_SIZE)?;
                if let Some(found) = visit(slot, &entry) {
                    return Ok(Some(found));
                }
                slot += 1;
            }
        }
        Ok(None)
    }

    /// Finds `name` in `dir`: its inode number and slot.
    pub(crate) fn dir_lookup(
        &mut self,
        dir: &DiskInode,
        name: &[u8],
    ) -> Result<Option<(InodeNum, u32)>, FsError> {
        self.scan_dir(dir, |slot, e| {
            (e.ino.0 != 0 && e.name() == name).then_some((e.ino, slot))
        })
    }

    /// Adds the entry `name` → `ino` to directory `dir_ino` (whose inode is
    /// `dir`, written back), in the first free slot or at the end; `NoSpace`
    /// when the directory is at its size limit or the disk is full.
    pub(crate) fn dir_add(
        &mut self,
        dir_ino: InodeNum,
        dir: &mut DiskInode,
        name: &[u8],
        ino: InodeNum,
    ) -> Result<(), FsError> {
        let entry = RawDirEntry::new(ino, name)?;
        let free = self.scan_dir(dir, |slot, e| (e.ino.0 == 0).then_some(slot))?;
        let slot = free.unwrap_or(dir.size / DIRENT_SIZE as u32);
        let mut raw = [0; DIRENT_SIZE];
        entry.encode(&mut raw, 0);
        let offset = slot * DIRENT_SIZE as u32;
        if offset >= MAX_DIR_BYTES {
            return Err(FsError::NoSpace);
        }
        match self.write_data(dir_ino, dir, offset, &raw)? {
            DIRENT_SIZE => Ok(()),
            // A partial entry cannot happen (entries never straddle blocks),
            // but if it did the directory would be corrupt: undo it.
            _ => Err(FsError::NoSpace),
        }
    }

    /// Clears slot `slot` of directory `dir_ino`.
    pub(crate) fn dir_remove(
        &mut self,
        dir_ino: InodeNum,
        dir: &mut DiskInode,
        slot: u32,
    ) -> Result<(), FsError> {
        let zero = [0; DIRENT_SIZE];
        self.write_data(dir_ino, dir, slot * DIRENT_SIZE as u32, &zero)?;
        Ok(())
    }

    /// Whether `dir` holds nothing but `.` and `..`.
    pub(crate) fn dir_is_empty(&mut self, dir: &DiskInode) -> Result<bool, FsError> {
        let other = self.scan_dir(dir, |_, e| {
            (e.ino.0 != 0 && e.name() != b"." && e.name() != b"..").then_some(())
        })?;
        Ok(other.is_none())
    }

    /// The `index`-th live entry of `dir` (free slots skipped).
    pub(crate) fn dir_nth(
        &mut self,
        dir: &DiskInode,
        index: u32,
    ) -> Result<Option<RawDirEntry>, FsError> {
        let mut seen = 0;
        self.scan_dir(dir, |_, e| {
            if e.ino.0 == 0 {
                return None;
            }
            seen += 1;
            (seen == index as u64 + 1).then_some(*e)
        })
    }

    /// Writes the `.` and `..` entries of a new directory.
    pub(crate) fn dir_init(
        &mut self,
        ino: InodeNum,
        dir: &mut DiskInode,
        parent: InodeNum,
    ) -> Result<(), FsError> {
        let mut raw = [0; 2 * DIRENT_SIZE];
        RawDirEntry::new(ino, b".")?.encode(&mut raw, 0);
        RawDirEntry::new(parent, b"..")?.encode(&mut raw, DIRENT_SIZE);
        match self.write_data(ino, dir, 0, &raw)? {
            n if n == raw.len() => Ok(()),
            _ => Err(FsError::NoSpace),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::{fresh, remount};
    use crate::{BLOCK_SIZE, FsError, ROOT_INO};
    use alloc::format;
    use alloc::vec::Vec;

    #[test]
    fn a_directory_grows_past_one_block_and_lists_in_order() {
        let mut fs = fresh(1024); // 256 inodes
        let d = fs.mkdir("/d").unwrap();
        for i in 0..100 {
            fs.create(&format!("/d/file{i}")).unwrap();
        }
        assert_eq!(fs.stat(d).unwrap().size, 102 * DIRENT_SIZE as u32);
        let mut fs = remount(fs);
        let names: Vec<_> = (0..)
            .map_while(|i| fs.read_dir(d, i).unwrap())
            .map(|e| e.name().to_vec())
            .collect();
        assert_eq!(names.len(), 102);
        assert_eq!(names[2], b"file0");
        assert_eq!(names[101], b"file99");
        assert!(fs.lookup("/d/file77").is_ok());
    }

    #[test]
    fn freed_slots_are_reused_and_skipped_when_listing() {
        let mut fs = fresh(64);
        for name in ["/a", "/b", "/c"] {
            fs.create(name).unwrap();
        }
        fs.unlink("/b").unwrap();
        let root = fs.get_inode(ROOT_INO).unwrap();
        assert_eq!(root.size, 5 * DIRENT_SIZE as u32);
        let third = fs.read_dir(ROOT_INO, 3).unwrap().unwrap();
        assert_eq!(third.name(), b"c");
        assert_eq!(fs.read_dir(ROOT_INO, 4), Ok(None));
        fs.create("/d").unwrap();
        let root = fs.get_inode(ROOT_INO).unwrap();
        assert_eq!(root.size, 5 * DIRENT_SIZE as u32);
        assert_eq!(fs.read_dir(ROOT_INO, 3).unwrap().unwrap().name(), b"d");
    }

    #[test]
    fn long_names_fit_exactly() {
        let mut fs = fresh(64);
        let name = format!("/{}", "n".repeat(crate::NAME_MAX));
        let ino = fs.create(&name).unwrap();
        assert_eq!(fs.lookup(&name), Ok(ino));
        let e = fs.read_dir(ROOT_INO, 2).unwrap().unwrap();
        assert_eq!(e.name().len(), crate::NAME_MAX);
        let longer = format!("{name}n");
        assert_eq!(fs.create(&longer), Err(FsError::NameTooLong));
    }

    #[test]
    fn malformed_directories_are_corruption() {
        let mut fs = fresh(64);
        let d = fs.mkdir("/d").unwrap();
        let good = fs.get_inode(d).unwrap();
        type Spoil = fn(&mut DiskInode);
        let cases: [(Spoil, &str); 3] = [
            (
                |i| i.size += 1,
                "directory size is not a whole number of entries",
            ),
            (
                |i| i.size = MAX_DIR_BYTES + 64,
                "directory larger than the limit",
            ),
            (|i| i.size = 2 * BLOCK_SIZE as u32, "hole in a directory"),
        ];
        for (spoil, what) in cases {
            let mut bad = good;
            spoil(&mut bad);
            fs.put_inode(d, &bad).unwrap();
            assert_eq!(fs.lookup("/d/x"), Err(FsError::Corrupt(what)));
            assert_eq!(fs.create("/d/x"), Err(FsError::Corrupt(what)));
            assert_eq!(fs.read_dir(d, 5), Err(FsError::Corrupt(what)));
        }
    }

    #[test]
    fn entries_naming_bad_inodes_are_corruption() {
        let mut fs = fresh(64);
        let mut root = fs.get_inode(ROOT_INO).unwrap();
        fs.dir_add(ROOT_INO, &mut root, b"free", InodeNum(40))
            .unwrap();
        fs.dir_add(ROOT_INO, &mut root, b"far", InodeNum(1 << 30))
            .unwrap();
        assert_eq!(
            fs.lookup("/free"),
            Err(FsError::Corrupt("directory entry names a free inode"))
        );
        assert_eq!(
            fs.lookup("/far"),
            Err(FsError::Corrupt("inode number out of range"))
        );
        assert!(fs.read_dir(ROOT_INO, 2).is_err());
        assert!(fs.unlink("/far").is_err());
        assert!(fs.rmdir("/free").is_err());
    }
}
