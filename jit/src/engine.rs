//! The JIT engine: soc's `Engine` over translated blocks, with the
//! interpreter for everything else.
//!
//! Blocks are found by virtual pc and the physical address it fetches from
//! (translated code embeds its pc). A block runs in the interpreter until it
//! has run [`Jit::threshold`] times; then its translatable prefix is
//! compiled. A compiled block of `n` instructions runs only when
//! `retired + n <= deadline`; otherwise the interpreter runs it, and it
//! can stop exactly at the deadline. Blocks the translator cannot start
//! (a CSR access, an FP instruction, a page-straddling instruction, a fetch
//! fault) always go to the interpreter.
//!
//! Code watching is soc's: translating a block watches its bytes
//! (`decode_block`), and [`Engine::invalidate`] drops the translations on
//! the lines reported (and the interpreter's blocks there).

use std::time::{Duration, Instant};

use interp::Interp;
use interp::cache::decode_block;
use rustc_hash::FxHashMap;
use soc::addr::{PhysAddr, VirtAddr};
use soc::machine::{CODE_LINE_SHIFT, CodeChange, Engine, EngineExit, Machine};
use soc::memmap::RAM_BASE;

use crate::exec::{CodeBuffer, Entry};
use crate::translate::{Translator, translated_len};

/// Runs of a block in the interpreter before it is compiled, by default.
pub const DEFAULT_THRESHOLD: u32 = 16;

/// What the engine knows about the block at one (pc, paddr).
#[derive(Clone, Copy, Debug)]
enum Slot {
    /// Interpreted this many times so far.
    Warm(u32),
    /// Compiled: `len` instructions at `entry`.
    Compiled { entry: Entry, len: u32 },
    /// Not translatable: always interpreted.
    Interpreted,
}

/// Counters for `--stats`.
#[derive(Clone, Copy, Debug, Default)]
pub struct JitStats {
    /// Blocks compiled.
    pub compiled: u64,
    /// Time spent translating and compiling.
    pub compile_time: Duration,
    /// Instructions retired in compiled code.
    pub jit_insns: u64,
}

/// The JIT engine.
pub struct Jit {
    interp: Interp,
    translator: Translator,
    code: CodeBuffer,
    slots: FxHashMap<(u32, PhysAddr), Slot>,
    /// Per physical code line: the slots whose blocks touch it.
    by_line: FxHashMap<u32, Vec<(u32, PhysAddr)>>,
    threshold: u32,
    stats: JitStats,
}

impl Jit {
    /// A JIT that compiles blocks after `threshold` interpreted runs (0:
    /// on first sight).
    pub fn new(threshold: u32) -> Result<Jit, String> {
        Ok(Jit {
            interp: Interp::new(),
            translator: Translator::new()?,
            code: CodeBuffer::new().map_err(|e| format!("JIT code memory: {e}"))?,
            slots: FxHashMap::default(),
            by_line: FxHashMap::default(),
            threshold,
            stats: JitStats::default(),
        })
    }

    /// The counters so far.
    pub fn stats(&self) -> JitStats {
        self.stats
    }

    /// How many instructions the next step would run as compiled code, or
    /// `None` if the interpreter will run it (for lockstep comparison).
    pub fn next_compiled_len(&mut self, m: &mut Machine) -> Option<u64> {
        match self.slot(m)? {
            (_, Slot::Compiled { len, .. }) => Some(u64::from(len)),
            _ => None,
        }
    }

    /// The slot for `hart.pc`, compiling the block once it is hot; `None`
    /// when the fetch faults (the interpreter raises it).
    fn slot(&mut self, m: &mut Machine) -> Option<((u32, PhysAddr), Slot)> {
        let pc = m.hart.pc;
        let paddr = m.translate_fetch(VirtAddr(pc)).ok()?;
        let key = (pc, paddr);
        let slot = *self.slots.entry(key).or_insert(Slot::Warm(0));
        let slot = match slot {
            Slot::Warm(n) if n >= self.threshold => self.compile(m, key),
            Slot::Warm(n) => {
                self.slots.insert(key, Slot::Warm(n + 1));
                slot
            }
            other => other,
        };
        Some((key, slot))
    }

    /// Compiles the block at `key` and records the result.
    fn compile(&mut self, m: &mut Machine, key: (u32, PhysAddr)) -> Slot {
        let began = Instant::now();
        let (pc, paddr) = key;
        let slot = match decode_block(m, paddr) {
            Some((insns, bytes)) => {
                let len = translated_len(&insns);
                let code = (len > 0)
                    .then(|| self.translator.translate(&insns[..len], pc))
                    .flatten();
                self.watch(key, paddr, bytes);
                match code.and_then(|c| self.install(&c)) {
                    Some(entry) => {
                        self.stats.compiled += 1;
                        Slot::Compiled {
                            entry,
                            len: len as u32,
                        }
                    }
                    None => Slot::Interpreted,
                }
            }
            None => Slot::Interpreted,
        };
        self.slots.insert(key, slot);
        self.stats.compile_time += began.elapsed();
        slot
    }

    /// Copies compiled code in, flushing everything when the buffer is full.
    fn install(&mut self, code: &[u8]) -> Option<Entry> {
        if let Some(entry) = self.code.install(code) {
            return Some(entry);
        }
        self.flush();
        self.code.install(code)
    }

    /// Lists `key` under the code lines of the `bytes` from `paddr`.
    fn watch(&mut self, key: (u32, PhysAddr), paddr: PhysAddr, bytes: u32) {
        let last = paddr.0.wrapping_add(bytes - 1);
        for line in (paddr.0 >> CODE_LINE_SHIFT)..=(last >> CODE_LINE_SHIFT) {
            self.by_line.entry(line).or_default().push(key);
        }
    }

    /// Drops every translation.
    fn flush(&mut self) {
        self.slots.clear();
        self.by_line.clear();
        self.code.clear();
    }

    /// Runs one block: compiled when it is and fits before the deadline,
    /// else in the interpreter. Returns whether a WFI retired.
    fn step(&mut self, m: &mut Machine) -> bool {
        if !self.interp.is_tracing()
            && let Some((_, Slot::Compiled { entry, len })) = self.slot(m)
            && m.hart.retired + u64::from(len) <= m.deadline()
        {
            let before = m.hart.retired;
            self.code.call(entry, m);
            self.stats.jit_insns += m.hart.retired - before;
            return false;
        }
        self.interp.step(m)
    }

    /// The interpreter the JIT falls back to (for tracing).
    pub fn interp_mut(&mut self) -> &mut Interp {
        &mut self.interp
    }
}

impl Engine for Jit {
    fn run_until(&mut self, m: &mut Machine) -> EngineExit {
        while m.hart.retired < m.deadline() {
            if self.step(m) {
                return EngineExit::Wfi;
            }
        }
        EngineExit::Deadline
    }

    fn finish(&mut self) -> std::io::Result<()> {
        self.interp.finish()
    }

    fn invalidate(&mut self, change: CodeChange<'_>) {
        self.interp.invalidate(change);
        match change {
            CodeChange::All => self.flush(),
            CodeChange::Lines(lines) => {
                for &line in lines {
                    let line = (RAM_BASE >> CODE_LINE_SHIFT).wrapping_add(line);
                    for key in self.by_line.remove(&line).unwrap_or_default() {
                        self.slots.remove(&key);
                    }
                }
            }
        }
    }
}
