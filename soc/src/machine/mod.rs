//! The machine: one hart, RAM, the bus with its devices, the TLB and the
//! clock, and the services both engines call (memory access, CSRs, traps,
//! interrupts, WFI).
//!
//! The run loop ([`Machine::run`], in `run.rs`) drives an [`Engine`] until
//! soc's next event deadline; interrupts are taken only there.

mod access;
mod code;
mod run;
#[cfg(test)]
pub(crate) mod test_utils;
mod traps;

pub use code::{CODE_LINE_BYTES, CODE_LINE_SHIFT};
pub use run::{CodeChange, Engine, EngineExit, POLL_INTERVAL, RunLimits, Stop, Wake};

use crate::bus::{Bus, DevCtx};
use crate::clock::Clock;
use crate::csr::state::irq;
use crate::dev::htif::Htif;
use crate::hart::{Hart, Privilege};
use crate::mem::Ram;
use crate::mmu::tlb::{Tlb, TlbSet};
use crate::mmu::{AccessKind, pmp};

/// How the guest asked the machine to stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuestExit {
    /// Finished with this status: 0 is success (finisher pass, HTIF 1).
    Exit(u32),
    /// Asked for a reset (finisher 0x7777).
    Reset,
}

/// A whole RV32GC system.
pub struct Machine {
    /// The hart's registers and CSRs.
    pub hart: Hart,
    /// Guest RAM (`hart.ram_base` points into it: never replace it).
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
    /// The RAM lines holding translated code, and changes to them.
    code: code::CodeMap,
    /// TLB set for loads and stores (effective privilege, SUM).
    data_set: TlbSet,
    /// TLB set for fetches (current privilege).
    fetch_set: TlbSet,
    /// Polls a device-owned exit request (the finisher) after MMIO writes.
    exit_probe: Option<Box<dyn FnMut() -> Option<GuestExit> + Send>>,
    /// Trap-loop detection and the stop it found.
    run_state: run::RunState,
}

impl Machine {
    /// A machine with `ram` and `bus`, the hart at `reset_pc` in M-mode.
    pub fn new(ram: Ram, bus: Bus, clock: Clock, reset_pc: u32) -> Machine {
        let ram_bytes = ram.size();
        let mut m = Machine {
            hart: Hart::new(reset_pc),
            ram,
            bus,
            tlb: Tlb::default(),
            clock,
            htif: None,
            exit: None,
            code: code::CodeMap::new(ram_bytes),
            data_set: TlbSet::Machine,
            fetch_set: TlbSet::Machine,
            exit_probe: None,
            run_state: run::RunState::default(),
        };
        m.hart.ram_base = m.ram.host_base();
        m.hart.code_lines = m.code.lines_ptr();
        m.hart.ram_bytes = ram_bytes;
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
            self.guest_exit(GuestExit::Exit(code));
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
            self.guest_exit(exit);
        }
        self.refresh_interrupts();
        result
    }

    /// Recomputes the device-driven `mip` bits and the Sstc timer.
    pub fn refresh_interrupts(&mut self) {
        self.hart.csr.mip_hw = self.hardware_irqs();
    }

    /// The `mip` bits devices and the Sstc timer drive now. `csr.mip_hw`
    /// holds them as of the last [`Machine::refresh_interrupts`], which
    /// the run loop does at each deadline (when it takes interrupts, and a
    /// timer whose interrupt is enabled sets the deadline); a `mip` read
    /// sees them live, as on hardware, so that when it runs does not
    /// depend on where an engine's runs happened to end.
    pub fn hardware_irqs(&self) -> u32 {
        let mtime = self.mtime();
        let mut hw = self.bus.hart_irqs(mtime) & (irq::MSI | irq::MTI | irq::MEI | irq::SEI);
        if self.hart.csr.sstc_enabled() && mtime >= self.hart.csr.stimecmp {
            hw |= irq::STI;
        }
        hw
    }

    /// Recomputes the TLB sets and the direct RAM window after a change of
    /// privilege, of `mstatus.MPRV/MPP/SUM` or of PMP.
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
        self.hart.tlb = [
            self.tlb.table(self.data_set, AccessKind::Read),
            self.tlb.table(self.data_set, AccessKind::Write),
            self.tlb.table(self.fetch_set, AccessKind::Fetch),
        ];
        self.hart.code_write_tlb = self.tlb.code_write_table(self.data_set);
        let unrestricted = !pmp::any_locked(&self.hart.csr.pmpcfg);
        self.hart.ram_window = if self.data_set == TlbSet::Machine && unrestricted {
            self.hart.ram_bytes.saturating_sub(7)
        } else {
            0
        };
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
}

fn set_for(prv: Privilege, sum: bool) -> TlbSet {
    match prv {
        Privilege::User => TlbSet::User,
        Privilege::Supervisor if sum => TlbSet::SupervisorSum,
        Privilege::Supervisor => TlbSet::Supervisor,
        Privilege::Machine => TlbSet::Machine,
    }
}
