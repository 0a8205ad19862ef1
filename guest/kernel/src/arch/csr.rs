//! Tiny wrappers over the supervisor CSRs the kernel uses (Privileged ISA,
//! chapter "Supervisor-Level ISA").

use core::arch::asm;

/// sstatus.SIE: interrupts enabled in S-mode.
pub const SSTATUS_SIE: usize = 1 << 1;
/// sstatus.SPIE: interrupts enabled after sret.
pub const SSTATUS_SPIE: usize = 1 << 5;
/// sstatus.SPP: the mode sret returns to (set = S).
pub const SSTATUS_SPP: usize = 1 << 8;
/// sstatus.FS = Dirty: the FPU is on (user programs use F).
pub const SSTATUS_FS_DIRTY: usize = 3 << 13;

/// sie bits: software, timer, external.
pub const SIE_STIE: usize = 1 << 5;
/// External interrupts.
pub const SIE_SEIE: usize = 1 << 9;

macro_rules! csr_r {
    ($read:ident, $name:literal) => {
        /// Reads the CSR.
        pub fn $read() -> usize {
            let v: usize;
            // SAFETY: reading this supervisor CSR has no side effects.
            unsafe { asm!(concat!("csrr {}, ", $name), out(reg) v) };
            v
        }
    };
}

macro_rules! csr_w {
    ($write:ident, $name:literal) => {
        /// Writes the CSR.
        pub fn $write(v: usize) {
            // SAFETY: the kernel owns this CSR; callers keep its invariants
            // (documented at each use).
            unsafe { asm!(concat!("csrw ", $name, ", {}"), in(reg) v) };
        }
    };
}

macro_rules! csr_rw {
    ($read:ident, $write:ident, $name:literal) => {
        csr_r!($read, $name);
        csr_w!($write, $name);
    };
}

csr_r!(scause, "scause");
csr_r!(stval, "stval");
csr_r!(sepc, "sepc");
csr_rw!(sstatus, write_sstatus, "sstatus");
csr_w!(write_sie, "sie");
csr_rw!(satp, write_satp_raw, "satp");
csr_w!(write_scounteren, "scounteren");

/// Switches to the page table at `satp` and drops stale translations.
pub fn write_satp(v: usize) {
    write_satp_raw(v);
    sfence_vma();
}

/// Flushes the whole TLB (after changing any page table in use).
pub fn sfence_vma() {
    // SAFETY: sfence.vma only drops cached translations.
    unsafe { asm!("sfence.vma zero, zero") };
}

/// Enables S-mode interrupts (the idle loop's wait).
pub fn interrupts_on() {
    // SAFETY: the kernel takes interrupts only while idle; the trap vector
    // handles traps from S-mode.
    unsafe { asm!("csrs sstatus, {}", in(reg) SSTATUS_SIE) };
}

/// Disables S-mode interrupts.
pub fn interrupts_off() {
    // SAFETY: masking interrupts is always sound.
    unsafe { asm!("csrc sstatus, {}", in(reg) SSTATUS_SIE) };
}

/// Waits for an interrupt.
pub fn wfi() {
    // SAFETY: wfi is a hint; it returns on any pending enabled interrupt.
    unsafe { asm!("wfi") };
}

/// The 64-bit `time` counter (read hi/lo/hi so a carry between reads is seen).
pub fn time() -> u64 {
    loop {
        let (hi, lo, hi2): (u32, u32, u32);
        // SAFETY: reading the time counters has no side effects
        // (mcounteren.TM is set by the firmware).
        unsafe {
            asm!("csrr {}, timeh", out(reg) hi);
            asm!("csrr {}, time", out(reg) lo);
            asm!("csrr {}, timeh", out(reg) hi2);
        }
        if hi == hi2 {
            return (u64::from(hi) << 32) | u64::from(lo);
        }
    }
}
