//! Where a random program's pieces live (RAM offsets from `RAM_BASE`,
//! identity-mapped under Sv32 so a trap handler reads the faulting
//! instruction at `mepc` physically) and the page tables and data the
//! generator builds (Privileged ISA 10.3, Sv32 PTE format).
//!
//! | offset    | what                                              |
//! |-----------|---------------------------------------------------|
//! | `0x00000` | page 0: entry, trap handlers, setup (never U)      |
//! | `0x01000` | the body (user pages when the body runs in U)      |
//! | `0x04000` | data pages, one per [`DataPage`] kind              |
//! | `0x0a000` | the Sv32 root table, then the one leaf table        |
//!
//! The image is small because lockstep compares all of it after every
//! step.
//!
//! Data and device mappings carry U and the body relies on `sstatus.SUM`
//! (set at setup and never cleared) for S-mode access. The page tables
//! themselves are not mapped, so translated accesses to them fault.

use soc::csr::state::satp;
use soc::memmap::{CLINT_BASE, FINISHER_BASE, RAM_BASE, UART0_BASE};

use super::Rng;

/// RAM offset of the body's code.
pub const BODY_OFFSET: u32 = 0x1000;
/// Bytes the body may fill.
pub const BODY_BYTES: u32 = 0x3000;
/// RAM offset of the first data page.
pub const DATA_OFFSET: u32 = 0x4000;
/// RAM offset of the root page table.
const ROOT_OFFSET: u32 = 0xa000;
/// RAM offset of the leaf table mapping the first 4 MiB of RAM.
const LEAF_OFFSET: u32 = 0xb000;
/// Bytes of the image: code, data and page tables.
pub const IMAGE_BYTES: u32 = 0xc000;
/// Pages of RAM the leaf table maps (the machine's 1 MiB).
const RAM_PAGES: u32 = 256;
/// A 4 KiB page.
pub const PAGE_BYTES: u32 = 0x1000;

/// Sv32 PTE bits.
mod pte {
    pub const V: u32 = 1 << 0;
    pub const R: u32 = 1 << 1;
    pub const W: u32 = 1 << 2;
    pub const X: u32 = 1 << 3;
    pub const U: u32 = 1 << 4;
    pub const A: u32 = 1 << 6;
    pub const D: u32 = 1 << 7;
}

/// The data pages, in address order from `DATA_OFFSET` (the discriminant
/// is the page's index): each gives the MMU a different answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataPage {
    /// Read-write, accessed and dirty: the common case (`x31` points here).
    ReadWrite,
    /// Read-only: stores page-fault.
    ReadOnly,
    /// Not valid: every access page-faults.
    Invalid,
    /// Read-write with A and D clear: the walk sets them.
    Untouched,
    /// Execute-only: loads fault unless `mstatus.MXR`.
    ExecuteOnly,
    /// W without R, a reserved encoding: every access page-faults.
    WriteOnly,
}

impl DataPage {
    /// Every kind, in address order.
    pub const ALL: [DataPage; 6] = [
        DataPage::ReadWrite,
        DataPage::ReadOnly,
        DataPage::Invalid,
        DataPage::Untouched,
        DataPage::ExecuteOnly,
        DataPage::WriteOnly,
    ];

    /// The page's guest address (virtual = physical).
    pub fn addr(self) -> u32 {
        RAM_BASE + DATA_OFFSET + self as u32 * PAGE_BYTES
    }

    fn pte_flags(self) -> u32 {
        use pte::*;
        match self {
            DataPage::ReadWrite => V | R | W | U | A | D,
            DataPage::ReadOnly => V | R | U | A,
            DataPage::Invalid => 0,
            DataPage::Untouched => V | R | W | U,
            DataPage::ExecuteOnly => V | X | U | A,
            DataPage::WriteOnly => V | W | U | A | D,
        }
    }
}

/// Addresses outside RAM that loads and stores may aim at: devices (the
/// UART's registers, CLINT `mtime` and `mtimecmp`), the boot ROM, and
/// holes where nothing answers. Stores never aim at the finisher.
pub const DEVICE_TARGETS: [u32; 7] = [
    UART0_BASE,
    UART0_BASE + 5,
    CLINT_BASE + 0xbff8,
    CLINT_BASE + 0x4000,
    0x0000_1000,
    0x2000_0000,
    0xffff_f000,
];

/// Addresses a jump may aim at that fault on fetch in both translation
/// modes (devices and holes).
pub const FETCH_FAULT_TARGETS: [u32; 4] = [UART0_BASE, 0x2000_0000, 0x0c00_0000, 0xffff_f000];

/// The finisher (QEMU `virt`'s SiFive test device).
pub const FINISHER: u32 = FINISHER_BASE;

/// The `satp` value that turns Sv32 on with the generator's tables.
pub fn satp_sv32() -> u32 {
    satp::MODE_SV32 | (RAM_BASE + ROOT_OFFSET) >> 12
}

/// The guest-physical address of the code at RAM offset `offset`.
pub fn code_addr(offset: u32) -> u32 {
    RAM_BASE + offset
}

/// Writes the data pages (random words, and in the first page the FP edge
/// values at offset 0) and the page tables into `image`, whose first
/// `IMAGE_BYTES` it covers. Body pages carry U when `user_body`.
pub fn fill(image: &mut [u8], rng: &mut Rng, fp_values: &[u64], user_body: bool) {
    let data = DATA_OFFSET as usize..(DATA_OFFSET + 6 * PAGE_BYTES) as usize;
    for chunk in image[data.clone()].chunks_exact_mut(4) {
        chunk.copy_from_slice(&rng.word().to_le_bytes());
    }
    for (i, v) in fp_values.iter().enumerate() {
        let at = data.start + 8 * i;
        image[at..at + 8].copy_from_slice(&v.to_le_bytes());
    }
    let mut put = |table: u32, index: u32, entry: u32| {
        let at = (table + 4 * index) as usize;
        image[at..at + 4].copy_from_slice(&entry.to_le_bytes());
    };
    let leaf = |addr: u32, flags: u32| (addr >> 12) << 10 | flags;
    use pte::*;
    // Devices as 4 MiB superpages: the boot ROM and finisher, the CLINT,
    // the UART and virtio. The PLIC stays unmapped.
    for base in [0, CLINT_BASE, UART0_BASE] {
        put(ROOT_OFFSET, base >> 22, leaf(base, V | R | W | U | A | D));
    }
    put(ROOT_OFFSET, RAM_BASE >> 22, leaf(RAM_BASE + LEAF_OFFSET, V));
    for page in 0..RAM_PAGES {
        let offset = page * PAGE_BYTES;
        let code = V | R | W | X | A | D;
        let flags = if offset == 0 {
            code
        } else if offset < BODY_OFFSET + BODY_BYTES {
            code | if user_body { U } else { 0 }
        } else if offset < ROOT_OFFSET {
            let kind = DataPage::ALL.get(((offset - DATA_OFFSET) / PAGE_BYTES) as usize);
            kind.map_or(0, |k| k.pte_flags())
        } else if offset < IMAGE_BYTES {
            0
        } else {
            V | R | W | U | A | D
        };
        put(LEAF_OFFSET, page, leaf(RAM_BASE + offset, flags));
    }
}
