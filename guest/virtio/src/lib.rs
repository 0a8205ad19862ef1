//! A virtio-mmio block driver core shared by the firmware (polling) and the
//! kernel (interrupt-driven).
//!
//! virtio 1.x §4.2 (MMIO transport), §2.6 (split virtqueues), §5.2 (block
//! device). Both the modern interface (version 2) and the legacy one
//! (version 1, QueuePFN) are driven. One split virtqueue of [`QUEUE_SIZE`]
//! entries carries one request at a time: a 16-byte header, one 4 KiB data
//! buffer and a status byte, three chained descriptors.
//!
//! The driver hands the device *addresses of its own memory*: callers run
//! with virtual = physical for RAM (the firmware runs unpaged; the kernel maps
//! RAM one-to-one), so a buffer's address is the one the device sees.
#![cfg_attr(not(test), no_std)]

mod mmio;

use core::sync::atomic::{Ordering, fence};

use mmio::Regs;

/// Bytes per block: the file system's block.
pub const BLOCK_SIZE: usize = 4096;
/// Physical address of the first virtio-mmio transport on `virt`.
pub const MMIO_BASE: usize = 0x1000_1000;
/// Distance between transports.
pub const MMIO_STRIDE: usize = 0x1000;
/// Transports on `virt`.
pub const MMIO_COUNT: usize = 8;
/// Entries in our virtqueue: three descriptors per request, one request.
pub const QUEUE_SIZE: u16 = 8;
/// The first PLIC interrupt line of the transports (transport n uses 1 + n).
pub const IRQ_BASE: u32 = 1;

const MAGIC: u32 = 0x7472_6976; // "virt"
const DEVICE_BLOCK: u32 = 2;

const STATUS_ACKNOWLEDGE: u32 = 1;
const STATUS_DRIVER: u32 = 2;
const STATUS_DRIVER_OK: u32 = 4;
const STATUS_FEATURES_OK: u32 = 8;

const FEATURE_BLK_FLUSH: u32 = 1 << 9; // word 0
const FEATURE_VERSION_1: u32 = 1 << 0; // word 1 (bit 32)

const DESC_F_NEXT: u16 = 1;
const DESC_F_WRITE: u16 = 2;

const REQ_IN: u32 = 0; // read from the disk
const REQ_OUT: u32 = 1; // write to the disk
const REQ_FLUSH: u32 = 4;

/// Offsets inside [`DmaArea`]: the legacy layout (virtio 0.9.5 §2.3 with a
/// 4 KiB alignment), which also meets the modern alignment rules, so both
/// interfaces share it.
const OFF_DESC: usize = 0;
const OFF_AVAIL: usize = 16 * QUEUE_SIZE as usize;
const OFF_HEADER: usize = 1024;
const OFF_STATUS: usize = 1040;
const OFF_USED: usize = 4096;

/// Memory the device reads and writes: the virtqueue rings, the request
/// header and the status byte. Page-aligned, as the legacy interface needs.
#[repr(C, align(4096))]
pub struct DmaArea(pub [u8; 8192]);

impl DmaArea {
    /// A zeroed area (for statics).
    pub const fn new() -> DmaArea {
        DmaArea([0; 8192])
    }
}

impl Default for DmaArea {
    fn default() -> Self {
        DmaArea::new()
    }
}

/// What went wrong with the device or a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// No transport holds a block device.
    NotFound,
    /// The device refused our features or offers no queue.
    Setup,
    /// The device answered a request with IOERR or UNSUPP.
    Io,
    /// The block number lies past the end of the disk.
    OutOfRange,
    /// A request is already in flight.
    Busy,
}

/// A block request's direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// Disk to memory.
    Read,
    /// Memory to disk.
    Write,
    /// Make earlier writes durable.
    Flush,
}

/// A virtio block device behind one MMIO transport.
pub struct Blk {
    regs: Regs,
    /// The transport's index (0..8): its PLIC line is `IRQ_BASE + index`.
    index: usize,
    legacy: bool,
    dma: &'static mut DmaArea,
    /// Our next index into the available ring.
    avail_idx: u16,
    /// The used-ring index we have consumed up to.
    used_seen: u16,
    in_flight: bool,
    capacity_blocks: u32,
    has_flush: bool,
}

impl Blk {
    /// Finds the first transport holding a block device and initialises it
    /// (virtio §3.1.1), with `dma` as its queue memory.
    ///
    /// # Safety
    /// The eight transports at [`MMIO_BASE`] must be mapped at their
    /// physical addresses, nothing else may drive them, and `dma` must sit at
    /// its physical address.
    pub unsafe fn probe(dma: &'static mut DmaArea) -> Result<Blk, Error> {
        // SAFETY: the caller's guarantee, for the transports of `virt`.
        unsafe { Blk::probe_at(MMIO_BASE, MMIO_COUNT, dma) }
    }

    /// [`Blk::probe`] over `count` transports from `base` (tests use a
    /// fake register window in memory).
    ///
    /// # Safety
    /// As for [`Blk::probe`], for `count` windows of [`MMIO_STRIDE`] bytes.
    pub unsafe fn probe_at(
        base: usize,
        count: usize,
        dma: &'static mut DmaArea,
    ) -> Result<Blk, Error> {
        for index in 0..count {
            // SAFETY: the caller guarantees the transport windows are mapped
            // and ours alone.
            let regs = unsafe { Regs::new(base + index * MMIO_STRIDE) };
            if regs.read(mmio::MAGIC_VALUE) != MAGIC || regs.read(mmio::DEVICE_ID) != DEVICE_BLOCK {
                continue;
            }
            let version = regs.read(mmio::VERSION);
            if version != 1 && version != 2 {
                continue;
            }
            let mut blk = Blk {
                regs,
                index,
                legacy: version == 1,
                dma,
                avail_idx: 0,
                used_seen: 0,
                in_flight: false,
                capacity_blocks: 0,
                has_flush: false,
            };
            blk.init()?;
            return Ok(blk);
        }
        Err(Error::NotFound)
    }

    fn init(&mut self) -> Result<(), Error> {
        let r = &self.regs;
        r.write(mmio::STATUS, 0);
        r.write(mmio::STATUS, STATUS_ACKNOWLEDGE);
        r.write(mmio::STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
        r.write(mmio::DEVICE_FEATURES_SEL, 0);
        let offered = r.read(mmio::DEVICE_FEATURES);
        self.has_flush = offered & FEATURE_BLK_FLUSH != 0;
        r.write(mmio::DRIVER_FEATURES_SEL, 0);
        r.write(mmio::DRIVER_FEATURES, offered & FEATURE_BLK_FLUSH);
        let mut status = STATUS_ACKNOWLEDGE | STATUS_DRIVER;
        if !self.legacy {
            r.write(mmio::DEVICE_FEATURES_SEL, 1);
            if r.read(mmio::DEVICE_FEATURES) & FEATURE_VERSION_1 == 0 {
                return Err(Error::Setup);
            }
            r.write(mmio::DRIVER_FEATURES_SEL, 1);
            r.write(mmio::DRIVER_FEATURES, FEATURE_VERSION_1);
            status |= STATUS_FEATURES_OK;
            r.write(mmio::STATUS, status);
            // §3.1.1: the device clears FEATURES_OK if it rejects our set.
            if r.read(mmio::STATUS) & STATUS_FEATURES_OK == 0 {
                return Err(Error::Setup);
            }
        }
        r.write(mmio::QUEUE_SEL, 0);
        let max = r.read(mmio::QUEUE_NUM_MAX);
        if max < u32::from(QUEUE_SIZE) {
            return Err(Error::Setup);
        }
        self.dma.0.fill(0);
        r.write(mmio::QUEUE_NUM, u32::from(QUEUE_SIZE));
        let base = self.dma.0.as_ptr() as usize;
        if self.legacy {
            r.write(mmio::GUEST_PAGE_SIZE, 4096);
            r.write(mmio::QUEUE_ALIGN, 4096);
            r.write(mmio::QUEUE_PFN, (base >> 12) as u32);
        } else {
            for (low, off) in [
                (mmio::QUEUE_DESC_LOW, OFF_DESC),
                (mmio::QUEUE_DRIVER_LOW, OFF_AVAIL),
                (mmio::QUEUE_DEVICE_LOW, OFF_USED),
            ] {
                let addr = (base + off) as u64;
                r.write(low, addr as u32);
                r.write(low + 4, (addr >> 32) as u32);
            }
            r.write(mmio::QUEUE_READY, 1);
        }
        // Capacity in 512-byte sectors (§5.2.4); a disk under 4 GiB of
        // blocks in 32 bits is all an rv32 guest can address anyway.
        let lo = u64::from(r.read(mmio::CONFIG));
        let hi = u64::from(r.read(mmio::CONFIG + 4));
        let sectors = (hi << 32) | lo;
        self.capacity_blocks = u32::try_from(sectors / 8).unwrap_or(u32::MAX);
        r.write(mmio::STATUS, status | STATUS_DRIVER_OK);
        Ok(())
    }

    /// The transport's index (0..8).
    pub fn index(&self) -> usize {
        self.index
    }

    /// The PLIC interrupt line of the device.
    pub fn irq(&self) -> u32 {
        IRQ_BASE + self.index as u32
    }

    /// Whether the device speaks the legacy (version 1) interface.
    pub fn is_legacy(&self) -> bool {
        self.legacy
    }

    /// Disk size in 4 KiB blocks.
    pub fn capacity_blocks(&self) -> u32 {
        self.capacity_blocks
    }

    /// Whether a request is in flight.
    pub fn is_busy(&self) -> bool {
        self.in_flight
    }

    /// Queues one request and notifies the device; returns at once. `buf`
    /// is the physical address of a 4 KiB buffer (ignored for Flush) that
    /// must stay valid until [`Blk::poll`] reports the end.
    pub fn submit(&mut self, op: Op, block: u32, buf: usize) -> Result<(), Error> {
        if self.in_flight {
            return Err(Error::Busy);
        }
        if op != Op::Flush && block >= self.capacity_blocks {
            return Err(Error::OutOfRange);
        }
        let kind = match op {
            Op::Read => REQ_IN,
            Op::Write => REQ_OUT,
            Op::Flush => REQ_FLUSH,
        };
        let base = self.dma.0.as_ptr() as usize;
        let sector = u64::from(block) * 8;
        self.put32(OFF_HEADER, kind);
        self.put32(OFF_HEADER + 4, 0);
        self.put32(OFF_HEADER + 8, sector as u32);
        self.put32(OFF_HEADER + 12, (sector >> 32) as u32);
        self.dma.0[OFF_STATUS] = 0xff;
        let header = (base + OFF_HEADER) as u64;
        let status = (base + OFF_STATUS) as u64;
        if op == Op::Flush {
            self.put_desc(0, header, 16, DESC_F_NEXT, 1);
            self.put_desc(1, status, 1, DESC_F_WRITE, 0);
        } else {
            let data_flags = if op == Op::Read { DESC_F_WRITE } else { 0 };
            self.put_desc(0, header, 16, DESC_F_NEXT, 1);
            self.put_desc(
                1,
                buf as u64,
                BLOCK_SIZE as u32,
                data_flags | DESC_F_NEXT,
                2,
            );
            self.put_desc(2, status, 1, DESC_F_WRITE, 0);
        }
        // Available ring: flags (u16), idx (u16), ring[QUEUE_SIZE] (u16).
        let slot = OFF_AVAIL + 4 + 2 * usize::from(self.avail_idx % QUEUE_SIZE);
        self.put16(slot, 0);
        self.avail_idx = self.avail_idx.wrapping_add(1);
        // The ring entry must be visible before the index that publishes it,
        // and the index before the notification (§2.7.13).
        barrier();
        self.put16(OFF_AVAIL + 2, self.avail_idx);
        barrier();
        self.in_flight = true;
        self.regs.write(mmio::QUEUE_NOTIFY, 0);
        Ok(())
    }

    /// Whether the request in flight has ended: `None` while it runs, else
    /// its outcome. Also acknowledges the transport's interrupt, so the
    /// kernel calls it from its interrupt handler.
    pub fn poll(&mut self) -> Option<Result<(), Error>> {
        let pending = self.regs.read(mmio::INTERRUPT_STATUS);
        if pending != 0 {
            self.regs.write(mmio::INTERRUPT_ACK, pending);
        }
        if !self.in_flight {
            return None;
        }
        barrier();
        let used_idx = self.get16(OFF_USED + 2);
        if used_idx == self.used_seen {
            return None;
        }
        barrier();
        self.used_seen = used_idx;
        self.in_flight = false;
        if self.dma.0[OFF_STATUS] == 0 {
            Some(Ok(()))
        } else {
            Some(Err(Error::Io))
        }
    }

    /// Runs one request to its end by polling (the firmware's way).
    pub fn run_polled(&mut self, op: Op, block: u32, buf: usize) -> Result<(), Error> {
        if op == Op::Flush && !self.has_flush {
            return Ok(());
        }
        self.submit(op, block, buf)?;
        loop {
            if let Some(result) = self.poll() {
                return result;
            }
            core::hint::spin_loop();
        }
    }

    /// Whether the device needs flush requests (it offered VIRTIO_BLK_F_FLUSH).
    pub fn has_flush(&self) -> bool {
        self.has_flush
    }

    fn put_desc(&mut self, i: usize, addr: u64, len: u32, flags: u16, next: u16) {
        let off = OFF_DESC + 16 * i;
        self.put32(off, addr as u32);
        self.put32(off + 4, (addr >> 32) as u32);
        self.put32(off + 8, len);
        self.put16(off + 12, flags);
        self.put16(off + 14, next);
    }

    fn put32(&mut self, off: usize, v: u32) {
        self.dma.0[off..off + 4].copy_from_slice(&v.to_le_bytes());
    }

    fn put16(&mut self, off: usize, v: u16) {
        // SAFETY: `off` is one of our 2-aligned ring offsets inside the
        // area; a volatile write keeps the compiler from delaying or merging
        // a store the device polls.
        unsafe {
            self.dma
                .0
                .as_mut_ptr()
                .add(off)
                .cast::<u16>()
                .write_volatile(v)
        }
    }

    fn get16(&self, off: usize) -> u16 {
        // SAFETY: as in `put16`; the device writes this word behind the
        // compiler's back, hence volatile.
        unsafe { self.dma.0.as_ptr().add(off).cast::<u16>().read_volatile() }
    }
}

/// Orders memory and device accesses (RISC-V `fence iorw, iorw`).
fn barrier() {
    fence(Ordering::SeqCst);
    #[cfg(target_arch = "riscv32")]
    // SAFETY: a fence has no operands and no effect besides ordering.
    unsafe {
        core::arch::asm!("fence iorw, iorw")
    };
}

#[cfg(test)]
mod tests;
