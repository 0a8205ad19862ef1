//! Split virtqueues (virtio 1.2 §2.7) in guest RAM.
//!
//! Everything in a ring is guest data, so nothing here trusts it: ring
//! addresses and buffers are checked against RAM, descriptor indices against
//! the table they index, chains are capped at the table size (so a loop ends
//! as an error), readable descriptors must precede writable ones, and the
//! available index may not run ahead by more than the queue size. Any
//! violation is a [`QueueError`], on which the transport marks the device
//! DEVICE_NEEDS_RESET; nothing panics.
//!
//! Indirect descriptors (`VIRTIO_F_RING_INDIRECT_DESC`) are supported when
//! negotiated: only a chain's head may be indirect, the table may not nest.
//! Event suppression by index (`VIRTIO_F_EVENT_IDX`) is not offered; the
//! device honours `VIRTQ_AVAIL_F_NO_INTERRUPT` and never sets
//! `VIRTQ_USED_F_NO_NOTIFY`.

/// Largest queue size the transport offers (`QueueNumMax`).
pub const MAX_QUEUE_SIZE: u16 = 256;
/// Largest indirect descriptor table accepted, in descriptors.
pub const MAX_INDIRECT_DESCS: u32 = 1024;

/// Descriptor flag: the chain continues at `next`.
pub const VIRTQ_DESC_F_NEXT: u16 = 1;
/// Descriptor flag: the buffer is device-writable.
pub const VIRTQ_DESC_F_WRITE: u16 = 2;
/// Descriptor flag: the buffer is a table of descriptors.
pub const VIRTQ_DESC_F_INDIRECT: u16 = 4;
/// Available-ring flag: the driver does not want interrupts.
pub const VIRTQ_AVAIL_F_NO_INTERRUPT: u16 = 1;

const DESC_BYTES: u64 = 16;

/// Malformed guest data in a virtqueue.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueueError {
    /// A ring structure lies outside RAM.
    #[error("ring access at {addr:#x} is outside RAM")]
    RingOutsideRam {
        /// The guest address.
        addr: u64,
    },
    /// The available index ran more than a queue's worth ahead.
    #[error("available index moved from {last} to {idx}, more than the queue size")]
    AvailIndexJump {
        /// The index the device had reached.
        last: u16,
        /// The index the driver published.
        idx: u16,
    },
    /// A descriptor index is outside its table.
    #[error("descriptor index {index} outside a table of {size}")]
    IndexOutOfRange {
        /// The index.
        index: u16,
        /// The table size.
        size: u32,
    },
    /// A chain is longer than its table, so it loops.
    #[error("descriptor chain longer than its table of {limit}")]
    ChainTooLong {
        /// The table size.
        limit: u32,
    },
    /// A buffer lies outside RAM.
    #[error("buffer {addr:#x}+{len:#x} is outside RAM")]
    BufferOutsideRam {
        /// Guest address of the buffer.
        addr: u64,
        /// Its length.
        len: u32,
    },
    /// A device-readable descriptor follows a device-writable one.
    #[error("device-readable descriptor after a device-writable one")]
    ReadableAfterWritable,
    /// An indirect descriptor where none is allowed: not negotiated, not at
    /// the head of a chain, combined with NEXT, or inside a table.
    #[error("indirect descriptor not allowed here")]
    IndirectNotAllowed,
    /// An indirect table whose length is zero, not a multiple of 16, or too
    /// large.
    #[error("indirect descriptor table of {len} bytes")]
    BadIndirectTable {
        /// The table length in bytes.
        len: u32,
    },
    /// A request the device cannot make sense of, e.g. without room for a
    /// status byte.
    #[error("malformed request: {0}")]
    Malformed(&'static str),
}

/// One buffer of a chain, checked to lie in RAM.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Guest physical address.
    pub addr: u32,
    /// Length in bytes.
    pub len: u32,
    /// Device-writable (else device-readable).
    pub writable: bool,
}

/// A descriptor chain taken from the available ring: its readable buffers
/// then its writable ones, each seen as one byte stream.
#[derive(Clone, Debug)]
pub struct DescChain {
    head: u16,
    segments: Vec<Segment>,
    readable_len: u64,
    writable_len: u64,
}

impl DescChain {
    fn new(head: u16) -> DescChain {
        DescChain {
            head,
            segments: Vec::new(),
            readable_len: 0,
            writable_len: 0,
        }
    }

    /// Adds a descriptor's buffer after checking it lies in RAM and keeps
    /// the readable-then-writable order. Empty buffers are skipped.
    fn push(&mut self, ram: &crate::mem::Ram, desc: Desc) -> Result<(), QueueError> {
        let writable = desc.flags & VIRTQ_DESC_F_WRITE != 0;
        if !writable && self.writable_len > 0 {
            return Err(QueueError::ReadableAfterWritable);
        }
        if desc.len == 0 {
            return Ok(());
        }
        let outside = QueueError::BufferOutsideRam {
            addr: desc.addr,
            len: desc.len,
        };
        let addr = u32::try_from(desc.addr).map_err(|_| outside.clone())?;
        ram.offset_of(addr, desc.len).ok_or(outside)?;
        self.segments.push(Segment {
            addr,
            len: desc.len,
            writable,
        });
        if writable {
            self.writable_len += u64::from(desc.len);
        } else {
            self.readable_len += u64::from(desc.len);
        }
        Ok(())
    }

    /// Index of the head descriptor, which goes back in the used ring.
    pub fn head(&self) -> u16 {
        self.head
    }

    /// The buffers, readable first.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Total bytes of the device-readable buffers.
    pub fn readable_len(&self) -> u64 {
        self.readable_len
    }

    /// Total bytes of the device-writable buffers.
    pub fn writable_len(&self) -> u64 {
        self.writable_len
    }

    /// The guest ranges (address, length) holding bytes
    /// `[offset, offset + len)` of the readable (`writable == false`) or
    /// writable stream, clipped to the stream's end.
    pub fn pieces(&self, writable: bool, offset: u64, len: u64) -> Vec<(u32, u32)> {
        let mut pieces = Vec::new();
        let end = offset.saturating_add(len);
        let mut pos = 0u64;
        for seg in self.segments.iter().filter(|s| s.writable == writable) {
            let seg_end = pos + u64::from(seg.len);
            let from = offset.max(pos);
            let to = end.min(seg_end);
            if from < to {
                // Both are within this segment, so they fit in u32.
                let start = seg.addr.wrapping_add((from - pos) as u32);
                pieces.push((start, (to - from) as u32));
            }
            pos = seg_end;
            if pos >= end {
                break;
            }
        }
        pieces
    }

    /// Copies readable bytes from `offset` into `buf`; returns how many
    /// were available.
    pub fn read_at(&self, ram: &crate::mem::Ram, offset: u64, buf: &mut [u8]) -> usize {
        let mut done = 0;
        for (addr, len) in self.pieces(false, offset, buf.len() as u64) {
            let Some(src) = ram.slice(addr, len) else {
                break;
            };
            buf[done..done + src.len()].copy_from_slice(src);
            done += src.len();
        }
        done
    }

    /// Copies `data` into the writable bytes from `offset`; returns how many
    /// fitted.
    pub fn write_at(&self, ram: &mut crate::mem::Ram, offset: u64, data: &[u8]) -> usize {
        let mut done = 0;
        for (addr, len) in self.pieces(true, offset, data.len() as u64) {
            let Some(dst) = ram.slice_mut(addr, len) else {
                break;
            };
            let n = dst.len();
            dst.copy_from_slice(&data[done..done + n]);
            done += n;
        }
        done
    }
}

/// A descriptor as the guest wrote it.
#[derive(Clone, Copy, Debug)]
struct Desc {
    addr: u64,
    len: u32,
    flags: u16,
    next: u16,
}

/// Reads `N` bytes of ring structure at `base + offset`.
fn read_ring<const N: usize>(
    ram: &crate::mem::Ram,
    base: u64,
    offset: u64,
) -> Result<[u8; N], QueueError> {
    let addr = base.wrapping_add(offset);
    let bytes = u32::try_from(addr)
        .ok()
        .and_then(|a| ram.slice(a, N as u32));
    let bytes = bytes.ok_or(QueueError::RingOutsideRam { addr })?;
    let mut out = [0u8; N];
    out.copy_from_slice(bytes);
    Ok(out)
}

/// Writes ring structure at `base + offset`.
fn write_ring(
    ram: &mut crate::mem::Ram,
    base: u64,
    offset: u64,
    data: &[u8],
) -> Result<(), QueueError> {
    let addr = base.wrapping_add(offset);
    let bytes = u32::try_from(addr)
        .ok()
        .and_then(|a| ram.slice_mut(a, data.len() as u32));
    bytes
        .ok_or(QueueError::RingOutsideRam { addr })?
        .copy_from_slice(data);
    Ok(())
}

/// Reads descriptor `index` of the table at `table`.
fn read_desc(ram: &crate::mem::Ram, table: u64, index: u16) -> Result<Desc, QueueError> {
    let raw: [u8; 16] = read_ring(ram, table, u64::from(index) * DESC_BYTES)?;
    let le64 = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or([0; 8]));
    Ok(Desc {
        addr: le64(&raw[0..8]),
        len: u32::from_le_bytes([raw[8], raw[9], raw[10], raw[11]]),
        flags: u16::from_le_bytes([raw[12], raw[13]]),
        next: u16::from_le_bytes([raw[14], raw[15]]),
    })
}

/// Follows a chain from `first` through a table of `count` descriptors.
fn walk_table(
    ram: &crate::mem::Ram,
    table: u64,
    count: u32,
    first: u16,
    chain: &mut DescChain,
) -> Result<(), QueueError> {
    let mut index = first;
    // A chain visits each descriptor at most once, so more than `count`
    // steps means a loop.
    for _ in 0..count {
        if u32::from(index) >= count {
            return Err(QueueError::IndexOutOfRange { index, size: count });
        }
        let desc = read_desc(ram, table, index)?;
        if desc.flags & VIRTQ_DESC_F_INDIRECT != 0 {
            return Err(QueueError::IndirectNotAllowed);
        }
        chain.push(ram, desc)?;
        if desc.flags & VIRTQ_DESC_F_NEXT == 0 {
            return Ok(());
        }
        index = desc.next;
    }
    Err(QueueError::ChainTooLong { limit: count })
}

/// A split virtqueue as the transport configured it, plus the device's
/// position in it.
#[derive(Clone, Debug, Default)]
pub struct Queue {
    /// Number of entries (`QueueNum`), 1..=[`MAX_QUEUE_SIZE`] when ready.
    pub size: u16,
    /// Whether the driver enabled the queue.
    pub ready: bool,
    /// Guest address of the descriptor table.
    pub desc_addr: u64,
    /// Guest address of the available (driver) ring.
    pub driver_addr: u64,
    /// Guest address of the used (device) ring.
    pub device_addr: u64,
    /// Whether indirect descriptors were negotiated.
    pub indirect: bool,
    last_avail: u16,
    used_idx: u16,
}

impl Queue {
    /// Forgets the device's position in the rings (queue enabled anew).
    pub fn reset_indices(&mut self) {
        self.last_avail = 0;
        self.used_idx = 0;
    }

    /// Takes the next available chain, if the driver published one.
    pub fn pop(&mut self, ram: &crate::mem::Ram) -> Result<Option<DescChain>, QueueError> {
        if !self.ready || self.size == 0 {
            return Ok(None);
        }
        let idx = u16::from_le_bytes(read_ring(ram, self.driver_addr, 2)?);
        let waiting = idx.wrapping_sub(self.last_avail);
        if waiting == 0 {
            return Ok(None);
        }
        if waiting > self.size {
            return Err(QueueError::AvailIndexJump {
                last: self.last_avail,
                idx,
            });
        }
        let slot = u64::from(self.last_avail % self.size);
        let head = u16::from_le_bytes(read_ring(ram, self.driver_addr, 4 + 2 * slot)?);
        let chain = self.walk(ram, head)?;
        self.last_avail = self.last_avail.wrapping_add(1);
        Ok(Some(chain))
    }

    /// Collects the chain starting at descriptor `head`.
    fn walk(&self, ram: &crate::mem::Ram, head: u16) -> Result<DescChain, QueueError> {
        let size = u32::from(self.size);
        if u32::from(head) >= size {
            return Err(QueueError::IndexOutOfRange { index: head, size });
        }
        let mut chain = DescChain::new(head);
        let first = read_desc(ram, self.desc_addr, head)?;
        if first.flags & VIRTQ_DESC_F_INDIRECT == 0 {
            walk_table(ram, self.desc_addr, size, head, &mut chain)?;
            return Ok(chain);
        }
        if !self.indirect || first.flags & VIRTQ_DESC_F_NEXT != 0 {
            return Err(QueueError::IndirectNotAllowed);
        }
        let count = first.len / DESC_BYTES as u32;
        if first.len % DESC_BYTES as u32 != 0 || count == 0 || count > MAX_INDIRECT_DESCS {
            return Err(QueueError::BadIndirectTable { len: first.len });
        }
        walk_table(ram, first.addr, count, 0, &mut chain)?;
        Ok(chain)
    }

    /// Returns a chain to the driver with `written` bytes written into its
    /// writable buffers.
    pub fn push_used(
        &mut self,
        ram: &mut crate::mem::Ram,
        head: u16,
        written: u32,
    ) -> Result<(), QueueError> {
        let slot = u64::from(self.used_idx % self.size.max(1));
        let mut elem = [0u8; 8];
        elem[..4].copy_from_slice(&u32::from(head).to_le_bytes());
        elem[4..].copy_from_slice(&written.to_le_bytes());
        write_ring(ram, self.device_addr, 4 + 8 * slot, &elem)?;
        self.used_idx = self.used_idx.wrapping_add(1);
        write_ring(ram, self.device_addr, 2, &self.used_idx.to_le_bytes())
    }

    /// Whether the driver wants an interrupt for used buffers (it may set
    /// `VIRTQ_AVAIL_F_NO_INTERRUPT` while polling). An unreadable ring
    /// counts as "yes".
    pub fn wants_interrupt(&self, ram: &crate::mem::Ram) -> bool {
        match read_ring::<2>(ram, self.driver_addr, 0) {
            Ok(flags) => u16::from_le_bytes(flags) & VIRTQ_AVAIL_F_NO_INTERRUPT == 0,
            Err(_) => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dev::test_utils::TestQueue;
    use crate::mem::Ram;
    use crate::memmap::RAM_BASE;

    const DATA: u32 = RAM_BASE + 0x8000;

    fn setup(size: u16) -> (Ram, TestQueue, Queue) {
        let ram = Ram::new(64 * 1024).unwrap();
        let tq = TestQueue::new(size, RAM_BASE);
        let q = tq.queue();
        (ram, tq, q)
    }

    #[test]
    fn empty_queue_pops_nothing() {
        let (ram, _, mut q) = setup(8);
        assert_eq!(q.pop(&ram).unwrap().map(|c| c.head()), None);
        let mut not_ready = Queue::default();
        assert!(not_ready.pop(&ram).unwrap().is_none());
    }

    #[test]
    fn chain_with_readable_and_writable_buffers() {
        let (mut ram, mut tq, mut q) = setup(8);
        ram.slice_mut(DATA, 8).unwrap().copy_from_slice(b"abcdefgh");
        tq.set_desc(&mut ram, 3, u64::from(DATA), 5, VIRTQ_DESC_F_NEXT, 6);
        tq.set_desc(&mut ram, 6, u64::from(DATA + 5), 3, VIRTQ_DESC_F_NEXT, 1);
        tq.set_desc(
            &mut ram,
            1,
            u64::from(DATA + 0x100),
            4,
            VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE,
            2,
        );
        tq.set_desc(
            &mut ram,
            2,
            u64::from(DATA + 0x200),
            4,
            VIRTQ_DESC_F_WRITE,
            0,
        );
        tq.publish(&mut ram, 3);

        let chain = q.pop(&ram).unwrap().unwrap();
        assert_eq!(chain.head(), 3);
        assert_eq!((chain.readable_len(), chain.writable_len()), (8, 8));
        assert_eq!(chain.segments().len(), 4);
        // The readable stream spans two buffers.
        let mut buf = [0u8; 6];
        assert_eq!(chain.read_at(&ram, 2, &mut buf), 6);
        assert_eq!(&buf, b"cdefgh");
        assert_eq!(chain.read_at(&ram, 7, &mut buf), 1);
        // The writable stream too.
        assert_eq!(chain.write_at(&mut ram, 2, b"WXYZ--"), 6);
        assert_eq!(ram.slice(DATA + 0x102, 2).unwrap(), b"WX");
        assert_eq!(ram.slice(DATA + 0x200, 4).unwrap(), b"YZ--");
        assert_eq!(
            chain.pieces(true, 3, 2),
            vec![(DATA + 0x103, 1), (DATA + 0x200, 1)]
        );
        assert!(q.pop(&ram).unwrap().is_none());

        q.push_used(&mut ram, chain.head(), 6).unwrap();
        assert_eq!(tq.used_idx(&ram), 1);
        assert_eq!(tq.used_elem(&ram, 0), (3, 6));
    }

    #[test]
    fn indices_wrap_around_the_ring_and_u16() {
        let (mut ram, mut tq, mut q) = setup(4);
        tq.set_desc(&mut ram, 0, u64::from(DATA), 1, 0, 0);
        for round in 0..70_000u32 {
            tq.publish(&mut ram, 0);
            let chain = q.pop(&ram).unwrap().expect("a chain each round");
            q.push_used(&mut ram, chain.head(), round).unwrap();
        }
        assert_eq!(tq.used_idx(&ram), (70_000u32 % 65_536) as u16);
        assert_eq!(tq.used_elem(&ram, (69_999 % 4) as u16), (0, 69_999));
    }

    #[test]
    fn no_interrupt_flag_is_honoured() {
        let (mut ram, tq, q) = setup(4);
        assert!(q.wants_interrupt(&ram));
        ram.slice_mut(tq.avail, 2)
            .unwrap()
            .copy_from_slice(&VIRTQ_AVAIL_F_NO_INTERRUPT.to_le_bytes());
        assert!(!q.wants_interrupt(&ram));
    }

    #[test]
    fn hostile_head_and_next_indices() {
        let (mut ram, mut tq, mut q) = setup(4);
        tq.publish_raw(&mut ram, 0, 9);
        assert_eq!(
            q.pop(&ram).unwrap_err(),
            QueueError::IndexOutOfRange { index: 9, size: 4 }
        );

        let (mut ram, mut tq, mut q) = setup(4);
        tq.set_desc(&mut ram, 0, u64::from(DATA), 4, VIRTQ_DESC_F_NEXT, 4);
        tq.publish(&mut ram, 0);
        assert_eq!(
            q.pop(&ram).unwrap_err(),
            QueueError::IndexOutOfRange { index: 4, size: 4 }
        );
    }

    #[test]
    fn looping_chain_is_cut_off() {
        let (mut ram, mut tq, mut q) = setup(4);
        tq.set_desc(&mut ram, 0, u64::from(DATA), 4, VIRTQ_DESC_F_NEXT, 1);
        tq.set_desc(&mut ram, 1, u64::from(DATA), 4, VIRTQ_DESC_F_NEXT, 0);
        tq.publish(&mut ram, 0);
        assert_eq!(
            q.pop(&ram).unwrap_err(),
            QueueError::ChainTooLong { limit: 4 }
        );
        // Self-loop.
        let (mut ram, mut tq, mut q) = setup(4);
        tq.set_desc(&mut ram, 2, u64::from(DATA), 4, VIRTQ_DESC_F_NEXT, 2);
        tq.publish(&mut ram, 2);
        assert_eq!(
            q.pop(&ram).unwrap_err(),
            QueueError::ChainTooLong { limit: 4 }
        );
    }

    #[test]
    fn buffers_outside_ram_are_rejected() {
        for (addr, len) in [
            (0x1000_0000u64, 4u32),            // MMIO, below RAM
            (u64::from(RAM_BASE) + 0xfffe, 4), // runs off the end of RAM
            (0x1_8000_0000, 4),                // above 4 GiB
            (u64::MAX, 1),
        ] {
            let (mut ram, mut tq, mut q) = setup(4);
            tq.set_desc(&mut ram, 0, addr, len, VIRTQ_DESC_F_WRITE, 0);
            tq.publish(&mut ram, 0);
            assert_eq!(
                q.pop(&ram).unwrap_err(),
                QueueError::BufferOutsideRam { addr, len }
            );
        }
    }

    #[test]
    fn readable_after_writable_is_rejected() {
        let (mut ram, mut tq, mut q) = setup(4);
        tq.set_desc(
            &mut ram,
            0,
            u64::from(DATA),
            4,
            VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE,
            1,
        );
        tq.set_desc(&mut ram, 1, u64::from(DATA), 4, 0, 0);
        tq.publish(&mut ram, 0);
        assert_eq!(q.pop(&ram).unwrap_err(), QueueError::ReadableAfterWritable);
    }

    #[test]
    fn avail_index_may_not_jump_past_the_queue_size() {
        let (mut ram, tq, mut q) = setup(4);
        ram.slice_mut(tq.avail + 2, 2)
            .unwrap()
            .copy_from_slice(&5u16.to_le_bytes());
        assert_eq!(
            q.pop(&ram).unwrap_err(),
            QueueError::AvailIndexJump { last: 0, idx: 5 }
        );
    }

    #[test]
    fn rings_outside_ram_are_errors() {
        let ram = Ram::new(4096).unwrap();
        let mut q = Queue {
            size: 4,
            ready: true,
            driver_addr: 0x1_0000_0000,
            ..Queue::default()
        };
        assert_eq!(
            q.pop(&ram).unwrap_err(),
            QueueError::RingOutsideRam {
                addr: 0x1_0000_0002
            }
        );
        q.driver_addr = u64::MAX;
        assert!(matches!(
            q.pop(&ram),
            Err(QueueError::RingOutsideRam { .. })
        ));
        let mut ram = ram;
        q.device_addr = u64::from(RAM_BASE) + 4092;
        assert!(matches!(
            q.push_used(&mut ram, 0, 0),
            Err(QueueError::RingOutsideRam { .. })
        ));
    }

    #[test]
    fn indirect_table_is_followed_when_negotiated() {
        let (mut ram, mut tq, mut q) = setup(4);
        let table = RAM_BASE + 0x4000;
        TestQueue::write_desc(&mut ram, table, 0, u64::from(DATA), 2, VIRTQ_DESC_F_NEXT, 2);
        TestQueue::write_desc(
            &mut ram,
            table,
            2,
            u64::from(DATA + 0x10),
            3,
            VIRTQ_DESC_F_WRITE,
            0,
        );
        tq.set_desc(&mut ram, 1, u64::from(table), 48, VIRTQ_DESC_F_INDIRECT, 0);
        tq.publish(&mut ram, 1);
        assert_eq!(
            q.clone().pop(&ram).unwrap_err(),
            QueueError::IndirectNotAllowed
        );
        q.indirect = true;
        let chain = q.pop(&ram).unwrap().unwrap();
        assert_eq!(chain.head(), 1);
        assert_eq!((chain.readable_len(), chain.writable_len()), (2, 3));
    }

    #[test]
    fn hostile_indirect_tables() {
        let table = RAM_BASE + 0x4000;
        type Prepare = Box<dyn Fn(&mut Ram)>;
        let cases: [(u32, u16, Prepare, QueueError); 5] = [
            (
                0,
                VIRTQ_DESC_F_INDIRECT,
                Box::new(|_| {}),
                QueueError::BadIndirectTable { len: 0 },
            ),
            (
                20,
                VIRTQ_DESC_F_INDIRECT,
                Box::new(|_| {}),
                QueueError::BadIndirectTable { len: 20 },
            ),
            (
                16 * (MAX_INDIRECT_DESCS + 1),
                VIRTQ_DESC_F_INDIRECT,
                Box::new(|_| {}),
                QueueError::BadIndirectTable {
                    len: 16 * (MAX_INDIRECT_DESCS + 1),
                },
            ),
            (
                16,
                VIRTQ_DESC_F_INDIRECT | VIRTQ_DESC_F_NEXT,
                Box::new(|_| {}),
                QueueError::IndirectNotAllowed,
            ),
            (
                32,
                VIRTQ_DESC_F_INDIRECT,
                // Nested indirect inside the table.
                Box::new(move |ram| {
                    TestQueue::write_desc(ram, table, 0, u64::from(DATA), 4, VIRTQ_DESC_F_NEXT, 1);
                    TestQueue::write_desc(
                        ram,
                        table,
                        1,
                        u64::from(table),
                        16,
                        VIRTQ_DESC_F_INDIRECT,
                        0,
                    );
                }),
                QueueError::IndirectNotAllowed,
            ),
        ];
        for (len, flags, prepare, expected) in cases {
            let (mut ram, mut tq, mut q) = setup(4);
            q.indirect = true;
            prepare(&mut ram);
            tq.set_desc(&mut ram, 0, u64::from(table), len, flags, 1);
            tq.publish(&mut ram, 0);
            assert_eq!(q.pop(&ram).unwrap_err(), expected);
        }
        // A loop inside a table, and a next index past its end.
        let (mut ram, mut tq, mut q) = setup(4);
        q.indirect = true;
        TestQueue::write_desc(&mut ram, table, 0, u64::from(DATA), 4, VIRTQ_DESC_F_NEXT, 0);
        tq.set_desc(&mut ram, 0, u64::from(table), 32, VIRTQ_DESC_F_INDIRECT, 0);
        tq.publish(&mut ram, 0);
        assert_eq!(
            q.pop(&ram).unwrap_err(),
            QueueError::ChainTooLong { limit: 2 }
        );
        TestQueue::write_desc(&mut ram, table, 0, u64::from(DATA), 4, VIRTQ_DESC_F_NEXT, 2);
        tq.publish(&mut ram, 0);
        assert_eq!(
            q.pop(&ram).unwrap_err(),
            QueueError::IndexOutOfRange { index: 2, size: 2 }
        );
        // An indirect flag on a non-head descriptor.
        let (mut ram, mut tq, mut q) = setup(4);
        q.indirect = true;
        tq.set_desc(&mut ram, 0, u64::from(DATA), 4, VIRTQ_DESC_F_NEXT, 1);
        tq.set_desc(&mut ram, 1, u64::from(table), 16, VIRTQ_DESC_F_INDIRECT, 0);
        tq.publish(&mut ram, 0);
        assert_eq!(q.pop(&ram).unwrap_err(), QueueError::IndirectNotAllowed);
    }

    #[test]
    fn zero_length_buffers_are_skipped() {
        let (mut ram, mut tq, mut q) = setup(4);
        tq.set_desc(&mut ram, 0, 0xdead_0000, 0, VIRTQ_DESC_F_NEXT, 1);
        tq.set_desc(&mut ram, 1, u64::from(DATA), 4, VIRTQ_DESC_F_WRITE, 0);
        tq.publish(&mut ram, 0);
        let chain = q.pop(&ram).unwrap().unwrap();
        assert_eq!(
            chain.segments(),
            &[Segment {
                addr: DATA,
                len: 4,
                writable: true
            }]
        );
    }
}
