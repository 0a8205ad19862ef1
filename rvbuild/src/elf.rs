//! Stripping a static ELF32 executable for the guest's disk image: what a
//! loader needs (the ELF header, the program headers and the segments'
//! bytes) without the section headers and the sections after the
//! segments (symbol and string tables, debug info), as
//! `objcopy --strip-sections` does. The build keeps the full ELF for the
//! profiler.

/// `e_phoff`, `e_shoff` (u32), then `e_phentsize`, `e_phnum`,
/// `e_shentsize`, `e_shnum`, `e_shstrndx` (u16) in an ELF32 header.
const E_PHOFF: usize = 0x1c;
const E_SHOFF: usize = 0x20;
const E_PHENTSIZE: usize = 0x2a;
const E_PHNUM: usize = 0x2c;
const E_SHENTSIZE: usize = 0x2e;
/// `p_offset` and `p_filesz` in an ELF32 program header.
const P_OFFSET: usize = 0x04;
const P_FILESZ: usize = 0x10;

/// `elf` (a little-endian ELF32 file) cut after its last segment byte and
/// program header, with no section headers; `None` when it is not such a
/// file or a header points outside it.
pub fn strip(elf: &[u8]) -> Option<Vec<u8>> {
    if !elf.starts_with(b"\x7fELF\x01\x01") {
        return None;
    }
    let u16_at = |at: usize| Some(u16::from_le_bytes(elf.get(at..at + 2)?.try_into().ok()?));
    let u32_at = |at: usize| {
        let word = u32::from_le_bytes(elf.get(at..at + 4)?.try_into().ok()?);
        usize::try_from(word).ok()
    };
    let phoff = u32_at(E_PHOFF)?;
    let phentsize = usize::from(u16_at(E_PHENTSIZE)?);
    let phnum = usize::from(u16_at(E_PHNUM)?);
    let mut end = phoff.checked_add(phentsize.checked_mul(phnum)?)?;
    for ph in (0..phnum).map(|i| phoff + i * phentsize) {
        end = end.max(u32_at(ph + P_OFFSET)?.checked_add(u32_at(ph + P_FILESZ)?)?);
    }
    let mut out = elf.get(..end)?.to_vec();
    // e_shoff = 0, and e_shentsize, e_shnum, e_shstrndx = 0.
    out[E_SHOFF..E_SHOFF + 4].fill(0);
    out[E_SHENTSIZE..E_SHENTSIZE + 6].fill(0);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An ELF32 header (52 bytes), one program header at 52 for file bytes
    /// [0, 100), then 20 bytes of "symbols" and section headers at 120.
    fn sample() -> Vec<u8> {
        let mut elf = vec![0u8; 160];
        elf[..6].copy_from_slice(b"\x7fELF\x01\x01");
        elf[E_PHOFF..E_PHOFF + 4].copy_from_slice(&52u32.to_le_bytes());
        elf[E_SHOFF..E_SHOFF + 4].copy_from_slice(&120u32.to_le_bytes());
        elf[E_PHENTSIZE..E_PHENTSIZE + 2].copy_from_slice(&32u16.to_le_bytes());
        elf[E_PHNUM..E_PHNUM + 2].copy_from_slice(&1u16.to_le_bytes());
        elf[E_SHENTSIZE..E_SHENTSIZE + 6].copy_from_slice(&[40, 0, 1, 0, 1, 0]);
        elf[52 + P_FILESZ..52 + P_FILESZ + 4].copy_from_slice(&100u32.to_le_bytes());
        elf[99] = 0xaa;
        elf
    }

    #[test]
    fn keeps_the_segments_and_drops_the_sections() {
        let elf = sample();
        let stripped = strip(&elf).unwrap();
        assert_eq!(stripped.len(), 100);
        assert_eq!(stripped[99], 0xaa);
        assert_eq!(stripped[E_SHOFF..E_SHOFF + 4], [0; 4]);
        assert_eq!(stripped[E_SHENTSIZE..E_SHENTSIZE + 6], [0; 6]);
        assert_eq!(stripped[..E_SHOFF], elf[..E_SHOFF]);
    }

    #[test]
    fn refuses_what_it_cannot_cut() {
        assert_eq!(strip(b"\x7fELF\x02\x01"), None, "ELF64");
        let mut past_the_end = sample();
        past_the_end[52 + P_FILESZ] = 200;
        assert_eq!(strip(&past_the_end), None);
    }
}
