//! The virtio-mmio transport (virtio 1.2 §4.2), one window of
//! [`crate::memmap::VIRTIO_SIZE`] bytes per device.
//!
//! Version 2 (modern) by default: 64-bit feature words with selectors,
//! FEATURES_OK negotiation, and per-queue QueueReady with separate
//! descriptor, driver and device ring addresses. Version 1 (legacy, §4.2.4)
//! on request: GuestPageSize, QueueAlign and QueuePFN place the whole queue
//! from one page number, and there is no FEATURES_OK step. Both offer
//! `VIRTIO_F_RING_INDIRECT_DESC`; modern also offers `VIRTIO_F_VERSION_1`.
//! The vendor ID is QEMU's, so guests see what QEMU shows them.
//!
//! Registers below the configuration space take 32-bit accesses only; other
//! widths read 0 and are ignored, as in QEMU. Configuration space (from
//! 0x100) takes any width. A queue is served during the QueueNotify write,
//! once the driver has set DRIVER_OK. Malformed queue contents set
//! DEVICE_NEEDS_RESET and raise a configuration-change interrupt; writing 0
//! to Status resets the device. A transport built with [`VirtioMmio::empty`]
//! has device ID 0, which drivers skip, like QEMU's unused transports.

use crate::bus::{AccessSize, BusFault, DevCtx, Device, IrqLines, read_half, write_half};
use crate::dev::virtio::queue::{MAX_QUEUE_SIZE, Queue};
use crate::dev::virtio::{
    STATUS_DEVICE_NEEDS_RESET, STATUS_DRIVER_OK, STATUS_FEATURES_OK, VIRTIO_F_RING_INDIRECT_DESC,
    VIRTIO_F_VERSION_1, VirtioDevice,
};
use crate::mem::Ram;

/// "virt" in little-endian ASCII.
pub const MAGIC_VALUE: u32 = 0x7472_6976;
/// QEMU's vendor ID, "QEMU" in little-endian ASCII.
pub const VENDOR_ID: u32 = 0x554d_4551;

const MAGIC: u32 = 0x000;
const VERSION: u32 = 0x004;
const DEVICE_ID: u32 = 0x008;
const VENDOR: u32 = 0x00c;
const DEVICE_FEATURES: u32 = 0x010;
const DEVICE_FEATURES_SEL: u32 = 0x014;
const DRIVER_FEATURES: u32 = 0x020;
const DRIVER_FEATURES_SEL: u32 = 0x024;
const GUEST_PAGE_SIZE: u32 = 0x028;
const QUEUE_SEL: u32 = 0x030;
const QUEUE_NUM_MAX: u32 = 0x034;
const QUEUE_NUM: u32 = 0x038;
const QUEUE_ALIGN: u32 = 0x03c;
const QUEUE_PFN: u32 = 0x040;
const QUEUE_READY: u32 = 0x044;
const QUEUE_NOTIFY: u32 = 0x050;
const INTERRUPT_STATUS: u32 = 0x060;
const INTERRUPT_ACK: u32 = 0x064;
const STATUS: u32 = 0x070;
const QUEUE_DESC_LOW: u32 = 0x080;
const QUEUE_DESC_HIGH: u32 = 0x084;
const QUEUE_DRIVER_LOW: u32 = 0x090;
const QUEUE_DRIVER_HIGH: u32 = 0x094;
const QUEUE_DEVICE_LOW: u32 = 0x0a0;
const QUEUE_DEVICE_HIGH: u32 = 0x0a4;
const CONFIG_GENERATION: u32 = 0x0fc;
const CONFIG: u32 = 0x100;

/// InterruptStatus bit: a used ring was updated.
pub const INTERRUPT_VRING: u32 = 1;
/// InterruptStatus bit: the configuration (or the device status) changed.
pub const INTERRUPT_CONFIG: u32 = 2;

/// Which revision of the MMIO transport to present.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MmioVersion {
    /// Version 1, pre-virtio-1.0 drivers.
    Legacy = 1,
    /// Version 2, virtio 1.x.
    Modern = 2,
}

/// A queue with its legacy placement registers.
#[derive(Clone, Debug)]
struct QueueSlot {
    queue: Queue,
    /// QueueNum as written; checked when the queue is enabled.
    num: u32,
    legacy_pfn: u32,
    legacy_align: u32,
}

impl QueueSlot {
    fn new() -> QueueSlot {
        QueueSlot {
            queue: Queue::default(),
            num: 0,
            legacy_pfn: 0,
            legacy_align: 4096,
        }
    }

    fn num_is_valid(&self) -> bool {
        (1..=u32::from(MAX_QUEUE_SIZE)).contains(&self.num)
    }
}

/// A virtio-mmio transport.
pub struct VirtioMmio {
    device: Option<Box<dyn VirtioDevice>>,
    version: MmioVersion,
    irq: Option<(IrqLines, u32)>,
    device_features_sel: u32,
    driver_features_sel: u32,
    driver_features: u64,
    queue_sel: u32,
    queues: Vec<QueueSlot>,
    interrupt_status: u32,
    status: u32,
    guest_page_size: u32,
}

impl VirtioMmio {
    /// A modern (version 2) transport for `device`, raising PLIC source
    /// `irq` on `lines`.
    pub fn new(device: Box<dyn VirtioDevice>, lines: IrqLines, irq: u32) -> VirtioMmio {
        VirtioMmio::with_version(device, lines, irq, MmioVersion::Modern)
    }

    /// A transport of the given version for `device`.
    pub fn with_version(
        device: Box<dyn VirtioDevice>,
        lines: IrqLines,
        irq: u32,
        version: MmioVersion,
    ) -> VirtioMmio {
        let queues = vec![QueueSlot::new(); device.num_queues()];
        VirtioMmio {
            device: Some(device),
            irq: Some((lines, irq)),
            queues,
            ..VirtioMmio::empty(version)
        }
    }

    /// A transport with no device behind it (device ID 0).
    pub fn empty(version: MmioVersion) -> VirtioMmio {
        VirtioMmio {
            device: None,
            version,
            irq: None,
            device_features_sel: 0,
            driver_features_sel: 0,
            driver_features: 0,
            queue_sel: 0,
            queues: Vec::new(),
            interrupt_status: 0,
            status: 0,
            guest_page_size: 4096,
        }
    }

    fn is_legacy(&self) -> bool {
        self.version == MmioVersion::Legacy
    }

    /// The features offered to the driver.
    pub fn offered_features(&self) -> u64 {
        let Some(device) = &self.device else { return 0 };
        let version = if self.is_legacy() {
            0
        } else {
            VIRTIO_F_VERSION_1
        };
        device.features() | VIRTIO_F_RING_INDIRECT_DESC | version
    }

    /// The device status register.
    pub fn status(&self) -> u32 {
        self.status
    }

    fn update_irq(&self) {
        if let Some((lines, irq)) = &self.irq {
            lines.set(*irq, self.interrupt_status != 0);
        }
    }

    /// Status 0: back to the state after construction (the legacy guest
    /// page size survives, as drivers set it once at probe).
    fn reset(&mut self) {
        if let Some(device) = &mut self.device {
            device.reset();
        }
        for slot in &mut self.queues {
            *slot = QueueSlot::new();
        }
        self.device_features_sel = 0;
        self.driver_features_sel = 0;
        self.driver_features = 0;
        self.queue_sel = 0;
        self.interrupt_status = 0;
        self.status = 0;
        self.update_irq();
    }

    fn selected(&mut self) -> Option<&mut QueueSlot> {
        self.queues.get_mut(self.queue_sel as usize)
    }

    fn write_status(&mut self, value: u32) {
        if value == 0 {
            self.reset();
            return;
        }
        let mut value = value & 0xff;
        let newly_ok = value & STATUS_FEATURES_OK != 0 && self.status & STATUS_FEATURES_OK == 0;
        if !self.is_legacy() && newly_ok && self.driver_features & !self.offered_features() != 0 {
            // The driver accepted features we never offered: refuse.
            value &= !STATUS_FEATURES_OK;
        }
        self.status = value | (self.status & STATUS_DEVICE_NEEDS_RESET);
    }

    fn write_driver_features(&mut self, value: u32) {
        if !self.is_legacy() && self.status & STATUS_FEATURES_OK != 0 {
            return;
        }
        if self.driver_features_sel < 2 {
            let high = self.driver_features_sel == 1;
            self.driver_features = write_half(self.driver_features, high, value);
        }
    }

    /// Legacy QueuePFN: the queue lies contiguously from `pfn * page size`.
    fn write_legacy_pfn(&mut self, pfn: u32) {
        let page = u64::from(self.guest_page_size);
        let Some(slot) = self.selected() else { return };
        slot.legacy_pfn = pfn;
        slot.queue.reset_indices();
        if pfn == 0 || !slot.num_is_valid() {
            slot.queue.ready = false;
            return;
        }
        let num = u64::from(slot.num);
        let align = u64::from(slot.legacy_align.max(1));
        let desc = u64::from(pfn) * page;
        let avail = desc + 16 * num;
        let used = (avail + 6 + 2 * num).div_ceil(align) * align;
        slot.queue.size = slot.num as u16;
        slot.queue.desc_addr = desc;
        slot.queue.driver_addr = avail;
        slot.queue.device_addr = used;
        slot.queue.ready = true;
    }

    fn write_queue_ready(&mut self, value: u32) {
        let Some(slot) = self.selected() else { return };
        if value & 1 == 0 {
            slot.queue.ready = false;
        } else if !slot.queue.ready && slot.num_is_valid() {
            slot.queue.size = slot.num as u16;
            slot.queue.reset_indices();
            slot.queue.ready = true;
        }
    }

    /// Serves queue `index` after a QueueNotify write.
    fn notify(&mut self, index: u32, ram: &mut Ram) {
        if self.status & STATUS_DRIVER_OK == 0 || self.status & STATUS_DEVICE_NEEDS_RESET != 0 {
            return;
        }
        let indirect = self.driver_features & self.offered_features() & VIRTIO_F_RING_INDIRECT_DESC;
        let Some(device) = self.device.as_mut() else {
            return;
        };
        let Some(slot) = self.queues.get_mut(index as usize) else {
            return;
        };
        if !slot.queue.ready {
            return;
        }
        slot.queue.indirect = indirect != 0;
        // The line is driven only when there is news for the driver: each
        // drive high is a new request at the PLIC (as QEMU's virtio_notify).
        match device.process_queue(index as usize, &mut slot.queue, ram) {
            Ok(true) if slot.queue.wants_interrupt(ram) => self.interrupt_status |= INTERRUPT_VRING,
            Ok(_) => return,
            Err(e) => {
                log::warn!("{}: queue {index}: {e}; device needs reset", device.name());
                self.status |= STATUS_DEVICE_NEEDS_RESET;
                // Chains served before the bad one are in the used ring.
                self.interrupt_status |= INTERRUPT_VRING | INTERRUPT_CONFIG;
            }
        }
        self.update_irq();
    }

    fn read_reg(&mut self, offset: u32) -> u32 {
        let legacy = self.is_legacy();
        let device_id = self.device.as_ref().map_or(0, |d| d.device_id());
        let offered = self.offered_features();
        let slot = self.queues.get(self.queue_sel as usize);
        let queue = slot.map(|s| &s.queue);
        match offset {
            MAGIC => MAGIC_VALUE,
            VERSION => self.version as u32,
            DEVICE_ID => device_id,
            VENDOR => VENDOR_ID,
            DEVICE_FEATURES if self.device_features_sel < 2 => {
                read_half(offered, self.device_features_sel == 1)
            }
            QUEUE_NUM_MAX => slot.map_or(0, |_| u32::from(MAX_QUEUE_SIZE)),
            QUEUE_NUM => slot.map_or(0, |s| s.num),
            QUEUE_PFN if legacy => slot.map_or(0, |s| s.legacy_pfn),
            QUEUE_READY if !legacy => queue.map_or(0, |q| u32::from(q.ready)),
            INTERRUPT_STATUS => self.interrupt_status,
            STATUS => self.status,
            QUEUE_DESC_LOW | QUEUE_DESC_HIGH if !legacy => {
                queue.map_or(0, |q| read_half(q.desc_addr, offset == QUEUE_DESC_HIGH))
            }
            QUEUE_DRIVER_LOW | QUEUE_DRIVER_HIGH if !legacy => {
                queue.map_or(0, |q| read_half(q.driver_addr, offset == QUEUE_DRIVER_HIGH))
            }
            QUEUE_DEVICE_LOW | QUEUE_DEVICE_HIGH if !legacy => {
                queue.map_or(0, |q| read_half(q.device_addr, offset == QUEUE_DEVICE_HIGH))
            }
            // The configuration never changes behind the driver's back.
            CONFIG_GENERATION => 0,
            _ => 0,
        }
    }

    fn write_reg(&mut self, offset: u32, value: u32, ram: &mut Ram) {
        let legacy = self.is_legacy();
        match offset {
            DEVICE_FEATURES_SEL => self.device_features_sel = value,
            DRIVER_FEATURES => self.write_driver_features(value),
            DRIVER_FEATURES_SEL => self.driver_features_sel = value,
            GUEST_PAGE_SIZE if legacy => self.guest_page_size = value,
            QUEUE_SEL => self.queue_sel = value,
            QUEUE_NUM => {
                if let Some(slot) = self.selected() {
                    slot.num = value;
                }
            }
            QUEUE_ALIGN if legacy => {
                if let Some(slot) = self.selected() {
                    slot.legacy_align = value;
                }
            }
            QUEUE_PFN if legacy => self.write_legacy_pfn(value),
            QUEUE_READY if !legacy => self.write_queue_ready(value),
            QUEUE_NOTIFY => self.notify(value, ram),
            INTERRUPT_ACK => {
                self.interrupt_status &= !value;
                self.update_irq();
            }
            STATUS => self.write_status(value),
            QUEUE_DESC_LOW..=QUEUE_DEVICE_HIGH if !legacy => self.write_queue_addr(offset, value),
            _ => {}
        }
    }

    /// Modern ring address registers; ignored while the queue is enabled.
    fn write_queue_addr(&mut self, offset: u32, value: u32) {
        let Some(slot) = self.selected() else { return };
        let q = &mut slot.queue;
        if q.ready {
            return;
        }
        let high = offset & 4 != 0;
        match offset & !4 {
            QUEUE_DESC_LOW => q.desc_addr = write_half(q.desc_addr, high, value),
            QUEUE_DRIVER_LOW => q.driver_addr = write_half(q.driver_addr, high, value),
            QUEUE_DEVICE_LOW => q.device_addr = write_half(q.device_addr, high, value),
            _ => {}
        }
    }
}

impl Device for VirtioMmio {
    fn name(&self) -> &'static str {
        "virtio-mmio"
    }

    fn read(&mut self, offset: u32, size: AccessSize, _ctx: &mut DevCtx) -> Result<u32, BusFault> {
        if offset >= CONFIG {
            let Some(device) = &self.device else {
                return Ok(0);
            };
            return Ok(device.read_config(offset - CONFIG, size));
        }
        if size != AccessSize::Word || !offset.is_multiple_of(4) {
            return Ok(0);
        }
        Ok(self.read_reg(offset))
    }

    fn write(
        &mut self,
        offset: u32,
        size: AccessSize,
        value: u32,
        ctx: &mut DevCtx,
    ) -> Result<(), BusFault> {
        if offset >= CONFIG {
            if let Some(device) = &mut self.device {
                device.write_config(offset - CONFIG, size, value);
            }
            return Ok(());
        }
        if size == AccessSize::Word && offset.is_multiple_of(4) {
            self.write_reg(offset, value, ctx.ram);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bus::read_le;
    use crate::dev::test_utils::{Harness, TestQueue};
    use crate::dev::virtio::queue::{QueueError, VIRTQ_DESC_F_NEXT, VIRTQ_DESC_F_WRITE};
    use crate::dev::virtio::{STATUS_ACKNOWLEDGE, STATUS_DRIVER};
    use crate::memmap::RAM_BASE;
    use std::sync::{Arc, Mutex};

    /// A device that echoes: it copies each chain's readable bytes into its
    /// writable bytes, and records what the transport told it.
    struct Echo {
        resets: Arc<Mutex<u32>>,
        config: [u8; 4],
    }

    impl VirtioDevice for Echo {
        fn name(&self) -> &'static str {
            "echo"
        }
        fn device_id(&self) -> u32 {
            42
        }
        fn features(&self) -> u64 {
            1 << 3
        }
        fn num_queues(&self) -> usize {
            2
        }
        fn read_config(&self, offset: u32, size: AccessSize) -> u32 {
            read_le(&self.config, offset, size)
        }
        fn write_config(&mut self, offset: u32, _size: AccessSize, value: u32) {
            if let Some(b) = self.config.get_mut(offset as usize) {
                *b = value as u8;
            }
        }
        fn process_queue(
            &mut self,
            _index: usize,
            queue: &mut Queue,
            ram: &mut Ram,
        ) -> Result<bool, QueueError> {
            let mut any = false;
            while let Some(chain) = queue.pop(ram)? {
                let mut buf = vec![0u8; chain.readable_len() as usize];
                chain.read_at(ram, 0, &mut buf);
                let n = chain.write_at(ram, 0, &buf);
                queue.push_used(ram, chain.head(), n as u32)?;
                any = true;
            }
            Ok(any)
        }
        fn reset(&mut self) {
            *self.resets.lock().unwrap() += 1;
        }
    }

    const IRQ: u32 = 3;
    const DATA: u32 = RAM_BASE + 0x8000;

    fn setup(version: MmioVersion) -> (Harness, VirtioMmio, IrqLines, Arc<Mutex<u32>>) {
        let lines = IrqLines::default();
        let resets = Arc::new(Mutex::new(0));
        let echo = Echo {
            resets: resets.clone(),
            config: [1, 2, 3, 4],
        };
        let dev = VirtioMmio::with_version(Box::new(echo), lines.clone(), IRQ, version);
        (Harness::new(64 * 1024), dev, lines, resets)
    }

    fn irq(lines: &IrqLines) -> bool {
        lines.levels() & (1 << IRQ) != 0
    }

    /// The modern initialisation sequence for queue 0 at `tq`.
    fn init_modern(h: &mut Harness, dev: &mut VirtioMmio, tq: &TestQueue, features: u64) {
        h.w32(dev, STATUS, 0);
        h.w32(dev, STATUS, STATUS_ACKNOWLEDGE);
        h.w32(dev, STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
        h.w32(dev, DRIVER_FEATURES_SEL, 0);
        h.w32(dev, DRIVER_FEATURES, features as u32);
        h.w32(dev, DRIVER_FEATURES_SEL, 1);
        h.w32(dev, DRIVER_FEATURES, (features >> 32) as u32);
        h.w32(
            dev,
            STATUS,
            STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK,
        );
        assert_ne!(h.r32(dev, STATUS) & STATUS_FEATURES_OK, 0);
        h.w32(dev, QUEUE_SEL, 0);
        h.w32(dev, QUEUE_NUM, u32::from(tq.size));
        h.w32(dev, QUEUE_DESC_LOW, tq.desc);
        h.w32(dev, QUEUE_DESC_HIGH, 0);
        h.w32(dev, QUEUE_DRIVER_LOW, tq.avail);
        h.w32(dev, QUEUE_DRIVER_HIGH, 0);
        h.w32(dev, QUEUE_DEVICE_LOW, tq.used);
        h.w32(dev, QUEUE_DEVICE_HIGH, 0);
        h.w32(dev, QUEUE_READY, 1);
        h.w32(
            dev,
            STATUS,
            STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK | STATUS_DRIVER_OK,
        );
    }

    /// Publishes an echo request: 4 readable bytes, 4 writable.
    fn echo_request(h: &mut Harness, tq: &mut TestQueue, text: &[u8; 4]) {
        h.ram.slice_mut(DATA, 4).unwrap().copy_from_slice(text);
        tq.set_desc(&mut h.ram, 0, u64::from(DATA), 4, VIRTQ_DESC_F_NEXT, 1);
        tq.set_desc(
            &mut h.ram,
            1,
            u64::from(DATA + 0x100),
            4,
            VIRTQ_DESC_F_WRITE,
            0,
        );
        tq.publish(&mut h.ram, 0);
    }

    #[test]
    fn identification_registers() {
        let (mut h, mut dev, _, _) = setup(MmioVersion::Modern);
        assert_eq!(h.r32(&mut dev, MAGIC), 0x7472_6976);
        assert_eq!(h.r32(&mut dev, VERSION), 2);
        assert_eq!(h.r32(&mut dev, DEVICE_ID), 42);
        assert_eq!(h.r32(&mut dev, VENDOR), 0x554d_4551);
        assert_eq!(h.r32(&mut dev, DEVICE_FEATURES), (1 << 3) | (1 << 28));
        h.w32(&mut dev, DEVICE_FEATURES_SEL, 1);
        assert_eq!(h.r32(&mut dev, DEVICE_FEATURES), 1, "VIRTIO_F_VERSION_1");
        h.w32(&mut dev, DEVICE_FEATURES_SEL, 2);
        assert_eq!(h.r32(&mut dev, DEVICE_FEATURES), 0);
        assert_eq!(h.r32(&mut dev, QUEUE_NUM_MAX), 256);
        h.w32(&mut dev, QUEUE_SEL, 2);
        assert_eq!(h.r32(&mut dev, QUEUE_NUM_MAX), 0, "no third queue");
        assert_eq!(h.r32(&mut dev, CONFIG_GENERATION), 0);
        // Narrow accesses to registers read 0; config takes any width.
        assert_eq!(h.read(&mut dev, MAGIC, AccessSize::Byte), Ok(0));
        assert_eq!(h.read(&mut dev, CONFIG + 1, AccessSize::Half), Ok(0x0302));
        h.write(&mut dev, CONFIG + 3, AccessSize::Byte, 9).unwrap();
        assert_eq!(h.r32(&mut dev, CONFIG), 0x0903_0201);
    }

    #[test]
    fn empty_transport_has_device_id_zero() {
        let mut h = Harness::new(4096);
        let mut dev = VirtioMmio::empty(MmioVersion::Modern);
        assert_eq!(h.r32(&mut dev, MAGIC), MAGIC_VALUE);
        assert_eq!(h.r32(&mut dev, DEVICE_ID), 0);
        assert_eq!(h.r32(&mut dev, DEVICE_FEATURES), 0);
        assert_eq!(h.r32(&mut dev, QUEUE_NUM_MAX), 0);
        h.w32(&mut dev, STATUS, STATUS_DRIVER_OK);
        h.w32(&mut dev, QUEUE_NOTIFY, 0);
        assert_eq!(h.r32(&mut dev, CONFIG), 0);
    }

    #[test]
    fn modern_request_interrupt_and_ack() {
        let (mut h, mut dev, lines, _) = setup(MmioVersion::Modern);
        let mut tq = TestQueue::new(8, RAM_BASE);
        init_modern(&mut h, &mut dev, &tq, VIRTIO_F_VERSION_1);
        assert_eq!(h.r32(&mut dev, QUEUE_READY), 1);
        assert_eq!(h.r32(&mut dev, QUEUE_DESC_LOW), tq.desc);
        echo_request(&mut h, &mut tq, b"ping");
        h.w32(&mut dev, QUEUE_NOTIFY, 0);
        assert_eq!(h.ram.slice(DATA + 0x100, 4).unwrap(), b"ping");
        assert_eq!(tq.used_idx(&h.ram), 1);
        assert_eq!(tq.used_elem(&h.ram, 0), (0, 4));
        assert_eq!(h.r32(&mut dev, INTERRUPT_STATUS), INTERRUPT_VRING);
        assert!(irq(&lines));
        h.w32(&mut dev, INTERRUPT_ACK, INTERRUPT_VRING);
        assert_eq!(h.r32(&mut dev, INTERRUPT_STATUS), 0);
        assert!(!irq(&lines));
        // Notifying with nothing new does not interrupt.
        h.w32(&mut dev, QUEUE_NOTIFY, 0);
        assert!(!irq(&lines));
        // Notifying a queue that does not exist is ignored.
        h.w32(&mut dev, QUEUE_NOTIFY, 7);
        assert!(!irq(&lines));
    }

    #[test]
    fn each_used_buffer_raises_the_line_even_without_ack() {
        // A legacy-style driver that never writes InterruptACK: the PLIC
        // must see one raise per used buffer, and none for a notify that
        // serves nothing (QEMU's virtio_notify).
        let (mut h, mut dev, lines, _) = setup(MmioVersion::Modern);
        let mut tq = TestQueue::new(8, RAM_BASE);
        init_modern(&mut h, &mut dev, &tq, VIRTIO_F_VERSION_1);
        lines.take_raised();
        echo_request(&mut h, &mut tq, b"one!");
        h.w32(&mut dev, QUEUE_NOTIFY, 0);
        assert_eq!(lines.take_raised(), 1 << IRQ);
        h.w32(&mut dev, QUEUE_NOTIFY, 0);
        assert_eq!(lines.take_raised(), 0, "nothing new: no raise");
        echo_request(&mut h, &mut tq, b"two!");
        h.w32(&mut dev, QUEUE_NOTIFY, 0);
        assert_eq!(lines.take_raised(), 1 << IRQ);
        assert!(irq(&lines));
    }

    #[test]
    fn nothing_is_served_before_driver_ok() {
        let (mut h, mut dev, lines, _) = setup(MmioVersion::Modern);
        let mut tq = TestQueue::new(8, RAM_BASE);
        init_modern(&mut h, &mut dev, &tq, VIRTIO_F_VERSION_1);
        h.w32(
            &mut dev,
            STATUS,
            STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK,
        );
        echo_request(&mut h, &mut tq, b"wait");
        h.w32(&mut dev, QUEUE_NOTIFY, 0);
        assert_eq!(tq.used_idx(&h.ram), 0);
        assert!(!irq(&lines));
    }

    #[test]
    fn features_ok_is_refused_for_unoffered_features() {
        let (mut h, mut dev, _, _) = setup(MmioVersion::Modern);
        h.w32(&mut dev, DRIVER_FEATURES_SEL, 0);
        h.w32(&mut dev, DRIVER_FEATURES, 1 << 5);
        h.w32(
            &mut dev,
            STATUS,
            STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK,
        );
        assert_eq!(h.r32(&mut dev, STATUS) & STATUS_FEATURES_OK, 0);
        h.w32(&mut dev, DRIVER_FEATURES, 1 << 3);
        h.w32(
            &mut dev,
            STATUS,
            STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK,
        );
        assert_ne!(h.r32(&mut dev, STATUS) & STATUS_FEATURES_OK, 0);
        // Features are frozen after FEATURES_OK.
        h.w32(&mut dev, DRIVER_FEATURES, 1 << 5);
        assert_eq!(dev.driver_features, 1 << 3);
    }

    #[test]
    fn hostile_queue_sets_needs_reset_and_status_zero_recovers() {
        let (mut h, mut dev, lines, resets) = setup(MmioVersion::Modern);
        let mut tq = TestQueue::new(8, RAM_BASE);
        init_modern(&mut h, &mut dev, &tq, VIRTIO_F_VERSION_1);
        tq.set_desc(&mut h.ram, 0, 0x1000_0000, 4, VIRTQ_DESC_F_WRITE, 0);
        tq.publish(&mut h.ram, 0);
        h.w32(&mut dev, QUEUE_NOTIFY, 0);
        assert_ne!(h.r32(&mut dev, STATUS) & STATUS_DEVICE_NEEDS_RESET, 0);
        assert_ne!(h.r32(&mut dev, INTERRUPT_STATUS) & INTERRUPT_CONFIG, 0);
        assert!(irq(&lines));
        // The bit is sticky until reset; nothing more is served.
        h.w32(&mut dev, STATUS, 0x0f);
        assert_ne!(h.r32(&mut dev, STATUS) & STATUS_DEVICE_NEEDS_RESET, 0);

        let before = *resets.lock().unwrap();
        h.w32(&mut dev, STATUS, 0);
        assert_eq!(*resets.lock().unwrap(), before + 1);
        assert_eq!(h.r32(&mut dev, STATUS), 0);
        assert_eq!(h.r32(&mut dev, INTERRUPT_STATUS), 0);
        assert_eq!(h.r32(&mut dev, QUEUE_READY), 0);
        assert!(!irq(&lines));

        let mut tq = TestQueue::new(8, RAM_BASE);
        init_modern(&mut h, &mut dev, &tq, VIRTIO_F_VERSION_1);
        echo_request(&mut h, &mut tq, b"back");
        h.w32(&mut dev, QUEUE_NOTIFY, 0);
        assert_eq!(h.ram.slice(DATA + 0x100, 4).unwrap(), b"back");
    }

    #[test]
    fn queue_ready_needs_a_valid_size_and_freezes_addresses() {
        let (mut h, mut dev, _, _) = setup(MmioVersion::Modern);
        for num in [0, 257, u32::MAX] {
            h.w32(&mut dev, QUEUE_NUM, num);
            h.w32(&mut dev, QUEUE_READY, 1);
            assert_eq!(h.r32(&mut dev, QUEUE_READY), 0, "QueueNum {num}");
        }
        h.w32(&mut dev, QUEUE_NUM, 16);
        h.w32(&mut dev, QUEUE_DESC_LOW, 0x8000_1000);
        h.w32(&mut dev, QUEUE_READY, 1);
        h.w32(&mut dev, QUEUE_DESC_LOW, 0x8000_2000);
        assert_eq!(h.r32(&mut dev, QUEUE_DESC_LOW), 0x8000_1000);
        h.w32(&mut dev, QUEUE_READY, 0);
        assert_eq!(h.r32(&mut dev, QUEUE_READY), 0);
    }

    #[test]
    fn high_ring_addresses_are_outside_ram() {
        let (mut h, mut dev, _, _) = setup(MmioVersion::Modern);
        let mut tq = TestQueue::new(8, RAM_BASE);
        init_modern(&mut h, &mut dev, &tq, VIRTIO_F_VERSION_1);
        h.w32(&mut dev, QUEUE_READY, 0);
        h.w32(&mut dev, QUEUE_DRIVER_HIGH, 1);
        h.w32(&mut dev, QUEUE_READY, 1);
        echo_request(&mut h, &mut tq, b"high");
        h.w32(&mut dev, QUEUE_NOTIFY, 0);
        assert_ne!(h.r32(&mut dev, STATUS) & STATUS_DEVICE_NEEDS_RESET, 0);
    }

    #[test]
    fn indirect_descriptors_follow_negotiation() {
        use crate::dev::virtio::queue::VIRTQ_DESC_F_INDIRECT;
        let table = RAM_BASE + 0x4000;
        for (features, served) in [
            (VIRTIO_F_VERSION_1, false),
            (VIRTIO_F_VERSION_1 | (1 << 28), true),
        ] {
            let (mut h, mut dev, _, _) = setup(MmioVersion::Modern);
            let mut tq = TestQueue::new(8, RAM_BASE);
            init_modern(&mut h, &mut dev, &tq, features);
            h.ram.slice_mut(DATA, 4).unwrap().copy_from_slice(b"indr");
            TestQueue::write_desc(
                &mut h.ram,
                table,
                0,
                u64::from(DATA),
                4,
                VIRTQ_DESC_F_NEXT,
                1,
            );
            TestQueue::write_desc(
                &mut h.ram,
                table,
                1,
                u64::from(DATA + 0x100),
                4,
                VIRTQ_DESC_F_WRITE,
                0,
            );
            tq.set_desc(
                &mut h.ram,
                0,
                u64::from(table),
                32,
                VIRTQ_DESC_F_INDIRECT,
                0,
            );
            tq.publish(&mut h.ram, 0);
            h.w32(&mut dev, QUEUE_NOTIFY, 0);
            assert_eq!(tq.used_idx(&h.ram), u16::from(served));
            let needs_reset = h.r32(&mut dev, STATUS) & STATUS_DEVICE_NEEDS_RESET != 0;
            assert_eq!(needs_reset, !served);
        }
    }

    #[test]
    fn legacy_queue_from_pfn() {
        let (mut h, mut dev, lines, _) = setup(MmioVersion::Legacy);
        assert_eq!(h.r32(&mut dev, VERSION), 1);
        h.w32(&mut dev, DEVICE_FEATURES_SEL, 1);
        assert_eq!(
            h.r32(&mut dev, DEVICE_FEATURES),
            0,
            "no VERSION_1 on legacy"
        );
        h.w32(&mut dev, GUEST_PAGE_SIZE, 4096);
        h.w32(&mut dev, STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
        h.w32(&mut dev, QUEUE_SEL, 0);
        h.w32(&mut dev, QUEUE_NUM, 8);
        h.w32(&mut dev, QUEUE_ALIGN, 4096);
        // Queue at RAM_BASE + 0x3000: desc there, avail after 8 descriptors,
        // used at the next 4 KiB boundary.
        let base = RAM_BASE + 0x3000;
        h.w32(&mut dev, QUEUE_PFN, base / 4096);
        assert_eq!(h.r32(&mut dev, QUEUE_PFN), base / 4096);
        h.w32(
            &mut dev,
            STATUS,
            STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_DRIVER_OK,
        );
        let mut tq = TestQueue {
            desc: base,
            avail: base + 128,
            used: base + 4096,
            ..TestQueue::new(8, base)
        };
        echo_request(&mut h, &mut tq, b"lgcy");
        h.w32(&mut dev, QUEUE_NOTIFY, 0);
        assert_eq!(h.ram.slice(DATA + 0x100, 4).unwrap(), b"lgcy");
        assert_eq!(tq.used_idx(&h.ram), 1);
        assert!(irq(&lines));
        // PFN 0 disables the queue.
        h.w32(&mut dev, QUEUE_PFN, 0);
        echo_request(&mut h, &mut tq, b"gone");
        h.w32(&mut dev, QUEUE_NOTIFY, 0);
        assert_eq!(tq.used_idx(&h.ram), 1);
        // Modern-only registers are absent.
        assert_eq!(h.r32(&mut dev, QUEUE_READY), 0);
    }

    #[test]
    fn legacy_guest_page_size_survives_reset() {
        let (mut h, mut dev, _, _) = setup(MmioVersion::Legacy);
        h.w32(&mut dev, GUEST_PAGE_SIZE, 8192);
        h.w32(&mut dev, STATUS, 0);
        assert_eq!(dev.guest_page_size, 8192);
    }
}
