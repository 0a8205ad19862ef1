//! How compiled blocks reach each other without Rust in between: per-exit
//! chain slots and the jump cache, both in data memory that generated code
//! reads and only Rust writes (code memory is never written to link).
//!
//! - A **chain slot** belongs to one exit of one block whose target is a
//!   constant pc on the same virtual page as the block (a direct branch,
//!   JAL, or the fall-through). It holds the host address of the target's
//!   compiled entry, or 0 while unlinked; the exit tail-calls a linked slot
//!   and returns the slot's address to Rust otherwise, which links it once
//!   the target is compiled ([`Chains::link`]).
//! - The **jump cache** (direct-mapped by pc) serves every other exit
//!   (JALR, returns, cross-page targets) through one shared compiled stub
//!   (`translate/flow.rs`), and the Rust dispatch loop. An entry holds the
//!   pc, the TLB addend of the page the block was translated from and the
//!   entry; it is used only when the current fetch TLB maps the pc's page
//!   with the same addend, i.e. to the same RAM page, under the current
//!   privilege, `satp` and PMP (soc enters a fetch TLB entry only after a
//!   checked translation with execute permission, and flushes the TLB on
//!   `satp` writes, `sfence.vma` and PMP changes, and selects a table per
//!   privilege).
//!
//! Why a jump between blocks can never bypass what Rust would check:
//! - *Fetch permission, `satp`/`sfence.vma`, privilege.* A block runs only
//!   after its page was validated: from Rust or the stub through the fetch
//!   TLB as above, or through a chain slot from a block on the same
//!   virtual page, which was itself entered validly (induction). Every
//!   instruction that can change the translation or the privilege (CSR
//!   writes, `sfence.vma`, traps, `mret`/`sret`) runs outside compiled code
//!   and ends the run, and a page-table store without `sfence.vma` need not
//!   take effect (the spec lets the TLB keep the old entry).
//! - *Invalidated code.* Stores into watched code always take the slow
//!   path (write TLB tables never hold code pages), which moves the
//!   deadline to now, so the block returns and no further block starts;
//!   soc hands the written lines to the engine before the next run, and
//!   [`Chains::drop_block`] unlinks every slot into a dropped block and
//!   clears its jump-cache entry. A flush clears everything.
//! - *Deadline and interrupts.* Every block checks `retired + len <=
//!   deadline` at its entry and returns without effect otherwise; soc puts
//!   every event (polls, timers, `--max-insns`) into the deadline and moves
//!   it to now when anything changes interrupt state, so a pending
//!   interrupt is taken at the same instruction under either engine.

use core::mem::offset_of;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering::Relaxed};

use rustc_hash::FxHashMap;
use soc::addr::{PhysAddr, VirtAddr};
use soc::mmu::tlb;

/// A block's identity: virtual pc and the physical address it fetches from.
pub type Key = (u32, PhysAddr);

/// Chain slots available between flushes.
const SLOTS: usize = 1 << 18;
/// Jump-cache entries (a power of two).
pub const JUMP_ENTRIES: usize = 1 << 12;
/// A jump-cache pc that matches nothing (pcs are even).
const NO_PC: u32 = u32::MAX;

/// What a block function (or the trampoline) returns to Rust.
pub mod ret {
    /// A block ran and returned (end of a chain, a trap, a leave).
    pub const RAN: u64 = 0;
    /// A block refused to start: it does not fit before the deadline
    /// (`hart.pc` is its pc).
    pub const REFUSED: u64 = 1;
    /// The jump cache had no valid entry for `hart.pc`.
    pub const MISS: u64 = 2;
    /// A block left before an instruction whose generated code covers only
    /// the common case (`hart.pc` is at it, `retired` before it): the
    /// interpreter runs it.
    pub const INTERPRET: u64 = 3;
    // Anything else: the address of an unlinked chain slot; `hart.pc` is
    // its target.
}

/// One jump-cache entry (layout read by the dispatch stub).
#[repr(C)]
pub struct JumpEntry {
    /// Virtual pc, or [`NO_PC`].
    pub pc: AtomicU32,
    /// The fetch TLB addend of the page the block was translated from.
    pub addend: AtomicU32,
    /// Host address of the compiled entry.
    pub entry: AtomicU64,
}

impl JumpEntry {
    /// Offset of `pc`.
    pub const PC_OFFSET: usize = offset_of!(JumpEntry, pc);
    /// Offset of `addend`.
    pub const ADDEND_OFFSET: usize = offset_of!(JumpEntry, addend);
    /// Offset of `entry`.
    pub const ENTRY_OFFSET: usize = offset_of!(JumpEntry, entry);
}

/// The jump-cache index of `pc` (the stub computes the same).
pub fn jump_index(pc: u32) -> usize {
    (pc >> 1) as usize & (JUMP_ENTRIES - 1)
}

/// The fetch TLB addend (`soc::mmu::tlb`) of the RAM page at `paddr` seen
/// at virtual `pc`; `None` outside RAM (such blocks stay out of the cache).
pub fn fetch_addend(pc: u32, paddr: PhysAddr) -> Option<u32> {
    Some(tlb::addend(VirtAddr(pc), paddr.above_ram_base()?))
}

/// Chain slots, the jump cache and the exit counter.
pub struct Chains {
    slots: Box<[AtomicU64]>,
    used: usize,
    /// Per target block: the slots linked to it.
    incoming: FxHashMap<Key, Vec<u32>>,
    jump: Box<[JumpEntry]>,
    /// Exits that stayed in generated code (incremented by it).
    chained: Box<AtomicU64>,
}

impl Chains {
    /// Empty slots and cache.
    pub fn new() -> Chains {
        let jump = (0..JUMP_ENTRIES)
            .map(|_| JumpEntry {
                pc: AtomicU32::new(NO_PC),
                addend: AtomicU32::new(0),
                entry: AtomicU64::new(0),
            })
            .collect();
        Chains {
            slots: (0..SLOTS).map(|_| AtomicU64::new(0)).collect(),
            used: 0,
            incoming: FxHashMap::default(),
            jump,
            chained: Box::new(AtomicU64::new(0)),
        }
    }

    /// Slots not yet handed out.
    pub fn slots_left(&self) -> usize {
        SLOTS - self.used
    }

    /// A fresh (unlinked) slot's host address, if any is left.
    pub fn alloc_slot(&mut self) -> Option<u64> {
        let slot = self.slots.get(self.used)?;
        self.used += 1;
        Some(slot.as_ptr() as u64)
    }

    /// The index of the slot at host address `addr`, if it is one.
    fn slot_index(&self, addr: u64) -> Option<usize> {
        let base = self.slots.as_ptr() as u64;
        let off = addr.checked_sub(base)?;
        let index = (off / 8) as usize;
        (off % 8 == 0 && index < self.used).then_some(index)
    }

    /// Links the slot at `addr` to `target`'s entry.
    pub fn link(&mut self, addr: u64, target: Key, entry: u64) {
        if let Some(i) = self.slot_index(addr) {
            self.slots[i].store(entry, Relaxed);
            self.incoming.entry(target).or_default().push(i as u32);
        }
    }

    /// The jump-cache entry for `pc` whose page has fetch `addend`.
    pub fn lookup(&self, pc: u32, addend: u32) -> Option<u64> {
        let e = &self.jump[jump_index(pc)];
        (e.pc.load(Relaxed) == pc && e.addend.load(Relaxed) == addend)
            .then(|| e.entry.load(Relaxed))
    }

    /// Caches `entry` for `pc` on the page with fetch `addend`.
    pub fn remember(&self, pc: u32, addend: u32, entry: u64) {
        let e = &self.jump[jump_index(pc)];
        e.pc.store(pc, Relaxed);
        e.addend.store(addend, Relaxed);
        e.entry.store(entry, Relaxed);
    }

    /// Unlinks every slot into the block `key` (at `entry`) and drops its
    /// jump-cache entry.
    pub fn drop_block(&mut self, key: Key, entry: u64) {
        for i in self.incoming.remove(&key).unwrap_or_default() {
            self.slots[i as usize].store(0, Relaxed);
        }
        let e = &self.jump[jump_index(key.0)];
        if e.entry.load(Relaxed) == entry {
            e.pc.store(NO_PC, Relaxed);
        }
    }

    /// Forgets every link and cached jump (the code is being flushed).
    pub fn clear(&mut self) {
        for slot in &self.slots[..self.used] {
            slot.store(0, Relaxed);
        }
        self.used = 0;
        self.incoming.clear();
        for e in self.jump.iter() {
            e.pc.store(NO_PC, Relaxed);
        }
    }

    /// Host address of the jump cache, for the dispatch stub.
    pub fn jump_base(&self) -> u64 {
        self.jump.as_ptr() as u64
    }

    /// Host address of the chained-exit counter.
    pub fn counter(&self) -> u64 {
        self.chained.as_ptr() as u64
    }

    /// Exits that stayed in generated code so far.
    pub fn chained(&self) -> u64 {
        self.chained.load(Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_link_and_unlink() {
        let mut c = Chains::new();
        let a = c.alloc_slot().unwrap();
        let b = c.alloc_slot().unwrap();
        assert_eq!(b, a + 8);
        let key = (0x8000_0040, PhysAddr(0x8000_0040));
        c.link(a, key, 0x1234);
        c.link(a + 3, key, 0x1234);
        c.link(b + 8, key, 0x1234);
        assert_eq!(c.slots[0].load(Relaxed), 0x1234);
        assert_eq!(c.slots[2].load(Relaxed), 0, "not handed out");
        c.remember(key.0, 7, 0x1234);
        assert_eq!(c.lookup(key.0, 7), Some(0x1234));
        assert_eq!(c.lookup(key.0, 8), None, "other page");
        assert_eq!(c.lookup(key.0 + 2, 7), None);
        c.drop_block(key, 0x1234);
        assert_eq!(c.slots[0].load(Relaxed), 0);
        assert_eq!(c.lookup(key.0, 7), None);
        c.clear();
        assert_eq!(c.slots_left(), SLOTS);
    }

    #[test]
    fn addends_match_the_tlb() {
        // soc's TLB: RAM offset = vaddr + addend (wrapping).
        let addend = fetch_addend(0x0040_0123, PhysAddr(0x8020_0123)).unwrap();
        assert_eq!(0x0040_0123u32.wrapping_add(addend), 0x0020_0123);
        assert_eq!(fetch_addend(0x1000, PhysAddr(0x1000)), None, "ROM");
    }
}
