//! The software TLB (QEMU's "addend" idea).
//!
//! Per translation context ([`TlbSet`]) and access kind, 256 direct-mapped
//! entries map a virtual page to the offset of its frame in guest RAM: a hit
//! is one compare, and `vaddr + addend` is the RAM offset. Only pages that
//! are RAM, fully allowed by PMP, and (for writes) free of translated code
//! and of the HTIF mailbox are entered; everything else takes the slow path.
//! Writable pages that hold translated code go to a table of their own, the
//! code-write table, which the store slow path looks at first: a hit there
//! costs a line check of the code watch instead of a page walk.
//!
//! The whole TLB is flushed on `satp` writes, `sfence.vma`, `mstatus.MXR`
//! changes and PMP writes. Privilege and SUM select a set instead of
//! flushing, so system calls do not empty it.

use super::{AccessKind, PAGE_OFFSET_MASK, PAGE_SHIFT};
use crate::addr::{RamOffset, VirtAddr};

/// Entries per table, indexed by [`index`] (generated code indexes the
/// tables the same way).
pub const ENTRIES: usize = 256;

/// The entry of virtual page `vpn`: its low 8 bits folded with the next 8,
/// so that pages 1 MiB apart (code and constants at the start of RAM, the
/// stack at 1 MiB above) do not evict each other, as they would with the
/// low bits alone. Only the low 16 bits of `vpn` matter.
#[inline(always)]
pub fn index(vpn: u32) -> usize {
    (vpn ^ vpn >> 8) as usize % ENTRIES
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

/// One table: 256 entries.
type Table = [TlbEntry; ENTRIES];

/// The TLB: 4 sets × 3 access kinds × 256 entries, and a code-write table
/// per set.
pub struct Tlb {
    entries: Box<[[Table; 3]; 4]>,
    code_writes: Box<[Table; 4]>,
    /// Counts full flushes, so that engines can tell whether translations
    /// they remembered elsewhere may have changed.
    generation: u64,
}

impl Default for Tlb {
    fn default() -> Self {
        Tlb {
            entries: Box::new([[[EMPTY; ENTRIES]; 3]; 4]),
            code_writes: Box::new([[EMPTY; ENTRIES]; 4]),
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

    /// Caches the page of `vaddr` as the RAM page at `ram_offset`.
    pub fn insert(
        &mut self,
        set: TlbSet,
        kind: AccessKind,
        vaddr: VirtAddr,
        ram_offset: RamOffset,
    ) {
        insert_in(
            &mut self.entries[set as usize][kind as usize],
            vaddr,
            ram_offset,
        );
    }

    /// The table of `set` and `kind`, for the engine context: its 256
    /// entries stay at this address for as long as the TLB.
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
        for set in self.entries.iter_mut() {
            for kind in set.iter_mut() {
                kind.fill(EMPTY);
            }
        }
        for table in self.code_writes.iter_mut() {
            table.fill(EMPTY);
        }
    }

    /// Drops the write entries that map the RAM page at `ram_offset`, so
    /// that stores to it take the slow path.
    pub fn flush_writes_to(&mut self, ram_offset: RamOffset) {
        for set in self.entries.iter_mut() {
            drop_page(&mut set[AccessKind::Write as usize], ram_offset);
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
    fn pages_one_mib_apart_stay_together() {
        let mut t = Tlb::default();
        for (vaddr, off) in [(0x8000_1000, 0x1000), (0x8010_1000, 0x10_1000)] {
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
            t.lookup(TlbSet::Machine, AccessKind::Read, VirtAddr(0x8010_1008)),
            Some(RamOffset(0x10_1008))
        );
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
