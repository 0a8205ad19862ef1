//! Checked volatile access to memory-mapped device registers, the one MMIO
//! wrapper of the firmware and of the kernel.
//!
//! A [`Windows`] lists where device registers are. Every access is checked
//! against the list and against its alignment, so a wrong address is a
//! panic in the firmware or kernel, never a stray store into memory. The
//! one unsafe promise, made when a `Windows` is created, is that the listed
//! ranges really are device registers reachable at those addresses.
#![no_std]

use core::mem::size_of;

/// Device register windows: `(base, bytes)` ranges.
pub struct Windows {
    list: &'static [(usize, usize)],
}

impl Windows {
    /// The windows `list`.
    ///
    /// # Safety
    ///
    /// For as long as the `Windows` is used, every range in `list` must be
    /// device registers reachable at that address (physically with paging
    /// off, or mapped one-to-one), and no Rust reference may cover them.
    pub const unsafe fn new(list: &'static [(usize, usize)]) -> Windows {
        Windows { list }
    }

    /// Whether `[addr, addr + bytes)` is aligned to `bytes` and inside one
    /// window.
    pub fn contains(&self, addr: usize, bytes: usize) -> bool {
        addr.is_multiple_of(bytes)
            && self
                .list
                .iter()
                .any(|&(base, len)| addr >= base && len >= bytes && addr - base <= len - bytes)
    }

    fn read<T: Copy>(&self, addr: usize) -> T {
        assert!(
            self.contains(addr, size_of::<T>()),
            "mmio read outside the devices"
        );
        // SAFETY: checked just above: `addr` is aligned and in a window,
        // which `new`'s contract makes a reachable device register that no
        // Rust reference covers; a register read has no effect on
        // Rust-visible memory.
        unsafe { (addr as *const T).read_volatile() }
    }

    fn write<T: Copy>(&self, addr: usize, value: T) {
        assert!(
            self.contains(addr, size_of::<T>()),
            "mmio write outside the devices"
        );
        // SAFETY: as in `read`: an aligned device register that no Rust
        // reference covers.
        unsafe { (addr as *mut T).write_volatile(value) }
    }

    /// Reads the byte register at `addr` (panics outside the windows).
    pub fn read8(&self, addr: usize) -> u8 {
        self.read(addr)
    }

    /// Writes the byte register at `addr` (panics outside the windows).
    pub fn write8(&self, addr: usize, value: u8) {
        self.write(addr, value)
    }

    /// Reads the 32-bit register at `addr` (panics outside the windows or
    /// if unaligned).
    pub fn read32(&self, addr: usize) -> u32 {
        self.read(addr)
    }

    /// Writes the 32-bit register at `addr` (panics outside the windows or
    /// if unaligned).
    pub fn write32(&self, addr: usize, value: u32) {
        self.write(addr, value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // SAFETY: only `contains` is used, which touches no memory.
    const W: Windows = unsafe { Windows::new(&[(0x1000, 0x100), (0x2000_0000, 0x40_0000)]) };

    #[test]
    fn accesses_are_checked_against_windows_and_alignment() {
        assert!(W.contains(0x1000, 1));
        assert!(W.contains(0x10fc, 4));
        assert!(!W.contains(0x10fe, 4), "straddles the end");
        assert!(!W.contains(0x1002, 4), "unaligned");
        assert!(!W.contains(0x1100, 1), "past the window");
        assert!(!W.contains(0x0fff, 1), "before it");
        assert!(W.contains(0x203f_fffc, 4));
        assert!(!W.contains(usize::MAX, 1));
    }
}
