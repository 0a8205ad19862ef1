//! The run loop both engines share, and the engine interface it drives.
//!
//! soc decides *when* an engine must return; the engine decides only *how*
//! instructions execute. Before each call to [`Engine::run_until`] the loop
//! sets one deadline in retired instructions ([`Machine::deadline`]): the
//! next device poll, the exact instruction at which `mtime` reaches an
//! enabled timer compare (deterministic mode only; with host time the poll
//! interval bounds the latency), and `--max-insns`. Anything that may change
//! what happens next at an instruction boundary moves the deadline to "now"
//! while the engine runs ([`Machine::end_run_now`]): MMIO writes, stores
//! into cached code, guest exits, CSR writes other than the FP ones,
//! `mret`/`sret`, `fence.i`, a trap loop. An engine ends its work exactly
//! at the deadline (splitting a block if it must), so the same program
//! retires the same instructions between the same events under any engine.
//!
//! Engine contract:
//! - Whenever the engine calls into the machine for anything but the TLB
//!   fast paths (`load_fast`, `store_fast`, `fetch_parcel` hits),
//!   `hart.retired` counts exactly the instructions before the current one
//!   (the `*_slow` accessors take that count and set it), so a device or
//!   counter read sees the time of the reading instruction.
//! - After such a call returns, the engine leaves its block once the
//!   instruction completes if `hart.retired + 1 >= deadline`.
//! - Exceptions go through [`Machine::raise`]; WFI returns
//!   [`EngineExit::Wfi`] with `hart.pc` past it. Interrupts, polling, WFI
//!   waiting, exits, limits, trap loops and the user's quit request are the
//!   loop's business, never the engine's.
//! - Code changes reach the engine through [`Engine::invalidate`], always
//!   between two calls of `run_until`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{GuestExit, Machine};
use crate::csr::state::irq;
use crate::hart::REQUEST_RETURN;
use crate::trap::Exception;

/// Retired instructions between device polls (and quit checks). Each
/// poll returns from generated code to Rust, and near it a compiled block
/// that does not fit before the deadline is interpreted; at 2^14 that was
/// 6 % of the JIT's integer benchmark. 2^16 is under a millisecond of
/// console latency even in the interpreter; timers have their own exact
/// deadline.
pub const POLL_INTERVAL: u64 = 1 << 16;
/// Consecutive traps with no instruction retired that count as a loop.
const TRAP_LOOP_LIMIT: u32 = 1000;

/// Limits on a run.
#[derive(Clone, Debug, Default)]
pub struct RunLimits {
    /// Stop after exactly this many instructions, counted from the start of
    /// this run.
    pub max_insns: Option<u64>,
    /// Stop as soon as this is set (the user typed Ctrl-A x); checked at
    /// every deadline and while the hart waits in WFI.
    pub quit: Option<Arc<AtomicBool>>,
}

/// Why a run stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The guest exited with this status (finisher or HTIF).
    Exit(u32),
    /// The guest asked for a reset.
    Reset,
    /// `max_insns` ran out.
    InsnLimit,
    /// The hart kept trapping without retiring anything.
    TrapLoop {
        /// `mcause`/`scause` of the last trap.
        cause: u32,
        /// The pc that kept trapping.
        pc: u32,
    },
    /// WFI with nothing that could ever wake the hart.
    Halted {
        /// pc after the WFI.
        pc: u32,
    },
    /// The quit flag was set.
    Quit,
}

/// Why [`Engine::run_until`] returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EngineExit {
    /// `hart.retired` reached the deadline.
    Deadline,
    /// A WFI retired and the hart should wait; `hart.pc` is past it.
    Wfi,
}

/// Code that changed under cached translations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeChange<'a> {
    /// These RAM lines (index = RAM offset / [`super::CODE_LINE_BYTES`])
    /// were written.
    Lines(&'a [u32]),
    /// Anything may have changed (`fence.i`).
    All,
}

/// An execution engine: runs instructions on a [`Machine`] until soc's
/// deadline. See the module docs for the contract.
pub trait Engine {
    /// Runs until `hart.retired` reaches `m.deadline()` (which may move to
    /// "now" while it runs) or a WFI retires.
    fn run_until(&mut self, m: &mut Machine) -> EngineExit;
    /// Drops translations of code that changed.
    fn invalidate(&mut self, change: CodeChange<'_>);
    /// Ends the engine's work: flushes what it writes beside the machine
    /// (a commit log) and returns the first error writing it met.
    fn finish(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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
    /// The quit flag was set while waiting.
    Quit,
}

/// The loop's bookkeeping inside the machine: trap-loop detection and the
/// stop it found.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct RunState {
    trap_streak: u32,
    last_trap_retired: u64,
    stop: Option<Stop>,
}

impl Machine {
    /// Runs the machine with `engine` until the guest exits, a limit is
    /// reached or the quit flag is set.
    pub fn run(&mut self, engine: &mut dyn Engine, limits: &RunLimits) -> Stop {
        let limit = limits
            .max_insns
            .map_or(u64::MAX, |n| self.hart.retired.saturating_add(n));
        let quit = limits.quit.as_deref();
        let mut next_poll = self.hart.retired;
        loop {
            if self.hart.retired >= next_poll {
                self.poll();
                next_poll = self.hart.retired.saturating_add(POLL_INTERVAL);
            }
            if let Some(stop) = self.stop_reason(limit, quit) {
                return stop;
            }
            self.apply_code_changes(engine);
            self.refresh_interrupts();
            if let Some(irq) = self.pending_interrupt() {
                self.take_interrupt(irq);
            }
            self.hart.deadline = next_poll.min(limit).min(self.timer_deadline());
            self.hart.request = 0;
            if engine.run_until(self) == EngineExit::Wfi {
                match self.wait_for_interrupt(quit) {
                    Wake::Interrupt | Wake::Resume | Wake::Exit | Wake::Quit => {}
                    Wake::Never => return Stop::Halted { pc: self.hart.pc },
                }
            }
        }
    }

    /// The retired count at which the engine must return: it never runs an
    /// instruction with `hart.retired >= deadline`.
    #[inline(always)]
    pub fn deadline(&self) -> u64 {
        self.hart.deadline
    }

    /// Moves the deadline to now: the engine returns after the current
    /// instruction. Called wherever the state an instruction boundary
    /// looks at may have changed.
    pub fn end_run_now(&mut self) {
        self.hart.deadline = 0;
        self.hart.request |= REQUEST_RETURN;
    }

    /// Takes exception `e` raised by the instruction at `pc`, with `retired`
    /// instructions retired before it: the one way an engine (or a helper
    /// called from generated code) reports a fault. Every effect of the
    /// instructions before it must already be visible. Counts traps that
    /// retire nothing: a long streak ends the run as [`Stop::TrapLoop`].
    pub fn raise(&mut self, e: Exception, pc: u32, retired: u64) {
        self.hart.pc = pc;
        self.hart.retired = retired;
        self.take_trap(e);
        let run = &mut self.run_state;
        if retired != run.last_trap_retired {
            run.trap_streak = 0;
            run.last_trap_retired = retired;
            return;
        }
        run.trap_streak += 1;
        if run.trap_streak >= TRAP_LOOP_LIMIT {
            run.stop = Some(Stop::TrapLoop {
                cause: e.cause(),
                pc,
            });
            self.end_run_now();
        }
    }

    /// Records a guest exit request; the engine returns at once.
    pub(crate) fn guest_exit(&mut self, exit: GuestExit) {
        self.exit = Some(exit);
        self.end_run_now();
    }

    /// Why the run must stop now, if it must.
    fn stop_reason(&mut self, limit: u64, quit: Option<&AtomicBool>) -> Option<Stop> {
        if let Some(exit) = self.exit.take() {
            return Some(match exit {
                GuestExit::Exit(code) => Stop::Exit(code),
                GuestExit::Reset => Stop::Reset,
            });
        }
        if let Some(stop) = self.run_state.stop.take() {
            return Some(stop);
        }
        if quit.is_some_and(|q| q.load(Ordering::Relaxed)) {
            return Some(Stop::Quit);
        }
        (self.hart.retired >= limit).then_some(Stop::InsnLimit)
    }

    /// Hands the code changes recorded since the last call to the engine.
    fn apply_code_changes(&mut self, engine: &mut dyn Engine) {
        let code = &mut self.code;
        if code.flush_all {
            code.flush_all = false;
            code.dirty.clear();
            engine.invalidate(CodeChange::All);
        } else if !code.dirty.is_empty() {
            engine.invalidate(CodeChange::Lines(&code.dirty));
            code.dirty.clear();
        }
    }

    /// Deterministic mode: the retired count at which the next enabled
    /// timer compare is reached (`u64::MAX` with host time or no timer).
    fn timer_deadline(&self) -> u64 {
        if !self.clock.is_deterministic() {
            return u64::MAX;
        }
        let now = self.mtime();
        self.next_timer_deadline(now)
            .map_or(u64::MAX, |d| self.clock.retired_at(d, self.hart.retired))
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
    /// (regardless of the global enables), the guest exits or `quit` is
    /// set. Only enabled timers and external interrupts can end the wait:
    /// with nothing but software interrupts enabled (which only this hart
    /// could raise) WFI completes at once, as the spec allows; with nothing
    /// enabled at all the hart could never wake, and that is reported. In
    /// deterministic mode time jumps to the next timer deadline instead of
    /// sleeping.
    pub fn wait_for_interrupt(&mut self, quit: Option<&AtomicBool>) -> Wake {
        /// Longest host sleep between input polls and quit checks.
        const MAX_SLEEP: std::time::Duration = std::time::Duration::from_millis(5);
        loop {
            self.poll();
            if self.exit.is_some() {
                return Wake::Exit;
            }
            if quit.is_some_and(|q| q.load(Ordering::Relaxed)) {
                return Wake::Quit;
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
}
