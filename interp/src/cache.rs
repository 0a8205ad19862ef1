//! Decoded blocks, cached by the physical address of their first
//! instruction.
//!
//! A block is a run of instructions within one page that ends at the first
//! instruction flagged `ENDS_BLOCK`, at the page end, or at
//! [`MAX_BLOCK_INSNS`]. Pages that hold cached code are watched by the
//! machine: a store to one reports the page and its blocks are dropped; a
//! `fence.i` drops everything. A 4-byte instruction that straddles a page
//! boundary is never cached (its second half may be remapped).

use std::collections::HashMap;

use soc::isa::{self, Flags, Insn};
use soc::machine::Machine;
use soc::memmap::RAM_BASE;

/// Longest block, in instructions.
pub const MAX_BLOCK_INSNS: usize = 64;
/// Direct-mapped lookup slots in front of the hash map.
const JUMP_SLOTS: usize = 4096;
/// Blocks kept before the whole cache is dropped and rebuilt on demand.
const MAX_BLOCKS: usize = 1 << 16;

/// A decoded block.
#[derive(Clone, Debug)]
pub struct Block {
    /// The instructions, in order.
    pub insns: Box<[Insn]>,
}

/// Index of a block in the cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockId(u32);

/// The block cache.
pub struct BlockCache {
    blocks: Vec<Block>,
    index: HashMap<u32, BlockId>,
    by_page: HashMap<u32, Vec<u32>>,
    jump: Box<[(u32, BlockId)]>,
}

const NO_SLOT: (u32, BlockId) = (u32::MAX, BlockId(0));

impl Default for BlockCache {
    fn default() -> Self {
        BlockCache {
            blocks: Vec::new(),
            index: HashMap::new(),
            by_page: HashMap::new(),
            jump: vec![NO_SLOT; JUMP_SLOTS].into_boxed_slice(),
        }
    }
}

impl BlockCache {
    /// The cached block starting at physical `paddr`.
    #[inline(always)]
    pub fn get(&mut self, paddr: u32) -> Option<BlockId> {
        let slot = (paddr >> 1) as usize % JUMP_SLOTS;
        let (tag, id) = self.jump[slot];
        if tag == paddr {
            return Some(id);
        }
        let id = *self.index.get(&paddr)?;
        self.jump[slot] = (paddr, id);
        Some(id)
    }

    /// The block with id `id`.
    #[inline(always)]
    pub fn block(&self, id: BlockId) -> &Block {
        &self.blocks[id.0 as usize]
    }

    /// Decodes and caches the block at physical `paddr` (which translated
    /// from a fetch), or `None` if its first instruction straddles a page.
    pub fn build(&mut self, m: &mut Machine, paddr: u32) -> Option<BlockId> {
        if self.blocks.len() >= MAX_BLOCKS {
            self.clear();
        }
        let mut insns = Vec::new();
        let mut p = paddr;
        while insns.len() < MAX_BLOCK_INSNS {
            let lo = m.read_code_parcel(p)?;
            let raw = if lo & 3 != 3 {
                u32::from(lo)
            } else if p & 0xfff == 0xffe {
                break; // straddles the page: not part of any block
            } else {
                u32::from(lo) | u32::from(m.read_code_parcel(p + 2)?) << 16
            };
            let insn = isa::decode(raw);
            insns.push(insn);
            p = p.wrapping_add(u32::from(insn.len));
            if insn.op.flags().contains(Flags::ENDS_BLOCK) || p & 0xfff == 0 {
                break;
            }
        }
        if insns.is_empty() {
            return None;
        }
        if let Some(off) = paddr.checked_sub(RAM_BASE) {
            m.watch_code_page(off);
        }
        let id = BlockId(self.blocks.len() as u32);
        self.blocks.push(Block {
            insns: insns.into_boxed_slice(),
        });
        self.index.insert(paddr, id);
        self.by_page.entry(paddr >> 12).or_default().push(paddr);
        self.jump[(paddr >> 1) as usize % JUMP_SLOTS] = (paddr, id);
        Some(id)
    }

    /// Drops the blocks in the RAM page with index `ram_page`.
    pub fn invalidate_ram_page(&mut self, ram_page: u32) {
        let page = (RAM_BASE >> 12).wrapping_add(ram_page);
        for paddr in self.by_page.remove(&page).unwrap_or_default() {
            self.index.remove(&paddr);
        }
        self.jump.fill(NO_SLOT);
    }

    /// Drops every block.
    pub fn clear(&mut self) {
        self.blocks.clear();
        self.index.clear();
        self.by_page.clear();
        self.jump.fill(NO_SLOT);
    }

    /// Number of cached blocks.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether no block is cached.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}
