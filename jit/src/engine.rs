//! The JIT engine: soc's `Engine` over translated blocks, with the
//! interpreter for everything else.
//!
//! Blocks are found by virtual pc and the physical address it fetches from
//! (translated code embeds its pc). A block runs in the interpreter until it
//! has run [`Jit::threshold`] times; then its translatable prefix is
//! compiled. A compiled block of `n` instructions runs only when
//! `retired + n <= deadline` (`n` counting what may run after it before
//! the next check, see `translate::deadline_budgets`); otherwise the
//! interpreter runs up to the deadline and stops exactly there. Blocks the translator cannot start
//! (a system instruction other than a CSR access, a page-straddling
//! instruction, a fetch fault) always go to the interpreter.
//!
//! Compiled blocks run back to back in generated code (chain slots and the
//! jump cache, see `chain.rs`); the loop here enters them through the jump
//! cache (validated by the fetch TLB) or, on a miss, the hash map, links
//! the chain slots that blocks return, and runs the interpreter where a
//! block refused to start because it does not fit before the deadline.
//!
//! Code watching is soc's: translating a block watches its bytes
//! (`decode_block`), and [`Engine::invalidate`] drops the translations on
//! the lines reported (and the interpreter's blocks there), unlinking
//! every chain into them.

use std::time::{Duration, Instant};

use interp::Interp;
use interp::cache::decode_block;
use rustc_hash::FxHashMap;
use soc::addr::{PhysAddr, VirtAddr};
use soc::isa::Insn;
use soc::machine::{CODE_LINE_SHIFT, CodeChange, Engine, EngineExit, Machine};
use soc::memmap::RAM_BASE;
use soc::mmu::PAGE_SHIFT;

use crate::chain::{Chains, Key, fetch_addend, ret};
use crate::exec::{CodeBuffer, Entry, Helpers};
use crate::perf_map::PerfMap;
use crate::translate::{Exits, Member, Translator, translated_len};

/// Runs of a block in the interpreter before it is compiled, by default.
/// Compiling a block costs about as much as interpreting it a few
/// thousand times, so a block is compiled once it has cost that much in
/// the interpreter (a rent-or-buy rule): lukewarm start-up code stays
/// interpreted, and the benchmarks' compile share drops from about half
/// the run at 16 to about a tenth.
pub const DEFAULT_THRESHOLD: u32 = 2048;

/// Most guest blocks one translation (a region) covers.
const MAX_MEMBERS: usize = 16;

/// Most guest instructions a region grows to: the compile time of a
/// function grows faster than its size (the register allocator), and the
/// long blocks of FP code gain little from joining.
const MAX_REGION_INSNS: usize = 96;

/// A successor joins a region when it ran at least `threshold /
/// MEMBER_SHARE` times in the interpreter: code the entry reached while it
/// warmed up, not paths that were never taken.
const MEMBER_SHARE: u32 = 8;

/// A decoded guest block on its way into a region.
struct Decoded {
    pc: u32,
    paddr: PhysAddr,
    insns: Vec<Insn>,
    /// Its length in bytes (all of it is watched).
    bytes: u32,
    /// How many of its instructions the translator covers.
    len: usize,
}

impl Decoded {
    /// Its translated part, as a region member.
    fn member(&self) -> Member<'_> {
        Member {
            pc: self.pc,
            insns: &self.insns[..self.len],
        }
    }
}

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
    /// Regions compiled.
    pub compiled: u64,
    /// Guest blocks in them.
    pub members: u64,
    /// Time spent translating and compiling.
    pub compile_time: Duration,
    /// Instructions retired in compiled code.
    pub jit_insns: u64,
    /// Block exits that went on in generated code (chained or through
    /// the jump cache).
    pub chained_exits: u64,
    /// Returns from generated code to Rust.
    pub rust_exits: u64,
}

/// The JIT engine.
pub struct Jit {
    interp: Interp,
    translator: Translator,
    code: CodeBuffer,
    chains: Chains,
    /// The dispatch stub's entry.
    dispatch: Entry,
    slots: FxHashMap<Key, Slot>,
    /// Per physical code line: the slots whose blocks touch it.
    by_line: FxHashMap<u32, Vec<Key>>,
    /// Flushes so far (a chain slot returned before one is stale).
    flushes: u64,
    threshold: u32,
    stats: JitStats,
    /// Where installed code is named for host profilers (`--perf-map`).
    perf_map: Option<PerfMap>,
}

impl Jit {
    /// A JIT that compiles blocks after `threshold` interpreted runs (0:
    /// on first sight), naming its code in `perf_map` if given.
    pub fn new(threshold: u32, mut perf_map: Option<PerfMap>) -> Result<Jit, String> {
        let mut translator = Translator::new()?;
        let chains = Chains::new();
        let stub_failed = || "JIT: cannot compile the entry stubs".to_string();
        let trampoline = translator.trampoline().ok_or_else(stub_failed)?;
        let mut code = CodeBuffer::new(&trampoline).map_err(|e| format!("JIT code memory: {e}"))?;
        let dispatch_code = translator
            .dispatch(chains.jump_base(), chains.counter())
            .ok_or_else(stub_failed)?;
        let dispatch = code.install(&dispatch_code).ok_or_else(stub_failed)?;
        let table = code.helper_table();
        let helpers = Helpers::build(|kind, target| {
            let thunk = translator.thunk(kind, target, table)?;
            let entry = code.install(&thunk)?;
            if let Some(map) = &mut perf_map {
                map.record(entry.0, thunk.len(), &format!("jit:thunk:{kind:?}"));
            }
            Some(entry.0)
        })
        .ok_or_else(stub_failed)?;
        code.set_helpers(helpers);
        code.keep();
        if let Some(map) = &mut perf_map {
            map.record(code.trampoline().0, trampoline.len(), "jit:trampoline");
            map.record(dispatch.0, dispatch_code.len(), "jit:dispatch");
        }
        Ok(Jit {
            interp: Interp::new(),
            translator,
            code,
            chains,
            dispatch,
            slots: FxHashMap::default(),
            by_line: FxHashMap::default(),
            flushes: 0,
            threshold,
            stats: JitStats::default(),
            perf_map,
        })
    }

    /// The counters so far.
    pub fn stats(&self) -> JitStats {
        JitStats {
            chained_exits: self.chains.chained(),
            ..self.stats
        }
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
    fn slot(&mut self, m: &mut Machine) -> Option<(Key, Slot)> {
        let pc = m.hart.pc;
        let paddr = m.translate_fetch(VirtAddr(pc)).ok()?;
        Some(self.slot_at(m, (pc, paddr)))
    }

    /// The slot for `key`, compiling the block once it is hot.
    fn slot_at(&mut self, m: &mut Machine, key: Key) -> (Key, Slot) {
        let slot = *self.slots.entry(key).or_insert(Slot::Warm(0));
        let slot = match slot {
            Slot::Warm(n) if n >= self.threshold => self.compile(m, key),
            Slot::Warm(n) => {
                self.slots.insert(key, Slot::Warm(n + 1));
                slot
            }
            other => other,
        };
        (key, slot)
    }

    /// Compiles the region entered at `key` and records the result.
    fn compile(&mut self, m: &mut Machine, key: Key) -> Slot {
        let began = Instant::now();
        let region = self.region(m, key);
        if self.chains.slots_left() < 2 * MAX_MEMBERS {
            self.flush();
        }
        let slots = (0..2 * region.len())
            .filter_map(|_| self.chains.alloc_slot())
            .collect();
        let exits = Exits {
            dispatch: self.dispatch.0,
            counter: self.chains.counter(),
            slots,
        };

        let members: Vec<Member<'_>> = region.iter().map(Decoded::member).collect();
        let direct_reads = m.hart.ram_window != 0;
        let code = (!members.is_empty())
            .then(|| self.translator.translate(&members, exits, direct_reads))
            .flatten();
        let slot = match code.map(|c| (self.code.install(&c), c.len())) {
            // The buffer is full: everything is dropped (the slots this
            // code links to as well), and the region compiles again when
            // it is hot again.
            Some((None, _)) => {
                self.flush();
                Slot::Warm(0)
            }
            Some((Some(entry), size)) => {
                if let Some(map) = &mut self.perf_map {
                    map.record_block(entry.0, size, key.0);
                }
                self.stats.compiled += 1;
                self.stats.members += members.len() as u64;
                self.enter_at_members(&region, entry);
                Slot::Compiled {
                    entry,
                    len: members[0].insns.len() as u32,
                }
            }
            None => Slot::Interpreted,
        };
        if !matches!(slot, Slot::Compiled { .. }) {
            for block in &region {
                self.watch(key, block.paddr, block.bytes);
            }
        }
        self.slots.insert(key, slot);
        self.stats.compile_time += began.elapsed();
        slot
    }

    /// Lists the region at `entry` under the key of each of its members not
    /// compiled yet (a region can be entered at any member), each key
    /// watching every member's lines.
    fn enter_at_members(&mut self, region: &[Decoded], entry: Entry) {
        for (k, member) in region.iter().enumerate() {
            let key = (member.pc, member.paddr);
            if k > 0 && matches!(self.slots.get(&key), Some(Slot::Compiled { .. })) {
                continue;
            }
            for block in region {
                self.watch(key, block.paddr, block.bytes);
            }
            let len = member.len as u32;
            self.slots.insert(key, Slot::Compiled { entry, len });
        }
    }

    /// The blocks of the region entered at `key`: that block, then (breadth
    /// first) the direct successors on its virtual page that ran at least
    /// a [`MEMBER_SHARE`] of the threshold in the interpreter or are
    /// compiled (at threshold 0, every one), up to [`MAX_MEMBERS`] and
    /// [`MAX_REGION_INSNS`]; each decoded, so watched. Empty when the entry cannot be translated.
    fn region(&mut self, m: &mut Machine, key: Key) -> Vec<Decoded> {
        let (pc, paddr) = key;
        let mut region: Vec<Decoded> = Vec::new();
        let mut queue = std::collections::VecDeque::from([pc]);
        let min_runs = self.threshold / MEMBER_SHARE;
        while let Some(at) = queue.pop_front() {
            if region.len() == MAX_MEMBERS {
                break;
            }
            if region.iter().any(|d| d.pc == at) {
                continue;
            }
            let key = (at, PhysAddr(paddr.0.wrapping_add(at.wrapping_sub(pc))));
            let seen = match self.slots.get(&key) {
                _ if at == pc => true,
                Some(Slot::Warm(n)) => *n >= min_runs,
                Some(Slot::Compiled { .. }) => true,
                Some(Slot::Interpreted) => false,
                None => min_runs == 0,
            };
            if !seen {
                continue;
            }
            let Some((insns, bytes)) = decode_block(m, key.1) else {
                continue;
            };
            let len = translated_len(&insns);
            let size: usize = region.iter().map(|d| d.len).sum();
            if at != pc && size + len > MAX_REGION_INSNS {
                continue;
            }
            if len == 0 {
                if at == pc {
                    // The entry's bytes stay watched with its slot.
                    self.watch(key, key.1, bytes);
                    return Vec::new();
                }
                continue;
            }
            let block = Decoded {
                pc: at,
                paddr: key.1,
                insns,
                bytes,
                len,
            };
            queue.extend(
                (block.member().successors()).filter(|t| t >> PAGE_SHIFT == pc >> PAGE_SHIFT),
            );
            region.push(block);
        }
        region
    }

    /// Lists `key` under the code lines of the `bytes` from `paddr`.
    fn watch(&mut self, key: Key, paddr: PhysAddr, bytes: u32) {
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
        self.chains.clear();
        self.flushes += 1;
    }

    /// The compiled entry for `hart.pc`: from the jump cache when its entry
    /// is valid for the current fetch translation, else from the map
    /// (compiling a hot block), remembered in the cache. `None`: the
    /// interpreter runs it (or raises the fetch fault).
    fn lookup(&mut self, m: &mut Machine) -> Option<Entry> {
        let pc = m.hart.pc;
        let paddr = m.translate_fetch(VirtAddr(pc)).ok()?;
        let addend = fetch_addend(pc, paddr);
        if let Some(entry) = addend.and_then(|a| self.chains.lookup(pc, a)) {
            return Some(Entry(entry));
        }
        let (_, Slot::Compiled { entry, .. }) = self.slot_at(m, (pc, paddr)) else {
            return None;
        };
        if let Some(a) = addend {
            self.chains.remember(pc, a, entry.0);
        }
        Some(entry)
    }

    /// Links the chain slot at `slot`, just returned by a block whose exit
    /// went to `hart.pc` on its own page, once that target is compiled.
    fn link(&mut self, m: &mut Machine, slot: u64) {
        let pc = m.hart.pc;
        let Ok(paddr) = m.translate_fetch(VirtAddr(pc)) else {
            return;
        };
        let flushes = self.flushes;
        if let (key, Slot::Compiled { entry, .. }) = self.slot_at(m, (pc, paddr))
            && self.flushes == flushes
        {
            self.chains.link(slot, key, entry.0);
        }
    }

    /// Runs compiled code from `hart.pc` as far as it goes, or one block in
    /// the interpreter. Returns whether a WFI retired.
    fn step(&mut self, m: &mut Machine) -> bool {
        if self.interp.is_tracing() {
            return self.interp.step(m);
        }
        let Some(entry) = self.lookup(m) else {
            return self.interp.step(m);
        };
        let before = m.hart.retired;
        let code = self.code.call(entry, m);
        self.stats.jit_insns += m.hart.retired - before;
        self.stats.rust_exits += 1;
        match code {
            ret::RAN | ret::MISS => false,
            // The block at `hart.pc` does not fit: the interpreter runs up
            // to the deadline (less than a block), in one call.
            ret::REFUSED => self.interp.run_until(m) == EngineExit::Wfi,
            // The instruction there needs the exact path.
            ret::INTERPRET if m.hart.retired < m.deadline() => self.interp.step(m),
            ret::INTERPRET => false,
            slot => {
                self.link(m, slot);
                false
            }
        }
    }

    /// The first error writing the perf map, if any (it names the file).
    pub fn perf_map_status(&mut self) -> std::io::Result<()> {
        self.perf_map.as_mut().map_or(Ok(()), PerfMap::status)
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
                        if let Some(Slot::Compiled { entry, .. }) = self.slots.remove(&key) {
                            self.chains.drop_block(key, entry.0);
                        }
                    }
                }
            }
        }
    }
}
