//! The kernel's disk: the shared virtio core driven by interrupts. One
//! request is in flight at a time, through a page-aligned bounce buffer the
//! kernel owns (so a user buffer never reaches the device). The file
//! server's `disk_read`/`disk_write` start a request and block; the
//! interrupt records the outcome and wakes it, and its restarted system
//! call collects the outcome ([`Disk::take_done`]).

use alloc::boxed::Box;

use rvfs::{BLOCK_SIZE, BlockDevice, FsError};
use virtio::{Blk, DmaArea, Op};

use crate::arch::mmio;
use crate::proc::Pid;

#[repr(C, align(4096))]
struct Bounce([u8; BLOCK_SIZE]);

/// A request: who asked, what, and which block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Request {
    /// The asking process.
    pub pid: Pid,
    /// Read, write or flush.
    pub op: Op,
    /// Block number.
    pub block: u32,
}

/// The disk and its one request.
pub struct Disk {
    blk: Blk,
    bounce: &'static mut [u8; BLOCK_SIZE],
    in_flight: Option<Request>,
    done: Option<(Request, Result<(), virtio::Error>)>,
}

impl Disk {
    /// Finds and initialises the disk (once, at boot). The queue memory and
    /// the bounce buffer live on the heap, in RAM mapped one-to-one, so
    /// their addresses are the ones the device sees; they are never freed.
    pub fn probe() -> Result<Disk, virtio::Error> {
        let dma = Box::leak(Box::new(DmaArea::new()));
        let bounce = Box::leak(Box::new(Bounce([0; BLOCK_SIZE])));
        let blk = mmio::probe_virtio_blk(dma)?;
        Ok(Disk {
            blk,
            bounce: &mut bounce.0,
            in_flight: None,
            done: None,
        })
    }

    /// The device (for messages).
    pub fn blk(&self) -> &Blk {
        &self.blk
    }

    /// Whether a new request can start now.
    pub fn is_idle(&self) -> bool {
        self.in_flight.is_none() && self.done.is_none()
    }

    /// Starts a request; for writes `data` is copied to the bounce buffer.
    pub fn start(
        &mut self,
        req: Request,
        data: Option<&[u8; BLOCK_SIZE]>,
    ) -> Result<(), virtio::Error> {
        if let Some(d) = data {
            self.bounce.copy_from_slice(d);
        }
        if req.op == Op::Flush && !self.blk.has_flush() {
            self.done = Some((req, Ok(())));
            return Ok(());
        }
        self.blk
            .submit(req.op, req.block, self.bounce.as_ptr() as usize)?;
        self.in_flight = Some(req);
        Ok(())
    }

    /// The interrupt: records a finished request. True if one finished.
    pub fn interrupt(&mut self) -> bool {
        match self.blk.poll() {
            Some(result) => {
                if let Some(req) = self.in_flight.take() {
                    self.done = Some((req, result));
                }
                true
            }
            None => false,
        }
    }

    /// The outcome of `req` if it has finished (the data of a read is in
    /// [`Disk::buffer`] until the next request).
    pub fn take_done(&mut self, req: Request) -> Option<Result<(), virtio::Error>> {
        match self.done {
            Some((r, result)) if r == req => {
                self.done = None;
                Some(result)
            }
            _ => None,
        }
    }

    /// The bounce buffer.
    pub fn buffer(&self) -> &[u8; BLOCK_SIZE] {
        self.bounce
    }

    /// The process whose finished request awaits collection.
    pub fn done_for(&self) -> Option<Pid> {
        self.done.map(|(r, _)| r.pid)
    }

    /// Drops a finished request of an ended process, so others can go on.
    pub fn forget(&mut self, pid: Pid) {
        if self.done.is_some_and(|(r, _)| r.pid == pid) {
            self.done = None;
        }
    }

    /// Reads a block by polling (boot, before interrupts).
    fn read_polled(&mut self, block: u32, buf: &mut [u8; BLOCK_SIZE]) -> Result<(), virtio::Error> {
        self.blk
            .run_polled(Op::Read, block, self.bounce.as_ptr() as usize)?;
        buf.copy_from_slice(self.bounce);
        Ok(())
    }
}

/// The disk as rvfs sees it at boot: read-only, polled.
pub struct BootDisk<'a>(pub &'a mut Disk);

impl BlockDevice for BootDisk<'_> {
    fn read_block(&mut self, block: u32, buf: &mut [u8; BLOCK_SIZE]) -> Result<(), FsError> {
        self.0.read_polled(block, buf).map_err(|_| FsError::Io)
    }

    fn write_block(&mut self, _block: u32, _buf: &[u8; BLOCK_SIZE]) -> Result<(), FsError> {
        // The kernel only reads the disk at boot; fsd owns writes.
        Err(FsError::Io)
    }
}
