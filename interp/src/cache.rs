//! Decoded blocks, cached by the physical address of their first
//! instruction.
//!
//! A block is a run of instructions within one page that ends at the first
//! instruction flagged `ENDS_BLOCK`, at the page end, or at
//! [`MAX_BLOCK_INSNS`]. The machine watches the 64-byte lines each block's
//! bytes lie in: a store into one reports the line, and just the blocks on
//! it are dropped (with the links into them); a `fence.i` drops everything.
//! A 4-byte instruction that straddles a page boundary is never cached (its
//! second half may be remapped).
//!
//! Blocks remember their last two successors (virtual pc and fetch context
//! → block), so that the common exit skips translation and lookup; each
//! block also lists the blocks linked into it, so that dropping it unlinks
//! them.

use std::collections::HashMap;

use soc::addr::{PhysAddr, RamOffset};
use soc::isa::{self, Flags, Insn};
use soc::machine::{CODE_LINE_SHIFT, Machine};
use soc::memmap::RAM_BASE;
use soc::mmu::{PAGE_OFFSET_MASK, PAGE_SIZE};

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
    /// The instructions, in order; empty once the block is dropped.
    pub insns: Box<[Insn]>,
    /// Physical address of the first instruction.
    paddr: PhysAddr,
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

/// Decodes the block at physical `paddr` (which translated from a fetch)
/// and watches its bytes for stores; returns its instructions and their
/// length in bytes, or `None` if its first instruction straddles a page.
/// Both engines form their blocks here.
pub fn decode_block(m: &mut Machine, paddr: PhysAddr) -> Option<(Vec<Insn>, u32)> {
    let mut insns = Vec::new();
    let mut p = paddr;
    while insns.len() < MAX_BLOCK_INSNS {
        let lo = m.read_code_parcel(p)?;
        let raw = if isa::insn_len(lo) == 2 {
            u32::from(lo)
        } else if p.0 & PAGE_OFFSET_MASK == PAGE_SIZE - 2 {
            break; // straddles the page: not part of any block
        } else {
            u32::from(lo) | u32::from(m.read_code_parcel(p.wrapping_add(2))?) << 16
        };
        let insn = isa::decode(raw);
        insns.push(insn);
        p = p.wrapping_add(u32::from(insn.len));
        if insn.op.flags().contains(Flags::ENDS_BLOCK) || p.0 & PAGE_OFFSET_MASK == 0 {
            break;
        }
    }
    if insns.is_empty() {
        return None;
    }
    // Computed from the length: the block may end at 2^32 (2 GiB of RAM).
    let len = p.0.wrapping_sub(paddr.0);
    if let Some(start) = paddr.above_ram_base() {
        m.watch_code(start, RamOffset(start.0 + len));
    }
    Some((insns, len))
}

/// The block cache.
pub struct BlockCache {
    blocks: Vec<Block>,
    /// Two successor links per block (a branch has two targets).
    links: Vec<[Link; 2]>,
    /// Per block: the blocks that may hold a link to it.
    incoming: Vec<Vec<BlockId>>,
    index: HashMap<PhysAddr, BlockId>,
    /// Per physical code line (address >> CODE_LINE_SHIFT): the blocks
    /// whose bytes touch it.
    by_line: HashMap<u32, Vec<BlockId>>,
    jump: Box<[(PhysAddr, BlockId); JUMP_SLOTS]>,
}

const NO_SLOT: (PhysAddr, BlockId) = (PhysAddr(u32::MAX), BlockId(0));

impl Default for BlockCache {
    fn default() -> Self {
        BlockCache {
            blocks: Vec::new(),
            links: Vec::new(),
            incoming: Vec::new(),
            index: HashMap::new(),
            by_line: HashMap::new(),
            jump: Box::new([NO_SLOT; JUMP_SLOTS]),
        }
    }
}

impl BlockCache {
    /// The cached block starting at physical `paddr`.
    #[inline(always)]
    pub fn get(&mut self, paddr: PhysAddr) -> Option<BlockId> {
        let slot = jump_slot(paddr);
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
        let incoming = &mut self.incoming[to.0 as usize];
        if !incoming.contains(&from) {
            incoming.push(from);
        }
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
    pub fn build(&mut self, m: &mut Machine, paddr: PhysAddr) -> Option<BlockId> {
        let (insns, len) = decode_block(m, paddr)?;
        let last = paddr.0.wrapping_add(len - 1);
        let id = BlockId(self.blocks.len() as u32);
        self.blocks.push(Block {
            insns: insns.into_boxed_slice(),
            paddr,
        });
        self.links.push([NO_LINK; 2]);
        self.incoming.push(Vec::new());
        self.index.insert(paddr, id);
        for line in (paddr.0 >> CODE_LINE_SHIFT)..=(last >> CODE_LINE_SHIFT) {
            self.by_line.entry(line).or_default().push(id);
        }
        self.jump[jump_slot(paddr)] = (paddr, id);
        Some(id)
    }

    /// Drops the blocks on RAM line `ram_line` (RAM offset >>
    /// `CODE_LINE_SHIFT`), and every link into them.
    pub fn invalidate_ram_line(&mut self, ram_line: u32) {
        let line = (RAM_BASE >> CODE_LINE_SHIFT).wrapping_add(ram_line);
        for id in self.by_line.remove(&line).unwrap_or_default() {
            self.drop_block(id);
        }
    }

    fn drop_block(&mut self, id: BlockId) {
        let block = &mut self.blocks[id.0 as usize];
        if block.insns.is_empty() {
            return; // dropped already, through another of its lines
        }
        block.insns = Box::new([]);
        let paddr = block.paddr;
        if self.index.get(&paddr) == Some(&id) {
            self.index.remove(&paddr);
        }
        let slot = &mut self.jump[jump_slot(paddr)];
        if *slot == (paddr, id) {
            *slot = NO_SLOT;
        }
        self.links[id.0 as usize] = [NO_LINK; 2];
        for from in std::mem::take(&mut self.incoming[id.0 as usize]) {
            for link in self.links[from.0 as usize].iter_mut() {
                if link.to == id {
                    *link = NO_LINK;
                }
            }
        }
    }

    /// Drops every block. Every [`BlockId`] handed out before is invalid
    /// afterwards.
    pub fn clear(&mut self) {
        self.blocks.clear();
        self.links.clear();
        self.incoming.clear();
        self.index.clear();
        self.by_line.clear();
        self.jump.fill(NO_SLOT);
    }
}

/// The direct-mapped slot of the block at `paddr`.
#[inline(always)]
fn jump_slot(paddr: PhysAddr) -> usize {
    (paddr.0 >> 1) as usize % JUMP_SLOTS
}
