//! Just enough ELF32 to load a static RISC-V executable: the header and the
//! PT_LOAD program headers (System V ABI, ELF chapter), each field checked.

use alloc::vec::Vec;

/// One loadable segment.
pub struct Segment {
    /// Physical address (the kernel runs with RAM mapped one-to-one).
    pub addr: usize,
    /// Offset of its bytes in the file.
    pub offset: usize,
    /// Bytes taken from the file.
    pub file_bytes: usize,
    /// Bytes in memory (the rest zeroed).
    pub mem_bytes: usize,
    /// Executable (PF_X).
    pub exec: bool,
}

impl Segment {
    /// The first address past the segment in memory (no overflow: checked
    /// by [`parse`]).
    pub fn end(&self) -> usize {
        self.addr + self.mem_bytes
    }
}

/// A parsed executable.
pub struct Elf {
    /// The entry point.
    pub entry: usize,
    /// The PT_LOAD segments, at least one.
    pub segments: Vec<Segment>,
}

const PT_LOAD: usize = 1;
const PF_X: usize = 1;
const ET_EXEC: usize = 2;
const EM_RISCV: usize = 0xf3;
const PHDR_BYTES: usize = 32;

fn u16_at(b: &[u8], off: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(off..off.checked_add(2)?)?.try_into().ok()?) as usize)
}

fn u32_at(b: &[u8], off: usize) -> Option<usize> {
    Some(u32::from_le_bytes(b.get(off..off.checked_add(4)?)?.try_into().ok()?) as usize)
}

/// The entry point and the loadable segments of `image`, or what is wrong
/// with it: not a 32-bit little-endian RISC-V executable, a program header
/// table or a segment outside the file, a segment that wraps around memory,
/// no segment, or an entry point outside the executable segments.
pub fn parse(image: &[u8]) -> Result<Elf, &'static str> {
    let header_ok = image.get(0..7) == Some(b"\x7fELF\x01\x01\x01")
        && u16_at(image, 16) == Some(ET_EXEC)
        && u16_at(image, 18) == Some(EM_RISCV);
    if !header_ok {
        return Err("is not an RV32 little-endian ELF executable");
    }
    let bad_table = "has a program header table outside the file";
    let entry = u32_at(image, 24).ok_or(bad_table)?;
    let phoff = u32_at(image, 28).ok_or(bad_table)?;
    if u16_at(image, 42) != Some(PHDR_BYTES) {
        return Err("has program headers of the wrong size");
    }
    let phnum = u16_at(image, 44).ok_or(bad_table)?;
    let mut segments = Vec::new();
    for i in 0..phnum {
        let ph = phoff
            .checked_add(i * PHDR_BYTES)
            .filter(|ph| {
                ph.checked_add(PHDR_BYTES)
                    .is_some_and(|end| end <= image.len())
            })
            .ok_or(bad_table)?;
        let field = |n: usize| u32_at(image, ph + 4 * n).ok_or(bad_table);
        if field(0)? != PT_LOAD {
            continue;
        }
        let seg = Segment {
            offset: field(1)?,
            addr: field(3)?, // p_paddr
            file_bytes: field(4)?,
            mem_bytes: field(5)?,
            exec: field(6)? & PF_X != 0,
        };
        let in_file = seg
            .offset
            .checked_add(seg.file_bytes)
            .is_some_and(|end| end <= image.len());
        if !in_file || seg.file_bytes > seg.mem_bytes {
            return Err("has a segment whose bytes lie outside the file");
        }
        if seg.addr.checked_add(seg.mem_bytes).is_none() {
            return Err("has a segment that wraps around memory");
        }
        segments.push(seg);
    }
    if segments.is_empty() {
        return Err("has no loadable segment");
    }
    if !segments
        .iter()
        .any(|s| s.exec && (s.addr..s.addr + s.file_bytes).contains(&entry))
    {
        return Err("has its entry point outside its code");
    }
    Ok(Elf { entry, segments })
}
