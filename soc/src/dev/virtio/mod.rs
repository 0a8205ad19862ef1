//! virtio 1.x devices over the MMIO transport (virtio spec 1.2, §2 basic
//! facilities, §2.7 split virtqueues, §4.2 virtio over MMIO, §5.2 block).
//!
//! - [`mmio`]: the register window, feature negotiation, device status and
//!   the interrupt line; version 2 (modern) by default, version 1 (legacy)
//!   on request.
//! - [`queue`]: split virtqueues in guest RAM, read defensively: every
//!   index, length and address in a ring is guest data.
//! - [`blk`]: the block device and its host backends.
//!
//! A device model implements [`VirtioDevice`]; the transport owns it and
//! calls it when the driver notifies a queue. Requests are served
//! synchronously during that MMIO write, using guest RAM for DMA.

pub mod blk;
pub mod mmio;
pub mod queue;

use crate::bus::AccessSize;
use crate::mem::Ram;
use queue::{Queue, QueueError};

/// `VIRTIO_F_RING_INDIRECT_DESC`: descriptors may point to descriptor tables.
pub const VIRTIO_F_RING_INDIRECT_DESC: u64 = 1 << 28;
/// `VIRTIO_F_VERSION_1`: the device follows virtio 1.x (modern transport).
pub const VIRTIO_F_VERSION_1: u64 = 1 << 32;

/// Device status: the guest noticed the device.
pub const STATUS_ACKNOWLEDGE: u32 = 1;
/// Device status: the guest has a driver for it.
pub const STATUS_DRIVER: u32 = 2;
/// Device status: the driver is set up and ready.
pub const STATUS_DRIVER_OK: u32 = 4;
/// Device status: feature negotiation is complete.
pub const STATUS_FEATURES_OK: u32 = 8;
/// Device status: the device hit an error and needs a reset.
pub const STATUS_DEVICE_NEEDS_RESET: u32 = 0x40;
/// Device status: the driver gave up on the device.
pub const STATUS_FAILED: u32 = 0x80;

/// A virtio device model behind a transport.
pub trait VirtioDevice: Send {
    /// Short name for logs.
    fn name(&self) -> &'static str;
    /// The virtio device ID (2 for block).
    fn device_id(&self) -> u32;
    /// Device-specific feature bits; the transport adds the ring and version
    /// bits it implements.
    fn features(&self) -> u64;
    /// How many virtqueues the device has.
    fn num_queues(&self) -> usize;
    /// Reads `size` bytes of the device configuration space at `offset`;
    /// bytes past its end read as zero (see [`crate::bus::read_le`]).
    fn read_config(&self, offset: u32, size: AccessSize) -> u32;
    /// Writes the configuration space; read-only by default.
    fn write_config(&mut self, _offset: u32, _size: AccessSize, _value: u32) {}
    /// Serves every available buffer of queue `index`. Returns whether any
    /// buffer was put in the used ring. An error means the queue (guest
    /// data) is malformed and the device needs a reset.
    fn process_queue(
        &mut self,
        index: usize,
        queue: &mut Queue,
        ram: &mut Ram,
    ) -> Result<bool, QueueError>;
    /// Returns the device to its initial state (status 0 written).
    fn reset(&mut self) {}
}
