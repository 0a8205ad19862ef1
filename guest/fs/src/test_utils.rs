//! Helpers shared by the unit tests.

use crate::{BLOCK_SIZE, BlockDevice, FileSystem, FsError, MemDevice, Problem};

/// A freshly formatted file system of `blocks` blocks in memory.
pub(crate) fn fresh(blocks: u32) -> FileSystem<MemDevice> {
    FileSystem::format(MemDevice::new(blocks), blocks).unwrap()
}

/// Unmounts and mounts again, as a reboot would.
pub(crate) fn remount(fs: FileSystem<MemDevice>) -> FileSystem<MemDevice> {
    FileSystem::mount(fs.into_device()).unwrap()
}

/// A small tree for the check's tests: /a/b/f (20 KB), /g (5 KB).
pub(crate) fn sample_tree() -> FileSystem<MemDevice> {
    let mut fs = fresh(256);
    fs.mkdir("/a").unwrap();
    fs.mkdir("/a/b").unwrap();
    let f = fs.create("/a/b/f").unwrap();
    fs.write_at(f, 0, &pattern(20_000)).unwrap();
    let g = fs.create("/g").unwrap();
    fs.write_at(g, 0, &pattern(5000)).unwrap();
    fs
}

/// The problems [`FileSystem::check`] finds in `fs`.
pub(crate) fn problems(fs: &mut FileSystem<MemDevice>) -> alloc::vec::Vec<Problem> {
    fs.check().unwrap().problems
}

/// `n` bytes of a pattern that differs from block to block.
pub(crate) fn pattern(n: usize) -> alloc::vec::Vec<u8> {
    (0..n).map(|i| (i % 251) as u8 ^ (i / 4096) as u8).collect()
}

/// A memory device that counts what is done to it.
pub(crate) struct Counting {
    pub dev: MemDevice,
    pub reads: u32,
    pub writes: u32,
    pub flushes: u32,
}

impl Counting {
    pub(crate) fn new(dev: MemDevice) -> Counting {
        Counting {
            dev,
            reads: 0,
            writes: 0,
            flushes: 0,
        }
    }
}

impl BlockDevice for Counting {
    fn read_block(&mut self, b: u32, buf: &mut [u8; BLOCK_SIZE]) -> Result<(), FsError> {
        self.reads += 1;
        self.dev.read_block(b, buf)
    }
    fn write_block(&mut self, b: u32, buf: &[u8; BLOCK_SIZE]) -> Result<(), FsError> {
        self.writes += 1;
        self.dev.write_block(b, buf)
    }
    fn flush(&mut self) -> Result<(), FsError> {
        self.flushes += 1;
        Ok(())
    }
}
