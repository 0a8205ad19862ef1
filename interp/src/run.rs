//! The execution loop: blocks, interrupts at block boundaries, periodic
//! device polling, WFI, and the reasons a run stops.

use std::io::Write;

use crate::cache::BlockCache;
use crate::exec::{self, Flow};
use crate::trace::Tracer;
use soc::isa::{self, Insn};
use soc::machine::{GuestExit, Machine, Wake};
use soc::trap::Exception;

/// Retired instructions between device polls.
const POLL_INTERVAL: u64 = 1 << 14;
/// Consecutive traps with no instruction retired that count as a loop.
const TRAP_LOOP_LIMIT: u32 = 1000;

/// Limits on a run.
#[derive(Clone, Copy, Debug, Default)]
pub struct RunLimits {
    /// Stop at the first block boundary after this many instructions
    /// (counted from the start of this run).
    pub max_insns: Option<u64>,
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
}

/// The interpreter: a block cache and an optional commit-log tracer.
#[derive(Default)]
pub struct Interp {
    cache: BlockCache,
    /// The block that ran last, to follow or record its link.
    previous: Option<crate::cache::BlockId>,
    tracer: Option<Tracer>,
    trap_streak: u32,
    last_trap_retired: u64,
}

impl Interp {
    /// An interpreter with an empty cache.
    pub fn new() -> Interp {
        Interp::default()
    }

    /// Writes one commit-log line per retired instruction to `out`.
    pub fn set_trace(&mut self, out: Box<dyn Write + Send>) {
        self.tracer = Some(Tracer::new(out));
    }

    /// Ends tracing: flushes the commit log and returns the first error
    /// writing it met (the run itself carries on past such an error).
    pub fn finish_trace(&mut self) -> std::io::Result<()> {
        self.tracer.take().map_or(Ok(()), Tracer::finish)
    }

    /// Runs `m` until the guest exits or a limit is reached.
    pub fn run(&mut self, m: &mut Machine, limits: RunLimits) -> Stop {
        let limit = limits
            .max_insns
            .map_or(u64::MAX, |n| m.hart.retired.saturating_add(n));
        let mut next_poll = m.hart.retired;
        loop {
            if m.hart.retired >= next_poll {
                m.poll();
                if m.hart.retired >= limit {
                    return Stop::InsnLimit;
                }
                next_poll = m.hart.retired.saturating_add(POLL_INTERVAL).min(limit);
            }
            if let Some(exit) = m.exit.take() {
                return match exit {
                    GuestExit::Exit(code) => Stop::Exit(code),
                    GuestExit::Reset => Stop::Reset,
                };
            }
            if let Some(irq) = m.pending_interrupt() {
                m.take_interrupt(irq);
            }
            let stepped = if self.tracer.is_some() {
                self.step_traced(m)
            } else {
                self.step_block(m)
            };
            match stepped {
                // WFI: wait, then go on with the instruction after it.
                Ok(true) => match m.wait_for_interrupt() {
                    Wake::Interrupt | Wake::Resume | Wake::Exit => {}
                    Wake::Never => return Stop::Halted { pc: m.hart.pc },
                },
                Ok(false) => {}
                Err(e) => {
                    if let Some(stop) = self.trap(m, e) {
                        return stop;
                    }
                }
            }
            if m.flush_code {
                m.flush_code = false;
                m.dirty_code_pages.clear();
                self.clear_cache();
            }
            for page in m.dirty_code_pages.drain(..) {
                self.cache.invalidate_ram_page(page);
            }
        }
    }

    /// Drops every cached block, and with them the id of the last block run.
    fn clear_cache(&mut self) {
        self.cache.clear();
        self.previous = None;
    }

    /// Takes exception `e` at `hart.pc`; reports a trap loop.
    fn trap(&mut self, m: &mut Machine, e: Exception) -> Option<Stop> {
        if let Some(t) = self.tracer.as_mut() {
            t.trap(m, e);
        }
        let pc = m.hart.pc;
        m.take_trap(e);
        if m.hart.retired == self.last_trap_retired {
            self.trap_streak += 1;
            if self.trap_streak >= TRAP_LOOP_LIMIT {
                return Some(Stop::TrapLoop {
                    cause: e.cause(),
                    pc,
                });
            }
        } else {
            self.trap_streak = 0;
            self.last_trap_retired = m.hart.retired;
        }
        None
    }

    /// Runs one block at `hart.pc`. Returns `Ok(true)` when it ended in a
    /// WFI that should wait (`hart.pc` is then past it), or the exception
    /// raised (with `hart.pc` at the faulting instruction and `retired`
    /// counting only what completed).
    #[inline]
    fn step_block(&mut self, m: &mut Machine) -> Result<bool, Exception> {
        let mut pc = m.hart.pc;
        let ctx = m.fetch_context();
        let linked = self
            .previous
            .and_then(|from| self.cache.follow(from, pc, ctx));
        let id = match linked {
            Some(id) => id,
            None => {
                let paddr = m
                    .translate_fetch(pc)
                    .inspect_err(|_| self.previous = None)?;
                let found = match self.cache.get(paddr) {
                    Some(id) => Some(id),
                    None => {
                        if self.cache.is_full() {
                            self.clear_cache();
                        }
                        self.cache.build(m, paddr)
                    }
                };
                let Some(id) = found else {
                    self.previous = None;
                    return self.step_single(m);
                };
                if let Some(from) = self.previous {
                    self.cache.link(from, pc, ctx, id);
                }
                id
            }
        };
        self.previous = Some(id);
        let insns = &self.cache.block(id).insns;
        let start = m.hart.retired;
        // Counters read inside the block (by its last instruction, the only
        // one that may be a CSR access) see everything before it.
        m.hart.retired = start + insns.len() as u64 - 1;
        let (last, body) = insns.split_last().expect("blocks are never empty");
        for (n, insn) in body.iter().enumerate() {
            if let Err(e) = exec::step(m, insn, pc) {
                m.hart.pc = pc;
                m.hart.retired = start + n as u64;
                return Err(e);
            }
            pc = pc.wrapping_add(u32::from(insn.len));
        }
        let flow = exec::end(m, last, pc).inspect_err(|_| {
            m.hart.pc = pc;
            m.hart.retired = start + body.len() as u64;
        })?;
        m.hart.retired = start + insns.len() as u64;
        Ok(advance(m, flow, pc, last.len))
    }

    /// Runs the one instruction at `hart.pc` without the cache (it straddles
    /// a page boundary, or we are tracing).
    fn step_single(&mut self, m: &mut Machine) -> Result<bool, Exception> {
        let pc = m.hart.pc;
        let insn = fetch(m, pc)?;
        self.execute_one(m, &insn, pc)
    }

    fn execute_one(&mut self, m: &mut Machine, insn: &Insn, pc: u32) -> Result<bool, Exception> {
        let flow = exec::end(m, insn, pc)?;
        m.hart.retired += 1;
        Ok(advance(m, flow, pc, insn.len))
    }

    fn step_traced(&mut self, m: &mut Machine) -> Result<bool, Exception> {
        let pc = m.hart.pc;
        let insn = fetch(m, pc)?;
        let before = self.tracer.as_mut().map(|t| t.before(m, &insn));
        let result = self.execute_one(m, &insn, pc);
        if let (Some(t), Some(before), Ok(_)) = (self.tracer.as_mut(), before, &result) {
            t.after(m, &insn, pc, before);
        }
        result
    }
}

/// Moves `hart.pc` past the `len`-byte instruction at `pc` that ended with
/// `flow`; returns whether it was a WFI and the hart should now wait.
#[inline(always)]
fn advance(m: &mut Machine, flow: Flow, pc: u32, len: u8) -> bool {
    m.hart.pc = match flow {
        Flow::Next => pc.wrapping_add(u32::from(len)),
        Flow::Jump(target) | Flow::Wait(target) => target,
    };
    matches!(flow, Flow::Wait(_))
}

/// Fetches and decodes the instruction at virtual `pc`, parcel by parcel,
/// so that a fault on either half reports that half's address.
pub fn fetch(m: &mut Machine, pc: u32) -> Result<Insn, Exception> {
    let lo = m.fetch_parcel(pc)?;
    let raw = if isa::insn_len(lo) == 2 {
        u32::from(lo)
    } else {
        u32::from(lo) | u32::from(m.fetch_parcel(pc.wrapping_add(2))?) << 16
    };
    Ok(isa::decode(raw))
}
