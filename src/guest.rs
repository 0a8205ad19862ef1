//! The guest OS built into rvjit (see `build.rs`): its firmware, and the
//! default disk image, made at run time from the embedded files.

use std::io::Write;

use anyhow::{Context, Result};
use rvfs::{BLOCK_SIZE, FileSystem, MemDevice};

include!(concat!(env!("OUT_DIR"), "/guest_files.rs"));

/// Size of the default image.
pub const DEFAULT_IMAGE_BYTES: u64 = 32 << 20;

/// The default disk image of `bytes` (a multiple of the block size): a
/// fresh file system holding [`FILES`] and the kernel's checksum file.
pub fn default_image(bytes: u64) -> Result<Vec<u8>> {
    anyhow::ensure!(
        bytes.is_multiple_of(BLOCK_SIZE as u64),
        "image size {bytes} is not a multiple of 4 KiB"
    );
    let blocks = u32::try_from(bytes / BLOCK_SIZE as u64).context("the image is too large")?;
    let mut fs = FileSystem::format(MemDevice::new(blocks), blocks)
        .context("cannot format the default image")?;
    for (path, bytes) in FILES {
        add_file(&mut fs, path, bytes)
            .with_context(|| format!("cannot add {path} to the default image"))?;
    }
    fs.write_sum(rvfs::KERNEL_PATH)
        .context("cannot write the kernel's checksum to the default image")?;
    Ok(fs.into_device().into_bytes())
}

/// Creates `path` (and its missing parent directories) holding `bytes`.
fn add_file(fs: &mut FileSystem<MemDevice>, path: &str, bytes: &[u8]) -> Result<(), rvfs::FsError> {
    let mut parent = String::new();
    let mut parts = path.split('/').filter(|p| !p.is_empty()).peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            break;
        }
        parent.push('/');
        parent.push_str(part);
        if fs.lookup(&parent).is_err() {
            fs.mkdir(&parent)?;
        }
    }
    let ino = fs.create(path)?;
    fs.write_at(ino, 0, bytes)?;
    Ok(())
}

/// The default image in a private temporary file, deleted when dropped.
pub fn default_image_file() -> Result<tempfile::NamedTempFile> {
    let mut file = tempfile::Builder::new()
        .prefix("rvjit-guest-")
        .suffix(".img")
        .tempfile()
        .context("cannot create a temporary disk image")?;
    file.write_all(&default_image(DEFAULT_IMAGE_BYTES)?)
        .context("cannot write the temporary disk image")?;
    Ok(file)
}
