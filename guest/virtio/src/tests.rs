//! The driver against fake transports in memory: the registers it writes
//! while it initialises, and the descriptors, rings and header of a request,
//! with the test playing the device.

use super::*;
use std::boxed::Box;

#[repr(C, align(4096))]
struct Window([u32; 1024]);

/// `count` fake transports, all-zero (no device) until `install`.
struct Fake {
    base: *mut Window,
    count: usize,
}

impl Fake {
    fn new(count: usize) -> Fake {
        let windows: Box<[Window]> = (0..count).map(|_| Window([0; 1024])).collect();
        Fake {
            base: Box::leak(windows).as_mut_ptr(),
            count,
        }
    }

    fn set(&self, transport: usize, off: usize, v: u32) {
        assert!(transport < self.count);
        // SAFETY: inside the leaked windows; the driver only uses raw
        // pointers too, so no reference aliases these words.
        unsafe {
            self.base
                .add(transport)
                .cast::<u32>()
                .add(off / 4)
                .write_volatile(v)
        }
    }

    fn get(&self, transport: usize, off: usize) -> u32 {
        assert!(transport < self.count);
        // SAFETY: as in `set`.
        unsafe {
            self.base
                .add(transport)
                .cast::<u32>()
                .add(off / 4)
                .read_volatile()
        }
    }

    /// A block device of `blocks` blocks speaking `version`.
    fn install(&self, transport: usize, version: u32, blocks: u32) {
        self.set(transport, mmio::MAGIC_VALUE, MAGIC);
        self.set(transport, mmio::VERSION, version);
        self.set(transport, mmio::DEVICE_ID, DEVICE_BLOCK);
        // The same word answers both feature selectors: VERSION_1 (bit 32)
        // and FLUSH (bit 9).
        self.set(
            transport,
            mmio::DEVICE_FEATURES,
            FEATURE_VERSION_1 | FEATURE_BLK_FLUSH,
        );
        self.set(transport, mmio::QUEUE_NUM_MAX, 16);
        self.set(transport, mmio::CONFIG, blocks * 8);
    }

    fn probe(&self) -> Result<Blk, Error> {
        let dma = Box::leak(Box::new(DmaArea::new()));
        // SAFETY: the windows are leaked memory that only this driver uses.
        unsafe { Blk::probe_at(self.base as usize, self.count, dma) }
    }
}

fn dma_u16(blk: &Blk, off: usize) -> u16 {
    u16::from_le_bytes([blk.dma.0[off], blk.dma.0[off + 1]])
}

fn dma_u32(blk: &Blk, off: usize) -> u32 {
    u32::from_le_bytes(blk.dma.0[off..off + 4].try_into().unwrap())
}

fn dma_u64(blk: &Blk, off: usize) -> u64 {
    u64::from(dma_u32(blk, off)) | (u64::from(dma_u32(blk, off + 4)) << 32)
}

/// Plays the device finishing the request with `status`.
fn complete(blk: &mut Blk, status: u8) {
    let idx = dma_u16(blk, OFF_USED + 2).wrapping_add(1);
    blk.dma.0[OFF_STATUS] = status;
    blk.dma.0[OFF_USED + 2..OFF_USED + 4].copy_from_slice(&idx.to_le_bytes());
}

#[test]
fn no_device_is_not_found() {
    let fake = Fake::new(3);
    fake.set(1, mmio::MAGIC_VALUE, MAGIC);
    fake.set(1, mmio::VERSION, 2);
    fake.set(1, mmio::DEVICE_ID, 1); // a network card: not ours
    assert_eq!(fake.probe().err(), Some(Error::NotFound));
}

#[test]
fn modern_device_is_found_and_set_up() {
    let fake = Fake::new(4);
    fake.install(2, 2, 8);
    let blk = fake.probe().unwrap();
    assert_eq!((blk.index(), blk.irq(), blk.is_legacy()), (2, 3, false));
    assert_eq!(blk.capacity_blocks(), 8);
    assert!(blk.has_flush());
    let status = STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK | STATUS_DRIVER_OK;
    assert_eq!(fake.get(2, mmio::STATUS), status);
    assert_eq!(fake.get(2, mmio::QUEUE_NUM), u32::from(QUEUE_SIZE));
    assert_eq!(fake.get(2, mmio::QUEUE_READY), 1);
    let base = blk.dma.0.as_ptr() as u64;
    assert_eq!(fake.get(2, mmio::QUEUE_DESC_LOW), base as u32);
    assert_eq!(fake.get(2, mmio::QUEUE_DESC_LOW + 4), (base >> 32) as u32);
    assert_eq!(
        fake.get(2, mmio::QUEUE_DRIVER_LOW),
        (base + OFF_AVAIL as u64) as u32
    );
    assert_eq!(
        fake.get(2, mmio::QUEUE_DEVICE_LOW),
        (base + OFF_USED as u64) as u32
    );
    // We accepted VERSION_1 (selector 1 was the last written).
    assert_eq!(fake.get(2, mmio::DRIVER_FEATURES_SEL), 1);
    assert_eq!(fake.get(2, mmio::DRIVER_FEATURES), FEATURE_VERSION_1);
}

#[test]
fn legacy_device_uses_queue_pfn() {
    let fake = Fake::new(8);
    fake.install(7, 1, 8);
    let blk = fake.probe().unwrap();
    assert!(blk.is_legacy());
    assert_eq!(
        fake.get(7, mmio::STATUS),
        STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_DRIVER_OK
    );
    assert_eq!(fake.get(7, mmio::GUEST_PAGE_SIZE), 4096);
    assert_eq!(fake.get(7, mmio::QUEUE_ALIGN), 4096);
    assert_eq!(
        fake.get(7, mmio::QUEUE_PFN),
        (blk.dma.0.as_ptr() as usize >> 12) as u32
    );
}

#[test]
fn a_modern_device_without_version_1_is_refused() {
    let fake = Fake::new(1);
    fake.install(0, 2, 8);
    fake.set(0, mmio::DEVICE_FEATURES, 0);
    assert_eq!(fake.probe().err(), Some(Error::Setup));
}

#[test]
fn a_read_is_three_chained_descriptors() {
    let fake = Fake::new(1);
    fake.install(0, 2, 8);
    let mut blk = fake.probe().unwrap();
    let buf = Box::new([0u8; BLOCK_SIZE]);
    let buf_addr = buf.as_ptr() as usize;
    fake.set(0, mmio::QUEUE_NOTIFY, 0xffff);
    blk.submit(Op::Read, 3, buf_addr).unwrap();
    let base = blk.dma.0.as_ptr() as u64;
    // Header: type IN, sector 3 * 8.
    assert_eq!(dma_u32(&blk, OFF_HEADER), REQ_IN);
    assert_eq!(dma_u64(&blk, OFF_HEADER + 8), 24);
    // desc 0: header, read by the device, chained to 1.
    assert_eq!(dma_u64(&blk, OFF_DESC), base + OFF_HEADER as u64);
    assert_eq!(dma_u32(&blk, OFF_DESC + 8), 16);
    assert_eq!(
        (dma_u16(&blk, OFF_DESC + 12), dma_u16(&blk, OFF_DESC + 14)),
        (DESC_F_NEXT, 1)
    );
    // desc 1: the buffer, written by the device, chained to 2.
    assert_eq!(dma_u64(&blk, OFF_DESC + 16), buf_addr as u64);
    assert_eq!(dma_u32(&blk, OFF_DESC + 24), BLOCK_SIZE as u32);
    assert_eq!(dma_u16(&blk, OFF_DESC + 28), DESC_F_NEXT | DESC_F_WRITE);
    assert_eq!(dma_u16(&blk, OFF_DESC + 30), 2);
    // desc 2: the status byte, written by the device, last.
    assert_eq!(dma_u64(&blk, OFF_DESC + 32), base + OFF_STATUS as u64);
    assert_eq!(
        (dma_u32(&blk, OFF_DESC + 40), dma_u16(&blk, OFF_DESC + 44)),
        (1, DESC_F_WRITE)
    );
    // Published in the available ring, and the device notified.
    assert_eq!(
        (dma_u16(&blk, OFF_AVAIL + 2), dma_u16(&blk, OFF_AVAIL + 4)),
        (1, 0)
    );
    assert_eq!(fake.get(0, mmio::QUEUE_NOTIFY), 0);
    assert!(blk.is_busy());
    assert_eq!(blk.submit(Op::Read, 0, buf_addr), Err(Error::Busy));
    assert_eq!(blk.poll(), None);
    complete(&mut blk, 0);
    fake.set(0, mmio::INTERRUPT_STATUS, 1);
    assert_eq!(blk.poll(), Some(Ok(())));
    assert_eq!(fake.get(0, mmio::INTERRUPT_ACK), 1);
    assert!(!blk.is_busy());
    assert_eq!(blk.poll(), None);
}

#[test]
fn writes_flushes_errors_and_range() {
    let fake = Fake::new(1);
    fake.install(0, 2, 8);
    let mut blk = fake.probe().unwrap();
    let buf = Box::new([7u8; BLOCK_SIZE]);
    assert_eq!(
        blk.submit(Op::Write, 8, buf.as_ptr() as usize),
        Err(Error::OutOfRange)
    );
    blk.submit(Op::Write, 7, buf.as_ptr() as usize).unwrap();
    assert_eq!(dma_u32(&blk, OFF_HEADER), REQ_OUT);
    assert_eq!(dma_u16(&blk, OFF_DESC + 28), DESC_F_NEXT); // device reads the data
    complete(&mut blk, 1); // IOERR
    assert_eq!(blk.poll(), Some(Err(Error::Io)));
    // A flush is two descriptors; the second request uses ring slot 1.
    blk.submit(Op::Flush, 0, 0).unwrap();
    assert_eq!(dma_u32(&blk, OFF_HEADER), REQ_FLUSH);
    assert_eq!(
        (dma_u16(&blk, OFF_DESC + 14), dma_u16(&blk, OFF_DESC + 28)),
        (1, DESC_F_WRITE)
    );
    assert_eq!(dma_u16(&blk, OFF_AVAIL + 2), 2);
    complete(&mut blk, 0);
    assert_eq!(blk.poll(), Some(Ok(())));
}

#[test]
fn ring_indices_wrap_around_the_queue() {
    let fake = Fake::new(1);
    fake.install(0, 2, 8);
    let mut blk = fake.probe().unwrap();
    let buf = Box::new([0u8; BLOCK_SIZE]);
    for i in 0..3 * usize::from(QUEUE_SIZE) {
        blk.submit(Op::Read, (i % 8) as u32, buf.as_ptr() as usize)
            .unwrap();
        let slot = OFF_AVAIL + 4 + 2 * (i % usize::from(QUEUE_SIZE));
        assert_eq!(dma_u16(&blk, slot), 0);
        complete(&mut blk, 0);
        assert_eq!(blk.poll(), Some(Ok(())));
    }
    assert_eq!(dma_u16(&blk, OFF_AVAIL + 2), 3 * QUEUE_SIZE);
}
