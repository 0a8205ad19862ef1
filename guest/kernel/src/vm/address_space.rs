//! A process's address space: its page table, its heap break and its
//! shared-memory mappings. The kernel's superpages are copied into every
//! root (supervisor only), so traps need no page-table switch.
//!
//! Frame ownership: every user leaf holds one reference to its frame.
//! Fork shares frames (one more reference each); writable private pages
//! become read-only with [`COW`] in both spaces, and the first write copies
//! the frame unless this space holds its last reference.

use alloc::vec::Vec;
use spin::Mutex;

use super::page_table::{COW, PageTable, SHARED, U, V, W, pte_pa};
use super::{PAGE_SIZE, frames};

/// Root entries every address space shares: the kernel's RAM and MMIO.
static KERNEL_ROOT: Mutex<Vec<(usize, u32)>> = Mutex::new(Vec::new());

/// Records the kernel's root entries (at boot, from the kernel's table).
pub fn set_kernel_entries(entries: Vec<(usize, u32)>) {
    *KERNEL_ROOT.lock() = entries;
}

/// A shared-memory region mapped into this space.
#[derive(Clone, Copy, Debug)]
pub struct ShmMapping {
    /// Start address.
    pub start: usize,
    /// Pages mapped.
    pub pages: usize,
    /// The region's id.
    pub id: u32,
}

/// One process's memory.
pub struct AddressSpace {
    pt: PageTable,
    /// First heap byte (page-aligned, after the program).
    pub heap_start: usize,
    /// The current break.
    pub brk: usize,
    /// Shared-memory regions mapped here.
    pub shm: Vec<ShmMapping>,
}

impl AddressSpace {
    /// An empty space holding only the kernel's mappings; None when out of
    /// frames.
    pub fn new() -> Option<AddressSpace> {
        let mut pt = PageTable::new()?;
        for &(i, e) in KERNEL_ROOT.lock().iter() {
            pt.set_root_entry(i, e);
        }
        Some(AddressSpace {
            pt,
            heap_start: 0,
            brk: 0,
            shm: Vec::new(),
        })
    }

    /// The satp value that selects this space.
    pub fn satp(&self) -> usize {
        self.pt.satp()
    }

    /// The page table.
    pub fn page_table(&mut self) -> &mut PageTable {
        &mut self.pt
    }

    /// The leaf entry for `va` (0 if unmapped).
    pub fn lookup(&mut self, va: usize) -> u32 {
        self.pt.lookup(va)
    }

    /// Maps a fresh zeroed page at `va` (page-aligned) with `flags` (U is
    /// added); returns its frame. Err when out of memory.
    pub fn map_zeroed(&mut self, va: usize, flags: u32) -> Result<usize, ()> {
        let pa = frames::alloc().ok_or(())?;
        if self.pt.map(va, pa, flags | U).is_err() {
            frames::decref(pa);
            return Err(());
        }
        Ok(pa)
    }

    /// Maps an existing frame (the caller already took its reference).
    pub fn map_frame(&mut self, va: usize, pa: usize, flags: u32) -> Result<(), ()> {
        self.pt.map(va, pa, flags | U)
    }

    /// Unmaps `pages` pages from `va`, dropping their frames' references.
    pub fn unmap_range(&mut self, va: usize, pages: usize) {
        const TABLE_SPAN: usize = 4 << 20;
        for i in 0..pages {
            let at = va + i * PAGE_SIZE;
            let old = self.pt.unmap(at);
            if old & V != 0 {
                frames::decref(pte_pa(old));
            }
            // Leaving a table's 4 MiB span (or the range): free it if empty.
            if (at + PAGE_SIZE).is_multiple_of(TABLE_SPAN) || i + 1 == pages {
                self.pt.prune(at);
            }
        }
    }

    /// A copy-on-write duplicate for fork; None when out of memory (then
    /// nothing leaks, and this space stays valid).
    pub fn fork(&mut self) -> Option<AddressSpace> {
        let mut child = AddressSpace::new()?;
        child.heap_start = self.heap_start;
        child.brk = self.brk;
        child.shm = self.shm.clone();
        let mut failed = false;
        self.pt.for_each_user_leaf(|va, entry| {
            if failed {
                return;
            }
            let mut e = *entry;
            if e & SHARED == 0 && e & (W | COW) != 0 {
                e = (e & !W) | COW;
                *entry = e;
            }
            let pa = pte_pa(e);
            frames::incref(pa);
            if child.pt.map(va, pa, e).is_err() {
                frames::decref(pa);
                failed = true;
            }
        });
        if failed {
            child.shm.clear();
            child.free();
            return None;
        }
        super::super::arch::csr::sfence_vma();
        Some(child)
    }

    /// Makes the COW page at `va` writable: copies the frame unless this
    /// space holds its only reference. Err if `va` is not a COW page or
    /// memory ran out.
    pub fn resolve_cow(&mut self, va: usize) -> Result<(), ()> {
        let va = super::page_down(va);
        let e = self.pt.lookup(va);
        if e & V == 0 || e & COW == 0 {
            return Err(());
        }
        let old = pte_pa(e);
        let flags = (e & 0x3ff & !COW) | W;
        if frames::refcount(old) == 1 {
            self.pt.update(va, super::page_table::pte(old, flags));
        } else {
            let new = frames::alloc().ok_or(())?;
            frames::bytes_mut(new).copy_from_slice(frames::bytes_mut(old));
            self.pt.update(va, super::page_table::pte(new, flags));
            frames::decref(old);
        }
        super::super::arch::csr::sfence_vma();
        Ok(())
    }

    /// Frames mapped (resident pages, shared ones included).
    pub fn resident_pages(&mut self) -> usize {
        let mut n = 0;
        self.pt.for_each_user_leaf(|_, _| n += 1);
        n
    }

    /// Whether `pages` pages from `va` are all unmapped.
    pub fn is_free(&mut self, va: usize, pages: usize) -> bool {
        (0..pages).all(|i| self.pt.lookup(va + i * PAGE_SIZE) & V == 0)
    }

    /// Drops every user page and the tables. The caller must not have this
    /// table active (see `sched::forget_satp`).
    pub fn free(mut self) {
        self.pt.for_each_user_leaf(|_, entry| {
            frames::decref(pte_pa(*entry));
            *entry = 0;
        });
        self.pt.free();
    }
}
