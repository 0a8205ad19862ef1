//! Decoded blocks, cached by the physical address of their first
//! instruction.
//!
//! A block is a run of instructions within one page that ends at the first
//! instruction flagged `ENDS_BLOCK`, at the page end, or at
//! [`MAX_BLOCK_INSNS`]. Pages that hold cached code are watched by the
//! machine: a store to one reports the page and its blocks are dropped; a
//! `fence.i` drops everything. A 4-byte instruction that straddles a page
//! boundary is never cached (its second half may be remapped).
//!
//! Blocks remember their last two successors (virtual pc and fetch context
//! → block), so that the common exit skips translation and lookup; the links
//! are dropped whenever any block is.

use std::collections::HashMap;

use soc::isa::{self, Flags, Insn};
use soc::machine::Machine;
use soc::memmap::RAM_BASE;
use soc::mmu::{PAGE_OFFSET_MASK, PAGE_SHIFT, PAGE_SIZE};

/// Longest block, in instructions.
pub const MAX_BLOCK_INSNS: usize = 64;
/// Direct-mapped lookup slots in front of the hash map.
const JUMP_SLOTS: usize = 4096;
/// Blocks kept before the engine drops the whole cache and rebuilds it on
/// demand (see [`BlockCache::is_full`]).
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

/// A remembered successor: leaving a block for virtual `pc` under fetch
/// context `ctx` (see `Machine::fetch_context`) reaches block `to`.
#[derive(Clone, Copy, Debug)]
struct Link {
    pc: u32,
    ctx: u64,
    to: BlockId,
}

const NO_LINK: Link = Link {
    pc: u32::MAX,
    ctx: u64::MAX,
    to: BlockId(0),
};

/// The block cache.
pub struct BlockCache {
    blocks: Vec<Block>,
    /// Two successor links per block (a branch has two targets).
    links: Vec<[Link; 2]>,
    index: HashMap<u32, BlockId>,
    by_page: HashMap<u32, Vec<u32>>,
    jump: Box<[(u32, BlockId); JUMP_SLOTS]>,
}

const NO_SLOT: (u32, BlockId) = (u32::MAX, BlockId(0));

impl Default for BlockCache {
    fn default() -> Self {
        BlockCache {
            blocks: Vec::new(),
            links: Vec::new(),
            index: HashMap::new(),
            by_page: HashMap::new(),
            jump: Box::new([NO_SLOT; JUMP_SLOTS]),
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

    /// The block reached from block `from` at virtual `pc`, if that link
    /// was recorded under the same fetch context. This skips both the fetch
    /// translation and the lookup.
    #[inline(always)]
    pub fn follow(&self, from: BlockId, pc: u32, ctx: u64) -> Option<BlockId> {
        let links = &self.links[from.0 as usize];
        links
            .iter()
            .find(|l| l.pc == pc && l.ctx == ctx)
            .map(|l| l.to)
    }

    /// Records that leaving `from` for `pc` under `ctx` reaches `to`,
    /// replacing the older of its two links.
    pub fn link(&mut self, from: BlockId, pc: u32, ctx: u64, to: BlockId) {
        let links = &mut self.links[from.0 as usize];
        links[1] = links[0];
        links[0] = Link { pc, ctx, to };
    }

    /// The block with id `id`.
    #[inline(always)]
    pub fn block(&self, id: BlockId) -> &Block {
        &self.blocks[id.0 as usize]
    }

    /// Whether the cache holds as many blocks as it may: the engine should
    /// [`clear`](BlockCache::clear) it before building another.
    pub fn is_full(&self) -> bool {
        self.blocks.len() >= MAX_BLOCKS
    }

    /// Decodes and caches the block at physical `paddr` (which translated
    /// from a fetch), or `None` if its first instruction straddles a page.
    pub fn build(&mut self, m: &mut Machine, paddr: u32) -> Option<BlockId> {
        let mut insns = Vec::new();
        let mut p = paddr;
        while insns.len() < MAX_BLOCK_INSNS {
            let lo = m.read_code_parcel(p)?;
            let raw = if isa::insn_len(lo) == 2 {
                u32::from(lo)
            } else if p & PAGE_OFFSET_MASK == PAGE_SIZE - 2 {
                break; // straddles the page: not part of any block
            } else {
                u32::from(lo) | u32::from(m.read_code_parcel(p + 2)?) << 16
            };
            let insn = isa::decode(raw);
            insns.push(insn);
            p = p.wrapping_add(u32::from(insn.len));
            if insn.op.flags().contains(Flags::ENDS_BLOCK) || p & PAGE_OFFSET_MASK == 0 {
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
        self.links.push([NO_LINK; 2]);
        self.index.insert(paddr, id);
        self.by_page
            .entry(paddr >> PAGE_SHIFT)
            .or_default()
            .push(paddr);
        self.jump[(paddr >> 1) as usize % JUMP_SLOTS] = (paddr, id);
        Some(id)
    }

    /// Drops the blocks in the RAM page with index `ram_page`.
    pub fn invalidate_ram_page(&mut self, ram_page: u32) {
        let page = (RAM_BASE >> PAGE_SHIFT).wrapping_add(ram_page);
        for paddr in self.by_page.remove(&page).unwrap_or_default() {
            self.index.remove(&paddr);
        }
        self.jump.fill(NO_SLOT);
        self.links.fill([NO_LINK; 2]);
    }

    /// Drops every block. Every [`BlockId`] handed out before is invalid
    /// afterwards.
    pub fn clear(&mut self) {
        self.blocks.clear();
        self.links.clear();
        self.index.clear();
        self.by_page.clear();
        self.jump.fill(NO_SLOT);
    }
}
