//! The virtio-mmio register window (virtio 1.x §4.2.2; legacy §4.2.4).

pub const MAGIC_VALUE: usize = 0x000;
pub const VERSION: usize = 0x004;
pub const DEVICE_ID: usize = 0x008;
pub const DEVICE_FEATURES: usize = 0x010;
pub const DEVICE_FEATURES_SEL: usize = 0x014;
pub const DRIVER_FEATURES: usize = 0x020;
pub const DRIVER_FEATURES_SEL: usize = 0x024;
pub const GUEST_PAGE_SIZE: usize = 0x028; // legacy
pub const QUEUE_SEL: usize = 0x030;
pub const QUEUE_NUM_MAX: usize = 0x034;
pub const QUEUE_NUM: usize = 0x038;
pub const QUEUE_ALIGN: usize = 0x03c; // legacy
pub const QUEUE_PFN: usize = 0x040; // legacy
pub const QUEUE_READY: usize = 0x044;
pub const QUEUE_NOTIFY: usize = 0x050;
pub const INTERRUPT_STATUS: usize = 0x060;
pub const INTERRUPT_ACK: usize = 0x064;
pub const STATUS: usize = 0x070;
/// The queue addresses are 64-bit: each high half is at its low half + 4.
pub const QUEUE_DESC_LOW: usize = 0x080;
pub const QUEUE_DRIVER_LOW: usize = 0x090;
pub const QUEUE_DEVICE_LOW: usize = 0x0a0;
pub const CONFIG: usize = 0x100;

/// One transport's registers, reached by volatile 32-bit accesses.
pub struct Regs {
    base: usize,
}

impl Regs {
    /// # Safety
    /// `base` must be a mapped virtio-mmio window that nobody else drives.
    pub unsafe fn new(base: usize) -> Regs {
        Regs { base }
    }

    pub fn read(&self, off: usize) -> u32 {
        // SAFETY: `Regs::new`'s contract: the window is mapped; offsets are
        // the aligned register constants above.
        unsafe { ((self.base + off) as *const u32).read_volatile() }
    }

    pub fn write(&self, off: usize, v: u32) {
        // SAFETY: as in `read`.
        unsafe { ((self.base + off) as *mut u32).write_volatile(v) }
    }
}
