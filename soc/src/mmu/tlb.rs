//! The software TLB (QEMU's "addend" idea).
//!
//! Per translation context ([`TlbSet`]) and access kind, 1024 direct-mapped
//! entries map a virtual page to the offset of its frame in guest RAM: a hit
//! is one compare, and `vaddr + addend` is the RAM offset. An entry evicted
//! by another goes to a victim table of the same size, which the slow path
//! looks at before walking the page tables ([`Tlb::promote`]). Only pages that
//! are RAM, fully allowed by PMP, and (for writes) free of translated code
//! and of the HTIF mailbox are entered; everything else takes the slow path.
//! Writable pages that hold translated code go to a table of their own, the
//! code-write table, which the store slow path looks at first: a hit there
//! costs a line check of the code watch instead of a page walk.
//!
//! The whole TLB is flushed on `satp` writes, `sfence.vma`, `mstatus.MXR`
//! changes and PMP writes (only the sets filled since the last flush are
//! cleared). Privilege and SUM select a set instead of flushing, so system
//! calls do not empty it.

use super::{AccessKind, PAGE_OFFSET_MASK, PAGE_SHIFT};
use crate::addr::{RamOffset, VirtAddr};

/// Entries per table, indexed by [`index`] (generated code indexes the
/// tables the same way).
pub const ENTRIES: usize = 1024;

/// The entry of virtual page `vpn`: its low 10 bits, so that pages less
/// than 4 MiB apart (a program's code, data and stack) never evict each
/// other. Generated code computes it on the way to every load and store,
/// so it is one mask: folding in the next bits, as 256 entries once did,
/// made each access two instructions longer and cost the JIT 7 to 12 % on
/// the benchmarks. Pages that do collide (the starts of 4 MiB-aligned
/// regions, as an OS lays out text, heap and stacks) meet again in the
/// victim table, indexed by [`victim_index`].
#[inline(always)]
pub fn index(vpn: u32) -> usize {
    vpn as usize % ENTRIES
}

/// The victim-table entry of `vpn`: its low 10 bits folded with the next
/// 10, so that pages that share an [`index`] spread out here.
fn victim_index(vpn: u32) -> usize {
    (vpn ^ vpn >> 10) as usize % ENTRIES
}

const INVALID: u32 = u32::MAX;

/// A translation context: which privilege (and SUM) the entries were
/// checked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum TlbSet {
    /// U-mode.
    User = 0,
    /// S-mode with SUM clear.
    Supervisor = 1,
    /// S-mode with SUM set.
    SupervisorSum = 2,
    /// M-mode (no translation).
    Machine = 3,
}

/// One cached page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub struct TlbEntry {
    /// Virtual page number, or `u32::MAX` when empty.
    pub vpn: u32,
    /// Added (wrapping) to a virtual address in the page to give its RAM
    /// offset.
    pub addend: u32,
}

const EMPTY: TlbEntry = TlbEntry {
    vpn: INVALID,
    addend: 0,
};

/// One table: [`ENTRIES`] entries.
type Table = [TlbEntry; ENTRIES];

/// The TLB: 4 sets × 3 access kinds × [`ENTRIES`] entries and as many
/// victims, and a code-write table per set.
pub struct Tlb {
    entries: Box<[[Table; 3]; 4]>,
    victims: Box<[[Table; 3]; 4]>,
    code_writes: Box<[Table; 4]>,
    /// Per set: whether an entry was inserted since the last flush (a
    /// flush clears only those; a kernel mostly runs in one or two).
    filled: [bool; 4],
    /// Counts full flushes, so that engines can tell whether translations
    /// they remembered elsewhere may have changed.
    generation: u64,
}

impl Default for Tlb {
    fn default() -> Self {
        Tlb {
            entries: Box::new([[[EMPTY; ENTRIES]; 3]; 4]),
            victims: Box::new([[[EMPTY; ENTRIES]; 3]; 4]),
            code_writes: Box::new([[EMPTY; ENTRIES]; 4]),
            filled: [false; 4],
            generation: 0,
        }
    }
}

impl Tlb {
    /// The RAM offset of `vaddr` if its page is cached for `set` and `kind`.
    #[inline(always)]
    pub fn lookup(&self, set: TlbSet, kind: AccessKind, vaddr: VirtAddr) -> Option<RamOffset> {
        lookup_in(&self.entries[set as usize][kind as usize], vaddr)
    }

    /// Caches the page of `vaddr` as the RAM page at `ram_offset` (the
    /// entry it replaces becomes a victim).
    pub fn insert(
        &mut self,
        set: TlbSet,
        kind: AccessKind,
        vaddr: VirtAddr,
        ram_offset: RamOffset,
    ) {
        self.filled[set as usize] = true;
        let (s, k) = (set as usize, kind as usize);
        let vpn = vaddr.0 >> PAGE_SHIFT;
        let victims = &mut self.victims[s][k];
        if victims[victim_index(vpn)].vpn == vpn {
            victims[victim_index(vpn)] = EMPTY;
        }
        let entry = TlbEntry {
            vpn,
            addend: addend(vaddr, ram_offset),
        };
        self.place(s, k, entry);
    }

    /// Puts `entry` in its place in table `[s][k]`, the entry there (for
    /// another page) into its victim place.
    fn place(&mut self, s: usize, k: usize, entry: TlbEntry) {
        let slot = &mut self.entries[s][k][index(entry.vpn)];
        let old = std::mem::replace(slot, entry);
        if old.vpn != INVALID && old.vpn != entry.vpn {
            self.victims[s][k][victim_index(old.vpn)] = old;
        }
    }

    /// The RAM offset of `vaddr` if its page is a victim for `set` and
    /// `kind`; it then takes its place in the table again, so that the
    /// next access hits (the slow path asks before a page walk).
    pub fn promote(&mut self, set: TlbSet, kind: AccessKind, vaddr: VirtAddr) -> Option<RamOffset> {
        let (s, k) = (set as usize, kind as usize);
        let vpn = vaddr.0 >> PAGE_SHIFT;
        let victim = &mut self.victims[s][k][victim_index(vpn)];
        if victim.vpn != vpn {
            return None;
        }
        let entry = std::mem::replace(victim, EMPTY);
        self.place(s, k, entry);
        Some(RamOffset(vaddr.0.wrapping_add(entry.addend)))
    }

    /// The table of `set` and `kind`, for the engine context: its entries
    /// stay at this address for as long as the TLB.
    pub fn table(&self, set: TlbSet, kind: AccessKind) -> *const TlbEntry {
        self.entries[set as usize][kind as usize].as_ptr()
    }

    /// The code-write table of `set`, for the engine context (it stays put
    /// as [`Tlb::table`]'s).
    pub fn code_write_table(&self, set: TlbSet) -> *const TlbEntry {
        self.code_writes[set as usize].as_ptr()
    }

    /// The RAM offset of `vaddr` if its page is a writable code page cached
    /// for `set` (the store then checks the code watch).
    #[inline]
    pub fn lookup_code_write(&self, set: TlbSet, vaddr: VirtAddr) -> Option<RamOffset> {
        lookup_in(&self.code_writes[set as usize], vaddr)
    }

    /// Caches the page of `vaddr`, a writable page holding translated code,
    /// as the RAM page at `ram_offset`.
    pub fn insert_code_write(&mut self, set: TlbSet, vaddr: VirtAddr, ram_offset: RamOffset) {
        self.filled[set as usize] = true;
        insert_in(&mut self.code_writes[set as usize], vaddr, ram_offset);
    }

    /// The number of full flushes so far.
    #[inline(always)]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Empties every entry.
    pub fn flush(&mut self) {
        self.generation += 1;
        for set in 0..self.filled.len() {
            if std::mem::take(&mut self.filled[set]) {
                for kind in 0..3 {
                    self.entries[set][kind].fill(EMPTY);
                    self.victims[set][kind].fill(EMPTY);
                }
                self.code_writes[set].fill(EMPTY);
            }
        }
    }

    /// Drops the write entries that map the RAM page at `ram_offset`, so
    /// that stores to it take the slow path.
    pub fn flush_writes_to(&mut self, ram_offset: RamOffset) {
        let write = AccessKind::Write as usize;
        for set in 0..self.filled.len() {
            if self.filled[set] {
                drop_page(&mut self.entries[set][write], ram_offset);
                drop_page(&mut self.victims[set][write], ram_offset);
            }
        }
    }

    /// Drops the code-write entries that map the RAM page at `ram_offset`
    /// (it holds no translated code any more).
    pub fn flush_code_writes_to(&mut self, ram_offset: RamOffset) {
        for table in self.code_writes.iter_mut() {
            drop_page(table, ram_offset);
        }
    }
}

#[inline(always)]
fn lookup_in(table: &Table, VirtAddr(vaddr): VirtAddr) -> Option<RamOffset> {
    let vpn = vaddr >> PAGE_SHIFT;
    let e = &table[index(vpn)];
    (e.vpn == vpn).then(|| RamOffset(vaddr.wrapping_add(e.addend)))
}

/// The addend of an entry that maps the page of `vaddr` to the RAM page
/// of `ram_offset`.
pub fn addend(VirtAddr(vaddr): VirtAddr, RamOffset(ram_offset): RamOffset) -> u32 {
    (ram_offset & !PAGE_OFFSET_MASK).wrapping_sub(vaddr & !PAGE_OFFSET_MASK)
}

fn insert_in(table: &mut Table, vaddr: VirtAddr, ram_offset: RamOffset) {
    let vpn = vaddr.0 >> PAGE_SHIFT;
    let addend = addend(vaddr, ram_offset);
    table[index(vpn)] = TlbEntry { vpn, addend };
}

/// Empties the entries of `table` that map the RAM page at `ram_offset`.
fn drop_page(table: &mut Table, RamOffset(ram_offset): RamOffset) {
    let page = ram_offset & !PAGE_OFFSET_MASK;
    for e in table.iter_mut() {
        if e.vpn != INVALID && (e.vpn << PAGE_SHIFT).wrapping_add(e.addend) == page {
            *e = EMPTY;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hit_gives_ram_offset() {
        let mut t = Tlb::default();
        assert_eq!(
            t.lookup(TlbSet::User, AccessKind::Read, VirtAddr(0x1234)),
            None
        );
        t.insert(
            TlbSet::User,
            AccessKind::Read,
            VirtAddr(0x0040_0000),
            RamOffset(0x0020_0000),
        );
        assert_eq!(
            t.lookup(TlbSet::User, AccessKind::Read, VirtAddr(0x0040_0abc)),
            Some(RamOffset(0x0020_0abc))
        );
        assert_eq!(
            t.lookup(TlbSet::Supervisor, AccessKind::Read, VirtAddr(0x0040_0abc)),
            None
        );
        assert_eq!(
            t.lookup(TlbSet::User, AccessKind::Write, VirtAddr(0x0040_0abc)),
            None
        );
        assert_eq!(
            t.lookup(TlbSet::User, AccessKind::Read, VirtAddr(0x1040_0abc)),
            None,
            "aliasing index"
        );
    }

    #[test]
    fn pages_less_than_4_mib_apart_stay_together() {
        let mut t = Tlb::default();
        for (vaddr, off) in [(0x8000_1000, 0x1000), (0x803f_f000, 0x3f_f000)] {
            t.insert(
                TlbSet::Machine,
                AccessKind::Read,
                VirtAddr(vaddr),
                RamOffset(off),
            );
        }
        assert_eq!(
            t.lookup(TlbSet::Machine, AccessKind::Read, VirtAddr(0x8000_1008)),
            Some(RamOffset(0x1008))
        );
        assert_eq!(
            t.lookup(TlbSet::Machine, AccessKind::Read, VirtAddr(0x803f_f008)),
            Some(RamOffset(0x3f_f008))
        );
    }

    #[test]
    fn colliding_pages_meet_in_the_victim_table() {
        let mut t = Tlb::default();
        let (set, read) = (TlbSet::User, AccessKind::Read);
        // 4 MiB apart: the same entry.
        let (a, b) = (VirtAddr(0x0040_0000), VirtAddr(0x0080_0000));
        t.insert(set, read, a, RamOffset(0x1000));
        t.insert(set, read, b, RamOffset(0x2000));
        assert_eq!(t.lookup(set, read, VirtAddr(0x0040_0010)), None);
        assert_eq!(
            t.promote(set, read, VirtAddr(0x0080_0010)),
            None,
            "b is no victim"
        );
        assert_eq!(
            t.promote(set, read, VirtAddr(0x0040_0010)),
            Some(RamOffset(0x1010))
        );
        assert_eq!(
            t.lookup(set, read, VirtAddr(0x0040_0020)),
            Some(RamOffset(0x1020))
        );
        assert_eq!(t.lookup(set, read, b), None);
        assert_eq!(t.promote(set, read, b), Some(RamOffset(0x2000)));
        assert_eq!(t.promote(set, read, VirtAddr(0x00c0_0000)), None);
        assert_eq!(t.promote(set, AccessKind::Write, a), None);

        let write = AccessKind::Write;
        t.insert(set, write, a, RamOffset(0x1000));
        t.insert(set, write, b, RamOffset(0x2000));
        t.flush_writes_to(RamOffset(0x1000));
        assert_eq!(t.promote(set, write, a), None, "a code page's victim");
        t.flush();
        assert_eq!(t.promote(set, read, a), None);
        assert_eq!(t.lookup(set, read, b), None);
    }

    #[test]
    fn addend_wraps_for_high_pages() {
        let mut t = Tlb::default();
        t.insert(
            TlbSet::Machine,
            AccessKind::Fetch,
            VirtAddr(0xffff_f000),
            RamOffset(0x1000),
        );
        assert_eq!(
            t.lookup(TlbSet::Machine, AccessKind::Fetch, VirtAddr(0xffff_f004)),
            Some(RamOffset(0x1004))
        );
    }

    #[test]
    fn flushes() {
        let mut t = Tlb::default();
        t.insert(
            TlbSet::Supervisor,
            AccessKind::Write,
            VirtAddr(0x1000),
            RamOffset(0x5000),
        );
        t.insert(
            TlbSet::User,
            AccessKind::Write,
            VirtAddr(0x2000),
            RamOffset(0x6000),
        );
        t.insert(
            TlbSet::User,
            AccessKind::Read,
            VirtAddr(0x1000),
            RamOffset(0x5000),
        );
        t.flush_writes_to(RamOffset(0x5123));
        assert_eq!(
            t.lookup(TlbSet::Supervisor, AccessKind::Write, VirtAddr(0x1000)),
            None
        );
        assert_eq!(
            t.lookup(TlbSet::User, AccessKind::Write, VirtAddr(0x2000)),
            Some(RamOffset(0x6000))
        );
        assert_eq!(
            t.lookup(TlbSet::User, AccessKind::Read, VirtAddr(0x1000)),
            Some(RamOffset(0x5000))
        );
        t.insert_code_write(TlbSet::User, VirtAddr(0x3000), RamOffset(0x7000));
        assert_eq!(
            t.lookup_code_write(TlbSet::User, VirtAddr(0x3004)),
            Some(RamOffset(0x7004))
        );
        assert_eq!(
            t.lookup(TlbSet::User, AccessKind::Write, VirtAddr(0x3004)),
            None
        );
        t.flush_code_writes_to(RamOffset(0x7000));
        assert_eq!(t.lookup_code_write(TlbSet::User, VirtAddr(0x3004)), None);
        t.insert_code_write(TlbSet::User, VirtAddr(0x3000), RamOffset(0x7000));
        let before = t.generation();
        t.flush();
        assert_eq!(t.lookup_code_write(TlbSet::User, VirtAddr(0x3004)), None);
        assert_eq!(
            t.lookup(TlbSet::User, AccessKind::Write, VirtAddr(0x2000)),
            None
        );
        assert_eq!(t.generation(), before + 1);
    }
}
