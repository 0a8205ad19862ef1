//! A small write-through cache of metadata blocks: inode-table blocks,
//! indirect blocks and directory blocks, the ones every operation reads
//! again (a sequential read looks up the same indirect block for each of its
//! 1024 data blocks; every path lookup starts at the root directory).
//!
//! Coherence rule: every block write in the crate goes through
//! [`FileSystem::write_block`], which updates a cached copy, so the cache
//! never differs from the device. File data is read past the cache
//! (`dev.read_block`) so a large read does not evict the metadata.

use alloc::vec::Vec;

use crate::fs::FileSystem;
use crate::layout::{Block, new_block};
use crate::{BLOCK_SIZE, BlockDevice, FsError};

/// Blocks kept (32 KiB).
pub(crate) const CACHE_BLOCKS: usize = 8;

struct Slot {
    block: u32,
    /// When it was last used, by `Cache::clock`.
    used: u64,
    data: Block,
}

/// The cached blocks, least recently used evicted first.
#[derive(Default)]
pub(crate) struct Cache {
    slots: Vec<Slot>,
    clock: u64,
}

impl Cache {
    fn find(&mut self, block: u32) -> Option<&mut Slot> {
        self.clock += 1;
        let now = self.clock;
        let slot = self.slots.iter_mut().find(|s| s.block == block)?;
        slot.used = now;
        Some(slot)
    }

    /// Copies cached `block` into `buf`; false on a miss.
    fn get(&mut self, block: u32, buf: &mut [u8; BLOCK_SIZE]) -> bool {
        match self.find(block) {
            Some(slot) => {
                buf.copy_from_slice(&slot.data[..]);
                true
            }
            None => false,
        }
    }

    /// Updates `block` if cached (write-through, no allocation on write).
    fn update(&mut self, block: u32, buf: &[u8; BLOCK_SIZE]) {
        if let Some(slot) = self.find(block) {
            slot.data.copy_from_slice(buf);
        }
    }

    /// Caches `block` after a miss, evicting the least recently used.
    fn insert(&mut self, block: u32, buf: &[u8; BLOCK_SIZE]) {
        self.clock += 1;
        if self.slots.len() < CACHE_BLOCKS {
            let mut data = new_block();
            data.copy_from_slice(buf);
            self.slots.push(Slot {
                block,
                used: self.clock,
                data,
            });
        } else if let Some(slot) = self.slots.iter_mut().min_by_key(|s| s.used) {
            slot.block = block;
            slot.used = self.clock;
            slot.data.copy_from_slice(buf);
        }
    }

    /// Forgets `block` (after a failed write left its state unknown).
    fn forget(&mut self, block: u32) {
        self.slots.retain(|s| s.block != block);
    }
}

impl<D: BlockDevice> FileSystem<D> {
    /// Reads a metadata block through the cache.
    pub(crate) fn read_meta(
        &mut self,
        block: u32,
        buf: &mut [u8; BLOCK_SIZE],
    ) -> Result<(), FsError> {
        if self.cache.get(block, buf) {
            return Ok(());
        }
        self.dev.read_block(block, buf)?;
        self.cache.insert(block, buf);
        Ok(())
    }

    /// Writes any block to the device, keeping a cached copy current.
    pub(crate) fn write_block(
        &mut self,
        block: u32,
        buf: &[u8; BLOCK_SIZE],
    ) -> Result<(), FsError> {
        match self.dev.write_block(block, buf) {
            Ok(()) => {
                self.cache.update(block, buf);
                Ok(())
            }
            Err(e) => {
                self.cache.forget(block);
                Err(e)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FileSystem;
    use crate::test_utils::{Counting, fresh, pattern};

    #[test]
    fn lru_keeps_the_recent_blocks() {
        let mut cache = Cache::default();
        let mut buf = [0; BLOCK_SIZE];
        for b in 0..CACHE_BLOCKS as u32 {
            cache.insert(b, &[b as u8; BLOCK_SIZE]);
        }
        assert!(cache.get(0, &mut buf)); // 0 is now the most recent
        cache.insert(100, &[7; BLOCK_SIZE]); // evicts 1
        assert!(!cache.get(1, &mut buf));
        assert!(cache.get(0, &mut buf) && buf[0] == 0);
        assert!(cache.get(100, &mut buf) && buf[0] == 7);
        cache.update(100, &[8; BLOCK_SIZE]);
        cache.update(555, &[9; BLOCK_SIZE]); // not cached: not added
        assert!(cache.get(100, &mut buf) && buf[0] == 8);
        assert!(!cache.get(555, &mut buf));
        cache.forget(100);
        assert!(!cache.get(100, &mut buf));
    }

    #[test]
    fn a_sequential_read_reads_each_block_about_once() {
        let mut fs = fresh(2048);
        let ino = fs.create("/f").unwrap();
        let data = pattern(2000 * BLOCK_SIZE);
        fs.write_at(ino, 0, &data).unwrap();
        let mut fs = FileSystem::mount(Counting::new(fs.into_device())).unwrap();
        let at_mount = fs.dev.reads;
        assert_eq!(fs.read_file("/f").unwrap(), data);
        // 2000 data blocks, the root directory, the single-indirect block
        // and two double-indirect blocks; the inode-table block holding the
        // root and /f was cached by mount. Uncached it would be over 4000.
        assert_eq!(fs.dev.reads - at_mount, 2000 + 1 + 1 + 2);
    }

    #[test]
    fn writes_keep_cached_blocks_current() {
        let mut fs = fresh(64);
        let a = fs.create("/a").unwrap();
        fs.lookup("/a").unwrap(); // caches the root directory and inode blocks
        fs.write_at(a, 0, b"x").unwrap();
        assert_eq!(fs.stat(a).unwrap().size, 1); // inode block read from cache
        fs.unlink("/a").unwrap();
        assert_eq!(fs.lookup("/a"), Err(FsError::NotFound));
        let mut fs = crate::test_utils::remount(fs);
        assert_eq!(fs.lookup("/a"), Err(FsError::NotFound));
    }
}
