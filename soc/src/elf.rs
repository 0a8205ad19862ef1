//! Loading ELF programs into guest RAM (goblin).
//!
//! Segments are placed at their physical addresses (`p_paddr`), as QEMU's
//! `-kernel` does; `.bss` is zero-filled. The symbols `tohost`/`fromhost`
//! (HTIF) and `begin_signature`/`end_signature` (architecture tests) are
//! looked up when present.

use goblin::elf::program_header::{PT_LOAD, ProgramHeader};
use goblin::elf::{Elf, header};

use crate::mem::Ram;

/// `e_machine` of RISC-V ELF files.
pub const EM_RISCV: u16 = header::EM_RISCV;

/// Error loading an ELF image.
#[derive(Debug, thiserror::Error)]
pub enum ElfError {
    /// Not an ELF file at all, or malformed headers.
    #[error("not a valid ELF file: {0}")]
    Malformed(String),
    /// A 64-bit ELF.
    #[error("64-bit ELF: rvjit runs RV32 programs only")]
    Not32Bit,
    /// An ELF for another architecture.
    #[error("ELF machine {0} is not RISC-V")]
    NotRiscv(u16),
    /// A big-endian ELF.
    #[error("big-endian ELF: RISC-V is little-endian")]
    BigEndian,
    /// A segment's file range lies outside the file.
    #[error(
        "truncated ELF: segment at offset {offset:#x} size {size:#x} runs past the end of the file ({file_size:#x} bytes)"
    )]
    Truncated {
        /// File offset of the segment.
        offset: u64,
        /// Bytes the segment claims in the file.
        size: u64,
        /// Size of the file.
        file_size: usize,
    },
    /// A segment does not fit in RAM.
    #[error("segment at {addr:#x} size {size:#x} lies outside RAM ({ram_base:#x}..{ram_end:#x})")]
    OutsideRam {
        /// Physical load address.
        addr: u64,
        /// Memory size of the segment.
        size: u64,
        /// Start of RAM.
        ram_base: u64,
        /// End of RAM.
        ram_end: u64,
    },
    /// No loadable segment.
    #[error("ELF has no loadable segment")]
    Empty,
}

/// What loading found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadedElf {
    /// Entry point.
    pub entry: u32,
    /// Address of `tohost`, if the program has one.
    pub tohost: Option<u32>,
    /// Address of `fromhost`, if the program has one.
    pub fromhost: Option<u32>,
    /// `[begin_signature, end_signature)`, if both are present.
    pub signature: Option<(u32, u32)>,
    /// Lowest and highest+1 physical address loaded (the end saturates at
    /// `u32::MAX` for a segment that reaches the top of the address space).
    pub extent: (u32, u32),
}

/// Checks `bytes` and copies its loadable segments into `ram`.
pub fn load(bytes: &[u8], ram: &mut Ram) -> Result<LoadedElf, ElfError> {
    let elf = parse(bytes)?;
    let ram_base = u64::from(crate::memmap::RAM_BASE);
    let ram_end = ram_base + u64::from(ram.size());
    for ph in loadable(&elf) {
        let data = file_bytes(bytes, ph)?;
        let outside = || ElfError::OutsideRam {
            addr: ph.p_paddr,
            size: ph.p_memsz,
            ram_base,
            ram_end,
        };
        let end = ph.p_paddr.checked_add(ph.p_memsz).ok_or_else(outside)?;
        if ph.p_paddr < ram_base || end > ram_end {
            return Err(outside());
        }
        let dest = ram
            .slice_mut(ph.p_paddr as u32, ph.p_memsz as u32)
            .ok_or_else(outside)?;
        let (init, zero) = dest.split_at_mut(data.len());
        init.copy_from_slice(data);
        zero.fill(0);
    }
    describe(&elf)
}

/// Checks `bytes` and reports what loading it would find, without loading.
pub fn inspect(bytes: &[u8]) -> Result<LoadedElf, ElfError> {
    let elf = parse(bytes)?;
    for ph in loadable(&elf) {
        file_bytes(bytes, ph)?;
    }
    describe(&elf)
}

/// Parses the headers of a little-endian RV32 ELF.
fn parse(bytes: &[u8]) -> Result<Elf<'_>, ElfError> {
    let ident = bytes
        .get(..header::SIZEOF_IDENT)
        .ok_or_else(|| ElfError::Malformed("file too short".into()))?;
    if &ident[..4] != header::ELFMAG {
        return Err(ElfError::Malformed("bad magic number".into()));
    }
    if ident[header::EI_CLASS] == header::ELFCLASS64 {
        return Err(ElfError::Not32Bit);
    }
    if ident[header::EI_DATA] == header::ELFDATA2MSB {
        return Err(ElfError::BigEndian);
    }
    let elf = Elf::parse(bytes).map_err(|e| ElfError::Malformed(e.to_string()))?;
    if elf.header.e_machine != header::EM_RISCV {
        return Err(ElfError::NotRiscv(elf.header.e_machine));
    }
    Ok(elf)
}

/// The segments to load.
fn loadable<'a>(elf: &'a Elf<'_>) -> impl Iterator<Item = &'a ProgramHeader> {
    elf.program_headers
        .iter()
        .filter(|ph| ph.p_type == PT_LOAD && ph.p_memsz > 0)
}

/// The bytes a segment takes from the file.
fn file_bytes<'a>(bytes: &'a [u8], ph: &ProgramHeader) -> Result<&'a [u8], ElfError> {
    ph.p_offset
        .checked_add(ph.p_filesz)
        .filter(|&end| end <= bytes.len() as u64 && ph.p_filesz <= ph.p_memsz)
        .map(|end| &bytes[ph.p_offset as usize..end as usize])
        .ok_or(ElfError::Truncated {
            offset: ph.p_offset,
            size: ph.p_filesz,
            file_size: bytes.len(),
        })
}

/// The entry, the symbols rvjit looks for, and the loaded extent.
fn describe(elf: &Elf<'_>) -> Result<LoadedElf, ElfError> {
    let extent = loadable(elf).fold((u32::MAX, 0u32), |(lo, hi), ph| {
        // A segment may end at 2^32, the top of 2 GiB of RAM.
        let end = u32::try_from(ph.p_paddr.saturating_add(ph.p_memsz)).unwrap_or(u32::MAX);
        (lo.min(ph.p_paddr as u32), hi.max(end))
    });
    if extent.1 == 0 {
        return Err(ElfError::Empty);
    }
    let symbol = |name: &str| {
        elf.syms
            .iter()
            .find(|s| elf.strtab.get_at(s.st_name) == Some(name))
            .map(|s| s.st_value as u32)
    };
    Ok(LoadedElf {
        entry: elf.entry as u32,
        tohost: symbol("tohost"),
        fromhost: symbol("fromhost"),
        signature: symbol("begin_signature").zip(symbol("end_signature")),
        extent,
    })
}

/// A minimal little-endian ELF32 executable: one PT_LOAD segment holding
/// `code` at physical (and virtual) `paddr`, `memsz` bytes in memory, entry
/// at `paddr`, for `machine` ([`EM_RISCV`] for RISC-V). For tests and tools that need
/// an image without a RISC-V toolchain.
pub fn minimal_image(paddr: u32, code: &[u8], memsz: u32, machine: u16) -> Vec<u8> {
    let mut f = vec![0u8; 52 + 32];
    f[..4].copy_from_slice(b"\x7fELF");
    f[4] = 1; // ELFCLASS32
    f[5] = 1; // little-endian
    f[6] = 1;
    f[16..18].copy_from_slice(&2u16.to_le_bytes()); // ET_EXEC
    f[18..20].copy_from_slice(&machine.to_le_bytes());
    f[20..24].copy_from_slice(&1u32.to_le_bytes());
    f[24..28].copy_from_slice(&paddr.to_le_bytes()); // entry
    f[28..32].copy_from_slice(&52u32.to_le_bytes()); // phoff
    f[40..42].copy_from_slice(&52u16.to_le_bytes()); // ehsize
    f[42..44].copy_from_slice(&32u16.to_le_bytes()); // phentsize
    f[44..46].copy_from_slice(&1u16.to_le_bytes()); // phnum
    let ph = &mut f[52..84];
    ph[0..4].copy_from_slice(&PT_LOAD.to_le_bytes());
    ph[4..8].copy_from_slice(&84u32.to_le_bytes()); // offset
    ph[8..12].copy_from_slice(&paddr.to_le_bytes());
    ph[12..16].copy_from_slice(&paddr.to_le_bytes());
    ph[16..20].copy_from_slice(&(code.len() as u32).to_le_bytes());
    ph[20..24].copy_from_slice(&memsz.to_le_bytes());
    ph[24..28].copy_from_slice(&5u32.to_le_bytes());
    f.extend_from_slice(code);
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_segment_and_zero_fills() {
        let mut ram = Ram::new(1 << 20).unwrap();
        ram.as_mut_slice()[..16].fill(0xaa);
        let elf = minimal_image(0x8000_0000, &[1, 2, 3, 4], 16, header::EM_RISCV);
        let loaded = load(&elf, &mut ram).unwrap();
        assert_eq!(loaded.entry, 0x8000_0000);
        assert_eq!(loaded.tohost, None);
        assert_eq!(&ram.as_slice()[..6], &[1, 2, 3, 4, 0, 0]);
        assert_eq!(ram.as_slice()[15], 0);
        assert_eq!(loaded.extent, (0x8000_0000, 0x8000_0010));
    }

    #[test]
    fn a_segment_may_end_at_the_top_of_two_gib_of_ram() {
        let mut ram = Ram::new(2 << 30).unwrap();
        let elf = minimal_image(0xffff_f000, &[1, 2, 3, 4], 0x1000, EM_RISCV);
        let loaded = load(&elf, &mut ram).unwrap();
        assert_eq!(loaded.extent, (0xffff_f000, u32::MAX));
        assert_eq!(ram.slice(0xffff_f000, 4), Some(&[1, 2, 3, 4][..]));
    }

    #[test]
    fn rejects_bad_images() {
        let mut ram = Ram::new(1 << 20).unwrap();
        assert!(matches!(
            load(b"hello", &mut ram),
            Err(ElfError::Malformed(_))
        ));
        assert!(matches!(load(b"", &mut ram), Err(ElfError::Malformed(_))));
        let arm = minimal_image(0x8000_0000, &[0; 4], 4, 40);
        assert!(matches!(load(&arm, &mut ram), Err(ElfError::NotRiscv(40))));
        let mut rv64 = minimal_image(0x8000_0000, &[0; 4], 4, header::EM_RISCV);
        rv64[4] = 2;
        assert!(matches!(load(&rv64, &mut ram), Err(ElfError::Not32Bit)));
        let outside = minimal_image(0x7000_0000, &[0; 4], 4, header::EM_RISCV);
        assert!(matches!(
            load(&outside, &mut ram),
            Err(ElfError::OutsideRam { .. })
        ));
        let too_big = minimal_image(0x800f_fff0, &[0; 4], 64, header::EM_RISCV);
        assert!(matches!(
            load(&too_big, &mut ram),
            Err(ElfError::OutsideRam { .. })
        ));
        let mut truncated = minimal_image(0x8000_0000, &[0; 64], 64, header::EM_RISCV);
        truncated.truncate(100);
        assert!(matches!(
            load(&truncated, &mut ram),
            Err(ElfError::Truncated { .. })
        ));
    }
}
