//! virtio block device (virtio 1.2 §5.2) over a host [`BlockBackend`].
//!
//! One request queue. Configuration space holds `capacity` (in 512-byte
//! sectors) and `seg_max`; offered features are `VIRTIO_BLK_F_SEG_MAX` and
//! `VIRTIO_BLK_F_FLUSH`, plus `VIRTIO_BLK_F_RO` for a read-only backend.
//! Requests: IN (read), OUT (write), FLUSH and GET_ID; anything else gets
//! status UNSUPP.
//!
//! A request is a chain whose readable bytes start with the 16-byte header
//! (type, reserved, sector) followed, for OUT, by the data; its writable
//! bytes are, for IN, the data and then the status byte. No framing is
//! assumed (any layout). Data lengths must be whole sectors and stay within
//! the capacity, else status IOERR; a chain without a writable byte for the
//! status is malformed and makes the device need a reset. Data moves
//! directly between guest RAM and the backend.
//!
//! Backends: [`FileBackend`], a host file opened read-write (or read-only)
//! whose flushes reach the disk; [`MemBackend`], bytes in memory, e.g. an
//! image embedded in the binary, writable (changes are lost at exit) or
//! read-only.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::bus::{AccessSize, read_le};
use crate::dev::virtio::VirtioDevice;
use crate::dev::virtio::queue::{DescChain, MAX_QUEUE_SIZE, Queue, QueueError};
use crate::mem::Ram;

/// virtio device ID of a block device.
pub const VIRTIO_ID_BLOCK: u32 = 2;
/// Sector size of `capacity` and of request offsets.
pub const SECTOR_BYTES: u64 = 512;
/// Feature: `seg_max` in the configuration space is valid.
pub const VIRTIO_BLK_F_SEG_MAX: u64 = 1 << 2;
/// Feature: the device is read-only.
pub const VIRTIO_BLK_F_RO: u64 = 1 << 5;
/// Feature: the device understands FLUSH.
pub const VIRTIO_BLK_F_FLUSH: u64 = 1 << 9;

/// Request type: read sectors.
pub const VIRTIO_BLK_T_IN: u32 = 0;
/// Request type: write sectors.
pub const VIRTIO_BLK_T_OUT: u32 = 1;
/// Request type: flush the write cache.
pub const VIRTIO_BLK_T_FLUSH: u32 = 4;
/// Request type: read the device ID string.
pub const VIRTIO_BLK_T_GET_ID: u32 = 8;

/// Request status: success.
pub const VIRTIO_BLK_S_OK: u8 = 0;
/// Request status: I/O error (also for bad ranges and lengths).
pub const VIRTIO_BLK_S_IOERR: u8 = 1;
/// Request status: unsupported request type.
pub const VIRTIO_BLK_S_UNSUPP: u8 = 2;

/// Length of the GET_ID string.
pub const VIRTIO_BLK_ID_BYTES: usize = 20;

const HEADER_BYTES: u64 = 16;
/// Data buffers per request: a direct chain of a full queue also holds the
/// header and the status byte.
const SEG_MAX: u32 = MAX_QUEUE_SIZE as u32 - 2;

/// Host storage behind a block device. Offsets and lengths are in bytes and
/// checked by the device against [`BlockBackend::len_bytes`].
pub trait BlockBackend: Send {
    /// Size in bytes.
    fn len_bytes(&self) -> u64;
    /// Whether writes are refused.
    fn is_read_only(&self) -> bool;
    /// Fills `buf` from `offset`.
    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> io::Result<()>;
    /// Writes `data` at `offset`.
    fn write_at(&mut self, offset: u64, data: &[u8]) -> io::Result<()>;
    /// Makes written data durable.
    fn flush(&mut self) -> io::Result<()>;
}

/// Error opening a disk image.
#[derive(Debug, thiserror::Error)]
pub enum BlockError {
    /// The file could not be opened or measured.
    #[error("cannot open disk image {}", path.display())]
    Open {
        /// The image path.
        path: PathBuf,
        /// The host error.
        source: io::Error,
    },
    /// Another process (or another drive of this one) holds a conflicting
    /// lock on the image.
    #[error("disk image {} is in use by another process (locked)", path.display())]
    Locked {
        /// The image path.
        path: PathBuf,
    },
}

fn out_of_range() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        "access past the end of the disk",
    )
}

fn read_only() -> io::Error {
    io::Error::new(io::ErrorKind::PermissionDenied, "read-only disk")
}

/// Whether `[offset, offset + len)` lies within `size` bytes.
fn in_range(offset: u64, len: usize, size: u64) -> bool {
    offset
        .checked_add(len as u64)
        .is_some_and(|end| end <= size)
}

/// A disk image in a host file.
#[derive(Debug)]
pub struct FileBackend {
    file: File,
    len: u64,
    read_only: bool,
}

impl FileBackend {
    /// Opens `path`, read-write unless `read_only`, and locks it as QEMU
    /// does: a writer takes an exclusive lock, a reader a shared one, so a
    /// second writer (or a writer next to readers) is refused with
    /// [`BlockError::Locked`]. The lock (advisory, `flock`) is held while
    /// the backend lives and released when it is dropped or the process
    /// ends.
    pub fn open(path: &Path, read_only: bool) -> Result<FileBackend, BlockError> {
        let err = |source| BlockError::Open {
            path: path.to_path_buf(),
            source,
        };
        let file = OpenOptions::new()
            .read(true)
            .write(!read_only)
            .open(path)
            .map_err(err)?;
        let locked = if read_only {
            file.try_lock_shared()
        } else {
            file.try_lock()
        };
        match locked {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(BlockError::Locked {
                    path: path.to_path_buf(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(err(e)),
        }
        let len = file.metadata().map_err(err)?.len();
        Ok(FileBackend {
            file,
            len,
            read_only,
        })
    }
}

impl BlockBackend for FileBackend {
    fn len_bytes(&self) -> u64 {
        self.len
    }

    fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
        if !in_range(offset, buf.len(), self.len) {
            return Err(out_of_range());
        }
        self.file.seek(SeekFrom::Start(offset))?;
        self.file.read_exact(buf)
    }

    fn write_at(&mut self, offset: u64, data: &[u8]) -> io::Result<()> {
        if self.read_only {
            return Err(read_only());
        }
        if !in_range(offset, data.len(), self.len) {
            return Err(out_of_range());
        }
        self.file.seek(SeekFrom::Start(offset))?;
        self.file.write_all(data)
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.read_only {
            Ok(())
        } else {
            self.file.sync_data()
        }
    }
}

/// A disk image in memory.
#[derive(Clone, Debug)]
pub struct MemBackend {
    bytes: Vec<u8>,
    read_only: bool,
}

impl MemBackend {
    /// A writable in-memory disk; writes last as long as the backend.
    pub fn new(bytes: Vec<u8>) -> MemBackend {
        MemBackend {
            bytes,
            read_only: false,
        }
    }

    /// A read-only in-memory disk.
    pub fn read_only(bytes: Vec<u8>) -> MemBackend {
        MemBackend {
            bytes,
            read_only: true,
        }
    }

    /// The current contents.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl BlockBackend for MemBackend {
    fn len_bytes(&self) -> u64 {
        self.bytes.len() as u64
    }

    fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> io::Result<()> {
        if !in_range(offset, buf.len(), self.len_bytes()) {
            return Err(out_of_range());
        }
        let start = offset as usize;
        buf.copy_from_slice(&self.bytes[start..start + buf.len()]);
        Ok(())
    }

    fn write_at(&mut self, offset: u64, data: &[u8]) -> io::Result<()> {
        if self.read_only {
            return Err(read_only());
        }
        if !in_range(offset, data.len(), self.len_bytes()) {
            return Err(out_of_range());
        }
        let start = offset as usize;
        self.bytes[start..start + data.len()].copy_from_slice(data);
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The block device model.
pub struct VirtioBlk {
    backend: Box<dyn BlockBackend>,
    id: [u8; VIRTIO_BLK_ID_BYTES],
}

impl VirtioBlk {
    /// A block device over `backend`, whose GET_ID answer is "rvjit-disk".
    pub fn new(backend: Box<dyn BlockBackend>) -> VirtioBlk {
        VirtioBlk::with_id(backend, "rvjit-disk")
    }

    /// A block device with the ID string `id` (cut to 20 bytes).
    pub fn with_id(backend: Box<dyn BlockBackend>, id: &str) -> VirtioBlk {
        let mut bytes = [0u8; VIRTIO_BLK_ID_BYTES];
        let n = id.len().min(VIRTIO_BLK_ID_BYTES);
        bytes[..n].copy_from_slice(&id.as_bytes()[..n]);
        VirtioBlk { backend, id: bytes }
    }

    /// Capacity in sectors; a partial last sector is not exposed.
    pub fn capacity_sectors(&self) -> u64 {
        self.backend.len_bytes() / SECTOR_BYTES
    }

    /// Whether `len` bytes from `sector` are whole sectors within capacity.
    fn check_range(&self, sector: u64, len: u64) -> bool {
        let capacity = self.capacity_sectors() * SECTOR_BYTES;
        len.is_multiple_of(SECTOR_BYTES)
            && sector
                .checked_mul(SECTOR_BYTES)
                .and_then(|start| start.checked_add(len))
                .is_some_and(|end| end <= capacity)
    }

    /// Reads `len` bytes from `sector` into the chain's writable stream.
    fn do_read(&mut self, chain: &DescChain, ram: &mut Ram, sector: u64, len: u64) -> u8 {
        if !self.check_range(sector, len) {
            return VIRTIO_BLK_S_IOERR;
        }
        let mut pos = sector * SECTOR_BYTES;
        for (addr, n) in chain.pieces(true, 0, len) {
            let Some(buf) = ram.slice_mut(addr, n) else {
                return VIRTIO_BLK_S_IOERR;
            };
            if self.backend.read_at(pos, buf).is_err() {
                return VIRTIO_BLK_S_IOERR;
            }
            pos += u64::from(n);
        }
        VIRTIO_BLK_S_OK
    }

    /// Writes the chain's readable bytes after the header to `sector`.
    fn do_write(&mut self, chain: &DescChain, ram: &Ram, sector: u64) -> u8 {
        let len = chain.readable_len().saturating_sub(HEADER_BYTES);
        if self.backend.is_read_only() || !self.check_range(sector, len) {
            return VIRTIO_BLK_S_IOERR;
        }
        let mut pos = sector * SECTOR_BYTES;
        for (addr, n) in chain.pieces(false, HEADER_BYTES, len) {
            let Some(data) = ram.slice(addr, n) else {
                return VIRTIO_BLK_S_IOERR;
            };
            if self.backend.write_at(pos, data).is_err() {
                return VIRTIO_BLK_S_IOERR;
            }
            pos += u64::from(n);
        }
        VIRTIO_BLK_S_OK
    }

    /// Serves one request; returns the bytes written into the chain.
    fn serve(&mut self, chain: &DescChain, ram: &mut Ram) -> Result<u32, QueueError> {
        let Some(status_at) = chain.writable_len().checked_sub(1) else {
            return Err(QueueError::Malformed("block request without a status byte"));
        };
        let mut header = [0u8; HEADER_BYTES as usize];
        let (status, data_written) = if chain.read_at(ram, 0, &mut header) < header.len() {
            (VIRTIO_BLK_S_IOERR, 0)
        } else {
            let kind = u32::from_le_bytes([header[0], header[1], header[2], header[3]]);
            let mut sector = [0u8; 8];
            sector.copy_from_slice(&header[8..16]);
            let sector = u64::from_le_bytes(sector);
            match kind {
                VIRTIO_BLK_T_IN => (self.do_read(chain, ram, sector, status_at), status_at),
                VIRTIO_BLK_T_OUT => (self.do_write(chain, ram, sector), 0),
                VIRTIO_BLK_T_FLUSH => match self.backend.flush() {
                    Ok(()) => (VIRTIO_BLK_S_OK, 0),
                    Err(_) => (VIRTIO_BLK_S_IOERR, 0),
                },
                VIRTIO_BLK_T_GET_ID => {
                    let n = status_at.min(VIRTIO_BLK_ID_BYTES as u64) as usize;
                    chain.write_at(ram, 0, &self.id[..n]);
                    (VIRTIO_BLK_S_OK, n as u64)
                }
                _ => (VIRTIO_BLK_S_UNSUPP, 0),
            }
        };
        chain.write_at(ram, status_at, &[status]);
        // At most the writable length, which fits the sum of u32 buffers of
        // at most 1024 + 256 descriptors; saturate rather than wrap.
        Ok(u32::try_from(data_written + 1).unwrap_or(u32::MAX))
    }
}

impl VirtioDevice for VirtioBlk {
    fn name(&self) -> &'static str {
        "virtio-blk"
    }

    fn device_id(&self) -> u32 {
        VIRTIO_ID_BLOCK
    }

    fn features(&self) -> u64 {
        let ro = if self.backend.is_read_only() {
            VIRTIO_BLK_F_RO
        } else {
            0
        };
        VIRTIO_BLK_F_SEG_MAX | VIRTIO_BLK_F_FLUSH | ro
    }

    fn num_queues(&self) -> usize {
        1
    }

    fn read_config(&self, offset: u32, size: AccessSize) -> u32 {
        // virtio_blk_config: capacity (le64), size_max (le32, not offered),
        // seg_max (le32); later fields belong to features not offered.
        let mut config = [0u8; 16];
        config[..8].copy_from_slice(&self.capacity_sectors().to_le_bytes());
        config[12..].copy_from_slice(&SEG_MAX.to_le_bytes());
        read_le(&config, offset, size)
    }

    fn process_queue(
        &mut self,
        _index: usize,
        queue: &mut Queue,
        ram: &mut Ram,
    ) -> Result<bool, QueueError> {
        // At most a queue's worth of chains per notification, as devices
        // bound their work: a driver cannot have more outstanding, and a
        // guest whose buffers land on its own avail ring (so that serving
        // a chain publishes another) must not keep the device here forever.
        // Chains left over wait for the next notification.
        let mut any = false;
        for _ in 0..queue.size {
            let Some(chain) = queue.pop(ram)? else {
                break;
            };
            let written = self.serve(&chain, ram)?;
            queue.push_used(ram, chain.head(), written)?;
            any = true;
        }
        Ok(any)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dev::test_utils::TestQueue;
    use crate::dev::virtio::queue::{VIRTQ_DESC_F_NEXT, VIRTQ_DESC_F_WRITE};
    use crate::memmap::RAM_BASE;

    const HDR: u32 = RAM_BASE + 0x4000;
    const DATA: u32 = RAM_BASE + 0x5000;
    const STATUS: u32 = RAM_BASE + 0x7000;
    const R: u16 = VIRTQ_DESC_F_NEXT;
    const W: u16 = VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE;

    struct Rig {
        ram: Ram,
        tq: TestQueue,
        q: Queue,
        blk: VirtioBlk,
    }

    fn rig(backend: impl BlockBackend + 'static) -> Rig {
        let tq = TestQueue::new(16, RAM_BASE);
        let q = tq.queue();
        Rig {
            ram: Ram::new(64 * 1024).unwrap(),
            tq,
            q,
            blk: VirtioBlk::new(Box::new(backend)),
        }
    }

    fn disk(sectors: usize) -> Vec<u8> {
        (0..sectors * 512)
            .map(|i| (i / 512) as u8 ^ (i as u8))
            .collect()
    }

    impl Rig {
        fn header(&mut self, kind: u32, sector: u64) {
            let h = self.ram.slice_mut(HDR, 16).unwrap();
            h[0..4].copy_from_slice(&kind.to_le_bytes());
            h[4..8].fill(0);
            h[8..16].copy_from_slice(&sector.to_le_bytes());
            self.ram.slice_mut(STATUS, 1).unwrap()[0] = 0xff;
        }

        /// Publishes header, then `bufs` as (addr, len, flags), then the
        /// status byte; runs the queue; returns (status, used len).
        fn run(&mut self, bufs: &[(u32, u32, u16)]) -> (u8, u32) {
            let mut i = 0u16;
            self.tq.set_desc(&mut self.ram, i, u64::from(HDR), 16, R, 1);
            for &(addr, len, flags) in bufs {
                i += 1;
                self.tq
                    .set_desc(&mut self.ram, i, u64::from(addr), len, flags, i + 1);
            }
            self.tq.set_desc(
                &mut self.ram,
                i + 1,
                u64::from(STATUS),
                1,
                VIRTQ_DESC_F_WRITE,
                0,
            );
            self.tq.publish(&mut self.ram, 0);
            assert!(
                self.blk
                    .process_queue(0, &mut self.q, &mut self.ram)
                    .unwrap()
            );
            let n = self.tq.used_idx(&self.ram);
            let (id, len) = self.tq.used_elem(&self.ram, n.wrapping_sub(1));
            assert_eq!(id, 0);
            (self.ram.slice(STATUS, 1).unwrap()[0], len)
        }
    }

    #[test]
    fn a_chain_that_republishes_itself_is_served_a_queue_size_at_a_time() {
        // A read whose data buffer covers the avail ring and its own
        // header: sector k rewrites avail.idx to one past the chain just
        // taken and the header to sector k + 1, so every chain served
        // publishes the next, for as long as the disk lasts.
        let ring = RAM_BASE + 0x1000;
        let header = ring + 0x100;
        let mut image = vec![0u8; 4096 * 512];
        for (k, sector) in image.chunks_mut(512).enumerate() {
            sector[2..4].copy_from_slice(&((k + 2) as u16).to_le_bytes());
            sector[0x108..0x110].copy_from_slice(&(k as u64 + 1).to_le_bytes());
        }
        let mut r = rig(MemBackend::new(image));
        r.ram.slice_mut(header + 8, 8).unwrap().fill(0);
        r.tq.set_desc(&mut r.ram, 0, u64::from(header), 16, R, 1);
        r.tq.set_desc(&mut r.ram, 1, u64::from(ring), 512, W, 2);
        r.tq.set_desc(&mut r.ram, 2, u64::from(STATUS), 1, VIRTQ_DESC_F_WRITE, 0);
        r.tq.publish(&mut r.ram, 0);
        assert!(r.blk.process_queue(0, &mut r.q, &mut r.ram).unwrap());
        assert_eq!(r.tq.used_idx(&r.ram), 16, "one queue size per notification");
        assert!(r.blk.process_queue(0, &mut r.q, &mut r.ram).unwrap());
        assert_eq!(r.tq.used_idx(&r.ram), 32);
    }

    #[test]
    fn identity_features_and_capacity() {
        let blk = VirtioBlk::new(Box::new(MemBackend::new(vec![0; 4 * 512 + 100])));
        assert_eq!(blk.device_id(), 2);
        assert_eq!(blk.num_queues(), 1);
        assert_eq!(blk.features(), VIRTIO_BLK_F_SEG_MAX | VIRTIO_BLK_F_FLUSH);
        assert_eq!(blk.capacity_sectors(), 4);
        assert_eq!(blk.read_config(0, AccessSize::Word), 4);
        assert_eq!(blk.read_config(4, AccessSize::Word), 0);
        assert_eq!(blk.read_config(8, AccessSize::Word), 0);
        assert_eq!(blk.read_config(12, AccessSize::Word), 254);
        assert_eq!(blk.read_config(0x14, AccessSize::Word), 0);
        let ro = VirtioBlk::new(Box::new(MemBackend::read_only(vec![0; 512])));
        assert_eq!(
            ro.features(),
            VIRTIO_BLK_F_SEG_MAX | VIRTIO_BLK_F_FLUSH | VIRTIO_BLK_F_RO
        );
        let big = VirtioBlk::new(Box::new(MemBackend::new(vec![0; 1 << 20])));
        assert_eq!(big.read_config(0, AccessSize::Half), 2048);
    }

    #[test]
    fn read_spanning_buffers() {
        let image = disk(8);
        let mut r = rig(MemBackend::new(image.clone()));
        r.header(VIRTIO_BLK_T_IN, 2);
        let (status, len) = r.run(&[(DATA, 300, W), (DATA + 0x1000, 724, W)]);
        assert_eq!((status, len), (VIRTIO_BLK_S_OK, 1025));
        assert_eq!(r.ram.slice(DATA, 300).unwrap(), &image[1024..1324]);
        assert_eq!(r.ram.slice(DATA + 0x1000, 724).unwrap(), &image[1324..2048]);
    }

    #[test]
    fn write_then_read_back() {
        let mut r = rig(MemBackend::new(vec![0; 8 * 512]));
        r.ram.slice_mut(DATA, 512).unwrap().fill(0xab);
        r.header(VIRTIO_BLK_T_OUT, 5);
        assert_eq!(r.run(&[(DATA, 512, R)]), (VIRTIO_BLK_S_OK, 1));
        r.ram.slice_mut(DATA, 512).unwrap().fill(0);
        r.header(VIRTIO_BLK_T_IN, 5);
        assert_eq!(r.run(&[(DATA, 512, W)]), (VIRTIO_BLK_S_OK, 513));
        assert!(r.ram.slice(DATA, 512).unwrap().iter().all(|&b| b == 0xab));
    }

    #[test]
    fn header_split_across_descriptors_is_accepted() {
        let image = disk(2);
        let mut r = rig(MemBackend::new(image.clone()));
        r.header(VIRTIO_BLK_T_IN, 1);
        // Header in two pieces, data and status in one writable buffer.
        r.tq.set_desc(&mut r.ram, 0, u64::from(HDR), 10, R, 1);
        r.tq.set_desc(&mut r.ram, 1, u64::from(HDR + 10), 6, R, 2);
        r.tq.set_desc(&mut r.ram, 2, u64::from(DATA), 513, VIRTQ_DESC_F_WRITE, 0);
        r.tq.publish(&mut r.ram, 0);
        r.blk.process_queue(0, &mut r.q, &mut r.ram).unwrap();
        assert_eq!(r.ram.slice(DATA, 512).unwrap(), &image[512..1024]);
        assert_eq!(r.ram.slice(DATA + 512, 1).unwrap(), [VIRTIO_BLK_S_OK]);
    }

    #[test]
    fn bad_ranges_and_lengths_are_io_errors() {
        let mut r = rig(MemBackend::new(disk(4)));
        for (kind, sector, len, flags) in [
            (VIRTIO_BLK_T_IN, 4, 512, W),        // past the end
            (VIRTIO_BLK_T_IN, 3, 1024, W),       // straddles the end
            (VIRTIO_BLK_T_IN, u64::MAX, 512, W), // sector * 512 overflows
            (VIRTIO_BLK_T_IN, 0, 100, W),        // not whole sectors
            (VIRTIO_BLK_T_OUT, 1 << 60, 512, R), // overflow on write
            (VIRTIO_BLK_T_OUT, 0, 511, R),
        ] {
            r.header(kind, sector);
            let (status, _) = r.run(&[(DATA, len, flags)]);
            assert_eq!(
                status, VIRTIO_BLK_S_IOERR,
                "type {kind} sector {sector} len {len}"
            );
        }
        // A short header.
        r.tq.set_desc(&mut r.ram, 0, u64::from(HDR), 8, R, 1);
        r.tq.set_desc(&mut r.ram, 1, u64::from(STATUS), 1, VIRTQ_DESC_F_WRITE, 0);
        r.tq.publish(&mut r.ram, 0);
        r.blk.process_queue(0, &mut r.q, &mut r.ram).unwrap();
        assert_eq!(r.ram.slice(STATUS, 1).unwrap(), [VIRTIO_BLK_S_IOERR]);
    }

    #[test]
    fn read_only_backend_refuses_writes() {
        let mut r = rig(MemBackend::read_only(vec![7; 1024]));
        r.ram.slice_mut(DATA, 512).unwrap().fill(1);
        r.header(VIRTIO_BLK_T_OUT, 0);
        assert_eq!(r.run(&[(DATA, 512, R)]).0, VIRTIO_BLK_S_IOERR);
        r.header(VIRTIO_BLK_T_IN, 0);
        assert_eq!(r.run(&[(DATA, 512, W)]).0, VIRTIO_BLK_S_OK);
        assert!(r.ram.slice(DATA, 512).unwrap().iter().all(|&b| b == 7));
    }

    #[test]
    fn flush_get_id_and_unsupported() {
        let mut r = rig(MemBackend::new(disk(1)));
        r.header(VIRTIO_BLK_T_FLUSH, 0);
        assert_eq!(r.run(&[]), (VIRTIO_BLK_S_OK, 1));
        r.header(VIRTIO_BLK_T_GET_ID, 0);
        r.ram.slice_mut(DATA, 32).unwrap().fill(0xee);
        assert_eq!(r.run(&[(DATA, 32, W)]), (VIRTIO_BLK_S_OK, 21));
        assert_eq!(&r.ram.slice(DATA, 20).unwrap()[..11], b"rvjit-disk\0");
        assert_eq!(r.ram.slice(DATA + 20, 1).unwrap(), [0xee]);
        // A short ID buffer gets a prefix.
        r.header(VIRTIO_BLK_T_GET_ID, 0);
        assert_eq!(r.run(&[(DATA + 0x100, 4, W)]), (VIRTIO_BLK_S_OK, 5));
        assert_eq!(r.ram.slice(DATA + 0x100, 4).unwrap(), b"rvji");
        r.header(11, 0); // VIRTIO_BLK_T_DISCARD, not offered
        assert_eq!(r.run(&[]), (VIRTIO_BLK_S_UNSUPP, 1));
    }

    #[test]
    fn request_without_status_byte_is_malformed() {
        let mut r = rig(MemBackend::new(disk(1)));
        r.header(VIRTIO_BLK_T_IN, 0);
        r.tq.set_desc(&mut r.ram, 0, u64::from(HDR), 16, 0, 0);
        r.tq.publish(&mut r.ram, 0);
        assert!(matches!(
            r.blk.process_queue(0, &mut r.q, &mut r.ram),
            Err(QueueError::Malformed(_))
        ));
    }

    #[test]
    fn several_requests_in_one_notify() {
        let image = disk(4);
        let mut r = rig(MemBackend::new(image.clone()));
        for (i, sector) in [(0u16, 3u64), (3, 1)] {
            let hdr = HDR + u32::from(i) * 16;
            let h = r.ram.slice_mut(hdr, 16).unwrap();
            h.fill(0);
            h[8..16].copy_from_slice(&sector.to_le_bytes());
            let data = DATA + u32::from(i) * 0x400;
            r.tq.set_desc(&mut r.ram, i, u64::from(hdr), 16, R, i + 1);
            r.tq.set_desc(&mut r.ram, i + 1, u64::from(data), 512, W, i + 2);
            r.tq.set_desc(
                &mut r.ram,
                i + 2,
                u64::from(STATUS + u32::from(i)),
                1,
                VIRTQ_DESC_F_WRITE,
                0,
            );
            r.tq.publish(&mut r.ram, i);
        }
        assert!(r.blk.process_queue(0, &mut r.q, &mut r.ram).unwrap());
        assert_eq!(r.tq.used_idx(&r.ram), 2);
        assert_eq!(r.tq.used_elem(&r.ram, 0), (0, 513));
        assert_eq!(r.tq.used_elem(&r.ram, 1), (3, 513));
        assert_eq!(r.ram.slice(DATA, 512).unwrap(), &image[1536..2048]);
        assert_eq!(r.ram.slice(DATA + 0xc00, 512).unwrap(), &image[512..1024]);
        assert!(!r.blk.process_queue(0, &mut r.q, &mut r.ram).unwrap());
    }

    #[test]
    fn served_through_the_mmio_transport() {
        use crate::bus::{Device, IrqLines};
        use crate::dev::test_utils::Harness;
        use crate::dev::virtio::mmio::VirtioMmio;
        use crate::dev::virtio::{STATUS_DRIVER_OK, STATUS_FEATURES_OK, VIRTIO_F_VERSION_1};

        let lines = IrqLines::default();
        let image = disk(16);
        let blk = VirtioBlk::new(Box::new(MemBackend::new(image.clone())));
        let mut dev = VirtioMmio::new(Box::new(blk), lines.clone(), 1);
        let mut h = Harness::new(64 * 1024);
        assert_eq!(dev.name(), "virtio-mmio");
        assert_eq!(h.r32(&mut dev, 0x008), VIRTIO_ID_BLOCK);
        assert_eq!(h.r32(&mut dev, 0x100), 16, "capacity, low half");
        assert_eq!(h.r32(&mut dev, 0x104), 0, "capacity, high half");
        let low = h.r32(&mut dev, 0x010);
        assert_eq!(
            u64::from(low),
            VIRTIO_BLK_F_SEG_MAX | VIRTIO_BLK_F_FLUSH | (1 << 28)
        );
        h.w32(&mut dev, 0x014, 1);
        assert_eq!(u64::from(h.r32(&mut dev, 0x010)) << 32, VIRTIO_F_VERSION_1);

        let mut tq = TestQueue::new(16, RAM_BASE);
        h.w32(&mut dev, 0x070, 3);
        h.w32(&mut dev, 0x024, 1);
        h.w32(&mut dev, 0x020, 1);
        h.w32(&mut dev, 0x070, 3 | STATUS_FEATURES_OK);
        h.w32(&mut dev, 0x038, 16);
        h.w32(&mut dev, 0x080, tq.desc);
        h.w32(&mut dev, 0x090, tq.avail);
        h.w32(&mut dev, 0x0a0, tq.used);
        h.w32(&mut dev, 0x044, 1);
        h.w32(&mut dev, 0x070, 3 | STATUS_FEATURES_OK | STATUS_DRIVER_OK);

        let hdr = h.ram.slice_mut(HDR, 16).unwrap();
        hdr.fill(0);
        hdr[8..16].copy_from_slice(&9u64.to_le_bytes());
        tq.set_desc(&mut h.ram, 0, u64::from(HDR), 16, R, 1);
        tq.set_desc(&mut h.ram, 1, u64::from(DATA), 512, W, 2);
        tq.set_desc(&mut h.ram, 2, u64::from(STATUS), 1, VIRTQ_DESC_F_WRITE, 0);
        tq.publish(&mut h.ram, 0);
        h.w32(&mut dev, 0x050, 0);
        assert_eq!(h.ram.slice(DATA, 512).unwrap(), &image[9 * 512..10 * 512]);
        assert_eq!(h.ram.slice(STATUS, 1).unwrap(), [VIRTIO_BLK_S_OK]);
        assert_eq!(tq.used_elem(&h.ram, 0), (0, 513));
        assert_eq!(lines.levels(), 1 << 1);
        h.w32(&mut dev, 0x064, 1);
        assert_eq!(lines.levels(), 0);
    }

    /// A temporary file removed on drop.
    struct TempFile(PathBuf);

    impl TempFile {
        fn new(name: &str, contents: &[u8]) -> TempFile {
            let path =
                std::env::temp_dir().join(format!("rvjit-blk-{}-{name}.img", std::process::id()));
            std::fs::write(&path, contents).unwrap();
            TempFile(path)
        }
    }

    impl Drop for TempFile {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }

    #[test]
    fn file_backend_reads_writes_and_persists() {
        let tmp = TempFile::new("rw", &disk(4));
        let mut backend = FileBackend::open(&tmp.0, false).unwrap();
        assert_eq!(backend.len_bytes(), 2048);
        assert!(!backend.is_read_only());
        let mut buf = [0u8; 512];
        backend.read_at(512, &mut buf).unwrap();
        assert_eq!(&buf[..], &disk(4)[512..1024]);
        backend.write_at(1024, &[0x5a; 512]).unwrap();
        backend.flush().unwrap();
        assert!(backend.read_at(2047, &mut [0u8; 2]).is_err());
        assert!(backend.write_at(u64::MAX, &[0]).is_err());
        drop(backend);
        assert!(
            std::fs::read(&tmp.0).unwrap()[1024..1536]
                .iter()
                .all(|&b| b == 0x5a)
        );

        let mut ro = FileBackend::open(&tmp.0, true).unwrap();
        assert!(ro.is_read_only());
        assert!(ro.write_at(0, &[1]).is_err());
        ro.flush().unwrap();
    }

    #[test]
    fn file_backend_behind_the_device() {
        let tmp = TempFile::new("dev", &vec![0; 4096]);
        let mut r = rig(FileBackend::open(&tmp.0, false).unwrap());
        r.ram.slice_mut(DATA, 1024).unwrap().fill(0x11);
        r.header(VIRTIO_BLK_T_OUT, 6);
        assert_eq!(r.run(&[(DATA, 1024, R)]).0, VIRTIO_BLK_S_OK);
        r.header(VIRTIO_BLK_T_FLUSH, 0);
        assert_eq!(r.run(&[]).0, VIRTIO_BLK_S_OK);
        let on_disk = std::fs::read(&tmp.0).unwrap();
        assert!(on_disk[3072..4096].iter().all(|&b| b == 0x11));
        assert!(on_disk[..3072].iter().all(|&b| b == 0));
    }

    #[test]
    fn a_second_writer_is_refused_until_the_first_is_gone() {
        let path = std::env::temp_dir().join(format!("rvjit-lock-{}.img", std::process::id()));
        std::fs::write(&path, [0u8; 512]).unwrap();
        let first = FileBackend::open(&path, false).unwrap();
        let err = FileBackend::open(&path, false).unwrap_err();
        assert!(matches!(err, BlockError::Locked { .. }), "{err}");
        assert!(err.to_string().contains("in use"), "{err}");
        assert!(matches!(
            FileBackend::open(&path, true),
            Err(BlockError::Locked { .. })
        ));
        drop(first);
        let reader = FileBackend::open(&path, true).unwrap();
        assert!(FileBackend::open(&path, true).is_ok());
        assert!(FileBackend::open(&path, false).is_err());
        drop(reader);
        assert!(FileBackend::open(&path, false).is_ok());
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn opening_a_missing_file_names_it() {
        let path = std::env::temp_dir().join("rvjit-no-such-dir/none.img");
        let err = FileBackend::open(&path, false).unwrap_err();
        assert!(err.to_string().starts_with("cannot open disk image "));
        assert!(err.to_string().contains("none.img"));
    }

    #[test]
    fn mem_backend_bounds() {
        let mut m = MemBackend::new(vec![1, 2, 3, 4]);
        let mut buf = [0u8; 2];
        m.read_at(2, &mut buf).unwrap();
        assert_eq!(buf, [3, 4]);
        assert!(m.read_at(3, &mut buf).is_err());
        assert!(m.write_at(u64::MAX, &[0]).is_err());
        m.write_at(0, &[9]).unwrap();
        assert_eq!(m.bytes(), &[9, 2, 3, 4]);
        assert!(MemBackend::read_only(vec![0]).write_at(0, &[1]).is_err());
    }
}
