//! Which RAM holds code an engine has translated, in 64-byte lines.
//!
//! An engine reports each translation's byte range ([`Machine::watch_code`]);
//! a store that writes into a watched line records the line for the
//! engine, stops watching it, and ends the engine's run after the store
//! (the engine then drops just the translations on that line, see
//! [`super::CodeChange`]). A store next to code, in the same page but not in
//! a watched line, invalidates nothing: pages with watched lines leave the
//! TLB's fast write path for its code-write table (see `mmu/tlb.rs`), whose
//! hits cost one line check here. `fence.i` drops everything, which also
//! covers code written by device DMA (the spec requires `fence.i` then).

use super::Machine;
use crate::addr::RamOffset;
use crate::mmu::PAGE_SHIFT;

/// log2 of the code-watch granule.
pub const CODE_LINE_SHIFT: u32 = 6;
/// Bytes per code-watch line.
pub const CODE_LINE_BYTES: u32 = 1 << CODE_LINE_SHIFT;
/// Lines per page.
const LINES_PER_PAGE: u32 = 1 << (PAGE_SHIFT - CODE_LINE_SHIFT);

/// The watched lines of RAM and the changes not yet handed to the engine.
#[derive(Debug, Default)]
pub(crate) struct CodeMap {
    /// One bit per line: holds translated code (boxed: it never moves, as
    /// `hart.code_lines` points to it).
    lines: Box<[u64]>,
    /// Per page: how many of its lines are watched.
    watched_in_page: Vec<u8>,
    /// Lines written since the engine last looked (RAM offset / 64).
    pub(crate) dirty: Vec<u32>,
    /// Every translation must go (`fence.i`).
    pub(crate) flush_all: bool,
}

impl CodeMap {
    /// An empty map for `ram_bytes` of RAM.
    pub(crate) fn new(ram_bytes: u32) -> CodeMap {
        let lines = ram_bytes >> CODE_LINE_SHIFT;
        CodeMap {
            lines: vec![0; lines.div_ceil(64) as usize].into_boxed_slice(),
            watched_in_page: vec![0; (ram_bytes >> PAGE_SHIFT) as usize],
            dirty: Vec::new(),
            flush_all: false,
        }
    }

    /// Whether a store of `len` (1 to 64) bytes at `offset` touches a
    /// watched line (it spans at most two).
    #[inline(always)]
    fn hits(&self, RamOffset(offset): RamOffset, len: u32) -> bool {
        let last = offset.saturating_add(len - 1);
        self.bit(offset >> CODE_LINE_SHIFT) || self.bit(last >> CODE_LINE_SHIFT)
    }

    /// The host address of the line bits, for `hart.code_lines`.
    pub(crate) fn lines_ptr(&self) -> *const u64 {
        self.lines.as_ptr()
    }

    /// Whether the RAM page holding `ram_offset` has a watched line.
    #[inline]
    pub(crate) fn is_code_page(&self, RamOffset(ram_offset): RamOffset) -> bool {
        self.watched_in_page
            .get((ram_offset >> PAGE_SHIFT) as usize)
            .is_some_and(|&n| n != 0)
    }

    #[inline(always)]
    fn bit(&self, line: u32) -> bool {
        self.lines
            .get((line / 64) as usize)
            .is_some_and(|w| w & (1 << (line % 64)) != 0)
    }

    /// Flips line `line`'s bit and its page's count; returns whether the
    /// page went from no watched line to one (`on`) or back (`!on`).
    fn set(&mut self, line: u32, on: bool) -> bool {
        let Some(word) = self.lines.get_mut((line / 64) as usize) else {
            return false;
        };
        let mask = 1 << (line % 64);
        if (*word & mask != 0) == on {
            return false;
        }
        *word ^= mask;
        let count = &mut self.watched_in_page[(line / LINES_PER_PAGE) as usize];
        if on {
            *count += 1;
            *count == 1
        } else {
            *count -= 1;
            *count == 0
        }
    }

    /// Watches the lines of `[start, end)`; returns the RAM offsets of
    /// pages that had no watched line before.
    fn watch(&mut self, RamOffset(start): RamOffset, RamOffset(end): RamOffset) -> Vec<RamOffset> {
        let mut new_pages = Vec::new();
        if end <= start {
            return new_pages;
        }
        for line in (start >> CODE_LINE_SHIFT)..=((end - 1) >> CODE_LINE_SHIFT) {
            if self.set(line, true) {
                new_pages.push(RamOffset(line << CODE_LINE_SHIFT));
            }
        }
        new_pages
    }

    /// A store wrote `[offset, offset + len)`: records and unwatches the
    /// code lines it hit. Returns (hit code, RAM offsets of pages left with
    /// no watched line).
    fn written(&mut self, RamOffset(offset): RamOffset, len: u32) -> (bool, Vec<RamOffset>) {
        let first = offset >> CODE_LINE_SHIFT;
        let last = offset.saturating_add(len.max(1) - 1) >> CODE_LINE_SHIFT;
        let mut hit = false;
        let mut freed = Vec::new();
        for line in first..=last {
            if self.bit(line) {
                hit = true;
                self.dirty.push(line);
                if self.set(line, false) {
                    freed.push(RamOffset(line << CODE_LINE_SHIFT));
                }
            }
        }
        (hit, freed)
    }
}

impl Machine {
    /// Records that RAM bytes `[start, end)` (offsets from RAM's start)
    /// hold code an engine has translated: stores into those lines will be
    /// reported through [`super::Engine::invalidate`].
    pub fn watch_code(&mut self, start: RamOffset, end: RamOffset) {
        for page in self.code.watch(start, end) {
            self.tlb.flush_writes_to(page);
        }
    }

    /// A store wrote RAM `[offset, offset + len)` (`len` at most 64): when
    /// it hit watched code, the engine returns after the store and learns
    /// which lines.
    #[inline(always)]
    pub(crate) fn code_written(&mut self, offset: RamOffset, len: u32) {
        if self.code.hits(offset, len) {
            self.code_hit(offset, len);
        }
    }

    #[cold]
    fn code_hit(&mut self, offset: RamOffset, len: u32) {
        let (hit, freed) = self.code.written(offset, len);
        for page in freed {
            // Stores to the page may take the fast path again.
            self.tlb.flush_code_writes_to(page);
        }
        if hit {
            self.end_run_now();
        }
    }

    /// `fence.i`: every cached translation is dropped. Also covers code that
    /// arrived by device DMA, which the store watch does not see.
    pub fn fence_i(&mut self) {
        self.code.lines.fill(0);
        self.code.watched_in_page.fill(0);
        self.code.dirty.clear();
        self.code.flush_all = true;
        self.end_run_now();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_watched_and_reported_once() {
        let mut c = CodeMap::new(1 << 16);
        assert_eq!(
            c.watch(RamOffset(0x1010), RamOffset(0x1050)),
            vec![RamOffset(0x1000)]
        );
        assert!(c.is_code_page(RamOffset(0x1fff)) && !c.is_code_page(RamOffset(0x2000)));
        assert_eq!(
            c.watch(RamOffset(0x1080), RamOffset(0x1084)),
            Vec::<RamOffset>::new(),
            "page already watched"
        );
        // Next to code, same page: nothing.
        assert_eq!(c.written(RamOffset(0x10c0), 4), (false, vec![]));
        // Across the second line of the first range and the third line.
        assert_eq!(c.written(RamOffset(0x107e), 4), (true, vec![]));
        assert_eq!(c.dirty, vec![0x1040 >> 6, 0x1080 >> 6]);
        assert_eq!(
            c.written(RamOffset(0x1040), 4),
            (false, vec![]),
            "reported once"
        );
        assert_eq!(
            c.written(RamOffset(0x1000), 1),
            (true, vec![RamOffset(0x1000)]),
            "page free again"
        );
        assert!(!c.is_code_page(RamOffset(0x1000)));
    }
}
