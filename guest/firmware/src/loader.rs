//! Reads `/boot/kernel` from the rvfs file system on the virtio disk,
//! checks it, copies its segments to their physical addresses and puts the
//! device tree right above it.
//!
//! Checked before anything is written: the device tree is valid and names
//! the RAM; `/boot/kernel` matches its checksum file (`rvfs::checksum`,
//! written by `rvjit mkfs`); it is an RV32 executable whose segments lie
//! in the file and in RAM above the loader's heap, with its entry point in
//! its code; and the kernel and the device tree fit in RAM together. The
//! device tree is copied first (wherever the boot ROM put it, the kernel's
//! zeroed memory could cover it) and put on the page after the kernel's
//! last byte, where the kernel finds it (a1) and keeps it out of its frames.

use alloc::format;
use alloc::string::String;

use rvfs::{BLOCK_SIZE, BlockDevice, FileSystem, FsError, KERNEL_PATH, SumCheck};
use virtio::{Blk, Op};

use crate::elf;

/// The kernel may only load above the firmware's heap, inside RAM.
const KERNEL_LOW: usize = crate::arch::HEAP_END;
const PAGE: usize = 4096;

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

/// Where the loaded kernel starts and where its device tree is.
pub struct Loaded {
    /// The kernel's entry point.
    pub entry: usize,
    /// The device tree's new address (for a1).
    pub fdt: usize,
}

/// The first RAM region the device tree `dtb` names: (start, end).
fn ram(dtb: &[u8]) -> Result<(usize, usize), String> {
    let fdt = fdt::Fdt::new(dtb).map_err(|e| format!("the device tree is not valid: {e:?}"))?;
    let region = fdt
        .memory()
        .regions()
        .next()
        .ok_or("the device tree names no memory")?;
    let start = region.starting_address as usize;
    Ok((start, start.saturating_add(region.size.unwrap_or(0))))
}

/// Bytes as MiB, rounded up, for messages.
fn mib(bytes: usize) -> usize {
    bytes.div_ceil(1 << 20)
}

/// Checks and loads the kernel, then moves the device tree at `fdt_addr`
/// (the boot ROM's) above it; or says why it cannot.
pub fn load_kernel(fdt_addr: usize) -> Result<Loaded, String> {
    let dtb = crate::arch::device_tree_copy(fdt_addr)
        .ok_or_else(|| format!("no device tree at {fdt_addr:#x}"))?;
    let (ram_start, ram_end) = ram(&dtb)?;
    let blk = crate::mmio::probe_virtio_blk().map_err(|_| "no virtio block device")?;
    crate::println!(
        "firmware: virtio-blk at transport {} ({}), {} blocks",
        blk.index(),
        if blk.is_legacy() { "legacy" } else { "modern" },
        blk.capacity_blocks()
    );
    let mut fs = FileSystem::mount(Disk(blk)).map_err(|_| "no rvfs file system on the disk")?;
    let image = fs
        .read_file(KERNEL_PATH)
        .map_err(|e| format!("cannot read {KERNEL_PATH}: {e}"))?;
    match fs.check_sum(KERNEL_PATH, &image) {
        Ok(SumCheck::Matches) => {}
        Ok(SumCheck::Missing) => return Err(format!("{KERNEL_PATH}.crc32 is missing")),
        Ok(SumCheck::Malformed) => return Err(format!("{KERNEL_PATH}.crc32 is malformed")),
        Ok(SumCheck::Differs) => {
            return Err(format!(
                "{KERNEL_PATH} does not match its checksum (corrupted)"
            ));
        }
        Err(e) => return Err(format!("cannot read {KERNEL_PATH}.crc32: {e}")),
    }
    let kernel = elf::parse(&image).map_err(|why| format!("{KERNEL_PATH} {why}"))?;
    if kernel.segments.iter().any(|s| s.addr < KERNEL_LOW) {
        return Err(format!(
            "{KERNEL_PATH} has a segment below {KERNEL_LOW:#x} (the firmware's memory)"
        ));
    }
    let kernel_end = kernel
        .segments
        .iter()
        .map(elf::Segment::end)
        .max()
        .unwrap_or(0);
    let fdt = kernel_end.next_multiple_of(PAGE);
    let needed = fdt.saturating_add(dtb.len());
    if needed > ram_end {
        return Err(format!(
            "the kernel and the device tree need RAM up to {needed:#x}, but it ends at \
             {ram_end:#x} ({} MiB)",
            mib(ram_end.saturating_sub(ram_start))
        ));
    }
    for seg in &kernel.segments {
        let bytes = &image[seg.offset..seg.offset + seg.file_bytes];
        if !crate::arch::copy_to_ram(seg.addr, bytes, seg.mem_bytes - seg.file_bytes) {
            return Err(format!("{KERNEL_PATH} has a segment that cannot be loaded"));
        }
    }
    if !crate::arch::copy_to_ram(fdt, &dtb, 0) {
        return Err(String::from("cannot move the device tree"));
    }
    // The kernel's code was written as data: make it visible to fetches.
    crate::arch::fence_i();
    // Dropping the file system drops the device; the kernel resets it.
    drop(fs);
    Ok(Loaded {
        entry: kernel.entry,
        fdt,
    })
}
