//! Address translation: the Sv32 page walk, physical memory protection and
//! the software TLB that caches both.
//!
//! A TLB hit costs one compare and gives the RAM offset of the page; only a
//! miss walks the page table, sets A/D bits, checks PMP or reaches MMIO.

pub mod pmp;
pub mod sv32;
pub mod tlb;

/// log2 of the page size: the page number of an address is
/// `addr >> PAGE_SHIFT`.
pub const PAGE_SHIFT: u32 = 12;
/// Page size in bytes: Sv32's base page, and the granule of the TLB, of the
/// machine's code-page watch and of the engines' block cache.
pub const PAGE_SIZE: u32 = 1 << PAGE_SHIFT;
/// The bits of an address that select a byte within its page.
pub const PAGE_OFFSET_MASK: u32 = PAGE_SIZE - 1;

/// What an access does, for permission checks and fault causes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessKind {
    /// A load (or the read half of an AMO check).
    Read = 0,
    /// A store or AMO.
    Write = 1,
    /// An instruction fetch.
    Fetch = 2,
}

impl AccessKind {
    /// The page-fault exception for this access at `vaddr`.
    pub fn page_fault(self, vaddr: u32) -> crate::trap::Exception {
        use crate::trap::Exception::*;
        match self {
            AccessKind::Read => LoadPageFault(vaddr),
            AccessKind::Write => StorePageFault(vaddr),
            AccessKind::Fetch => InstructionPageFault(vaddr),
        }
    }

    /// The access-fault exception for this access at `vaddr`.
    pub fn access_fault(self, vaddr: u32) -> crate::trap::Exception {
        use crate::trap::Exception::*;
        match self {
            AccessKind::Read => LoadAccessFault(vaddr),
            AccessKind::Write => StoreAccessFault(vaddr),
            AccessKind::Fetch => InstructionAccessFault(vaddr),
        }
    }
}
