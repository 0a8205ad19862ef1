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
        self.dev.read_block(block, &mut buf)?;
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
        self.dev.read_block(block, &mut buf)?;
        inode.encode(&mut buf, at);
        self.dev.write_block(block, &buf)
    }

    /// Takes a free inode (type 0 in the table), writes it as a fresh
    /// `kind` inode and returns its number; `NoInodes` when none is left.
    pub(crate) fn alloc_inode(&mut self, kind: InodeType, links: u16) -> Result<InodeNum, FsError> {
        let mut buf = new_block();
        let blocks = self.sb.inode_blocks;
        for k in 0..blocks {
            let b = (self.inode_hint + k) % blocks;
            self.dev.read_block(self.sb.inode_start + b, &mut buf)?;
            for slot in 0..INODES_PER_BLOCK {
                let at = slot as usize * INODE_SIZE;
                let ino = b * INODES_PER_BLOCK + slot;
                if ino == 0 || buf[at] != 0 || buf[at + 1] != 0 {
                    continue;
                }
                DiskInode::new(kind, links).encode(&mut buf, at);
                self.dev.write_block(self.sb.inode_start + b, &buf)?;
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

    /// Allocates a data block and zeroes it on disk.
    fn alloc_zeroed(&mut self) -> Result<u32, FsError> {
        let b = self.bitmap.alloc().ok_or(FsError::NoSpace)?;
        let zero = new_block();
        if let Err(e) = self.dev.write_block(b, &zero) {
            self.bitmap.free(b);
            return Err(e);
        }
        Ok(b)
    }

    /// Follows (and with `alloc`, fills) one pointer slot.
    fn slot(&mut self, p: &mut u32, alloc: bool) -> Result<Option<u32>, FsError> {
        if let Some(b) = self.ptr(*p)? {
            return Ok(Some(b));
        }
        if !alloc {
            return Ok(None);
        }
        let b = self.alloc_zeroed()?;
        *p = b;
        Ok(Some(b))
    }

    /// Follows pointer `i` of the indirect block `block`.
    fn indirect_slot(&mut self, block: u32, i: u32, alloc: bool) -> Result<Option<u32>, FsError> {
        let mut buf = new_block();
        self.dev.read_block(block, &mut buf)?;
        let at = i as usize * 4;
        let mut p = get_u32(&buf[..], at);
        let before = p;
        let found = self.slot(&mut p, alloc)?;
        if p != before {
            put_u32(&mut buf[..], at, p);
            self.dev.write_block(block, &buf)?;
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
        if let Some(p) = inode.direct.get_mut(index as usize) {
            let mut raw = *p;
            let found = self.slot(&mut raw, alloc);
            *p = raw;
            return found;
        }
        let i = index - NDIRECT as u32;
        if i < PTRS_PER_BLOCK {
            let Some(ind) = self.slot(&mut inode.indirect, alloc)? else {
                return Ok(None);
            };
            return self.indirect_slot(ind, i, alloc);
        }
        let i = i - PTRS_PER_BLOCK;
        if i < PTRS_PER_BLOCK * PTRS_PER_BLOCK {
            let Some(dbl) = self.slot(&mut inode.double, alloc)? else {
                return Ok(None);
            };
            let Some(mid) = self.indirect_slot(dbl, i / PTRS_PER_BLOCK, alloc)? else {
                return Ok(None);
            };
            return self.indirect_slot(mid, i % PTRS_PER_BLOCK, alloc);
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
            let result = self.bmap(inode, pos / BS, true).and_then(|b| {
                let b = b.ok_or(FsError::Corrupt("block map lost an allocated block"))?;
                if chunk < BLOCK_SIZE {
                    self.dev.read_block(b, &mut block)?;
                }
                block[within..within + chunk].copy_from_slice(&buf[done..done + chunk]);
                self.dev.write_block(b, &block)
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
                self.dev.write_block(b, &block)?;
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
        self.dev.read_block(block, &mut buf)?;
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
            self.dev.write_block(block, &buf)?;
        }
        Ok(empty)
    }
}
