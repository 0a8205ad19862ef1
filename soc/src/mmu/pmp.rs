//! Physical memory protection (Privileged ISA 3.7): 16 entries, granularity
//! 4 bytes, enforced.
//!
//! An S/U access that matches no entry fails, also while no entry is active
//! at all (3.7.1: "if no PMP entry matches an S-mode or U-mode access, but
//! at least one PMP entry is implemented, the access fails"); software that
//! runs S or U code sets up at least one entry first. QEMU 7.2 agrees (it
//! even refuses an `mret` to S or U while no entry is active); older QEMU
//! versions allowed everything until an entry was set.

use super::AccessKind;
use crate::hart::Privilege;

/// `pmpcfg` entry bits.
pub mod cfg {
    /// Readable.
    pub const R: u8 = 1 << 0;
    /// Writable.
    pub const W: u8 = 1 << 1;
    /// Executable.
    pub const X: u8 = 1 << 2;
    /// Address-matching mode field.
    pub const A: u8 = 3 << 3;
    /// Top of range.
    pub const A_TOR: u8 = 1 << 3;
    /// Naturally aligned four bytes.
    pub const A_NA4: u8 = 2 << 3;
    /// Naturally aligned power of two.
    pub const A_NAPOT: u8 = 3 << 3;
    /// Locked (and enforced in M-mode).
    pub const L: u8 = 1 << 7;
}

/// The half-open physical byte range `[lo, hi)` entry `i` matches, if active.
fn range(pmpcfg: &[u8; 16], pmpaddr: &[u32; 16], i: usize) -> Option<(u64, u64)> {
    let addr = u64::from(pmpaddr[i]);
    match pmpcfg[i] & cfg::A {
        cfg::A_TOR => {
            let lo = if i == 0 {
                0
            } else {
                u64::from(pmpaddr[i - 1]) << 2
            };
            Some((lo, addr << 2))
        }
        cfg::A_NA4 => Some((addr << 2, (addr << 2) + 4)),
        cfg::A_NAPOT => {
            // The number of trailing ones gives the size: 2^(ones + 3) bytes.
            let ones = addr.trailing_ones();
            let size = 1u64 << (ones + 3);
            let base = (addr & !((1u64 << ones) - 1)) << 2;
            Some((base & !(size - 1), (base & !(size - 1)) + size))
        }
        _ => None,
    }
}

/// Whether an access of `len` bytes at physical `paddr` is allowed at
/// privilege `prv` (the effective privilege for loads and stores).
pub fn allows(
    pmpcfg: &[u8; 16],
    pmpaddr: &[u32; 16],
    paddr: u64,
    len: u64,
    kind: AccessKind,
    prv: Privilege,
) -> bool {
    let end = paddr + len;
    for i in 0..16 {
        let Some((lo, hi)) = range(pmpcfg, pmpaddr, i) else {
            continue;
        };
        if end <= lo || paddr >= hi {
            continue;
        }
        // The lowest-numbered entry that matches any byte must match all.
        if paddr < lo || end > hi {
            return false;
        }
        let c = pmpcfg[i];
        if prv == Privilege::Machine && c & cfg::L == 0 {
            return true;
        }
        let need = match kind {
            AccessKind::Read => cfg::R,
            AccessKind::Write => cfg::W,
            AccessKind::Fetch => cfg::X,
        };
        return c & need != 0;
    }
    prv == Privilege::Machine
}

/// Whether an active entry is locked: only then can PMP refuse an M-mode
/// access.
pub fn any_locked(pmpcfg: &[u8; 16]) -> bool {
    pmpcfg.iter().any(|&c| c & cfg::L != 0 && c & cfg::A != 0)
}

/// Whether `pmpaddr[i]` ignores writes: its entry is locked, or the next
/// entry is a locked TOR entry that uses it as its base.
pub fn addr_locked(pmpcfg: &[u8; 16], i: usize) -> bool {
    pmpcfg[i] & cfg::L != 0
        || (i + 1 < 16 && pmpcfg[i + 1] & cfg::L != 0 && pmpcfg[i + 1] & cfg::A == cfg::A_TOR)
}

/// The legal value of a `pmpcfg` byte write: reserved bits 5–6 read zero,
/// and the reserved R=0 W=1 combination is stored as no access (as QEMU).
pub fn legalize_cfg(value: u8) -> u8 {
    let v = value & !0x60;
    if v & cfg::W != 0 && v & cfg::R == 0 {
        v & !(cfg::W | cfg::R)
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AccessKind::*;
    use Privilege::*;

    fn one(c: u8, addr: u32) -> ([u8; 16], [u32; 16]) {
        let mut cfgs = [0u8; 16];
        let mut addrs = [0u32; 16];
        cfgs[0] = c;
        addrs[0] = addr;
        (cfgs, addrs)
    }

    #[test]
    fn no_active_entry_allows_only_machine_mode() {
        let (c, a) = ([0u8; 16], [0u32; 16]);
        assert!(allows(&c, &a, 0x8000_0000, 4, Write, Machine));
        assert!(allows(&c, &a, 0x1000, 4, Fetch, Machine));
        assert!(!allows(&c, &a, 0x8000_0000, 4, Read, User));
        assert!(!allows(&c, &a, 0x8000_0000, 4, Fetch, Supervisor));
        assert!(!allows(&c, &a, 0x8000_0000, 4, Write, Supervisor));
    }

    #[test]
    fn napot_range_and_permissions() {
        // 4 KiB at 0x8000_0000: pmpaddr = (base >> 2) | (size/8 - 1).
        let (c, a) = one(cfg::A_NAPOT | cfg::R, (0x8000_0000 >> 2) | 0x1ff);
        assert!(allows(&c, &a, 0x8000_0000, 4, Read, User));
        assert!(allows(&c, &a, 0x8000_0ffc, 4, Read, Supervisor));
        assert!(
            !allows(&c, &a, 0x8000_0ffe, 4, Read, User),
            "straddles the end"
        );
        assert!(
            !allows(&c, &a, 0x8000_1000, 4, Read, User),
            "no match fails for U"
        );
        assert!(!allows(&c, &a, 0x8000_0000, 4, Write, User));
        assert!(!allows(&c, &a, 0x8000_0000, 4, Fetch, User));
        assert!(
            allows(&c, &a, 0x8000_0000, 4, Write, Machine),
            "M ignores unlocked"
        );
        assert!(allows(&c, &a, 0x9000_0000, 4, Write, Machine));
    }

    #[test]
    fn all_ones_napot_covers_the_whole_space() {
        let (c, a) = one(cfg::A_NAPOT | cfg::R | cfg::W | cfg::X, u32::MAX);
        assert!(allows(&c, &a, 0, 4, Write, User));
        assert!(allows(&c, &a, 0xffff_fffc, 4, Fetch, User));
    }

    #[test]
    fn tor_and_na4_and_lock() {
        let mut c = [0u8; 16];
        let mut a = [0u32; 16];
        a[0] = 0x8000_0000 >> 2;
        a[1] = 0x8000_2000 >> 2;
        c[1] = cfg::A_TOR | cfg::X | cfg::L;
        a[2] = 0x1000_0000 >> 2;
        c[2] = cfg::A_NA4 | cfg::R | cfg::W;
        assert!(allows(&c, &a, 0x8000_1000, 2, Fetch, User));
        assert!(
            !allows(&c, &a, 0x8000_1000, 4, Read, Machine),
            "locked binds M"
        );
        assert!(!allows(&c, &a, 0x7fff_fffc, 4, Fetch, User));
        assert!(allows(&c, &a, 0x1000_0000, 4, Write, User));
        assert!(!allows(&c, &a, 0x1000_0004, 1, Write, User));
        assert!(addr_locked(&c, 0), "base of a locked TOR entry");
        assert!(addr_locked(&c, 1));
        assert!(!addr_locked(&c, 2));
    }

    #[test]
    fn reserved_cfg_bits() {
        assert_eq!(legalize_cfg(0x7f), 0x1f);
        assert_eq!(legalize_cfg(cfg::W | cfg::A_NA4), cfg::A_NA4);
    }
}
