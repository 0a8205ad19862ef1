//! Edge values: what the setup puts in the integer registers (limits,
//! small numbers, pointers into the data pages and at devices) and the
//! floating-point table at the start of the read-write data page.
//!
//! FP values are 64-bit register images: singles NaN-boxed and not
//! (a non-boxed single reads as the canonical NaN), signed zeros,
//! infinities, canonical and non-canonical quiet NaNs, signalling NaNs,
//! subnormals, the extremes of the normal range, and values at the edges
//! of integer conversion and rounding (halves, 2^31, 2^23).

use super::Rng;
use super::layout::{DEVICE_TARGETS, DataPage, PAGE_BYTES};

const F32_EDGES: [u32; 22] = [
    0x0000_0000,
    0x8000_0000,
    0x7f80_0000,
    0xff80_0000,
    0x7fc0_0000,
    0x7fc0_0001,
    0xffc0_0000,
    0x7f80_0001,
    0xff81_2345,
    0x0000_0001,
    0x007f_ffff,
    0x0080_0000,
    0x7f7f_ffff,
    0x3f80_0000,
    0xbfc0_0000,
    0x4b00_0000,
    0x4f00_0000,
    0xcf00_0000,
    0x3eff_ffff,
    0x3f00_0000,
    0x3fc0_0000,
    0x4020_0000,
];

const F64_EDGES: [u64; 20] = [
    0x0000_0000_0000_0000,
    0x8000_0000_0000_0000,
    0x7ff0_0000_0000_0000,
    0xfff0_0000_0000_0000,
    0x7ff8_0000_0000_0000,
    0x7ff8_0000_0000_0001,
    0x7ff0_0000_0000_0001,
    0x0000_0000_0000_0001,
    0x000f_ffff_ffff_ffff,
    0x0010_0000_0000_0000,
    0x7fef_ffff_ffff_ffff,
    0x3ff0_0000_0000_0000,
    0xbff8_0000_0000_0000,
    0x41e0_0000_0000_0000,
    0xc1e0_0000_0000_0000,
    0x41df_ffff_ffc0_0000,
    0x3fe0_0000_0000_0000,
    0x36a0_0000_0000_0000,
    0x47ef_ffff_e000_0000,
    0x3ff0_0000_0000_0001,
];

/// The FP table: every edge value (singles boxed), a few singles not
/// boxed, and random bit patterns.
pub fn fp_table(rng: &mut Rng) -> Vec<u64> {
    let mut table: Vec<u64> = F32_EDGES
        .iter()
        .map(|&s| 0xffff_ffff_0000_0000 | u64::from(s))
        .chain(F64_EDGES)
        .collect();
    for _ in 0..4 {
        let single = F32_EDGES[rng.below(F32_EDGES.len() as u32) as usize];
        table.push(u64::from(rng.word() & 0xffff_0000) << 32 | u64::from(single));
    }
    for _ in 0..6 {
        table.push(u64::from(rng.word()) << 32 | u64::from(rng.word()));
    }
    table
}

/// A value for an integer register: a limit, a small number, a pointer
/// into a data page or at a device, or random bits.
pub fn int_edge(rng: &mut Rng) -> u32 {
    const LIMITS: [u32; 6] = [0, 1, u32::MAX, 0x8000_0000, 0x7fff_ffff, 0x8000_0001];
    match rng.below(12) {
        n @ 0..6 => LIMITS[n as usize],
        6 => rng.below(64),
        7..10 => data_pointer(rng),
        10 => DEVICE_TARGETS[rng.below(DEVICE_TARGETS.len() as u32) as usize],
        _ => rng.word(),
    }
}

/// An address in one of the data pages, usually in the read-write one and
/// usually aligned to 8.
pub fn data_pointer(rng: &mut Rng) -> u32 {
    let page = if rng.below(2) == 0 {
        DataPage::ReadWrite
    } else {
        DataPage::ALL[rng.below(DataPage::ALL.len() as u32) as usize]
    };
    let offset = rng.below(PAGE_BYTES);
    page.addr()
        + if rng.below(4) == 0 {
            offset
        } else {
            offset & !7
        }
}
