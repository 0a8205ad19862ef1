//! Host-side devices and the image builder (feature `std`), for
//! `rvjit mkfs`/`rvjit fsck` and the tests.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::string::{String, ToString};
use std::vec::Vec;
use std::{fmt, format, io, vec};

use crate::{BLOCK_SIZE, BlockDevice, FileSystem, FsError, MAX_BLOCKS, NAME_MAX};

/// A disk held in memory.
#[derive(Clone, Debug)]
pub struct MemDevice {
    bytes: Vec<u8>,
}

impl MemDevice {
    /// A zeroed disk of `blocks` blocks.
    pub fn new(blocks: u32) -> MemDevice {
        MemDevice {
            bytes: vec![0; blocks as usize * BLOCK_SIZE],
        }
    }

    /// A disk holding `bytes` (a trailing partial block is ignored).
    pub fn from_bytes(bytes: Vec<u8>) -> MemDevice {
        MemDevice { bytes }
    }

    /// Whole blocks on the disk.
    pub fn blocks(&self) -> u32 {
        (self.bytes.len() / BLOCK_SIZE).min(u32::MAX as usize) as u32
    }

    /// The disk's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The disk's bytes, to corrupt in tests.
    pub fn bytes_mut(&mut self) -> &mut [u8] {
        &mut self.bytes
    }

    /// The disk's bytes, by value.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    fn range(&self, block: u32) -> Result<std::ops::Range<usize>, FsError> {
        let at = block as usize * BLOCK_SIZE;
        if block >= self.blocks() {
            return Err(FsError::Io);
        }
        Ok(at..at + BLOCK_SIZE)
    }
}

impl BlockDevice for MemDevice {
    fn read_block(&mut self, block: u32, buf: &mut [u8; BLOCK_SIZE]) -> Result<(), FsError> {
        let r = self.range(block)?;
        buf.copy_from_slice(&self.bytes[r]);
        Ok(())
    }

    fn write_block(&mut self, block: u32, buf: &[u8; BLOCK_SIZE]) -> Result<(), FsError> {
        let r = self.range(block)?;
        self.bytes[r].copy_from_slice(buf);
        Ok(())
    }
}

/// A disk image in a host file, read and written in place.
#[derive(Debug)]
pub struct FileDevice {
    file: File,
    blocks: u32,
}

impl FileDevice {
    /// Opens an existing image for reading and writing.
    pub fn open(path: &Path) -> io::Result<FileDevice> {
        let file = File::options().read(true).write(true).open(path)?;
        FileDevice::from_file(file)
    }

    /// Opens an existing image read-only (writes fail with `FsError::Io`).
    pub fn open_read_only(path: &Path) -> io::Result<FileDevice> {
        FileDevice::from_file(File::open(path)?)
    }

    fn from_file(file: File) -> io::Result<FileDevice> {
        let len = file.metadata()?.len();
        let blocks = (len / BLOCK_SIZE as u64).min(u64::from(u32::MAX)) as u32;
        Ok(FileDevice { file, blocks })
    }

    /// Whole blocks in the file.
    pub fn blocks(&self) -> u32 {
        self.blocks
    }

    fn seek(&mut self, block: u32) -> Result<(), FsError> {
        if block >= self.blocks {
            return Err(FsError::Io);
        }
        let at = u64::from(block) * BLOCK_SIZE as u64;
        self.file
            .seek(SeekFrom::Start(at))
            .map_err(|_| FsError::Io)?;
        Ok(())
    }
}

impl BlockDevice for FileDevice {
    fn read_block(&mut self, block: u32, buf: &mut [u8; BLOCK_SIZE]) -> Result<(), FsError> {
        self.seek(block)?;
        self.file.read_exact(buf).map_err(|_| FsError::Io)
    }

    fn write_block(&mut self, block: u32, buf: &[u8; BLOCK_SIZE]) -> Result<(), FsError> {
        self.seek(block)?;
        self.file.write_all(buf).map_err(|_| FsError::Io)
    }

    fn flush(&mut self) -> Result<(), FsError> {
        self.file.sync_data().map_err(|_| FsError::Io)
    }
}

/// Why [`build_image`] failed, with the host path concerned.
#[derive(Debug)]
pub struct BuildError {
    /// The host file or folder being copied.
    pub path: PathBuf,
    /// What went wrong.
    pub reason: String,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

impl std::error::Error for BuildError {}

fn fail(path: &Path, reason: impl ToString) -> BuildError {
    BuildError {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

/// Formats an image of `size_bytes` (a whole number of blocks) and copies
/// the host folder `dir` into its root, recursively. Symbolic links to files
/// are followed; other special files are refused, as are names that are not
/// UTF-8 or longer than [`NAME_MAX`] bytes. If the folder holds a kernel
/// ([`crate::KERNEL_PATH`]), its checksum file is written beside it.
pub fn build_image(dir: &Path, size_bytes: u64) -> Result<Vec<u8>, BuildError> {
    let block = BLOCK_SIZE as u64;
    if !size_bytes.is_multiple_of(block) || size_bytes / block > u64::from(MAX_BLOCKS) {
        return Err(fail(
            dir,
            format!("image size {size_bytes} is not a multiple of 4 KiB up to 4 GiB"),
        ));
    }
    let blocks = (size_bytes / block) as u32;
    let mut fs = FileSystem::format(MemDevice::new(blocks), blocks)
        .map_err(|e| fail(dir, format!("cannot format {blocks} blocks: {e}")))?;
    if !dir.is_dir() {
        return Err(fail(dir, "not a directory"));
    }
    copy_dir(&mut fs, dir, "")?;
    if fs.lookup(crate::KERNEL_PATH).is_ok() {
        fs.write_sum(crate::KERNEL_PATH)
            .map_err(|e| fail(dir, format!("cannot write the kernel's checksum: {e}")))?;
    }
    fs.sync().map_err(|e| fail(dir, e))?;
    Ok(fs.into_device().into_bytes())
}

/// Copies the contents of host folder `dir` into the image folder `guest`
/// ("" for the root). Entries go in name order so images are reproducible.
fn copy_dir(fs: &mut FileSystem<MemDevice>, dir: &Path, guest: &str) -> Result<(), BuildError> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| fail(dir, e))?
        .collect::<io::Result<_>>()
        .map_err(|e| fail(dir, e))?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let host = entry.path();
        let name = entry
            .file_name()
            .into_string()
            .map_err(|_| fail(&host, "name is not UTF-8"))?;
        if name.len() > NAME_MAX {
            return Err(fail(&host, format!("name longer than {NAME_MAX} bytes")));
        }
        let path = format!("{guest}/{name}");
        let link = entry.file_type().map_err(|e| fail(&host, e))?;
        let meta = std::fs::metadata(&host).map_err(|e| fail(&host, e))?;
        if meta.is_dir() {
            if link.is_symlink() {
                return Err(fail(&host, "symbolic link to a directory"));
            }
            fs.mkdir(&path).map_err(|e| fail(&host, e))?;
            copy_dir(fs, &host, &path)?;
        } else if meta.is_file() {
            let data = std::fs::read(&host).map_err(|e| fail(&host, e))?;
            let ino = fs.create(&path).map_err(|e| fail(&host, e))?;
            let n = fs.write_at(ino, 0, &data).map_err(|e| fail(&host, e))?;
            if n != data.len() {
                return Err(fail(&host, FsError::NoSpace));
            }
        } else {
            return Err(fail(&host, "not a regular file or directory"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(test: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("rvfs-host-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn mem_device_refuses_blocks_past_its_end() {
        let mut dev = MemDevice::new(2);
        let mut buf = [0; BLOCK_SIZE];
        assert_eq!(dev.write_block(1, &[9; BLOCK_SIZE]), Ok(()));
        assert_eq!(dev.read_block(1, &mut buf), Ok(()));
        assert_eq!(buf[0], 9);
        assert_eq!(dev.read_block(2, &mut buf), Err(FsError::Io));
        assert_eq!(dev.write_block(u32::MAX, &buf), Err(FsError::Io));
        assert_eq!(
            MemDevice::from_bytes(vec![0; 3 * BLOCK_SIZE + 5]).blocks(),
            3
        );
    }

    #[test]
    fn build_image_copies_a_tree_and_file_device_writes_in_place() {
        let dir = scratch("tree");
        let root = dir.join("root");
        std::fs::create_dir_all(root.join("usr/share/doc")).unwrap();
        std::fs::write(root.join("usr/share/doc/readme"), b"read me").unwrap();
        std::fs::write(root.join("top"), vec![5; 50_000]).unwrap();
        std::fs::write(root.join("empty"), b"").unwrap();
        let bytes = build_image(&root, 1 << 20).unwrap();
        assert_eq!(bytes.len(), 1 << 20);
        // Reproducible: the same tree gives the same bytes.
        assert_eq!(build_image(&root, 1 << 20).unwrap(), bytes);

        let img = dir.join("fs.img");
        std::fs::write(&img, &bytes).unwrap();
        let dev = FileDevice::open(&img).unwrap();
        assert_eq!(dev.blocks(), 256);
        let mut fs = FileSystem::mount(dev).unwrap();
        assert_eq!(fs.read_file("/usr/share/doc/readme").unwrap(), b"read me");
        assert_eq!(fs.read_file("/top").unwrap(), vec![5; 50_000]);
        assert_eq!(fs.read_file("/empty").unwrap(), b"");
        assert!(fs.check().unwrap().is_clean());
        let ino = fs.create("/usr/new").unwrap();
        fs.write_at(ino, 0, b"persisted").unwrap();
        fs.sync().unwrap();
        drop(fs);
        let mut fs = FileSystem::mount(FileDevice::open_read_only(&img).unwrap()).unwrap();
        assert_eq!(fs.read_file("/usr/new").unwrap(), b"persisted");
        assert_eq!(fs.create("/nope"), Err(FsError::Io)); // read-only
    }

    #[test]
    fn build_image_refuses_what_it_cannot_copy() {
        let dir = scratch("refuse");
        let root = dir.join("root");
        std::fs::create_dir_all(&root).unwrap();
        let err = build_image(&root, 4097).unwrap_err();
        assert!(err.to_string().contains("not a multiple of 4 KiB"), "{err}");
        let err = build_image(&dir.join("missing"), 1 << 20).unwrap_err();
        assert!(
            err.to_string().ends_with("missing: not a directory"),
            "{err}"
        );
        std::fs::write(root.join("x".repeat(NAME_MAX + 1)), b"").unwrap();
        let err = build_image(&root, 1 << 20).unwrap_err();
        assert!(
            err.to_string().contains("name longer than 59 bytes"),
            "{err}"
        );
        std::fs::remove_file(root.join("x".repeat(NAME_MAX + 1))).unwrap();
        std::os::unix::fs::symlink(&dir, root.join("loop")).unwrap();
        let err = build_image(&root, 1 << 20).unwrap_err();
        assert!(
            err.to_string().contains("symbolic link to a directory"),
            "{err}"
        );
        std::fs::remove_file(root.join("loop")).unwrap();
        std::fs::write(root.join("big"), vec![0; 100_000]).unwrap();
        let err = build_image(&root, 16 * BLOCK_SIZE as u64).unwrap_err();
        assert!(
            err.to_string().contains("big: no space left on device"),
            "{err}"
        );
    }
}
