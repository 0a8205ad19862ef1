//! Just enough ELF32 to load a static RISC-V executable: the header and the
//! PT_LOAD program headers (System V ABI, ELF chapter).

/// One loadable segment.
pub struct Segment {
    /// Physical (and virtual) address.
    pub addr: usize,
    /// Offset of its bytes in the file.
    pub offset: usize,
    /// Bytes taken from the file.
    pub file_bytes: usize,
    /// Bytes in memory (the rest zeroed).
    pub mem_bytes: usize,
}

fn u16_at(b: &[u8], off: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(off..off + 2)?.try_into().ok()?) as usize)
}

fn u32_at(b: &[u8], off: usize) -> Option<usize> {
    Some(u32::from_le_bytes(b.get(off..off + 4)?.try_into().ok()?) as usize)
}

/// The entry point and the loadable segments, or None if `image` is not a
/// well-formed 32-bit little-endian RISC-V executable.
pub fn parse(image: &[u8]) -> Option<(usize, impl Iterator<Item = Segment> + '_)> {
    if image.get(0..6)? != b"\x7fELF\x01\x01" || u16_at(image, 18)? != 0xf3 {
        return None;
    }
    let entry = u32_at(image, 24)?;
    let phoff = u32_at(image, 28)?;
    let phentsize = u16_at(image, 42)?;
    let phnum = u16_at(image, 44)?;
    let segments = (0..phnum).filter_map(move |i| {
        let ph = phoff.checked_add(i.checked_mul(phentsize)?)?;
        if u32_at(image, ph)? != 1 {
            return None; // not PT_LOAD
        }
        let seg = Segment {
            offset: u32_at(image, ph + 4)?,
            addr: u32_at(image, ph + 12)?, // p_paddr
            file_bytes: u32_at(image, ph + 16)?,
            mem_bytes: u32_at(image, ph + 20)?,
        };
        let end = seg.offset.checked_add(seg.file_bytes)?;
        (end <= image.len() && seg.file_bytes <= seg.mem_bytes).then_some(seg)
    });
    Some((entry, segments))
}
