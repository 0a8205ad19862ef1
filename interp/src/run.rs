//! The interpreter's side of soc's run loop (`soc::machine::Engine`): runs
//! cached blocks until the machine's deadline, splitting a block when the
//! deadline falls inside it, and leaving one right after an instruction
//! whose slow path moved the deadline to now. With a tracer it runs one
//! instruction at a time (the commit log needs each one's state before
//! it); an observer is shown each instruction of the cached blocks as it
//! retires.

use std::io::Write;

use crate::cache::BlockCache;
use crate::exec::{self, Flow, Leave};
use crate::observe::Observer;
use crate::trace::Tracer;
use soc::addr::VirtAddr;
use soc::isa::{self, Insn};
use soc::machine::{CodeChange, Engine, EngineExit, Machine, RunLimits, Stop};
use soc::trap::Exception;

/// The interpreter: a block cache, an optional commit-log tracer and an
/// optional observer of retired instructions.
#[derive(Default)]
pub struct Interp {
    cache: BlockCache,
    /// The block that ran last, to follow or record its link.
    previous: Option<crate::cache::BlockId>,
    tracer: Option<Tracer>,
    observer: Option<Box<dyn Observer>>,
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

    /// Shows every retired instruction to `observer`, in order.
    pub fn set_observer(&mut self, observer: Box<dyn Observer>) {
        self.observer = Some(observer);
    }

    /// Runs `m` under soc's run loop until the guest exits or a limit is
    /// reached.
    pub fn run(&mut self, m: &mut Machine, limits: RunLimits) -> Stop {
        m.run(self, &limits)
    }

    /// Drops every cached block, and with them the id of the last block run.
    fn clear_cache(&mut self) {
        self.cache.clear();
        self.previous = None;
    }

    /// Reports exception `e` at `hart.pc` (traced first) to the machine.
    fn raise(&mut self, m: &mut Machine, e: Exception) {
        if let Some(t) = self.tracer.as_mut() {
            t.trap(m, e);
        }
        m.raise(e, m.hart.pc, m.hart.retired);
    }

    /// Runs one block at `hart.pc`, showing each retired instruction to the
    /// observer when `OBSERVED`. Returns `Ok(true)` when it ended in a
    /// WFI that should wait (`hart.pc` is then past it), or the exception
    /// raised (with `hart.pc` at the faulting instruction and `retired`
    /// counting only what completed).
    #[inline(always)]
    fn step_block<const OBSERVED: bool>(&mut self, m: &mut Machine) -> Result<bool, Exception> {
        let pc = m.hart.pc;
        let ctx = m.fetch_context();
        let linked = self
            .previous
            .and_then(|from| self.cache.follow(from, pc, ctx));
        let id = match linked {
            Some(id) => id,
            None => {
                let paddr = m
                    .translate_fetch(VirtAddr(pc))
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
                    return self.step_single::<OBSERVED>(m);
                };
                if let Some(from) = self.previous {
                    self.cache.link(from, pc, ctx, id);
                }
                id
            }
        };
        let insns = &self.cache.block(id).insns;
        let observer = &mut self.observer;
        let start = m.hart.retired;
        let room = m.deadline() - start;
        if insns.len() as u64 > room {
            // The deadline falls inside the block: run only its first part.
            self.previous = None;
            return match run_body::<OBSERVED>(m, &insns[..room as usize], pc, start, observer) {
                Ok(pc) => {
                    m.hart.pc = pc;
                    m.hart.retired = start + room;
                    Ok(false)
                }
                Err(left) => left.into_result(),
            };
        }
        self.previous = Some(id);
        let (last, body) = insns.split_last().expect("blocks are never empty");
        let pc = match run_body::<OBSERVED>(m, body, pc, start, observer) {
            Ok(pc) => pc,
            Err(left) => {
                self.previous = None;
                return left.into_result();
            }
        };
        // Counters read by the last instruction (the only one that may be
        // a CSR access) see everything before it.
        m.hart.retired = start + body.len() as u64;
        let flow = exec::end(m, last, pc).inspect_err(|_| m.hart.pc = pc)?;
        m.hart.retired += 1;
        let wfi = advance(m, flow, pc, last.len);
        if let (true, Some(o)) = (OBSERVED, observer.as_mut()) {
            o.retired(m, last, pc);
        }
        Ok(wfi)
    }

    /// Runs the one instruction at `hart.pc` without the cache (it straddles
    /// a page boundary), showing it to the observer when `OBSERVED`.
    fn step_single<const OBSERVED: bool>(&mut self, m: &mut Machine) -> Result<bool, Exception> {
        let pc = m.hart.pc;
        let insn = fetch(m, pc)?;
        let wfi = self.execute_one(m, &insn, pc)?;
        if let (true, Some(o)) = (OBSERVED, self.observer.as_mut()) {
            o.retired(m, &insn, pc);
        }
        Ok(wfi)
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
        if let (Some(o), Ok(_)) = (self.observer.as_mut(), &result) {
            o.retired(m, &insn, pc);
        }
        result
    }
}

/// How [`run_body`] stopped early; `hart.pc` and `hart.retired` are set.
enum Left {
    /// An instruction trapped (`hart.pc` is at it).
    Trap(Exception),
    /// An instruction completed and moved the deadline to now (`hart.pc`
    /// is past it).
    Now,
}

impl Left {
    /// What the block step returns after leaving early.
    fn into_result(self) -> Result<bool, Exception> {
        match self {
            Left::Trap(e) => Err(e),
            Left::Now => Ok(false),
        }
    }
}

/// Runs `body`, instructions that do not end a block, from `pc` with
/// `start` retired before the first; returns the pc after them. When
/// `OBSERVED`, each instruction that completes is shown to `observer`
/// with `hart.pc` and `hart.retired` already past it.
#[inline(always)]
fn run_body<const OBSERVED: bool>(
    m: &mut Machine,
    body: &[Insn],
    mut pc: u32,
    start: u64,
    observer: &mut Option<Box<dyn Observer>>,
) -> Result<u32, Left> {
    for (n, insn) in body.iter().enumerate() {
        let retired = start + n as u64;
        let stepped = exec::step(m, insn, pc, retired);
        let next = pc.wrapping_add(u32::from(insn.len));
        if let Err(Leave::Trap(e)) = stepped {
            m.hart.pc = pc;
            m.hart.retired = retired;
            return Err(Left::Trap(e));
        }
        if let (true, Some(o)) = (OBSERVED, observer.as_mut()) {
            m.hart.pc = next;
            m.hart.retired = retired + 1;
            o.retired(m, insn, pc);
        }
        if let Err(Leave::Now) = stepped {
            m.hart.pc = next;
            m.hart.retired = retired + 1;
            return Err(Left::Now);
        }
        pc = next;
    }
    Ok(pc)
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

impl Interp {
    /// Runs one block at `hart.pc` (one instruction when tracing), at most
    /// up to the machine's deadline, and reports any exception it took to
    /// the machine. Returns whether a WFI retired and the hart should wait.
    /// This is also the JIT's fallback for code it does not translate.
    pub fn step(&mut self, m: &mut Machine) -> bool {
        let stepped = if self.tracer.is_some() {
            self.step_traced(m)
        } else if self.observer.is_some() {
            self.step_block::<true>(m)
        } else {
            self.step_block::<false>(m)
        };
        match stepped {
            Ok(wfi) => wfi,
            Err(e) => {
                self.raise(m, e);
                false
            }
        }
    }

    /// Whether every retired instruction must be seen (a commit-log tracer
    /// or an observer is installed), so that the JIT leaves all code to the
    /// interpreter.
    pub fn is_tracing(&self) -> bool {
        self.tracer.is_some() || self.observer.is_some()
    }
}

impl Engine for Interp {
    fn run_until(&mut self, m: &mut Machine) -> EngineExit {
        while m.hart.retired < m.deadline() {
            if self.step(m) {
                return EngineExit::Wfi;
            }
        }
        EngineExit::Deadline
    }

    fn invalidate(&mut self, change: CodeChange<'_>) {
        match change {
            CodeChange::All => self.clear_cache(),
            CodeChange::Lines(lines) => {
                for &line in lines {
                    self.cache.invalidate_ram_line(line);
                }
                self.previous = None;
            }
        }
    }

    /// Ends tracing: flushes the commit log and returns the first error
    /// writing it met (the run itself carries on past such an error).
    fn finish(&mut self) -> std::io::Result<()> {
        self.tracer.take().map_or(Ok(()), Tracer::finish)
    }
}

/// Fetches and decodes the instruction at virtual `pc`, parcel by parcel,
/// so that a fault on either half reports that half's address.
pub fn fetch(m: &mut Machine, pc: u32) -> Result<Insn, Exception> {
    let lo = m.fetch_parcel(VirtAddr(pc))?;
    let raw = if isa::insn_len(lo) == 2 {
        u32::from(lo)
    } else {
        u32::from(lo) | u32::from(m.fetch_parcel(VirtAddr(pc).wrapping_add(2))?) << 16
    };
    Ok(isa::decode(raw))
}
