//! The block bitmap, held in memory for the life of the mount.
//!
//! `mount` reads it once; allocation and freeing change the copy and mark
//! its block dirty, and `store` writes the dirty blocks back at the end of
//! every operation (so each operation's changes reach the disk before it
//! returns). Only data-region blocks are ever handed out, so a corrupt bitmap
//! that shows a metadata block as free cannot make us overwrite metadata.

use alloc::vec;
use alloc::vec::Vec;

use crate::layout::{BITS_PER_BLOCK, BLOCK_SIZE, Superblock, new_block};
use crate::{BlockDevice, FsError};

/// The in-memory bitmap.
pub(crate) struct Bitmap {
    bits: Vec<u8>,
    dirty: Vec<bool>,
    data_start: u32,
    total_blocks: u32,
    /// Where the next search for a free block starts.
    hint: u32,
}

impl Bitmap {
    /// The bitmap of a fresh image: the metadata blocks (superblock, bitmap,
    /// inode table) and the padding bits past the end are in use.
    pub fn new(sb: &Superblock) -> Bitmap {
        let len = sb.bitmap_blocks as usize * BLOCK_SIZE;
        let mut map = Bitmap {
            bits: vec![0; len],
            dirty: vec![true; sb.bitmap_blocks as usize],
            data_start: sb.data_start,
            total_blocks: sb.total_blocks,
            hint: sb.data_start,
        };
        for b in (0..sb.data_start).chain(sb.total_blocks..(len * 8) as u32) {
            map.set(b, true);
        }
        map
    }

    /// Reads the bitmap blocks named by `sb`.
    pub fn load<D: BlockDevice>(dev: &mut D, sb: &Superblock) -> Result<Bitmap, FsError> {
        let mut bits = Vec::with_capacity(sb.bitmap_blocks as usize * BLOCK_SIZE);
        let mut buf = new_block();
        for i in 0..sb.bitmap_blocks {
            dev.read_block(sb.bitmap_start + i, &mut buf)?;
            bits.extend_from_slice(&buf[..]);
        }
        Ok(Bitmap {
            bits,
            dirty: vec![false; sb.bitmap_blocks as usize],
            data_start: sb.data_start,
            total_blocks: sb.total_blocks,
            hint: sb.data_start,
        })
    }

    /// Whether `block` is marked in use (blocks past the map read as used).
    pub fn is_used(&self, block: u32) -> bool {
        match self.bits.get((block / 8) as usize) {
            Some(byte) => byte & (1 << (block % 8)) != 0,
            None => true,
        }
    }

    fn set(&mut self, block: u32, used: bool) {
        let Some(byte) = self.bits.get_mut((block / 8) as usize) else {
            return;
        };
        if used {
            *byte |= 1 << (block % 8);
        } else {
            *byte &= !(1 << (block % 8));
        }
        if let Some(d) = self.dirty.get_mut((block / BITS_PER_BLOCK) as usize) {
            *d = true;
        }
    }

    /// Takes a free data block, or `None` when the disk is full. The search
    /// goes round once from the hint, a byte at a time over full bytes.
    pub fn alloc(&mut self) -> Option<u32> {
        let span = self.total_blocks - self.data_start;
        let mut b = self.hint;
        let mut seen = 0;
        while seen < span {
            if b >= self.total_blocks {
                b = self.data_start;
            }
            if b.is_multiple_of(8) && self.bits.get((b / 8) as usize) == Some(&0xff) {
                seen += 8;
                b += 8;
                continue;
            }
            if !self.is_used(b) {
                self.set(b, true);
                self.hint = b + 1;
                return Some(b);
            }
            seen += 1;
            b += 1;
        }
        None
    }

    /// Marks a data block free again (metadata blocks are never freed).
    pub fn free(&mut self, block: u32) {
        if block >= self.data_start && block < self.total_blocks {
            self.set(block, false);
        }
    }

    /// Marks a block used (tests use it to plant inconsistencies).
    #[cfg(test)]
    pub fn mark_used(&mut self, block: u32) {
        self.set(block, true);
    }

    /// Free data blocks.
    pub fn count_free(&self) -> u32 {
        (self.data_start..self.total_blocks)
            .filter(|&b| !self.is_used(b))
            .count() as u32
    }

    /// Writes the dirty bitmap blocks back.
    pub fn store<D: BlockDevice>(&mut self, dev: &mut D, sb: &Superblock) -> Result<(), FsError> {
        let mut buf = new_block();
        for (i, dirty) in self.dirty.iter_mut().enumerate() {
            if !*dirty {
                continue;
            }
            let at = i * BLOCK_SIZE;
            if let Some(bytes) = self.bits.get(at..at + BLOCK_SIZE) {
                buf.copy_from_slice(bytes);
                dev.write_block(sb.bitmap_start + i as u32, &buf)?;
            }
            *dirty = false;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sb(total: u32) -> Superblock {
        Superblock::new(total, 0).unwrap()
    }

    #[test]
    fn fresh_map_reserves_metadata_and_padding() {
        let sb = sb(100);
        let map = Bitmap::new(&sb);
        assert!((0..sb.data_start).all(|b| map.is_used(b)));
        assert!((sb.data_start..100).all(|b| !map.is_used(b)));
        assert!(map.is_used(100) && map.is_used(BITS_PER_BLOCK - 1));
        assert!(map.is_used(BITS_PER_BLOCK * 5)); // past the map entirely
        assert_eq!(map.count_free(), 100 - sb.data_start);
    }

    #[test]
    fn alloc_takes_every_data_block_once_then_fails() {
        let sb = sb(100);
        let mut map = Bitmap::new(&sb);
        let mut got: Vec<u32> = core::iter::from_fn(|| map.alloc()).collect();
        assert_eq!(got.len() as u32, 100 - sb.data_start);
        got.sort_unstable();
        got.dedup();
        assert_eq!(got.len() as u32, 100 - sb.data_start);
        assert!(got.iter().all(|&b| b >= sb.data_start && b < 100));
        assert_eq!(map.alloc(), None);
        map.free(got[3]);
        assert_eq!(map.alloc(), Some(got[3]));
        map.free(0); // metadata: ignored
        assert!(map.is_used(0));
    }

    #[test]
    fn alloc_never_returns_metadata_even_if_marked_free() {
        let sb = sb(40);
        let mut map = Bitmap::new(&sb);
        map.bits[0] = 0; // a corrupt map: superblock and bitmap "free"
        while let Some(b) = map.alloc() {
            assert!(b >= sb.data_start);
        }
    }

    #[test]
    fn store_writes_only_dirty_blocks_and_load_reads_them_back() {
        struct Dev(Vec<[u8; BLOCK_SIZE]>, u32);
        impl BlockDevice for Dev {
            fn read_block(&mut self, b: u32, buf: &mut [u8; BLOCK_SIZE]) -> Result<(), FsError> {
                *buf = *self.0.get(b as usize).ok_or(FsError::Io)?;
                Ok(())
            }
            fn write_block(&mut self, b: u32, buf: &[u8; BLOCK_SIZE]) -> Result<(), FsError> {
                self.1 += 1;
                *self.0.get_mut(b as usize).ok_or(FsError::Io)? = *buf;
                Ok(())
            }
        }
        let sb = sb(40_000); // two bitmap blocks
        let mut dev = Dev(vec![[0; BLOCK_SIZE]; 3], 0);
        let mut map = Bitmap::new(&sb);
        map.store(&mut dev, &sb).unwrap();
        assert_eq!(dev.1, 2);
        map.free(BITS_PER_BLOCK + 10);
        map.store(&mut dev, &sb).unwrap();
        assert_eq!(dev.1, 3);
        let back = Bitmap::load(&mut dev, &sb).unwrap();
        assert_eq!(back.bits, map.bits);
    }
}
