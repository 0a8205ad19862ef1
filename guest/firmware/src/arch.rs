//! Machine-mode assembly and CSRs: the reset entry, the trap vector, PMP,
//! delegation and the drop to S-mode; and M-mode's direct reach into
//! physical RAM: the loader's heap, the boot ROM's device tree, the kernel
//! copy, the debug console's buffers. With `mmio`, the only unsafe code of the firmware.
//!
//! RAM layout: the firmware's image and stacks fill [0x8000_0000,
//! [`FW_END`]) (PMP entry 0); the loader's heap follows up to
//! [`HEAP_END`]; the kernel loads above it. The heap is dead once the
//! kernel runs (S-mode may then write it), so the firmware allocates only
//! while loading.

use core::arch::{asm, global_asm};
use core::sync::atomic::{AtomicBool, Ordering};

use linked_list_allocator::LockedHeap;

// Reset entry: hart 0 boots, any other hart parks (the machine has one, but
// a second one must not run over the first one's stack). The stack and the
// trap stack are in the linker script.
global_asm!(
    r#"
    .section .text.entry
    .globl _start
_start:
    csrw mie, zero
    csrw mstatus, zero
    bnez a0, 2f
    la sp, __stack_top
    la t0, __bss_start
    la t1, __bss_end
1:  bgeu t0, t1, 3f
    sw zero, 0(t0)
    addi t0, t0, 4
    j 1b
3:  la t0, __mtrap_stack_top
    csrw mscratch, t0
    la t0, m_trap_vector
    csrw mtvec, t0
    call fw_main
2:  wfi
    j 2b

    .text
    .align 4
    .globl m_trap_vector
m_trap_vector:
    csrrw sp, mscratch, sp
    addi sp, sp, -128
    sw x1, 4(sp)
    sw x3, 12(sp)
    sw x4, 16(sp)
    sw x5, 20(sp)
    sw x6, 24(sp)
    sw x7, 28(sp)
    sw x8, 32(sp)
    sw x9, 36(sp)
    sw x10, 40(sp)
    sw x11, 44(sp)
    sw x12, 48(sp)
    sw x13, 52(sp)
    sw x14, 56(sp)
    sw x15, 60(sp)
    sw x16, 64(sp)
    sw x17, 68(sp)
    sw x18, 72(sp)
    sw x19, 76(sp)
    sw x20, 80(sp)
    sw x21, 84(sp)
    sw x22, 88(sp)
    sw x23, 92(sp)
    sw x24, 96(sp)
    sw x25, 100(sp)
    sw x26, 104(sp)
    sw x27, 108(sp)
    sw x28, 112(sp)
    sw x29, 116(sp)
    sw x30, 120(sp)
    sw x31, 124(sp)
    csrr t0, mscratch
    sw t0, 8(sp)
    mv a0, sp
    call m_trap
    addi t0, sp, 128
    csrw mscratch, t0
    lw x1, 4(sp)
    lw x3, 12(sp)
    lw x4, 16(sp)
    lw x5, 20(sp)
    lw x6, 24(sp)
    lw x7, 28(sp)
    lw x8, 32(sp)
    lw x9, 36(sp)
    lw x10, 40(sp)
    lw x11, 44(sp)
    lw x12, 48(sp)
    lw x13, 52(sp)
    lw x14, 56(sp)
    lw x15, 60(sp)
    lw x16, 64(sp)
    lw x17, 68(sp)
    lw x18, 72(sp)
    lw x19, 76(sp)
    lw x20, 80(sp)
    lw x21, 84(sp)
    lw x22, 88(sp)
    lw x23, 92(sp)
    lw x24, 96(sp)
    lw x25, 100(sp)
    lw x26, 104(sp)
    lw x27, 108(sp)
    lw x28, 112(sp)
    lw x29, 116(sp)
    lw x30, 120(sp)
    lw x31, 124(sp)
    lw sp, 8(sp)
    mret
"#
);

/// The registers saved by the trap vector: `x[i]` is register xi (x0 unused).
#[repr(C)]
pub struct TrapFrame {
    /// x0..x31 as they were at the trap.
    pub x: [usize; 32],
}

/// Interrupt bit of mcause.
pub const MCAUSE_INTERRUPT: usize = 1 << 31;
/// Machine timer interrupt.
pub const IRQ_M_TIMER: usize = 7;
/// Environment call from S-mode.
pub const EXC_ECALL_S: usize = 9;

const MIP_STIP: usize = 1 << 5;
const MIE_MTIE: usize = 1 << 7;

/// Exceptions the kernel handles itself: misaligned fetch/load/store,
/// access faults, illegal instruction, breakpoint, ecall from U, page faults.
const MEDELEG: usize = (1 << 0)
    | (1 << 1)
    | (1 << 2)
    | (1 << 3)
    | (1 << 4)
    | (1 << 5)
    | (1 << 6)
    | (1 << 7)
    | (1 << 8)
    | (1 << 12)
    | (1 << 13)
    | (1 << 15);
/// S-level software, timer and external interrupts.
const MIDELEG: usize = (1 << 1) | (1 << 5) | (1 << 9);

/// PMP entry 0: NAPOT over the firmware's 512 KiB, no S/U permissions.
const PMPADDR0: usize = (0x8000_0000 >> 2) | ((512 * 1024 / 8) - 1);
/// PMP entry 15: NAPOT over everything, RWX (S/U need some entry to match).
const PMPADDR15: usize = usize::MAX;
const PMP_NAPOT: usize = 3 << 3;
const PMP_RWX: usize = 7;

/// PMP, delegation and counters for the kernel.
pub fn setup_machine() {
    // SAFETY: M-mode CSR writes that only change what S/U may do; the
    // firmware itself (M, unlocked entries) is unaffected.
    unsafe {
        asm!("csrw pmpaddr0, {}", in(reg) PMPADDR0);
        asm!("csrw pmpaddr15, {}", in(reg) PMPADDR15);
        asm!("csrw pmpcfg0, {}", in(reg) PMP_NAPOT);
        asm!("csrw pmpcfg3, {}", in(reg) (PMP_NAPOT | PMP_RWX) << 24);
        asm!("csrw medeleg, {}", in(reg) MEDELEG);
        asm!("csrw mideleg, {}", in(reg) MIDELEG);
        // cycle, time, instret readable in S (and U if the kernel allows).
        asm!("csrw mcounteren, {}", in(reg) 7);
    }
}

/// Drops to S-mode at `entry` with a0 = hartid, a1 = device tree; paging
/// off, S interrupts off (the kernel enables what it wants).
pub fn enter_supervisor(entry: usize, hartid: usize, fdt: usize) -> ! {
    const MPP_S: usize = 1 << 11;
    // SAFETY: mret to the kernel's entry with MPP = S; the kernel's image was
    // loaded and fenced by the caller; the firmware never returns here.
    unsafe {
        asm!("csrw satp, zero", "csrw mepc, {e}", "csrw mstatus, {s}", "mret",
            e = in(reg) entry, s = in(reg) MPP_S, in("a0") hartid, in("a1") fdt,
            options(noreturn))
    }
}

/// Makes stores to instruction memory visible to fetches.
pub fn fence_i() {
    // SAFETY: fence.i only orders fetches after earlier stores.
    unsafe { asm!("fence.i") }
}

/// mcause, mepc, mtval of the current trap.
pub fn trap_cause() -> (usize, usize, usize) {
    let (cause, epc, tval): (usize, usize, usize);
    // SAFETY: reading M-mode CSRs has no side effects.
    unsafe {
        asm!("csrr {}, mcause", out(reg) cause);
        asm!("csrr {}, mepc", out(reg) epc);
        asm!("csrr {}, mtval", out(reg) tval);
    }
    (cause, epc, tval)
}

/// Steps mepc past the ecall that trapped.
pub fn skip_ecall() {
    // SAFETY: only changes where mret returns to: the next instruction
    // (ecall is always 4 bytes).
    unsafe { asm!("csrr t0, mepc", "addi t0, t0, 4", "csrw mepc, t0", out("t0") _) }
}

/// Arms the M timer interrupt and withdraws a pending S timer interrupt
/// (SBI set_timer's contract).
pub fn arm_timer() {
    // SAFETY: bit operations on mip/mie that only affect timer delivery.
    unsafe {
        asm!("csrc mip, {}", in(reg) MIP_STIP);
        asm!("csrs mie, {}", in(reg) MIE_MTIE);
    }
}

/// Forwards a machine timer interrupt to S: masks MTIE (mtimecmp stays
/// past) and raises STIP until the kernel's next set_timer.
pub fn forward_timer() {
    // SAFETY: as in `arm_timer`.
    unsafe {
        asm!("csrc mie, {}", in(reg) MIE_MTIE);
        asm!("csrs mip, {}", in(reg) MIP_STIP);
    }
}

/// A CSR that identifies the machine, for SBI base calls.
pub fn read_id_csr(which: usize) -> usize {
    let v: usize;
    // SAFETY: reading ID CSRs has no side effects.
    unsafe {
        match which {
            0 => asm!("csrr {}, mvendorid", out(reg) v),
            1 => asm!("csrr {}, marchid", out(reg) v),
            _ => asm!("csrr {}, mimpid", out(reg) v),
        }
    }
    v
}

/// The first byte past the firmware's image and stacks (PMP entry 0).
pub const FW_END: usize = 0x8008_0000;
/// The loader's heap: the 1.5 MiB between the firmware's PMP region and the
/// kernel image. The kernel never hands these frames out (its allocator
/// starts after its own image).
const HEAP_START: usize = FW_END;
const HEAP_BYTES: usize = 0x0018_0000;
/// The first byte past the loader's heap: the lowest the kernel may load.
pub const HEAP_END: usize = HEAP_START + HEAP_BYTES;

/// Set once the heap range has been handed to an allocator.
static HEAP_GIVEN: AtomicBool = AtomicBool::new(false);

/// Gives `heap` the loader's heap range; only the first call does anything,
/// so the range is never handed out twice.
pub fn init_heap(heap: &LockedHeap) {
    if HEAP_GIVEN.swap(true, Ordering::Relaxed) {
        return;
    }
    // SAFETY: [HEAP_START, HEAP_END) is RAM outside the firmware's image
    // and stacks that nothing else uses while the firmware loads the kernel
    // (module doc); `HEAP_GIVEN` makes this run once.
    unsafe { heap.lock().init(HEAP_START as *mut u8, HEAP_BYTES) }
}

/// Copies `bytes` to physical `addr` and zeroes the `zero_bytes` after
/// them (a kernel segment). False, with nothing written, if the range
/// starts below [`HEAP_END`] or wraps around.
#[must_use]
pub fn copy_to_ram(addr: usize, bytes: &[u8], zero_bytes: usize) -> bool {
    let fits = bytes
        .len()
        .checked_add(zero_bytes)
        .and_then(|n| addr.checked_add(n))
        .is_some();
    if addr < HEAP_END || !fits {
        return false;
    }
    // SAFETY: checked above: the range lies above the firmware and its heap
    // (so it overlaps neither `bytes`, which is on the heap, nor any other
    // Rust object), in RAM nobody uses yet; M-mode writes it physically.
    unsafe {
        let dst = addr as *mut u8;
        core::ptr::copy_nonoverlapping(bytes.as_ptr(), dst, bytes.len());
        core::ptr::write_bytes(dst.add(bytes.len()), 0, zero_bytes);
    }
    true
}

/// Largest device tree the firmware takes.
const FDT_MAX_BYTES: usize = 256 * 1024;
/// A device tree's magic (its first word, big-endian).
const FDT_MAGIC: u32 = 0xd00d_feed;

/// A copy of the device tree at `addr` (the boot ROM's a1): as many bytes
/// as its header's `totalsize`. None if `addr` is unaligned, lies in the
/// firmware's memory, or holds no device tree header of a sane size.
pub fn device_tree_copy(addr: usize) -> Option<alloc::vec::Vec<u8>> {
    if addr < FW_END || !addr.is_multiple_of(8) {
        return None;
    }
    let word = |at: usize| {
        // SAFETY: `at` is within the device tree that the boot ROM's a1
        // points at (fw_main passes it here): RAM above the firmware
        // (checked), which nothing writes while the firmware runs this.
        u32::from_be(unsafe { (at as *const u32).read_volatile() })
    };
    if word(addr) != FDT_MAGIC {
        return None;
    }
    let size = word(addr + 4) as usize;
    if !(8..=FDT_MAX_BYTES).contains(&size) || addr.checked_add(size).is_none() {
        return None;
    }
    // SAFETY: [addr, addr + size) is the device tree the header describes,
    // in RAM above the firmware (as above); copied at once, so no
    // reference into it outlives this call (the kernel's load may cover it).
    Some(unsafe { core::slice::from_raw_parts(addr as *const u8, size) }.to_vec())
}

/// The byte at physical `addr`, read on behalf of S-mode; None below
/// [`FW_END`] (the firmware's own memory).
pub fn phys_read8(addr: usize) -> Option<u8> {
    if addr < FW_END {
        return None;
    }
    // SAFETY: `addr` lies above the firmware's image and stacks, in memory
    // the firmware holds no references into once the kernel runs (module
    // doc); M-mode reads it physically.
    Some(unsafe { (addr as *const u8).read_volatile() })
}

/// Writes the byte at physical `addr` on behalf of S-mode; false (nothing
/// written) below [`FW_END`].
#[must_use]
pub fn phys_write8(addr: usize, v: u8) -> bool {
    if addr < FW_END {
        return false;
    }
    // SAFETY: as in `phys_read8`.
    unsafe { (addr as *mut u8).write_volatile(v) };
    true
}
