//! The on-disk layout. All integers are little-endian `u32`/`u16`.
//!
//! ```text
//! block 0                superblock
//! 1 .. 1+B               block bitmap: bit n (LSB first) set = block n in use
//! I .. I+N               inode table, 64 inodes of 64 bytes per block
//! D .. total_blocks      data blocks (files, directories, indirect blocks)
//! ```
//!
//! Inode 0 is never used (a zero inode number marks a free directory entry);
//! inode 1 is the root directory. An inode holds 12 direct block pointers, one
//! single-indirect and one double-indirect pointer (1024 pointers per block),
//! so a file may reach 12 + 1024 + 1024² blocks; sizes are `u32`, which caps a
//! file at [`MAX_FILE_BYTES`]. A pointer of 0 is a hole (reads as zeros).
//!
//! A directory is a file of 64-byte entries: inode number (0 = free slot),
//! name length, and up to [`NAME_MAX`] name bytes. Every directory holds `.`
//! and `..` as real entries, so path resolution needs no special cases.

use crate::FsError;

/// Bytes per block.
pub const BLOCK_SIZE: usize = 4096;
/// The superblock's first word: "RVFS" read as a little-endian u32.
pub const MAGIC: u32 = u32::from_le_bytes(*b"RVFS");
/// Layout version in the superblock.
pub const VERSION: u32 = 1;
/// Smallest image `format` accepts, in blocks.
pub const MIN_BLOCKS: u32 = 16;
/// Largest image, in blocks (4 GiB: byte offsets of the disk fit a u64, of files a u32).
pub const MAX_BLOCKS: u32 = 1 << 20;
/// Longest name in a directory entry (as the ABI's `NAME_MAX`).
pub const NAME_MAX: usize = 59;
/// Longest path accepted.
pub const PATH_MAX: usize = 4096;
/// Largest file size in bytes.
pub const MAX_FILE_BYTES: u32 = u32::MAX;
/// The root directory.
pub const ROOT_INO: InodeNum = InodeNum(1);

/// Largest directory: what the direct and single-indirect blocks hold
/// (66,304 entries). A larger size on disk is corruption; this bounds scans.
pub(crate) const MAX_DIR_BYTES: u32 = (NDIRECT as u32 + PTRS_PER_BLOCK) * BLOCK_SIZE as u32;
/// Bytes per on-disk inode.
pub(crate) const INODE_SIZE: usize = 64;
/// Inodes per block of the inode table.
pub(crate) const INODES_PER_BLOCK: u32 = (BLOCK_SIZE / INODE_SIZE) as u32;
/// Direct pointers per inode.
pub(crate) const NDIRECT: usize = 12;
/// Block pointers per indirect block.
pub(crate) const PTRS_PER_BLOCK: u32 = (BLOCK_SIZE / 4) as u32;
/// Bytes per directory entry.
pub(crate) const DIRENT_SIZE: usize = 64;
/// Directory entries per block.
pub(crate) const DIRENTS_PER_BLOCK: usize = BLOCK_SIZE / DIRENT_SIZE;
/// Bits per bitmap block.
pub(crate) const BITS_PER_BLOCK: u32 = (BLOCK_SIZE * 8) as u32;
/// `format` makes one inode per this many blocks.
pub(crate) const BLOCKS_PER_INODE: u32 = 4;

/// One block's bytes, on the heap (a user-mode server's stack is small).
pub(crate) type Block = alloc::boxed::Box<[u8; BLOCK_SIZE]>;

/// A zeroed block buffer.
pub(crate) fn new_block() -> Block {
    alloc::boxed::Box::new([0; BLOCK_SIZE])
}

/// An inode number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InodeNum(pub u32);

/// A block number on the device.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BlockNo(pub u32);

/// Reads the little-endian u32 at byte `at` (callers keep `at + 4` in bounds).
pub(crate) fn get_u32(buf: &[u8], at: usize) -> u32 {
    let mut word = [0; 4];
    if let Some(bytes) = buf.get(at..at + 4) {
        word.copy_from_slice(bytes);
    }
    u32::from_le_bytes(word)
}

/// Writes `value` little-endian at byte `at` (ignored if out of bounds).
pub(crate) fn put_u32(buf: &mut [u8], at: usize, value: u32) {
    if let Some(bytes) = buf.get_mut(at..at + 4) {
        bytes.copy_from_slice(&value.to_le_bytes());
    }
}

/// The superblock: where each region starts and how big it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Superblock {
    pub total_blocks: u32,
    pub bitmap_start: u32,
    pub bitmap_blocks: u32,
    pub inode_start: u32,
    pub inode_blocks: u32,
    pub inode_count: u32,
    pub data_start: u32,
}

impl Superblock {
    /// The layout of a new image of `total_blocks` with `inode_blocks` blocks
    /// of inodes (0: the default ratio of one inode per four blocks).
    pub fn new(total_blocks: u32, inode_blocks: u32) -> Result<Superblock, FsError> {
        if !(MIN_BLOCKS..=MAX_BLOCKS).contains(&total_blocks) {
            return Err(FsError::Invalid);
        }
        let inode_blocks = match inode_blocks {
            0 => (total_blocks / BLOCKS_PER_INODE).div_ceil(INODES_PER_BLOCK),
            n => n,
        };
        let bitmap_blocks = total_blocks.div_ceil(BITS_PER_BLOCK);
        let inode_start = 1 + bitmap_blocks;
        let data_start = inode_start
            .checked_add(inode_blocks)
            .ok_or(FsError::Invalid)?;
        // The root directory needs one data block; keep a few more for files.
        if data_start.saturating_add(4) > total_blocks {
            return Err(FsError::Invalid);
        }
        Ok(Superblock {
            total_blocks,
            bitmap_start: 1,
            bitmap_blocks,
            inode_start,
            inode_blocks,
            inode_count: inode_blocks * INODES_PER_BLOCK,
            data_start,
        })
    }

    /// Parses and checks block 0: the magic number, then that every region
    /// is where `new` would put it (so nothing overlaps or runs off the end).
    pub fn decode(buf: &[u8; BLOCK_SIZE]) -> Result<Superblock, FsError> {
        if get_u32(buf, 0) != MAGIC || get_u32(buf, 4) != VERSION {
            return Err(FsError::BadMagic);
        }
        if get_u32(buf, 8) != BLOCK_SIZE as u32 {
            return Err(FsError::Corrupt("superblock block size is not 4096"));
        }
        let sb = Superblock {
            total_blocks: get_u32(buf, 12),
            bitmap_start: get_u32(buf, 16),
            bitmap_blocks: get_u32(buf, 20),
            inode_start: get_u32(buf, 24),
            inode_blocks: get_u32(buf, 28),
            inode_count: get_u32(buf, 32),
            data_start: get_u32(buf, 36),
        };
        if sb.inode_blocks == 0 || get_u32(buf, 40) != ROOT_INO.0 {
            return Err(FsError::Corrupt("superblock fields are inconsistent"));
        }
        match Superblock::new(sb.total_blocks, sb.inode_blocks) {
            Ok(expected) if expected == sb => Ok(sb),
            _ => Err(FsError::Corrupt("superblock fields are inconsistent")),
        }
    }

    /// Writes the superblock into a zeroed block.
    pub fn encode(&self, buf: &mut [u8; BLOCK_SIZE]) {
        buf.fill(0);
        let words = [
            MAGIC,
            VERSION,
            BLOCK_SIZE as u32,
            self.total_blocks,
            self.bitmap_start,
            self.bitmap_blocks,
            self.inode_start,
            self.inode_blocks,
            self.inode_count,
            self.data_start,
            ROOT_INO.0,
        ];
        for (i, w) in words.into_iter().enumerate() {
            put_u32(buf, i * 4, w);
        }
    }

    /// Whether `block` may be a data-region pointer.
    pub fn is_data_block(&self, block: u32) -> bool {
        block >= self.data_start && block < self.total_blocks
    }

    /// The inode-table block holding `ino` and the byte offset in it, or
    /// `None` for inode 0 or a number past the table.
    pub fn inode_pos(&self, ino: InodeNum) -> Option<(u32, usize)> {
        if ino.0 == 0 || ino.0 >= self.inode_count {
            return None;
        }
        let block = self.inode_start + ino.0 / INODES_PER_BLOCK;
        Some((block, (ino.0 % INODES_PER_BLOCK) as usize * INODE_SIZE))
    }
}

/// What an inode is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum InodeType {
    Free = 0,
    File = 1,
    Dir = 2,
}

/// An inode as stored (64 bytes): type u16, links u16, size u32, 12 direct
/// pointers, the single- and double-indirect pointers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DiskInode {
    pub kind: InodeType,
    pub links: u16,
    pub size: u32,
    pub direct: [u32; NDIRECT],
    pub indirect: u32,
    pub double: u32,
}

impl DiskInode {
    /// A fresh inode of `kind` with no blocks.
    pub fn new(kind: InodeType, links: u16) -> DiskInode {
        DiskInode {
            kind,
            links,
            size: 0,
            direct: [0; NDIRECT],
            indirect: 0,
            double: 0,
        }
    }

    /// Parses the 64 bytes at `at` of an inode-table block.
    pub fn decode(buf: &[u8; BLOCK_SIZE], at: usize) -> Result<DiskInode, FsError> {
        let raw = buf.get(at..at + INODE_SIZE).ok_or(FsError::Invalid)?;
        let kind = match u16::from_le_bytes([raw[0], raw[1]]) {
            0 => InodeType::Free,
            1 => InodeType::File,
            2 => InodeType::Dir,
            _ => return Err(FsError::Corrupt("bad inode type")),
        };
        let mut direct = [0; NDIRECT];
        for (i, d) in direct.iter_mut().enumerate() {
            *d = get_u32(raw, 8 + 4 * i);
        }
        Ok(DiskInode {
            kind,
            links: u16::from_le_bytes([raw[2], raw[3]]),
            size: get_u32(raw, 4),
            direct,
            indirect: get_u32(raw, 8 + 4 * NDIRECT),
            double: get_u32(raw, 12 + 4 * NDIRECT),
        })
    }

    /// Writes the inode into the 64 bytes at `at`.
    pub fn encode(&self, buf: &mut [u8; BLOCK_SIZE], at: usize) {
        let Some(raw) = buf.get_mut(at..at + INODE_SIZE) else {
            return;
        };
        raw.fill(0);
        raw[0..2].copy_from_slice(&(self.kind as u16).to_le_bytes());
        raw[2..4].copy_from_slice(&self.links.to_le_bytes());
        put_u32(raw, 4, self.size);
        for (i, d) in self.direct.iter().enumerate() {
            put_u32(raw, 8 + 4 * i, *d);
        }
        put_u32(raw, 8 + 4 * NDIRECT, self.indirect);
        put_u32(raw, 12 + 4 * NDIRECT, self.double);
    }
}

/// A directory entry as stored: inode u32 (0 = free), name length u8, name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RawDirEntry {
    pub ino: InodeNum,
    pub name_len: u8,
    pub name: [u8; NAME_MAX],
}

impl RawDirEntry {
    /// An entry naming `ino`; `name` must be 1..=NAME_MAX bytes.
    pub fn new(ino: InodeNum, name: &[u8]) -> Result<RawDirEntry, FsError> {
        if name.is_empty() {
            return Err(FsError::Invalid);
        }
        let mut buf = [0; NAME_MAX];
        buf.get_mut(..name.len())
            .ok_or(FsError::NameTooLong)?
            .copy_from_slice(name);
        Ok(RawDirEntry {
            ino,
            name_len: name.len() as u8,
            name: buf,
        })
    }

    /// The name bytes.
    pub fn name(&self) -> &[u8] {
        &self.name[..usize::from(self.name_len).min(NAME_MAX)]
    }

    /// Parses the entry at byte `at` of a directory block; a live entry with
    /// an empty or over-long name is corrupt.
    pub fn decode(buf: &[u8], at: usize) -> Result<RawDirEntry, FsError> {
        let raw = buf.get(at..at + DIRENT_SIZE).ok_or(FsError::Invalid)?;
        let ino = InodeNum(get_u32(raw, 0));
        let name_len = raw[4];
        if ino.0 != 0 && (name_len == 0 || usize::from(name_len) > NAME_MAX) {
            return Err(FsError::Corrupt("bad directory entry name length"));
        }
        let mut name = [0; NAME_MAX];
        name.copy_from_slice(&raw[5..5 + NAME_MAX]);
        Ok(RawDirEntry {
            ino,
            name_len,
            name,
        })
    }

    /// Writes the entry at byte `at`.
    pub fn encode(&self, buf: &mut [u8], at: usize) {
        let Some(raw) = buf.get_mut(at..at + DIRENT_SIZE) else {
            return;
        };
        put_u32(raw, 0, self.ino.0);
        raw[4] = self.name_len;
        raw[5..5 + NAME_MAX].copy_from_slice(&self.name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geometry_of_a_32_mib_image() {
        let sb = Superblock::new(8192, 0).unwrap();
        assert_eq!(sb.bitmap_blocks, 1);
        assert_eq!(sb.inode_start, 2);
        assert_eq!(sb.inode_count, 2048);
        assert_eq!(sb.inode_blocks, 32);
        assert_eq!(sb.data_start, 34);
        // A bitmap block covers 32768 blocks; one more needs a second.
        assert_eq!(Superblock::new(32769, 0).unwrap().bitmap_blocks, 2);
    }

    #[test]
    fn sizes_out_of_range_are_refused() {
        assert_eq!(Superblock::new(MIN_BLOCKS - 1, 0), Err(FsError::Invalid));
        assert_eq!(Superblock::new(MAX_BLOCKS + 1, 0), Err(FsError::Invalid));
        assert_eq!(Superblock::new(64, 100), Err(FsError::Invalid));
    }

    #[test]
    fn superblock_round_trips_and_checks_magic_and_fields() {
        let sb = Superblock::new(1000, 0).unwrap();
        let mut buf = [0; BLOCK_SIZE];
        sb.encode(&mut buf);
        assert_eq!(&buf[..4], b"RVFS");
        assert_eq!(Superblock::decode(&buf), Ok(sb));
        let mut bad = buf;
        bad[0] = b'X';
        assert_eq!(Superblock::decode(&bad), Err(FsError::BadMagic));
        let mut bad = buf;
        put_u32(&mut bad, 36, 2); // data_start inside the inode table
        assert!(matches!(Superblock::decode(&bad), Err(FsError::Corrupt(_))));
        let mut bad = buf;
        put_u32(&mut bad, 12, u32::MAX); // total_blocks absurd
        assert!(matches!(Superblock::decode(&bad), Err(FsError::Corrupt(_))));
    }

    #[test]
    fn inode_positions_are_bounded() {
        let sb = Superblock::new(1000, 0).unwrap();
        assert_eq!(sb.inode_pos(InodeNum(0)), None);
        assert_eq!(sb.inode_pos(InodeNum(1)), Some((sb.inode_start, 64)));
        assert_eq!(sb.inode_pos(InodeNum(65)), Some((sb.inode_start + 1, 64)));
        assert_eq!(sb.inode_pos(InodeNum(sb.inode_count)), None);
    }

    #[test]
    fn inode_round_trips_and_rejects_bad_types() {
        let mut ino = DiskInode::new(InodeType::File, 1);
        ino.size = 123_456;
        ino.direct[3] = 77;
        ino.indirect = 88;
        ino.double = 99;
        let mut buf = [0; BLOCK_SIZE];
        ino.encode(&mut buf, 128);
        assert_eq!(DiskInode::decode(&buf, 128), Ok(ino));
        buf[128] = 7;
        assert!(matches!(
            DiskInode::decode(&buf, 128),
            Err(FsError::Corrupt(_))
        ));
    }

    #[test]
    fn dir_entries_round_trip_and_check_names() {
        let e = RawDirEntry::new(InodeNum(5), b"hello").unwrap();
        let mut buf = [0; BLOCK_SIZE];
        e.encode(&mut buf, 64);
        let back = RawDirEntry::decode(&buf, 64).unwrap();
        assert_eq!(back.name(), b"hello");
        assert_eq!(back.ino, InodeNum(5));
        assert_eq!(
            RawDirEntry::new(InodeNum(1), &[b'a'; 60]),
            Err(FsError::NameTooLong)
        );
        buf[64 + 4] = 60; // name length past NAME_MAX
        assert!(RawDirEntry::decode(&buf, 64).is_err());
        buf[64 + 4] = 0; // a live entry with an empty name
        assert!(RawDirEntry::decode(&buf, 64).is_err());
    }
}
