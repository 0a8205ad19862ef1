//! The machine: one hart, RAM, the bus with its devices, the TLB and the
//! clock, and the services both engines call (memory access, CSRs, traps,
//! interrupts, WFI).
//!
//! Engines own the execution loop and call [`Machine::poll`] every so often
//! at a block boundary; interrupts are taken only at block boundaries.

mod access;
#[cfg(test)]
pub(crate) mod test_utils;
mod traps;

use crate::bus::{Bus, DevCtx};
use crate::clock::Clock;
use crate::csr::state::irq;
use crate::dev::htif::Htif;
use crate::hart::{Hart, Privilege};
use crate::mem::Ram;
use crate::mmu::tlb::{Tlb, TlbSet};
use crate::mmu::{PAGE_SHIFT, PAGE_SIZE};

/// How the guest asked the machine to stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuestExit {
    /// Finished with this status: 0 is success (finisher pass, HTIF 1).
    Exit(u32),
    /// Asked for a reset (finisher 0x7777).
    Reset,
}

/// Result of waiting in WFI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wake {
    /// An interrupt is pending and enabled in `mie`.
    Interrupt,
    /// The guest asked to stop while waiting.
    Exit,
    /// Nothing can ever wake the hart: no interrupt is enabled.
    Never,
    /// Nothing but this hart could raise an enabled interrupt, so WFI
    /// completes without one.
    Resume,
}

/// A whole RV32GC system.
pub struct Machine {
    /// The hart's registers and CSRs.
    pub hart: Hart,
    /// Guest RAM.
    pub ram: Ram,
    /// Memory-mapped devices.
    pub bus: Bus,
    /// The software TLB.
    pub tlb: Tlb,
    /// The time base.
    pub clock: Clock,
    /// The HTIF mailbox, when the loaded program has one.
    pub htif: Option<Htif>,
    /// Set when the guest asks to stop; engines check it at block boundaries.
    pub exit: Option<GuestExit>,
    /// RAM page indices whose translated code was overwritten since the
    /// engine last looked; the engine drops those blocks.
    pub dirty_code_pages: Vec<u32>,
    /// Set when every cached translation must be dropped (`fence.i`).
    pub flush_code: bool,
    /// Per RAM page: holds code an engine has cached.
    code_pages: Vec<u64>,
    /// TLB set for loads and stores (effective privilege, SUM).
    data_set: TlbSet,
    /// TLB set for fetches (current privilege).
    fetch_set: TlbSet,
    /// Polls a device-owned exit request (the finisher) after MMIO writes.
    exit_probe: Option<Box<dyn FnMut() -> Option<GuestExit> + Send>>,
}

impl Machine {
    /// A machine with `ram` and `bus`, the hart at `reset_pc` in M-mode.
    pub fn new(ram: Ram, bus: Bus, clock: Clock, reset_pc: u32) -> Machine {
        let pages = (ram.size() / PAGE_SIZE).div_ceil(64) as usize;
        let mut m = Machine {
            hart: Hart::new(reset_pc),
            ram,
            bus,
            tlb: Tlb::default(),
            clock,
            htif: None,
            exit: None,
            dirty_code_pages: Vec::new(),
            flush_code: false,
            code_pages: vec![0; pages],
            data_set: TlbSet::Machine,
            fetch_set: TlbSet::Machine,
            exit_probe: None,
        };
        m.update_translation_mode();
        m
    }

    /// Installs a probe that tells whether a device (the finisher) has asked
    /// to stop; it is consulted after every MMIO write.
    pub fn set_exit_probe(&mut self, probe: Box<dyn FnMut() -> Option<GuestExit> + Send>) {
        self.exit_probe = Some(probe);
    }

    /// Current `mtime`.
    pub fn mtime(&self) -> u64 {
        self.clock.mtime(self.hart.retired)
    }

    /// Services devices (input, completions), refreshes the interrupt lines
    /// and timers. Call at a block boundary.
    pub fn poll(&mut self) {
        self.with_devices(|bus, ctx| bus.poll(ctx));
        if let Some(htif) = self.htif.as_mut()
            && let Some(code) = htif.poll(&mut self.ram, &mut std::io::stdout())
        {
            self.exit = Some(GuestExit::Exit(code));
        }
    }

    /// Runs `access` on the bus with a device context for the current
    /// time, then applies what the devices changed: `mtime`, interrupt
    /// levels, exit requests.
    fn with_devices<T>(&mut self, access: impl FnOnce(&mut Bus, &mut DevCtx) -> T) -> T {
        let mut ctx = DevCtx {
            mtime: self.mtime(),
            new_mtime: None,
            ram: &mut self.ram,
        };
        let result = access(&mut self.bus, &mut ctx);
        if let Some(t) = ctx.new_mtime {
            self.clock.set_mtime(t, self.hart.retired);
        }
        if let Some(exit) = self.exit_probe.as_mut().and_then(|probe| probe()) {
            self.exit = Some(exit);
        }
        self.refresh_interrupts();
        result
    }

    /// Recomputes the device-driven `mip` bits and the Sstc timer.
    pub fn refresh_interrupts(&mut self) {
        let mtime = self.mtime();
        let mut hw = self.bus.hart_irqs(mtime) & (irq::MSI | irq::MTI | irq::MEI | irq::SEI);
        if self.hart.csr.sstc_enabled() && mtime >= self.hart.csr.stimecmp {
            hw |= irq::STI;
        }
        self.hart.csr.mip_hw = hw;
    }

    /// The earliest future `mtime` at which an enabled timer interrupt
    /// (MTI from the CLINT, STI from Sstc) becomes pending.
    fn next_timer_deadline(&self, now: u64) -> Option<u64> {
        let csr = &self.hart.csr;
        let machine = (csr.mie & irq::MTI != 0)
            .then(|| self.bus.next_deadline())
            .flatten();
        let sstc = (csr.mie & irq::STI != 0 && csr.sstc_enabled()).then_some(csr.stimecmp);
        [machine, sstc]
            .into_iter()
            .flatten()
            .filter(|&d| d > now && d != u64::MAX)
            .min()
    }

    /// WFI: waits until an interrupt is pending and enabled in `mie`
    /// (regardless of the global enables) or the guest exits. Only enabled
    /// timers and external interrupts can end the wait: with nothing but
    /// software interrupts enabled (which only this hart could raise) WFI
    /// completes at once, as the spec allows; with nothing enabled at all the
    /// hart could never wake, and that is reported. In deterministic mode
    /// time jumps to the next timer deadline instead of sleeping.
    pub fn wait_for_interrupt(&mut self) -> Wake {
        /// Longest host sleep between input polls.
        const MAX_SLEEP: std::time::Duration = std::time::Duration::from_millis(5);
        loop {
            self.poll();
            if self.exit.is_some() {
                return Wake::Exit;
            }
            if self.hart.csr.pending_enabled() != 0 {
                return Wake::Interrupt;
            }
            let mie = self.hart.csr.mie;
            if mie == 0 {
                return Wake::Never;
            }
            let now = self.mtime();
            let deadline = self.next_timer_deadline(now);
            let external = mie & (irq::MEI | irq::SEI) != 0;
            if deadline.is_none() && !external {
                return Wake::Resume;
            }
            let retired = self.hart.retired;
            match deadline {
                Some(d) if self.clock.is_deterministic() => self.clock.skip_to(d, retired),
                Some(d) => std::thread::sleep(self.clock.wait_for(d, retired).min(MAX_SLEEP)),
                None => std::thread::sleep(MAX_SLEEP),
            }
        }
    }

    /// Recomputes the TLB sets after a change of privilege or of
    /// `mstatus.MPRV/MPP/SUM`.
    pub(crate) fn update_translation_mode(&mut self) {
        use crate::csr::state::mstatus;
        let st = self.hart.csr.mstatus;
        let sum = st & mstatus::SUM != 0;
        let data_prv = if self.hart.prv == Privilege::Machine && st & mstatus::MPRV != 0 {
            self.hart.csr.mpp()
        } else {
            self.hart.prv
        };
        self.data_set = set_for(data_prv, sum);
        self.fetch_set = set_for(self.hart.prv, sum);
    }

    /// Identifies the current fetch translation: it changes whenever a
    /// virtual pc may map to other code or other permissions (TLB flush,
    /// privilege or SUM change). Engines that remember "pc → code" links
    /// check it.
    #[inline(always)]
    pub fn fetch_context(&self) -> u64 {
        (self.tlb.generation() << 2) | self.fetch_set as u64
    }

    /// The privilege loads and stores are checked with (MPRV applied).
    pub(crate) fn data_privilege(&self) -> Privilege {
        match self.data_set {
            TlbSet::User => Privilege::User,
            TlbSet::Supervisor | TlbSet::SupervisorSum => Privilege::Supervisor,
            TlbSet::Machine => Privilege::Machine,
        }
    }

    /// Records that the RAM page at `ram_offset` holds cached code: stores
    /// to it will take the slow path and report it in `dirty_code_pages`.
    pub fn watch_code_page(&mut self, ram_offset: u32) {
        let page = (ram_offset >> PAGE_SHIFT) as usize;
        if let Some(word) = self.code_pages.get_mut(page / 64)
            && *word & (1 << (page % 64)) == 0
        {
            *word |= 1 << (page % 64);
            self.tlb.flush_writes_to(ram_offset);
        }
    }

    fn is_code_page(&self, ram_offset: u32) -> bool {
        let page = (ram_offset >> PAGE_SHIFT) as usize;
        self.code_pages
            .get(page / 64)
            .is_some_and(|w| w & (1 << (page % 64)) != 0)
    }

    /// A store hit a watched code page: stop watching, tell the engine.
    fn code_page_written(&mut self, ram_offset: u32) {
        let page = (ram_offset >> PAGE_SHIFT) as usize;
        if let Some(word) = self.code_pages.get_mut(page / 64) {
            *word &= !(1 << (page % 64));
        }
        self.dirty_code_pages.push(page as u32);
    }

    /// `fence.i`: every cached translation is dropped. Also covers code that
    /// arrived by device DMA, which the store watch does not see.
    pub fn fence_i(&mut self) {
        self.flush_code = true;
        self.code_pages.fill(0);
    }
}

fn set_for(prv: Privilege, sum: bool) -> TlbSet {
    match prv {
        Privilege::User => TlbSet::User,
        Privilege::Supervisor if sum => TlbSet::SupervisorSum,
        Privilege::Supervisor => TlbSet::Supervisor,
        Privilege::Machine => TlbSet::Machine,
    }
}
