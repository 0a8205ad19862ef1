//! The Sv32 page-table walk (Privileged ISA 10.3): two levels, 4 KiB pages
//! and 4 MiB superpages, 34-bit physical addresses, A and D bits set by the
//! walker.

use super::{AccessKind, PAGE_SHIFT};
use crate::hart::Privilege;
use crate::trap::Exception;

/// Page-table entry bits.
pub mod pte {
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
    /// Accessed.
    pub const A: u32 = 1 << 6;
    /// Dirty.
    pub const D: u32 = 1 << 7;
    /// Shift of the PPN field.
    pub const PPN_SHIFT: u32 = 10;
}

/// Physical memory as the walker sees it: page-table entries are read and
/// written with PMP checked as S-mode accesses. `None`/`false` means an
/// access fault.
pub trait PteMemory {
    /// Reads the PTE at physical `paddr`.
    fn read_pte(&mut self, paddr: u64) -> Option<u32>;
    /// Writes the PTE at physical `paddr` (to set A/D).
    fn write_pte(&mut self, paddr: u64, pte: u32) -> bool;
}

/// The translation context: effective privilege and `mstatus` bits.
#[derive(Clone, Copy, Debug)]
pub struct WalkMode {
    /// Effective privilege of the access (S or U; M never walks).
    pub prv: Privilege,
    /// `mstatus.SUM`.
    pub sum: bool,
    /// `mstatus.MXR`.
    pub mxr: bool,
}

/// Translates `vaddr` through the page table rooted at `satp`'s PPN.
/// Returns the physical address, or the page or access fault to raise.
pub fn walk(
    mem: &mut impl PteMemory,
    satp: u32,
    vaddr: u32,
    kind: AccessKind,
    mode: WalkMode,
) -> Result<u64, Exception> {
    let fault = kind.page_fault(vaddr);
    let mut table = u64::from(satp & crate::csr::state::satp::PPN) << PAGE_SHIFT;
    for level in (0..2u32).rev() {
        let vpn = (vaddr >> (PAGE_SHIFT + 10 * level)) & 0x3ff;
        let pte_addr = table + u64::from(vpn) * 4;
        let pte = mem.read_pte(pte_addr).ok_or(kind.access_fault(vaddr))?;
        if pte & pte::V == 0 || (pte & pte::R == 0 && pte & pte::W != 0) {
            return Err(fault);
        }
        let ppn = u64::from(pte >> pte::PPN_SHIFT);
        if pte & (pte::R | pte::X) == 0 {
            table = ppn << PAGE_SHIFT;
            continue;
        }
        check_leaf(pte, kind, mode).ok_or(fault)?;
        if level == 1 && ppn & 0x3ff != 0 {
            return Err(fault); // misaligned superpage
        }
        let needed = pte::A | if kind == AccessKind::Write { pte::D } else { 0 };
        if pte & needed != needed && !mem.write_pte(pte_addr, pte | needed) {
            return Err(kind.access_fault(vaddr));
        }
        let offset_mask = (1u64 << (PAGE_SHIFT + 10 * level)) - 1;
        return Ok(((ppn << PAGE_SHIFT) & !offset_mask) | (u64::from(vaddr) & offset_mask));
    }
    Err(fault)
}

/// Leaf permission check; `None` means a page fault.
fn check_leaf(pte: u32, kind: AccessKind, mode: WalkMode) -> Option<()> {
    let user_page = pte & pte::U != 0;
    match mode.prv {
        Privilege::User if !user_page => return None,
        Privilege::Supervisor if user_page && (kind == AccessKind::Fetch || !mode.sum) => {
            return None;
        }
        _ => {}
    }
    let allowed = match kind {
        AccessKind::Read => pte & pte::R != 0 || (mode.mxr && pte & pte::X != 0),
        AccessKind::Write => pte & pte::W != 0,
        AccessKind::Fetch => pte & pte::X != 0,
    };
    allowed.then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use AccessKind::*;
    use std::collections::HashMap;

    #[derive(Default)]
    struct Mem(HashMap<u64, u32>);
    impl PteMemory for Mem {
        fn read_pte(&mut self, paddr: u64) -> Option<u32> {
            (paddr < 0x1_0000_0000).then(|| *self.0.get(&paddr).unwrap_or(&0))
        }
        fn write_pte(&mut self, paddr: u64, pte: u32) -> bool {
            self.0.insert(paddr, pte);
            true
        }
    }

    const ROOT: u64 = 0x8000_0000;
    const L0: u64 = 0x8000_1000;
    const SATP: u32 = (1 << 31) | (0x8000_0000 >> 12);
    const S: WalkMode = WalkMode {
        prv: Privilege::Supervisor,
        sum: false,
        mxr: false,
    };
    const U: WalkMode = WalkMode {
        prv: Privilege::User,
        sum: false,
        mxr: false,
    };

    fn leaf(paddr: u64, flags: u32) -> u32 {
        ((paddr >> 12) as u32) << 10 | flags | pte::V
    }

    /// Maps vaddr 0x0040_0000.. through a level-0 table, page 0 to 0x8020_0000.
    fn mem_with_page(flags: u32) -> Mem {
        let mut m = Mem::default();
        m.0.insert(ROOT + 4, leaf(L0, 0));
        m.0.insert(L0, leaf(0x8020_0000, flags));
        m
    }

    #[test]
    fn walks_two_levels_and_sets_accessed_then_dirty() {
        let mut m = mem_with_page(pte::R | pte::W);
        assert_eq!(walk(&mut m, SATP, 0x0040_0123, Read, S), Ok(0x8020_0123));
        assert_eq!(m.0[&L0] & (pte::A | pte::D), pte::A);
        assert_eq!(walk(&mut m, SATP, 0x0040_0123, Write, S), Ok(0x8020_0123));
        assert_eq!(m.0[&L0] & (pte::A | pte::D), pte::A | pte::D);
    }

    #[test]
    fn permission_faults() {
        let mut m = mem_with_page(pte::R);
        assert_eq!(
            walk(&mut m, SATP, 0x0040_0000, Write, S),
            Err(Exception::StorePageFault(0x0040_0000))
        );
        assert_eq!(
            walk(&mut m, SATP, 0x0040_0004, Fetch, S),
            Err(Exception::InstructionPageFault(0x0040_0004))
        );
        assert_eq!(
            walk(&mut m, SATP, 0x0040_0000, Read, U),
            Err(Exception::LoadPageFault(0x0040_0000))
        );
        assert_eq!(
            walk(&mut m, SATP, 0x0080_0000, Read, S),
            Err(Exception::LoadPageFault(0x0080_0000)),
            "invalid root entry"
        );
        let mut wo = mem_with_page(pte::W);
        assert_eq!(
            walk(&mut wo, SATP, 0x0040_0000, Write, S),
            Err(Exception::StorePageFault(0x0040_0000)),
            "W without R is reserved"
        );
    }

    #[test]
    fn mxr_and_sum() {
        let mut m = mem_with_page(pte::X | pte::U);
        assert!(walk(&mut m, SATP, 0x0040_0000, Read, U).is_err());
        assert!(walk(&mut m, SATP, 0x0040_0000, Read, WalkMode { mxr: true, ..U }).is_ok());
        assert!(walk(&mut m, SATP, 0x0040_0000, Fetch, U).is_ok());
        let sum = WalkMode {
            sum: true,
            mxr: true,
            ..S
        };
        assert!(walk(&mut m, SATP, 0x0040_0000, Read, S).is_err());
        assert!(walk(&mut m, SATP, 0x0040_0000, Read, sum).is_ok());
        assert!(
            walk(&mut m, SATP, 0x0040_0000, Fetch, sum).is_err(),
            "S never executes U pages"
        );
    }

    #[test]
    fn superpages_and_misaligned_superpages() {
        let mut m = Mem::default();
        m.0.insert(ROOT + 4 * 0x200, leaf(0x8040_0000, pte::R | pte::X));
        assert_eq!(walk(&mut m, SATP, 0x8012_3456, Read, S), Ok(0x8052_3456));
        m.0.insert(ROOT + 4 * 0x200, leaf(0x8040_1000, pte::R));
        assert!(walk(&mut m, SATP, 0x8012_3456, Read, S).is_err());
    }

    #[test]
    fn thirty_four_bit_physical_addresses() {
        let mut m = Mem::default();
        m.0.insert(ROOT, leaf(0x3_0000_0000, pte::R));
        assert_eq!(walk(&mut m, SATP, 0x0000_1234, Read, S), Ok(0x3_0000_1234));
    }

    #[test]
    fn pte_outside_memory_is_an_access_fault() {
        let mut m = Mem::default();
        m.0.insert(ROOT, (0x3_0000_0000u64 >> 12 << 10) as u32 | pte::V);
        assert_eq!(
            walk(&mut m, SATP, 0x0000_0010, Write, S),
            Err(Exception::StoreAccessFault(0x10))
        );
    }

    #[test]
    fn leaf_at_level_zero_only_after_pointer() {
        let mut m = Mem::default();
        m.0.insert(ROOT, leaf(L0, 0));
        m.0.insert(L0, leaf(L0, 0)); // a pointer at the last level
        assert_eq!(
            walk(&mut m, SATP, 0, Read, S),
            Err(Exception::LoadPageFault(0))
        );
    }
}
