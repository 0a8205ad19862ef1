//! Guest RAM: one anonymous host mapping (memmap2), held as raw memory.
//!
//! Generated code (the JIT) reads and writes guest RAM through host
//! pointers ([`Ram::host_base`] plus a RAM offset) while Rust code touches
//! the same bytes, so RAM is never owned as a `&mut [u8]`: the mapping is a
//! `MmapRaw`, and the only references to its bytes are the short-lived
//! slices handed out by [`Ram::bytes`] and [`Ram::bytes_mut`] (and the
//! accessors built on them), each of which borrows the `Ram`. Engines never
//! run generated code while such a borrow lives: Rust code reached from
//! generated code (helpers, device DMA) ends every borrow before it
//! returns. These two functions hold the module's only `unsafe` blocks.
//!
//! Offsets here are byte offsets from the start of RAM, not physical
//! addresses; [`Ram::offset_of`] converts. Every access is bounds-checked
//! against the mapping, so no guest value can reach outside it.

use memmap2::{MmapMut, MmapRaw};

use crate::addr::RamOffset;
use crate::memmap::RAM_BASE;

/// Error creating RAM.
#[derive(Debug, thiserror::Error)]
pub enum RamError {
    /// The size is zero, not a multiple of 4 KiB, or does not fit above
    /// `RAM_BASE` in the 32-bit physical space.
    #[error("invalid RAM size {0:#x}: must be a non-zero multiple of 4 KiB, at most 2 GiB")]
    BadSize(u64),
    /// The host refused the mapping.
    #[error("cannot map {size:#x} bytes of guest RAM")]
    Map {
        /// Requested size.
        size: u64,
        /// The host error.
        source: std::io::Error,
    },
}

/// Guest RAM at [`RAM_BASE`].
pub struct Ram {
    map: MmapRaw,
    len: usize,
}

impl Ram {
    /// Maps `size_bytes` of zeroed RAM.
    pub fn new(size_bytes: u64) -> Result<Ram, RamError> {
        let max = u64::from(u32::MAX) - u64::from(RAM_BASE) + 1;
        if size_bytes == 0 || !size_bytes.is_multiple_of(4096) || size_bytes > max {
            return Err(RamError::BadSize(size_bytes));
        }
        let len = usize::try_from(size_bytes).map_err(|_| RamError::BadSize(size_bytes))?;
        let map = MmapMut::map_anon(len).map_err(|source| RamError::Map {
            size: size_bytes,
            source,
        })?;
        Ok(Ram {
            map: MmapRaw::from(map),
            len,
        })
    }

    /// Size in bytes.
    pub fn size(&self) -> u32 {
        // Checked in `new` to fit below 4 GiB together with RAM_BASE.
        self.len as u32
    }

    /// The host address of RAM offset 0, for generated code: RAM offset
    /// `o < size()` lives at `host_base() + o` for as long as the `Ram`.
    pub fn host_base(&self) -> *mut u8 {
        self.map.as_mut_ptr()
    }

    /// The RAM offset of physical range `[paddr, paddr + len)`, if all of it
    /// is RAM.
    #[inline]
    pub fn offset_of(&self, paddr: u32, len: u32) -> Option<RamOffset> {
        let off = paddr.checked_sub(RAM_BASE)?;
        (u64::from(off) + u64::from(len) <= self.len as u64).then_some(RamOffset(off))
    }

    /// The `len` bytes at RAM offset `offset`. Panics only on a host bug
    /// (a range the MMU or a device did not check).
    #[inline(always)]
    pub fn bytes(&self, offset: RamOffset, len: usize) -> &[u8] {
        let offset = offset.index();
        assert!(
            offset <= self.len && len <= self.len - offset,
            "RAM range out of bounds"
        );
        // SAFETY: `offset + len <= self.len` was checked above and the
        // mapping lives as long as `self`, so the range is inside it and
        // initialised (anonymous memory is zero-filled). The slice borrows
        // `self`, so no `bytes_mut` slice exists while it lives, and no
        // generated code runs then (module docs).
        unsafe { std::slice::from_raw_parts(self.map.as_mut_ptr().add(offset), len) }
    }

    /// The `len` bytes at RAM offset `offset`, mutably. Panics only on a
    /// host bug.
    #[inline(always)]
    pub fn bytes_mut(&mut self, offset: RamOffset, len: usize) -> &mut [u8] {
        let offset = offset.index();
        assert!(
            offset <= self.len && len <= self.len - offset,
            "RAM range out of bounds"
        );
        // SAFETY: in bounds and live as in `bytes`; the slice borrows
        // `self` mutably, so it is the only reference to RAM while it lives.
        unsafe { std::slice::from_raw_parts_mut(self.map.as_mut_ptr().add(offset), len) }
    }

    /// Reads `N` little-endian bytes at `offset`.
    #[inline(always)]
    pub fn read<const N: usize>(&self, offset: RamOffset) -> [u8; N] {
        let mut out = [0u8; N];
        out.copy_from_slice(self.bytes(offset, N));
        out
    }

    /// Writes `N` bytes at `offset`.
    #[inline(always)]
    pub fn write<const N: usize>(&mut self, offset: RamOffset, value: [u8; N]) {
        self.bytes_mut(offset, N).copy_from_slice(&value);
    }

    /// The bytes of physical range `[paddr, paddr + len)`, if it is all RAM
    /// (device DMA and loaders go through this and [`Ram::slice_mut`]).
    pub fn slice(&self, paddr: u32, len: u32) -> Option<&[u8]> {
        let off = self.offset_of(paddr, len)?;
        Some(self.bytes(off, len as usize))
    }

    /// Mutable bytes of physical range `[paddr, paddr + len)`, if it is all RAM.
    pub fn slice_mut(&mut self, paddr: u32, len: u32) -> Option<&mut [u8]> {
        let off = self.offset_of(paddr, len)?;
        Some(self.bytes_mut(off, len as usize))
    }

    /// All of RAM (tests only).
    #[cfg(test)]
    pub(crate) fn as_slice(&self) -> &[u8] {
        self.bytes(RamOffset(0), self.len)
    }

    /// All of RAM, mutably: for loading a program, before any engine runs.
    pub(crate) fn as_mut_slice(&mut self) -> &mut [u8] {
        self.bytes_mut(RamOffset(0), self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_sizes() {
        assert!(Ram::new(0).is_err());
        assert!(Ram::new(4095).is_err());
        assert!(Ram::new(3 << 30).is_err());
    }

    #[test]
    fn offsets_are_checked_against_the_end() {
        let ram = Ram::new(8192).unwrap();
        assert_eq!(ram.offset_of(RAM_BASE, 4), Some(RamOffset(0)));
        assert_eq!(ram.offset_of(RAM_BASE + 8188, 4), Some(RamOffset(8188)));
        assert_eq!(ram.offset_of(RAM_BASE + 8189, 4), None);
        assert_eq!(ram.offset_of(RAM_BASE - 1, 1), None);
        assert_eq!(ram.offset_of(u32::MAX, 4), None);
    }

    #[test]
    fn reads_back_little_endian() {
        let mut ram = Ram::new(4096).unwrap();
        ram.write(RamOffset(16), 0x1234_5678u32.to_le_bytes());
        assert_eq!(ram.read::<1>(RamOffset(16)), [0x78]);
        assert_eq!(u16::from_le_bytes(ram.read(RamOffset(17))), 0x3456);
        assert_eq!(
            ram.slice(RAM_BASE + 16, 4).unwrap(),
            &[0x78, 0x56, 0x34, 0x12]
        );
        ram.bytes_mut(RamOffset(4094), 2).copy_from_slice(&[1, 2]);
        assert_eq!(ram.bytes(RamOffset(4093), 3), &[0, 1, 2]);
        assert!(ram.slice(RAM_BASE + 4095, 2).is_none());
    }

    #[test]
    #[should_panic(expected = "out of bounds")]
    fn unchecked_ranges_are_a_host_bug() {
        let ram = Ram::new(4096).unwrap();
        let _ = ram.bytes(RamOffset(4095), 2);
    }
}
