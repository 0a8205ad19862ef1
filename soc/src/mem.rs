//! Guest RAM: one anonymous host mapping (memmap2).
//!
//! Offsets here are byte offsets from the start of RAM, not physical
//! addresses; [`Ram::offset_of`] converts. Every access is bounds-checked by
//! the slice it goes through, so no guest value can reach outside the
//! mapping. The JIT (a later crate) will reach RAM through the mapping's
//! host base address with the same offsets.

use memmap2::MmapMut;

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
    bytes: MmapMut,
}

impl Ram {
    /// Maps `size_bytes` of zeroed RAM.
    pub fn new(size_bytes: u64) -> Result<Ram, RamError> {
        let max = u64::from(u32::MAX) - u64::from(RAM_BASE) + 1;
        if size_bytes == 0 || !size_bytes.is_multiple_of(4096) || size_bytes > max {
            return Err(RamError::BadSize(size_bytes));
        }
        let len = usize::try_from(size_bytes).map_err(|_| RamError::BadSize(size_bytes))?;
        let bytes = MmapMut::map_anon(len).map_err(|source| RamError::Map {
            size: size_bytes,
            source,
        })?;
        Ok(Ram { bytes })
    }

    /// Size in bytes.
    pub fn size(&self) -> u32 {
        // Checked in `new` to fit below 4 GiB together with RAM_BASE.
        self.bytes.len() as u32
    }

    /// The RAM offset of physical range `[paddr, paddr + len)`, if all of it
    /// is RAM.
    #[inline]
    pub fn offset_of(&self, paddr: u32, len: u32) -> Option<usize> {
        let off = paddr.checked_sub(RAM_BASE)?;
        (u64::from(off) + u64::from(len) <= self.bytes.len() as u64).then_some(off as usize)
    }

    /// Reads `N` little-endian bytes at `offset`. Panics only on a host bug
    /// (an offset the MMU did not check).
    #[inline]
    pub fn read<const N: usize>(&self, offset: usize) -> [u8; N] {
        let mut out = [0u8; N];
        out.copy_from_slice(&self.bytes[offset..offset + N]);
        out
    }

    /// Writes `N` bytes at `offset`.
    #[inline]
    pub fn write<const N: usize>(&mut self, offset: usize, value: [u8; N]) {
        self.bytes[offset..offset + N].copy_from_slice(&value);
    }

    /// The bytes of physical range `[paddr, paddr + len)`, if it is all RAM.
    pub fn slice(&self, paddr: u32, len: u32) -> Option<&[u8]> {
        let off = self.offset_of(paddr, len)?;
        Some(&self.bytes[off..off + len as usize])
    }

    /// Mutable bytes of physical range `[paddr, paddr + len)`, if it is all RAM.
    pub fn slice_mut(&mut self, paddr: u32, len: u32) -> Option<&mut [u8]> {
        let off = self.offset_of(paddr, len)?;
        Some(&mut self.bytes[off..off + len as usize])
    }

    /// All of RAM.
    pub fn as_slice(&self) -> &[u8] {
        &self.bytes
    }

    /// All of RAM, mutably.
    pub fn as_mut_slice(&mut self) -> &mut [u8] {
        &mut self.bytes
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
        assert_eq!(ram.offset_of(RAM_BASE, 4), Some(0));
        assert_eq!(ram.offset_of(RAM_BASE + 8188, 4), Some(8188));
        assert_eq!(ram.offset_of(RAM_BASE + 8189, 4), None);
        assert_eq!(ram.offset_of(RAM_BASE - 1, 1), None);
        assert_eq!(ram.offset_of(u32::MAX, 4), None);
    }

    #[test]
    fn reads_back_little_endian() {
        let mut ram = Ram::new(4096).unwrap();
        ram.write(16, 0x1234_5678u32.to_le_bytes());
        assert_eq!(ram.read::<1>(16), [0x78]);
        assert_eq!(u16::from_le_bytes(ram.read(17)), 0x3456);
        assert_eq!(
            ram.slice(RAM_BASE + 16, 4).unwrap(),
            &[0x78, 0x56, 0x34, 0x12]
        );
    }
}
