//! `rvfs`: the guest's file system, a small Unix-style design in the spirit
//! of xv6's. It is `no_std` + `alloc` so the kernel, the firmware and the
//! user-mode file server (`fsd`) share it, and with the `std` feature the
//! host's `rvjit mkfs`/`rvjit fsck` build and check images with it.
//!
//! Layers, bottom up (one file each):
//! - [`BlockDevice`] (here): 4 KiB block reads and writes; the caller's disk.
//! - `layout`: the on-disk formats (superblock, inode, directory entry).
//! - `bitmap`: the block bitmap, kept in memory and written back per operation.
//! - `cache`: a few metadata blocks (inode table, indirect, directory), write-through.
//! - `inode`: inodes and their block maps (direct, single- and double-indirect).
//! - `dir`: directories as arrays of 64-byte entries, `.` and `..` included.
//! - `path`: absolute path parsing and resolution.
//! - `fs`: [`FileSystem`], the public operations (create, read, write, ...).
//! - `fsck`: a consistency check returning a [`Report`].
//! - `checksum`: CRC-32 checksum files beside files (`NAME.crc32`).
//! - `host` (feature `std`): [`MemDevice`], [`FileDevice`], [`build_image`].
//!
//! Nothing on the disk is trusted: every block pointer, inode number, size and
//! name read back is checked, every walk is bounded, and a corrupt image gives
//! [`FsError::Corrupt`], never a panic or a hang. Every operation writes its
//! changes through to the device before returning; the device's `flush` is
//! called by [`FileSystem::sync`].
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;
#[cfg(any(test, feature = "std"))]
extern crate std;

mod bitmap;
mod cache;
mod checksum;
mod dir;
mod error;
mod fs;
mod fsck;
#[cfg(any(test, feature = "std"))]
mod host;
mod inode;
mod layout;
mod path;
#[cfg(test)]
mod test_utils;

pub use checksum::{KERNEL_PATH, SUM_SUFFIX, SumCheck, crc32, parse_sum, sum_text};
pub use error::FsError;
pub use fs::{DirEntry, FileSystem, Kind, Stat, Usage};
pub use fsck::{Problem, Report};
#[cfg(any(test, feature = "std"))]
pub use host::{BuildError, FileDevice, MemDevice, build_image};
pub use layout::{
    BLOCK_SIZE, BlockNo, InodeNum, MAGIC, MAX_BLOCKS, MAX_FILE_BYTES, MIN_BLOCKS, NAME_MAX,
    PATH_MAX, ROOT_INO,
};

/// A disk of [`BLOCK_SIZE`]-byte blocks numbered from 0.
pub trait BlockDevice {
    /// Reads block `block` into `buf`; a block past the end is an error.
    fn read_block(&mut self, block: u32, buf: &mut [u8; BLOCK_SIZE]) -> Result<(), FsError>;
    /// Writes `buf` to block `block`; a block past the end is an error.
    fn write_block(&mut self, block: u32, buf: &[u8; BLOCK_SIZE]) -> Result<(), FsError>;
    /// Makes earlier writes durable (a no-op for devices without a cache).
    fn flush(&mut self) -> Result<(), FsError> {
        Ok(())
    }
}
