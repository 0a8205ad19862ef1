//! Helpers shared by the device unit tests: a small RAM and register
//! accessors that build a [`DevCtx`] per access.

use crate::bus::{AccessSize, BusFault, DevCtx, Device};
use crate::mem::Ram;

/// RAM plus the time base, standing in for the machine in device tests.
pub(crate) struct Harness {
    pub(crate) ram: Ram,
    pub(crate) mtime: u64,
    /// The last `new_mtime` a device asked for.
    pub(crate) new_mtime: Option<u64>,
}

impl Harness {
    /// A harness with `ram_bytes` of zeroed RAM.
    pub(crate) fn new(ram_bytes: u64) -> Harness {
        Harness {
            ram: Ram::new(ram_bytes).unwrap(),
            mtime: 0,
            new_mtime: None,
        }
    }

    pub(crate) fn read(
        &mut self,
        dev: &mut dyn Device,
        offset: u32,
        size: AccessSize,
    ) -> Result<u32, BusFault> {
        let mut ctx = DevCtx {
            mtime: self.mtime,
            new_mtime: None,
            ram: &mut self.ram,
        };
        let value = dev.read(offset, size, &mut ctx);
        self.new_mtime = ctx.new_mtime.or(self.new_mtime);
        value
    }

    pub(crate) fn write(
        &mut self,
        dev: &mut dyn Device,
        offset: u32,
        size: AccessSize,
        value: u32,
    ) -> Result<(), BusFault> {
        let mut ctx = DevCtx {
            mtime: self.mtime,
            new_mtime: None,
            ram: &mut self.ram,
        };
        let result = dev.write(offset, size, value, &mut ctx);
        self.new_mtime = ctx.new_mtime.or(self.new_mtime);
        result
    }

    /// A 32-bit read that must succeed.
    pub(crate) fn r32(&mut self, dev: &mut dyn Device, offset: u32) -> u32 {
        self.read(dev, offset, AccessSize::Word).unwrap()
    }

    /// A 32-bit write that must succeed.
    pub(crate) fn w32(&mut self, dev: &mut dyn Device, offset: u32, value: u32) {
        self.write(dev, offset, AccessSize::Word, value).unwrap();
    }

    /// Calls the device's `poll`.
    pub(crate) fn poll(&mut self, dev: &mut dyn Device) {
        let mut ctx = DevCtx {
            mtime: self.mtime,
            new_mtime: None,
            ram: &mut self.ram,
        };
        dev.poll(&mut ctx);
    }
}

/// A split virtqueue laid out in RAM for tests: descriptor table at `base`,
/// available ring at `base + 0x1000`, used ring at `base + 0x2000` (room for
/// up to 256 entries each).
pub(crate) struct TestQueue {
    pub(crate) size: u16,
    pub(crate) desc: u32,
    pub(crate) avail: u32,
    pub(crate) used: u32,
    pub(crate) next_avail: u16,
}

impl TestQueue {
    pub(crate) fn new(size: u16, base: u32) -> TestQueue {
        TestQueue {
            size,
            desc: base,
            avail: base + 0x1000,
            used: base + 0x2000,
            next_avail: 0,
        }
    }

    /// A device-side queue pointing at these rings, enabled.
    pub(crate) fn queue(&self) -> crate::dev::virtio::queue::Queue {
        let mut q = crate::dev::virtio::queue::Queue::default();
        q.size = self.size;
        q.ready = true;
        q.desc_addr = self.desc.into();
        q.driver_addr = self.avail.into();
        q.device_addr = self.used.into();
        q
    }

    /// Writes descriptor `index` of the table at `table`.
    pub(crate) fn write_desc(
        ram: &mut Ram,
        table: u32,
        index: u16,
        addr: u64,
        len: u32,
        flags: u16,
        next: u16,
    ) {
        let at = table + 16 * u32::from(index);
        let raw = ram.slice_mut(at, 16).unwrap();
        raw[0..8].copy_from_slice(&addr.to_le_bytes());
        raw[8..12].copy_from_slice(&len.to_le_bytes());
        raw[12..14].copy_from_slice(&flags.to_le_bytes());
        raw[14..16].copy_from_slice(&next.to_le_bytes());
    }

    /// Writes descriptor `index` of this queue's table.
    pub(crate) fn set_desc(
        &mut self,
        ram: &mut Ram,
        index: u16,
        addr: u64,
        len: u32,
        flags: u16,
        next: u16,
    ) {
        TestQueue::write_desc(ram, self.desc, index, addr, len, flags, next);
    }

    /// Puts `head` in available slot `slot` without publishing it.
    pub(crate) fn publish_raw(&mut self, ram: &mut Ram, slot: u16, head: u16) {
        let at = self.avail + 4 + 2 * u32::from(slot % self.size);
        ram.slice_mut(at, 2)
            .unwrap()
            .copy_from_slice(&head.to_le_bytes());
        self.next_avail = self.next_avail.wrapping_add(1);
        ram.slice_mut(self.avail + 2, 2)
            .unwrap()
            .copy_from_slice(&self.next_avail.to_le_bytes());
    }

    /// Makes the chain at `head` available.
    pub(crate) fn publish(&mut self, ram: &mut Ram, head: u16) {
        let slot = self.next_avail;
        self.publish_raw(ram, slot, head);
    }

    pub(crate) fn used_idx(&self, ram: &Ram) -> u16 {
        u16::from_le_bytes(ram.slice(self.used + 2, 2).unwrap().try_into().unwrap())
    }

    /// Used element `n` (by ring position, modulo the size) as (id, len).
    pub(crate) fn used_elem(&self, ram: &Ram, n: u16) -> (u32, u32) {
        let at = self.used + 4 + 8 * u32::from(n % self.size);
        let raw = ram.slice(at, 8).unwrap();
        (
            u32::from_le_bytes(raw[0..4].try_into().unwrap()),
            u32::from_le_bytes(raw[4..8].try_into().unwrap()),
        )
    }
}
