//! Reads `/boot/kernel` from the rvfs file system on the virtio disk and
//! copies its segments to their physical addresses.

use rvfs::{BLOCK_SIZE, BlockDevice, FileSystem, FsError};
use virtio::{Blk, Op};

use crate::elf;

/// The kernel may only load above the firmware's heap, inside RAM.
const KERNEL_LOW: usize = crate::arch::HEAP_END;

/// The disk as rvfs sees it: polled virtio requests.
struct Disk(Blk);

impl BlockDevice for Disk {
    fn read_block(&mut self, block: u32, buf: &mut [u8; BLOCK_SIZE]) -> Result<(), FsError> {
        self.0
            .run_polled(Op::Read, block, buf.as_mut_ptr() as usize)
            .map_err(|_| FsError::Io)
    }

    fn write_block(&mut self, block: u32, buf: &[u8; BLOCK_SIZE]) -> Result<(), FsError> {
        self.0
            .run_polled(Op::Write, block, buf.as_ptr() as usize)
            .map_err(|_| FsError::Io)
    }
}

/// Loads the kernel; returns its entry point or why it could not.
pub fn load_kernel() -> Result<usize, &'static str> {
    let blk = crate::mmio::probe_virtio_blk().map_err(|_| "no virtio block device")?;
    crate::println!(
        "firmware: virtio-blk at transport {} ({}), {} blocks",
        blk.index(),
        if blk.is_legacy() { "legacy" } else { "modern" },
        blk.capacity_blocks()
    );
    let mut fs = FileSystem::mount(Disk(blk)).map_err(|_| "no rvfs file system on the disk")?;
    let image = fs
        .read_file("/boot/kernel")
        .map_err(|_| "cannot read /boot/kernel")?;
    let (entry, segments) = elf::parse(&image).ok_or("/boot/kernel is not an RV32 ELF")?;
    for seg in segments {
        if seg.addr < KERNEL_LOW {
            return Err("/boot/kernel has a segment below 0x8020_0000");
        }
        let bytes = &image[seg.offset..seg.offset + seg.file_bytes];
        if !crate::arch::copy_to_ram(seg.addr, bytes, seg.mem_bytes - seg.file_bytes) {
            return Err("/boot/kernel has a segment that wraps around memory");
        }
    }
    // The kernel's code was written as data: make it visible to fetches.
    crate::arch::fence_i();
    // Dropping the file system drops the device; the kernel resets it.
    drop(fs);
    Ok(entry)
}
