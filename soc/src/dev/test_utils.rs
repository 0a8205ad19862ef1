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

