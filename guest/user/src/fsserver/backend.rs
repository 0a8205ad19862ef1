//! What the file server serves: [`Backend`], a file system addressed by
//! absolute, normalized paths (rvfs in `fsd`, an in-memory one in tests).

use abi::{DirEntry, Errno, Stat};

/// The file system the server serves (absolute, normalized paths).
pub trait Backend {
    /// An inode's name.
    type Ino: Copy + PartialEq;
    /// The inode at `path`.
    fn lookup(&mut self, path: &str) -> Result<Self::Ino, Errno>;
    /// A new empty regular file at `path`.
    fn create(&mut self, path: &str) -> Result<Self::Ino, Errno>;
    /// A new empty directory at `path`.
    fn mkdir(&mut self, path: &str) -> Result<(), Errno>;
    /// Removes the empty directory at `path`.
    fn rmdir(&mut self, path: &str) -> Result<(), Errno>;
    /// Removes the file at `path`.
    fn unlink(&mut self, path: &str) -> Result<(), Errno>;
    /// Kind, size and links of `ino`.
    fn stat(&mut self, ino: Self::Ino) -> Result<Stat, Errno>;
    /// Reads at `offset`; bytes read (0 at the end).
    fn read_at(&mut self, ino: Self::Ino, offset: u32, buf: &mut [u8]) -> Result<usize, Errno>;
    /// Writes at `offset`, growing the file; bytes written.
    fn write_at(&mut self, ino: Self::Ino, offset: u32, buf: &[u8]) -> Result<usize, Errno>;
    /// Sets the length.
    fn truncate(&mut self, ino: Self::Ino, len: u32) -> Result<(), Errno>;
    /// Entry `index` of directory `ino`; `None` past the end.
    fn read_dir(&mut self, ino: Self::Ino, index: u32) -> Result<Option<DirEntry>, Errno>;
    /// Writes every change to the disk.
    fn sync(&mut self) -> Result<(), Errno>;
}
