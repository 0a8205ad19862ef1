//! Helpers shared by the unit tests.

use crate::{FileSystem, MemDevice};

/// A freshly formatted file system of `blocks` blocks in memory.
pub(crate) fn fresh(blocks: u32) -> FileSystem<MemDevice> {
    FileSystem::format(MemDevice::new(blocks), blocks).unwrap()
}

/// Unmounts and mounts again, as a reboot would.
pub(crate) fn remount(fs: FileSystem<MemDevice>) -> FileSystem<MemDevice> {
    FileSystem::mount(fs.into_device()).unwrap()
}

/// `n` bytes of a pattern that differs from block to block.
pub(crate) fn pattern(n: usize) -> alloc::vec::Vec<u8> {
    (0..n).map(|i| (i % 251) as u8 ^ (i / 4096) as u8).collect()
}
