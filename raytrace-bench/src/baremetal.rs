//! The bare-metal builds of min-rt (made by build.rs from
//! `baremetal/main.rs`), embedded here, and the header that says what
//! they render: a copy of an ELF with another scene and size is made by
//! rewriting its `MINRT_HEADER` symbol in the file.

use goblin::elf::{Elf, program_header::PT_LOAD};
use minrt::{ImageSize, Precision};

/// riscv32imafc, f32.
pub static F32_ELF: &[u8] = include_bytes!(env!("MINRT_F32_ELF"));
/// riscv32imafc with D, f64.
pub static F64_ELF: &[u8] = include_bytes!(env!("MINRT_F64_ELF"));

/// The header's magic; then width, height and scene length (little-endian
/// u32) and the scene text.
const MAGIC: &[u8; 8] = b"MINRTHDR";
const FIXED_BYTES: usize = 8 + 3 * 4;

/// The bare-metal ELF of one precision (contest.sld at 128x128).
pub fn elf(precision: Precision) -> &'static [u8] {
    match precision {
        Precision::F32 => F32_ELF,
        Precision::F64 => F64_ELF,
    }
}

/// A copy of `elf` that renders `scene` at `size`.
pub fn with_scene(elf: &[u8], size: ImageSize, scene: &[u8]) -> Result<Vec<u8>, String> {
    let parsed = Elf::parse(elf).map_err(|e| format!("not an ELF file: {e}"))?;
    let sym = parsed
        .syms
        .iter()
        .find(|s| parsed.strtab.get_at(s.st_name) == Some("MINRT_HEADER"))
        .ok_or("the ELF has no MINRT_HEADER symbol")?;
    let segment = parsed
        .program_headers
        .iter()
        .find(|p| {
            p.p_type == PT_LOAD
                && p.p_vaddr <= sym.st_value
                && sym.st_value + sym.st_size <= p.p_vaddr + p.p_filesz
        })
        .ok_or("MINRT_HEADER is not in a loaded segment")?;
    let start = usize::try_from(segment.p_offset + (sym.st_value - segment.p_vaddr))
        .map_err(|_| "MINRT_HEADER is out of range")?;
    let len = usize::try_from(sym.st_size).map_err(|_| "MINRT_HEADER is out of range")?;
    let mut out = elf.to_vec();
    let header = out
        .get_mut(start..start + len)
        .filter(|h| h.len() >= FIXED_BYTES && h.starts_with(MAGIC))
        .ok_or("MINRT_HEADER does not hold a min-rt header")?;
    let capacity = len - FIXED_BYTES;
    if scene.len() > capacity {
        return Err(format!(
            "the scene has {} bytes; the bare-metal header holds {capacity}",
            scene.len()
        ));
    }
    let scene_len = scene.len() as u32;
    for (i, v) in [size.width(), size.height(), scene_len]
        .into_iter()
        .enumerate()
    {
        header[8 + 4 * i..12 + 4 * i].copy_from_slice(&v.to_le_bytes());
    }
    let text = &mut header[FIXED_BYTES..];
    text.fill(0);
    text[..scene.len()].copy_from_slice(scene);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_rewritten_in_place() {
        let size = ImageSize::new(7, 9).unwrap();
        let out = with_scene(F32_ELF, size, b"scene text").unwrap();
        assert_eq!(out.len(), F32_ELF.len());
        let at = out.windows(8).position(|w| w == MAGIC).unwrap();
        assert_eq!(
            &out[at + 8..at + 20],
            &[7, 0, 0, 0, 9, 0, 0, 0, 10, 0, 0, 0]
        );
        assert_eq!(&out[at + 20..at + 31], b"scene text\0");
        let huge = vec![b' '; 1 << 20];
        assert!(
            with_scene(F32_ELF, size, &huge)
                .unwrap_err()
                .contains("holds")
        );
        assert!(with_scene(b"not an elf", size, b"").is_err());
    }

    /// The f64 build does its arithmetic with D instructions: no soft-float
    /// routine is linked in.
    #[test]
    fn f64_build_has_no_soft_float() {
        let elf = Elf::parse(F64_ELF).unwrap();
        let names: Vec<&str> = elf
            .syms
            .iter()
            .filter_map(|s| elf.strtab.get_at(s.st_name))
            .collect();
        assert!(names.contains(&"main"));
        let soft: Vec<&&str> = names
            .iter()
            .filter(|n| n.starts_with("__") && n.contains("df"))
            .collect();
        assert!(
            soft.is_empty(),
            "soft-float routines in the f64 build: {soft:?}"
        );
    }
}
