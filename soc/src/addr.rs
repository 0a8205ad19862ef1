//! Kinds of address where they meet engine code: a guest virtual address,
//! a guest physical address, and an offset into guest RAM (what the TLB
//! gives, what the code watch and `Ram` take). Mixing them up is the most
//! likely class of JIT bug, so the TLB, fetch, RAM and code-tracking APIs
//! take and return these types rather than bare `u32`s. Each is a
//! transparent `u32`, so generated code sees plain words.

use crate::memmap::RAM_BASE;

/// A guest virtual address (before translation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
pub struct VirtAddr(pub u32);

/// A guest physical address (after translation and PMP).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
pub struct PhysAddr(pub u32);

/// A byte offset from the start of guest RAM (physical `RAM_BASE`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
pub struct RamOffset(pub u32);

impl VirtAddr {
    /// The address `bytes` further on (wrapping, as the pc does).
    #[inline(always)]
    pub fn wrapping_add(self, bytes: u32) -> VirtAddr {
        VirtAddr(self.0.wrapping_add(bytes))
    }
}

impl PhysAddr {
    /// The address `bytes` further on (wrapping).
    #[inline(always)]
    pub fn wrapping_add(self, bytes: u32) -> PhysAddr {
        PhysAddr(self.0.wrapping_add(bytes))
    }

    /// The RAM offset of this address if it is at or above `RAM_BASE`
    /// (whether it is inside RAM is `Ram::offset_of`'s question).
    #[inline(always)]
    pub fn above_ram_base(self) -> Option<RamOffset> {
        self.0.checked_sub(RAM_BASE).map(RamOffset)
    }
}

impl RamOffset {
    /// The physical address of this RAM byte.
    #[inline(always)]
    pub fn phys(self) -> PhysAddr {
        PhysAddr(RAM_BASE.wrapping_add(self.0))
    }

    /// As an index into host memory.
    #[inline(always)]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions() {
        assert_eq!(PhysAddr(RAM_BASE + 8).above_ram_base(), Some(RamOffset(8)));
        assert_eq!(PhysAddr(0x1000).above_ram_base(), None);
        assert_eq!(RamOffset(8).phys(), PhysAddr(RAM_BASE + 8));
        assert_eq!(VirtAddr(u32::MAX).wrapping_add(2), VirtAddr(1));
    }
}
