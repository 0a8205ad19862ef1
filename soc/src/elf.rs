//! Loading ELF programs into guest RAM (goblin).
//!
//! Segments are placed at their physical addresses (`p_paddr`), as QEMU's
//! `-kernel` does; `.bss` stays zero (RAM starts zeroed). Where segments
//! overlap, the later one wins, as if they were copied in order; the cost
//! follows the segments' file bytes, not their memory sizes. As QEMU does,
//! the bytes of a segment that land in memory (RAM, or the boot ROM's
//! window) are loaded and the rest dropped (reported in
//! [`LoadedElf::dropped`]); only a segment with no byte in memory, or an
//! entry point outside memory, is refused. The symbols
//! `tohost`/`fromhost` (HTIF) and `begin_signature`/`end_signature`
//! (architecture tests) are looked up when present.

use goblin::elf::program_header::{PT_LOAD, ProgramHeader};
use goblin::elf::{Elf, header};

use crate::mem::Ram;
use crate::memmap::{BOOT_ROM_BASE, BOOT_ROM_SIZE, RAM_BASE};

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
    /// A segment has no byte in memory (RAM or the boot ROM).
    #[error(
        "segment at {addr:#x} size {size:#x} lies outside memory (RAM {ram_base:#x}..{ram_end:#x}, boot ROM)"
    )]
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
    /// The entry point lies outside RAM and the boot ROM.
    #[error("entry point {0:#x} lies outside memory")]
    EntryOutside(u64),
    /// No loadable segment.
    #[error("ELF has no loadable segment")]
    Empty,
}

/// A segment that reaches outside memory (RAM and the boot ROM): only its
/// bytes in memory were loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    /// Physical load address of the segment.
    pub addr: u64,
    /// Memory size of the segment.
    pub size: u64,
    /// Bytes of it that lie outside RAM.
    pub dropped_bytes: u64,
}

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "segment at {:#x} size {:#x} reaches outside memory: {:#x} bytes not loaded",
            self.addr, self.size, self.dropped_bytes
        )
    }
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
    /// Segments only partly loaded (by [`load`]; [`inspect`] leaves it empty).
    pub dropped: Vec<Dropped>,
    /// The part of the boot ROM's window the segments cover, if any (by
    /// [`load`]).
    pub rom_extent: Option<(u32, u32)>,
}

/// Checks `bytes` and copies its loadable segments into `ram` and `rom`
/// (the boot ROM's window at [`BOOT_ROM_BASE`], [`BOOT_ROM_SIZE`] bytes or
/// fewer), which must be all zero (as [`Ram::new`] makes RAM): zero-filled
/// parts are not written.
pub fn load(bytes: &[u8], ram: &mut Ram, rom: &mut [u8]) -> Result<LoadedElf, ElfError> {
    let elf = parse(bytes)?;
    let mut loaded = describe(&elf)?;
    let ram_base = u64::from(RAM_BASE);
    let ram_end = ram_base + u64::from(ram.size());
    let rom_len = rom.len().min(BOOT_ROM_SIZE as usize);
    let mut memories = [
        (u64::from(BOOT_ROM_BASE), &mut rom[..rom_len]),
        (ram_base, ram.as_mut_slice()),
    ];
    let overlap = |base: u64, len: usize, lo: u64, hi: u64| {
        hi.min(base + len as u64).saturating_sub(lo.max(base))
    };
    let mut segments = Vec::new();
    for ph in loadable(&elf) {
        let data = file_bytes(bytes, ph)?;
        let end = ph.p_paddr.saturating_add(ph.p_memsz);
        let in_memory: u64 = memories
            .iter()
            .map(|(base, m)| overlap(*base, m.len(), ph.p_paddr, end))
            .sum();
        if in_memory == 0 {
            return Err(ElfError::OutsideRam {
                addr: ph.p_paddr,
                size: ph.p_memsz,
                ram_base,
                ram_end,
            });
        }
        if in_memory < ph.p_memsz {
            loaded.dropped.push(Dropped {
                addr: ph.p_paddr,
                size: ph.p_memsz,
                dropped_bytes: ph.p_memsz - in_memory,
            });
        }
        let rom_end = u64::from(BOOT_ROM_BASE) + rom_len as u64;
        if overlap(u64::from(BOOT_ROM_BASE), rom_len, ph.p_paddr, end) > 0 {
            let lo = ph.p_paddr.max(u64::from(BOOT_ROM_BASE)) as u32;
            let hi = end.min(rom_end) as u32;
            let (old_lo, old_hi) = loaded.rom_extent.unwrap_or((lo, hi));
            loaded.rom_extent = Some((old_lo.min(lo), old_hi.max(hi)));
        }
        segments.push(Segment {
            addr: ph.p_paddr,
            data,
            mem_bytes: ph.p_memsz,
        });
    }
    let entry = u64::from(loaded.entry);
    if !memories
        .iter()
        .any(|(base, m)| (*base..*base + m.len() as u64).contains(&entry))
    {
        return Err(ElfError::EntryOutside(entry));
    }
    for (base, memory) in &mut memories {
        for (addr, data) in copies(&segments, *base, *base + memory.len() as u64) {
            // `copies` keeps every piece inside `[base, base + len)`.
            let at = (addr - *base) as usize;
            memory[at..at + data.len()].copy_from_slice(data);
        }
    }
    Ok(loaded)
}

/// A loadable segment: its file bytes at `addr`, then zeros up to
/// `mem_bytes`.
struct Segment<'a> {
    addr: u64,
    data: &'a [u8],
    mem_bytes: u64,
}

/// The copies that load `segments` into zeroed RAM `[ram_base, ram_end)`
/// as if each were copied (data, then zeros) in order: walking from the
/// last segment, a byte is written only if no later segment covers it, so
/// the total copied is at most the file bytes, and zeros are never written.
fn copies<'a>(segments: &[Segment<'a>], ram_base: u64, ram_end: u64) -> Vec<(u64, &'a [u8])> {
    // Disjoint, sorted ranges that later segments cover.
    let mut covered: Vec<(u64, u64)> = Vec::new();
    let mut out = Vec::new();
    for seg in segments.iter().rev() {
        let data_end = (seg.addr + seg.data.len() as u64).min(ram_end);
        let mut at = seg.addr.max(ram_base);
        for &(lo, hi) in covered.iter().chain(std::iter::once(&(u64::MAX, u64::MAX))) {
            if at >= data_end {
                break;
            }
            if hi <= at {
                continue;
            }
            let gap_end = lo.min(data_end);
            if at < gap_end {
                let from = (at - seg.addr) as usize;
                out.push((at, &seg.data[from..from + (gap_end - at) as usize]));
            }
            at = at.max(hi);
        }
        let end = seg.addr.saturating_add(seg.mem_bytes);
        covered.push((seg.addr, end));
        covered.sort_unstable();
        covered = covered
            .into_iter()
            .fold(Vec::new(), |mut merged, (lo, hi)| {
                match merged.last_mut() {
                    Some((_, last_hi)) if lo <= *last_hi => *last_hi = (*last_hi).max(hi),
                    _ => merged.push((lo, hi)),
                }
                merged
            });
    }
    out
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
        dropped: Vec::new(),
        rom_extent: None,
    })
}

/// A minimal little-endian ELF32 executable: one PT_LOAD segment holding
/// `code` at physical (and virtual) `paddr`, `memsz` bytes in memory, entry
/// at `paddr`, for `machine` ([`EM_RISCV`] for RISC-V). For tests and tools that need
/// an image without a RISC-V toolchain.
pub fn minimal_image(paddr: u32, code: &[u8], memsz: u32, machine: u16) -> Vec<u8> {
    image(paddr, &[(paddr, code, memsz)], machine)
}

/// A little-endian ELF32 executable entering at `entry`, with one PT_LOAD
/// segment per `(paddr, bytes, memsz)`, in order, for `machine`.
pub fn image(entry: u32, segments: &[(u32, &[u8], u32)], machine: u16) -> Vec<u8> {
    let phnum = segments.len();
    let mut f = vec![0u8; 52 + 32 * phnum];
    f[..4].copy_from_slice(b"\x7fELF");
    f[4] = 1; // ELFCLASS32
    f[5] = 1; // little-endian
    f[6] = 1;
    f[16..18].copy_from_slice(&2u16.to_le_bytes()); // ET_EXEC
    f[18..20].copy_from_slice(&machine.to_le_bytes());
    f[20..24].copy_from_slice(&1u32.to_le_bytes());
    f[24..28].copy_from_slice(&entry.to_le_bytes());
    f[28..32].copy_from_slice(&52u32.to_le_bytes()); // phoff
    f[40..42].copy_from_slice(&52u16.to_le_bytes()); // ehsize
    f[42..44].copy_from_slice(&32u16.to_le_bytes()); // phentsize
    f[44..46].copy_from_slice(&(phnum as u16).to_le_bytes());
    for (i, &(paddr, bytes, memsz)) in segments.iter().enumerate() {
        let offset = f.len() as u32;
        let ph = &mut f[52 + 32 * i..52 + 32 * (i + 1)];
        ph[0..4].copy_from_slice(&PT_LOAD.to_le_bytes());
        ph[4..8].copy_from_slice(&offset.to_le_bytes());
        ph[8..12].copy_from_slice(&paddr.to_le_bytes());
        ph[12..16].copy_from_slice(&paddr.to_le_bytes());
        ph[16..20].copy_from_slice(&(bytes.len() as u32).to_le_bytes());
        ph[20..24].copy_from_slice(&memsz.to_le_bytes());
        ph[24..28].copy_from_slice(&5u32.to_le_bytes());
        f.extend_from_slice(bytes);
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_segment_and_zero_fills() {
        let mut ram = Ram::new(1 << 20).unwrap();
        let elf = minimal_image(0x8000_0000, &[1, 2, 3, 4], 16, header::EM_RISCV);
        let loaded = load(&elf, &mut ram, &mut []).unwrap();
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
        let loaded = load(&elf, &mut ram, &mut []).unwrap();
        assert_eq!(loaded.extent, (0xffff_f000, u32::MAX));
        assert_eq!(ram.slice(0xffff_f000, 4), Some(&[1, 2, 3, 4][..]));
    }

    #[test]
    fn rejects_bad_images() {
        let mut ram = Ram::new(1 << 20).unwrap();
        assert!(matches!(
            load(b"hello", &mut ram, &mut []),
            Err(ElfError::Malformed(_))
        ));
        assert!(matches!(
            load(b"", &mut ram, &mut []),
            Err(ElfError::Malformed(_))
        ));
        let arm = minimal_image(0x8000_0000, &[0; 4], 4, 40);
        assert!(matches!(
            load(&arm, &mut ram, &mut []),
            Err(ElfError::NotRiscv(40))
        ));
        let mut rv64 = minimal_image(0x8000_0000, &[0; 4], 4, header::EM_RISCV);
        rv64[4] = 2;
        assert!(matches!(
            load(&rv64, &mut ram, &mut []),
            Err(ElfError::Not32Bit)
        ));
        let outside = minimal_image(0x7000_0000, &[0; 4], 4, header::EM_RISCV);
        assert!(matches!(
            load(&outside, &mut ram, &mut []),
            Err(ElfError::OutsideRam { .. })
        ));
        let entry_outside = image(0x2000_0000, &[(0x8000_0000, &[0; 4], 4)], EM_RISCV);
        assert!(matches!(
            load(&entry_outside, &mut ram, &mut []),
            Err(ElfError::EntryOutside(0x2000_0000))
        ));
        let mut truncated = minimal_image(0x8000_0000, &[0; 64], 64, header::EM_RISCV);
        truncated.truncate(100);
        assert!(matches!(
            load(&truncated, &mut ram, &mut []),
            Err(ElfError::Truncated { .. })
        ));
    }

    #[test]
    fn bytes_outside_ram_are_dropped_with_a_note() {
        // As `gcc -Wl,-Ttext=0x80000000` links it: the ELF header in front
        // of .text, in a segment starting below RAM.
        let mut ram = Ram::new(1 << 20).unwrap();
        let code: Vec<u8> = (0..16).collect();
        let elf = image(0x8000_0000, &[(0x7fff_fff8, &code, 16)], EM_RISCV);
        let loaded = load(&elf, &mut ram, &mut []).unwrap();
        assert_eq!(ram.slice(0x8000_0000, 8), Some(&code[8..]));
        let dropped = Dropped {
            addr: 0x7fff_fff8,
            size: 16,
            dropped_bytes: 8,
        };
        assert_eq!(loaded.dropped, std::slice::from_ref(&dropped));
        assert_eq!(
            dropped.to_string(),
            "segment at 0x7ffffff8 size 0x10 reaches outside memory: 0x8 bytes not loaded"
        );
        // The tail past the top of RAM too.
        let mut ram = Ram::new(1 << 20).unwrap();
        let elf = image(0x8000_0000, &[(0x800f_fff0, &[7; 4], 64)], EM_RISCV);
        let loaded = load(&elf, &mut ram, &mut []).unwrap();
        assert_eq!(ram.slice(0x800f_fff0, 4), Some(&[7; 4][..]));
        assert_eq!(loaded.dropped[0].dropped_bytes, 48);
    }

    #[test]
    fn later_segments_win_where_segments_overlap() {
        let mut ram = Ram::new(1 << 20).unwrap();
        let elf = image(
            0x8000_0000,
            &[
                (0x8000_0000, &[1; 8], 8),
                (0x8000_0004, &[2; 2], 8),
                (0x8000_0010, &[3; 4], 4),
                (0x8000_000e, &[4; 4], 4),
            ],
            EM_RISCV,
        );
        load(&elf, &mut ram, &mut []).unwrap();
        assert_eq!(
            ram.slice(0x8000_0000, 20).unwrap(),
            [1, 1, 1, 1, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 4, 4, 3, 3]
        );
    }

    #[test]
    fn loading_copies_file_bytes_only() {
        // 100 overlapping segments of 127 MiB each, 16 file bytes apiece:
        // loading copies those 1600 bytes and writes no zeros.
        let data = [0x5a; 16];
        let segments: Vec<Segment> = (0..100u64)
            .map(|i| Segment {
                addr: u64::from(RAM_BASE) + i * 4096,
                data: &data,
                mem_bytes: 127 << 20,
            })
            .collect();
        let ram_end = u64::from(RAM_BASE) + (128 << 20);
        let copied: usize = copies(&segments, u64::from(RAM_BASE), ram_end)
            .iter()
            .map(|(_, bytes)| bytes.len())
            .sum();
        assert_eq!(copied, 1600);
        let words = [0u8; 16];
        let elf = image(
            RAM_BASE,
            &(0..100u32)
                .map(|i| (RAM_BASE + i * 4096, &words[..], 127 << 20))
                .collect::<Vec<_>>(),
            EM_RISCV,
        );
        let mut ram = Ram::new(128 << 20).unwrap();
        assert!(load(&elf, &mut ram, &mut []).unwrap().dropped.is_empty());
    }

    #[test]
    fn segments_in_the_boot_rom_window_load_there() {
        let mut ram = Ram::new(1 << 20).unwrap();
        let mut rom = vec![0u8; BOOT_ROM_SIZE as usize];
        let elf = image(
            0x2000,
            &[(0x2000, &[1, 2, 3, 4], 8), (0xfffc, &[5; 8], 8)],
            EM_RISCV,
        );
        let loaded = load(&elf, &mut ram, &mut rom).unwrap();
        assert_eq!(&rom[0x1000..0x1004], [1, 2, 3, 4]);
        assert_eq!(&rom[0xeffc..], [5; 4]);
        assert_eq!(loaded.rom_extent, Some((0x2000, 0x10000)));
        assert_eq!(loaded.dropped[0].dropped_bytes, 4);
        // Entry in the ROM window, no segment at all in memory: refused.
        let elf = image(0x2000, &[(0x10_0000, &[0; 4], 4)], EM_RISCV);
        assert!(matches!(
            load(&elf, &mut ram, &mut rom),
            Err(ElfError::OutsideRam { .. })
        ));
    }
}
