//! Inodes and their block maps.
//!
//! A file's block `n` is found through `direct[n]` for n < 12, then through
//! the single-indirect block, then through the double-indirect block (a block
//! of pointers to blocks of pointers). A zero pointer is a hole and reads as
//! zeros; writing into a hole allocates zeroed blocks on the way down.
//!
//! Invariants kept here: bytes past a file's size are zero (blocks are zeroed
//! when allocated and the tail is cleared on truncate), and no block past the
//! size stays allocated. Every pointer read from the disk is checked to lie
//! in the data region before it is followed.

use crate::fs::FileSystem;
use crate::layout::{
    DiskInode, INODE_SIZE, INODES_PER_BLOCK, InodeNum, InodeType, MAX_FILE_BYTES, NDIRECT,
    PTRS_PER_BLOCK, get_u32, new_block, put_u32,
};
use crate::{BLOCK_SIZE, BlockDevice, FsError};

const BS: u32 = BLOCK_SIZE as u32;

impl<D: BlockDevice> FileSystem<D> {
    /// Reads inode `ino` (free or not); an out-of-range number is corrupt.
    pub(crate) fn get_inode(&mut self, ino: InodeNum) -> Result<DiskInode, FsError> {
        let (block, at) = self
            .sb
            .inode_pos(ino)
            .ok_or(FsError::Corrupt("inode number out of range"))?;
        let mut buf = new_block();
        self.read_meta(block, &mut buf)?;
        DiskInode::decode(&buf, at)
    }

    /// Reads inode `ino`, which must be in use (else `NotFound`).
    pub(crate) fn live_inode(&mut self, ino: InodeNum) -> Result<DiskInode, FsError> {
        if self.sb.inode_pos(ino).is_none() {
            return Err(FsError::NotFound);
        }
        match self.get_inode(ino)? {
            i if i.kind == InodeType::Free => Err(FsError::NotFound),
            i => Ok(i),
        }
    }

    /// Writes inode `ino` back.
    pub(crate) fn put_inode(&mut self, ino: InodeNum, inode: &DiskInode) -> Result<(), FsError> {
        let (block, at) = self
            .sb
            .inode_pos(ino)
            .ok_or(FsError::Corrupt("inode number out of range"))?;
        let mut buf = new_block();
        self.read_meta(block, &mut buf)?;
        inode.encode(&mut buf, at);
        self.write_block(block, &buf)
    }

    /// Takes a free inode (type 0 in the table), writes it as a fresh
    /// `kind` inode and returns its number; `NoInodes` when none is left.
    pub(crate) fn alloc_inode(&mut self, kind: InodeType, links: u16) -> Result<InodeNum, FsError> {
        let mut buf = new_block();
        let blocks = self.sb.inode_blocks;
        for k in 0..blocks {
            let b = (self.inode_hint + k) % blocks;
            self.read_meta(self.sb.inode_start + b, &mut buf)?;
            for slot in 0..INODES_PER_BLOCK {
                let at = slot as usize * INODE_SIZE;
                let ino = b * INODES_PER_BLOCK + slot;
                if ino == 0 || buf[at] != 0 || buf[at + 1] != 0 {
                    continue;
                }
                DiskInode::new(kind, links).encode(&mut buf, at);
                self.write_block(self.sb.inode_start + b, &buf)?;
                self.inode_hint = b;
                return Ok(InodeNum(ino));
            }
        }
        Err(FsError::NoInodes)
    }

    /// Frees every block of `inode` and marks it free on disk.
    pub(crate) fn free_inode(
        &mut self,
        ino: InodeNum,
        inode: &mut DiskInode,
    ) -> Result<(), FsError> {
        self.free_from(inode, 0)?;
        *inode = DiskInode::new(InodeType::Free, 0);
        self.put_inode(ino, inode)
    }

    /// Checks a pointer read from disk: `None` for a hole, the block if it
    /// lies in the data region, `Corrupt` otherwise.
    pub(crate) fn ptr(&self, raw: u32) -> Result<Option<u32>, FsError> {
        match raw {
            0 => Ok(None),
            b if self.sb.is_data_block(b) => Ok(Some(b)),
            _ => Err(FsError::Corrupt("block pointer out of range")),
        }
    }

    /// Allocates a data block, zeroed on disk unless `zero` is false (the
    /// caller is about to overwrite all of it).
    fn alloc_block(&mut self, zero: bool) -> Result<u32, FsError> {
        let b = self.bitmap.alloc().ok_or(FsError::NoSpace)?;
        if zero && let Err(e) = self.write_block(b, &new_block()) {
            self.bitmap.free(b);
            return Err(e);
        }
        Ok(b)
    }

    /// Follows (and with `alloc`, fills) one pointer slot.
    fn slot(&mut self, p: &mut u32, alloc: bool, zero: bool) -> Result<Option<u32>, FsError> {
        if let Some(b) = self.ptr(*p)? {
            return Ok(Some(b));
        }
        if !alloc {
            return Ok(None);
        }
        let b = self.alloc_block(zero)?;
        *p = b;
        Ok(Some(b))
    }

    /// Follows pointer `i` of the indirect block `block`.
    fn indirect_slot(
        &mut self,
        block: u32,
        i: u32,
        alloc: bool,
        zero: bool,
    ) -> Result<Option<u32>, FsError> {
        let mut buf = new_block();
        self.read_meta(block, &mut buf)?;
        let at = i as usize * 4;
        let mut p = get_u32(&buf[..], at);
        let before = p;
        let found = self.slot(&mut p, alloc, zero)?;
        if p != before {
            put_u32(&mut buf[..], at, p);
            self.write_block(block, &buf)?;
        }
        Ok(found)
    }

    /// The device block holding file block `index` of `inode`, allocating
    /// it (and any indirect blocks) when `alloc` is set; `None` for a hole.
    /// The caller writes `inode` back.
    pub(crate) fn bmap(
        &mut self,
        inode: &mut DiskInode,
        index: u32,
        alloc: bool,
    ) -> Result<Option<u32>, FsError> {
        self.map_block(inode, index, alloc, true)
    }

    /// As `bmap`; a data block allocated here is zeroed only if `zero` is
    /// set (indirect blocks always are).
    fn map_block(
        &mut self,
        inode: &mut DiskInode,
        index: u32,
        alloc: bool,
        zero: bool,
    ) -> Result<Option<u32>, FsError> {
        if let Some(p) = inode.direct.get_mut(index as usize) {
            let mut raw = *p;
            let found = self.slot(&mut raw, alloc, zero);
            *p = raw;
            return found;
        }
        let i = index - NDIRECT as u32;
        if i < PTRS_PER_BLOCK {
            let Some(ind) = self.slot(&mut inode.indirect, alloc, true)? else {
                return Ok(None);
            };
            return self.indirect_slot(ind, i, alloc, zero);
        }
        let i = i - PTRS_PER_BLOCK;
        if i < PTRS_PER_BLOCK * PTRS_PER_BLOCK {
            let Some(dbl) = self.slot(&mut inode.double, alloc, true)? else {
                return Ok(None);
            };
            let Some(mid) = self.indirect_slot(dbl, i / PTRS_PER_BLOCK, alloc, true)? else {
                return Ok(None);
            };
            return self.indirect_slot(mid, i % PTRS_PER_BLOCK, alloc, zero);
        }
        Err(FsError::FileTooLarge)
    }

    /// Reads from `offset` into `buf`, stopping at the file's size; returns
    /// the bytes read (0 at or past the end).
    pub(crate) fn read_data(
        &mut self,
        inode: &DiskInode,
        offset: u32,
        buf: &mut [u8],
    ) -> Result<usize, FsError> {
        if offset >= inode.size {
            return Ok(0);
        }
        let n = buf.len().min((inode.size - offset) as usize);
        let mut scratch = *inode;
        let mut block = new_block();
        let mut done = 0;
        while done < n {
            let pos = offset + done as u32;
            let within = (pos % BS) as usize;
            let chunk = (BLOCK_SIZE - within).min(n - done);
            let out = &mut buf[done..done + chunk];
            match self.bmap(&mut scratch, pos / BS, false)? {
                Some(b) => {
                    self.dev.read_block(b, &mut block)?;
                    out.copy_from_slice(&block[within..within + chunk]);
                }
                None => out.fill(0),
            }
            done += chunk;
        }
        Ok(n)
    }

    /// Writes `buf` at `offset`, growing the file (holes read as zeros), and
    /// writes the inode back. A write cut short by a full disk returns the
    /// bytes written; `NoSpace` only if none were.
    pub(crate) fn write_data(
        &mut self,
        ino: InodeNum,
        inode: &mut DiskInode,
        offset: u32,
        buf: &[u8],
    ) -> Result<usize, FsError> {
        let room = (MAX_FILE_BYTES - offset) as usize;
        if room == 0 && !buf.is_empty() {
            return Err(FsError::FileTooLarge);
        }
        let n = buf.len().min(room);
        let mut done = 0;
        let mut failure = None;
        let mut block = new_block();
        while done < n {
            let pos = offset + done as u32;
            let within = (pos % BS) as usize;
            let chunk = (BLOCK_SIZE - within).min(n - done);
            // A whole-block write needs no zeroed block underneath.
            let whole = chunk == BLOCK_SIZE;
            let result = self.map_block(inode, pos / BS, true, !whole).and_then(|b| {
                let b = b.ok_or(FsError::Corrupt("block map lost an allocated block"))?;
                if !whole {
                    self.dev.read_block(b, &mut block)?;
                }
                block[within..within + chunk].copy_from_slice(&buf[done..done + chunk]);
                self.write_block(b, &block)
            });
            if let Err(e) = result {
                failure = Some(e);
                break;
            }
            done += chunk;
            inode.size = inode.size.max(pos + chunk as u32);
        }
        if failure.is_some() {
            // Give back indirect blocks allocated for the block that failed.
            self.free_from(inode, inode.size.div_ceil(BS))?;
        }
        self.put_inode(ino, inode)?;
        match failure {
            Some(e) if done == 0 => Err(e),
            _ => Ok(done),
        }
    }

    /// Sets the size to `len`: frees the blocks wholly past it, clears the
    /// tail of the last block, and writes the inode back. Growing makes a hole.
    pub(crate) fn set_size(
        &mut self,
        ino: InodeNum,
        inode: &mut DiskInode,
        len: u32,
    ) -> Result<(), FsError> {
        if len < inode.size {
            self.free_from(inode, len.div_ceil(BS))?;
            let within = (len % BS) as usize;
            if within != 0
                && let Some(b) = self.bmap(inode, len / BS, false)?
            {
                let mut block = new_block();
                self.dev.read_block(b, &mut block)?;
                block[within..].fill(0);
                self.write_block(b, &block)?;
            }
        }
        inode.size = len;
        self.put_inode(ino, inode)
    }

    /// Frees file blocks `first..` and any indirect block left empty.
    pub(crate) fn free_from(&mut self, inode: &mut DiskInode, first: u32) -> Result<(), FsError> {
        for p in inode.direct.iter_mut().skip(first as usize) {
            if let Some(b) = self.ptr(*p)? {
                self.bitmap.free(b);
            }
            *p = 0;
        }
        let first = first.saturating_sub(NDIRECT as u32);
        if let Some(b) = self.ptr(inode.indirect)?
            && self.free_tree(b, first, 1)?
        {
            self.bitmap.free(b);
            inode.indirect = 0;
        }
        let first = first.saturating_sub(PTRS_PER_BLOCK);
        if let Some(b) = self.ptr(inode.double)?
            && self.free_tree(b, first, 2)?
        {
            self.bitmap.free(b);
            inode.double = 0;
        }
        Ok(())
    }

    /// Frees the data blocks from `start` on (counted in data blocks under
    /// this tree) below the indirect block `block` of `level` (1: it points
    /// at data, 2: at level-1 blocks). Returns whether it is now all holes.
    fn free_tree(&mut self, block: u32, start: u32, level: u32) -> Result<bool, FsError> {
        let span = if level == 2 { PTRS_PER_BLOCK } else { 1 };
        let mut buf = new_block();
        self.read_meta(block, &mut buf)?;
        let (mut changed, mut empty) = (false, true);
        for i in 0..PTRS_PER_BLOCK {
            let at = i as usize * 4;
            let Some(child) = self.ptr(get_u32(&buf[..], at))? else {
                continue;
            };
            let child_start = i * span;
            let free_child = if start <= child_start {
                if level == 2 {
                    self.free_tree(child, 0, 1)?;
                }
                true
            } else if level == 2 && start < child_start + span {
                self.free_tree(child, start - child_start, 1)?
            } else {
                false
            };
            if free_child {
                self.bitmap.free(child);
                put_u32(&mut buf[..], at, 0);
                changed = true;
            } else {
                empty = false;
            }
        }
        if changed {
            self.write_block(block, &buf)?;
        }
        Ok(empty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_utils::{Counting, fresh, pattern, remount};

    /// Bytes the direct and single-indirect pointers reach.
    const SINGLE_END: usize = (NDIRECT + PTRS_PER_BLOCK as usize) * BLOCK_SIZE;

    #[test]
    fn block_map_uses_each_level_in_turn() {
        let mut fs = fresh(64);
        let ino = fs.alloc_inode(InodeType::File, 1).unwrap();
        let mut inode = fs.get_inode(ino).unwrap();
        let d = fs.bmap(&mut inode, 3, true).unwrap().unwrap();
        assert_eq!(inode.direct[3], d);
        assert_eq!((inode.indirect, inode.double), (0, 0));
        let s = fs
            .bmap(&mut inode, NDIRECT as u32 + 5, true)
            .unwrap()
            .unwrap();
        assert_ne!(inode.indirect, 0);
        assert_eq!(inode.double, 0);
        let x = fs
            .bmap(&mut inode, NDIRECT as u32 + PTRS_PER_BLOCK + 2000, true)
            .unwrap();
        assert_ne!(inode.double, 0);
        // Looking up again finds the same blocks without allocating.
        let free = fs.bitmap.count_free();
        assert_eq!(fs.bmap(&mut inode, 3, false), Ok(Some(d)));
        assert_eq!(fs.bmap(&mut inode, NDIRECT as u32 + 5, false), Ok(Some(s)));
        assert_eq!(
            fs.bmap(&mut inode, NDIRECT as u32 + PTRS_PER_BLOCK + 2000, false),
            Ok(x)
        );
        assert_eq!(fs.bmap(&mut inode, 4, false), Ok(None));
        assert_eq!(fs.bitmap.count_free(), free);
        let past = NDIRECT as u32 + PTRS_PER_BLOCK + PTRS_PER_BLOCK * PTRS_PER_BLOCK;
        assert_eq!(fs.bmap(&mut inode, past, true), Err(FsError::FileTooLarge));
    }

    #[test]
    fn a_file_spanning_double_indirect_blocks() {
        let mut fs = fresh(2048); // 8 MiB
        let before = fs.usage().unwrap();
        let ino = fs.create("/big").unwrap();
        let data = pattern(SINGLE_END + 300_000);
        assert_eq!(fs.write_at(ino, 0, &data), Ok(data.len()));
        let inode = fs.get_inode(ino).unwrap();
        assert_ne!(inode.double, 0);
        let mut fs = remount(fs);
        assert_eq!(fs.read_file("/big").unwrap(), data);
        // A read straddling the single/double boundary.
        let mut buf = [0; 10_000];
        assert_eq!(
            fs.read_at(ino, SINGLE_END as u32 - 5000, &mut buf),
            Ok(10_000)
        );
        assert_eq!(buf[..], data[SINGLE_END - 5000..SINGLE_END + 5000]);
        assert!(fs.check().unwrap().is_clean());
        // Shrinking below the double-indirect range frees that tree.
        fs.truncate(ino, SINGLE_END as u32 - 100).unwrap();
        assert_eq!(fs.get_inode(ino).unwrap().double, 0);
        assert_eq!(fs.read_file("/big").unwrap(), data[..SINGLE_END - 100]);
        assert!(fs.check().unwrap().is_clean());
        fs.truncate(ino, 0).unwrap();
        let inode = fs.get_inode(ino).unwrap();
        assert_eq!((inode.indirect, inode.direct[0]), (0, 0));
        fs.unlink("/big").unwrap();
        assert_eq!(fs.usage().unwrap(), before);
    }

    #[test]
    fn truncate_partly_frees_a_double_indirect_tree() {
        let mut fs = fresh(8192);
        let ino = fs.create("/f").unwrap();
        let data = pattern(SINGLE_END + 3 * 1024 * 4096);
        assert_eq!(fs.write_at(ino, 0, &data), Ok(data.len()));
        let used = fs.usage().unwrap().free_blocks;
        // Keep the first 1.5 second-level blocks of the double tree.
        let keep = SINGLE_END + 1536 * 4096 + 10;
        fs.truncate(ino, keep as u32).unwrap();
        let freed = fs.usage().unwrap().free_blocks - used;
        // 3072 - 1537 data blocks and one second-level block.
        assert_eq!(freed, 3072 - 1537 + 1);
        let mut fs = remount(fs);
        assert_eq!(fs.read_file("/f").unwrap(), data[..keep]);
        assert!(fs.check().unwrap().is_clean());
    }

    #[test]
    fn whole_block_writes_skip_zeroing() {
        let fs = fresh(64);
        let mut fs = crate::FileSystem::mount(Counting::new(fs.into_device())).unwrap();
        let ino = fs.create("/f").unwrap();
        let before = fs.dev.writes;
        fs.write_at(ino, 0, &pattern(10 * BLOCK_SIZE)).unwrap();
        // Ten data blocks, the inode and the bitmap: no zero-fill first.
        assert_eq!(fs.dev.writes - before, 10 + 1 + 1);
        let before = fs.dev.writes;
        fs.write_at(ino, 10 * BS, b"tail").unwrap();
        // A partial block is zeroed, then written.
        assert_eq!(fs.dev.writes - before, 2 + 1 + 1);
        let mut want = pattern(10 * BLOCK_SIZE);
        want.extend_from_slice(b"tail");
        assert_eq!(fs.read_file("/f").unwrap(), want);
    }

    #[test]
    fn truncate_clears_the_tail_and_growing_makes_a_hole() {
        let mut fs = fresh(64);
        let ino = fs.create("/t").unwrap();
        fs.write_at(ino, 0, &[7; 10_000]).unwrap();
        fs.truncate(ino, 5000).unwrap();
        assert_eq!(fs.stat(ino).unwrap().size, 5000);
        fs.truncate(ino, 9000).unwrap();
        let data = fs.read_file("/t").unwrap();
        assert_eq!(data.len(), 9000);
        assert!(data[..5000].iter().all(|&b| b == 7));
        assert!(data[5000..].iter().all(|&b| b == 0));
        assert_eq!(fs.truncate(crate::ROOT_INO, 0), Err(FsError::IsDir));
        assert!(fs.check().unwrap().is_clean());
    }

    #[test]
    fn a_full_disk_gives_a_short_write_then_no_space() {
        let mut fs = fresh(64);
        let ino = fs.create("/fill").unwrap();
        let free = fs.usage().unwrap().free_blocks as usize;
        let data = pattern((free + 10) * BLOCK_SIZE);
        let n = fs.write_at(ino, 0, &data).unwrap();
        // All but one free block hold data; the other is the indirect block.
        assert_eq!(n, (free - 1) * BLOCK_SIZE);
        assert_eq!(fs.write_at(ino, n as u32, b"more"), Err(FsError::NoSpace));
        assert_eq!(fs.create("/x").map(|_| ()), Ok(())); // inodes are not blocks
        assert_eq!(fs.mkdir("/d"), Err(FsError::NoSpace));
        assert_eq!(fs.stat(ino).unwrap().size as usize, n);
        assert!(fs.check().unwrap().is_clean());
        let mut fs = remount(fs);
        assert_eq!(fs.read_file("/fill").unwrap(), data[..n]);
        fs.truncate(ino, 0).unwrap();
        assert!(fs.mkdir("/d").is_ok());
        assert!(fs.check().unwrap().is_clean());
    }

    #[test]
    fn writes_at_the_size_limit() {
        let mut fs = fresh(64);
        let ino = fs.create("/edge").unwrap();
        assert_eq!(fs.write_at(ino, MAX_FILE_BYTES - 1, b"abc"), Ok(1));
        assert_eq!(fs.stat(ino).unwrap().size, MAX_FILE_BYTES);
        assert_eq!(
            fs.write_at(ino, MAX_FILE_BYTES, b"x"),
            Err(FsError::FileTooLarge)
        );
        let mut buf = [0; 4];
        assert_eq!(fs.read_at(ino, MAX_FILE_BYTES - 2, &mut buf), Ok(2));
        assert_eq!(&buf[..2], b"\0a");
        assert_eq!(fs.read_file("/edge"), Err(FsError::FileTooLarge));
        assert!(fs.check().unwrap().is_clean());
        fs.unlink("/edge").unwrap();
        assert!(fs.check().unwrap().is_clean());
    }

    #[test]
    fn out_of_range_pointers_are_corruption() {
        let mut fs = fresh(64);
        let ino = fs.create("/f").unwrap();
        fs.write_at(ino, 0, &[1; 100]).unwrap();
        for bad in [1, 2, 64, u32::MAX] {
            let mut inode = fs.get_inode(ino).unwrap();
            inode.direct[0] = bad;
            fs.put_inode(ino, &inode).unwrap();
            let corrupt = Err(FsError::Corrupt("block pointer out of range"));
            assert_eq!(fs.read_at(ino, 0, &mut [0; 4]), corrupt.map(|()| 0));
            assert_eq!(fs.write_at(ino, 0, b"x"), corrupt.map(|()| 0));
            assert_eq!(fs.truncate(ino, 0), corrupt);
        }
        let mut inode = fs.get_inode(ino).unwrap();
        inode.direct[0] = 0;
        inode.double = 63; // in range, but holds garbage pointers
        inode.size = MAX_FILE_BYTES;
        fs.put_inode(ino, &inode).unwrap();
        fs.write_block(63, &[0xab; BLOCK_SIZE]).unwrap();
        let far = (NDIRECT as u32 + PTRS_PER_BLOCK + 5) * BS;
        assert!(matches!(
            fs.read_at(ino, far, &mut [0; 4]),
            Err(FsError::Corrupt(_))
        ));
        assert!(fs.unlink("/f").is_err());
    }
}
