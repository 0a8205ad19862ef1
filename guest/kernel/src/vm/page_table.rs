//! Sv32 page tables (Privileged ISA §10.3): two levels of 1024 32-bit
//! entries. User pages are 4 KiB leaves in second-level tables; the kernel's
//! RAM and MMIO windows are 4 MiB leaves in the root, without the U bit.

use super::frames;

/// Valid.
pub const V: u32 = 1 << 0;
/// Readable.
pub const R: u32 = 1 << 1;
/// Writable.
pub const W: u32 = 1 << 2;
/// Executable.
pub const X: u32 = 1 << 3;
/// User-accessible.
pub const U: u32 = 1 << 4;
/// Global.
pub const G: u32 = 1 << 5;
/// Accessed (set up front: the kernel never uses A/D, and setting them
/// avoids depending on hardware updating them).
pub const A: u32 = 1 << 6;
/// Dirty.
pub const D: u32 = 1 << 7;
/// RSW bit 8: copy-on-write (a write fault copies the frame).
pub const COW: u32 = 1 << 8;
/// RSW bit 9: shared memory (fork shares the frame writable, no COW).
pub const SHARED: u32 = 1 << 9;

/// Root entries at and above this index map the kernel (VA 0x8000_0000+).
pub const KERNEL_ROOT_INDEX: usize = 512;

/// A page-table entry pointing at `pa` with `flags`.
pub fn pte(pa: usize, flags: u32) -> u32 {
    (((pa >> 12) as u32) << 10) | flags
}

/// The physical address a PTE points at.
pub fn pte_pa(pte: u32) -> usize {
    ((pte >> 10) as usize) << 12
}

fn is_leaf(pte: u32) -> bool {
    pte & (R | W | X) != 0
}

/// One page table, named by its root frame.
pub struct PageTable {
    root: usize,
}

fn entries(pa: usize) -> &'static mut [u32; 1024] {
    // SAFETY: `pa` is a page-table frame this module allocated (root or
    // second level), mapped one-to-one; a 4 KiB frame holds 1024 entries.
    // The kernel is single-hart, so no other reference is live at once.
    unsafe { &mut *(pa as *mut [u32; 1024]) }
}

impl PageTable {
    /// An empty table, or None when out of frames.
    pub fn new() -> Option<PageTable> {
        Some(PageTable {
            root: frames::alloc()?,
        })
    }

    /// The satp value that selects this table (Sv32 mode, ASID 0).
    pub fn satp(&self) -> usize {
        (1 << 31) | (self.root >> 12)
    }

    /// Sets a root entry directly (the kernel's superpages).
    pub fn set_root_entry(&mut self, index: usize, pte: u32) {
        entries(self.root)[index] = pte;
    }

    /// The slot of `va`'s 4 KiB leaf, making the second-level table if
    /// `create`; None if absent, out of frames, or covered by a superpage.
    fn slot(&mut self, va: usize, create: bool) -> Option<&'static mut u32> {
        let root = entries(self.root);
        let top = &mut root[(va >> 22) & 0x3ff];
        if *top & V == 0 {
            if !create {
                return None;
            }
            let table = frames::alloc()?;
            *top = pte(table, V);
        } else if is_leaf(*top) {
            return None;
        }
        Some(&mut entries(pte_pa(*top))[(va >> 12) & 0x3ff])
    }

    /// The leaf entry of `va` (0 if unmapped).
    pub fn lookup(&mut self, va: usize) -> u32 {
        self.slot(va, false).map_or(0, |p| *p)
    }

    /// Maps the page at `va` to `pa`; Err when out of frames for a table.
    pub fn map(&mut self, va: usize, pa: usize, flags: u32) -> Result<(), ()> {
        let slot = self.slot(va, true).ok_or(())?;
        *slot = pte(pa, flags | V | A | D);
        Ok(())
    }

    /// Rewrites the leaf of a mapped page.
    pub fn update(&mut self, va: usize, entry: u32) {
        if let Some(slot) = self.slot(va, false) {
            *slot = entry;
        }
    }

    /// Unmaps `va`, returning the old entry (0 if none). The caller drops
    /// the frame's reference.
    pub fn unmap(&mut self, va: usize) -> u32 {
        match self.slot(va, false) {
            Some(slot) => core::mem::replace(slot, 0),
            None => 0,
        }
    }

    /// Frees the second-level table covering `va` if it maps nothing, so
    /// unmapping gives back every frame mapping took.
    pub fn prune(&mut self, va: usize) {
        let root = entries(self.root);
        let index = (va >> 22) & 0x3ff;
        let top = root[index];
        if index >= KERNEL_ROOT_INDEX || top & V == 0 || is_leaf(top) {
            return;
        }
        if entries(pte_pa(top)).iter().all(|&e| e & V == 0) {
            root[index] = 0;
            frames::decref(pte_pa(top));
        }
    }

    /// Calls `f(va, entry)` for every valid user leaf (below the kernel).
    pub fn for_each_user_leaf(&mut self, mut f: impl FnMut(usize, &mut u32)) {
        let root = entries(self.root);
        for (i, top) in root.iter().enumerate().take(KERNEL_ROOT_INDEX) {
            if *top & V == 0 || is_leaf(*top) {
                continue;
            }
            for (j, leaf) in entries(pte_pa(*top)).iter_mut().enumerate() {
                if *leaf & V != 0 {
                    f((i << 22) | (j << 12), leaf);
                }
            }
        }
    }

    /// Frees the table frames (not the pages they map: the caller drops
    /// those first).
    pub fn free(self) {
        let root = entries(self.root);
        for top in root.iter().take(KERNEL_ROOT_INDEX) {
            if *top & V != 0 && !is_leaf(*top) {
                frames::decref(pte_pa(*top));
            }
        }
        frames::decref(self.root);
    }
}
