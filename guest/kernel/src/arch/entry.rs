//! The kernel's entry point, its trap vector and the way back to U-mode.
//!
//! One kernel stack serves everything: a process's state lives entirely in
//! its [`TrapFrame`] (blocking system calls restart, see `syscall`), so the
//! stack is reset on every trap from U-mode. While a process runs,
//! `sscratch` holds its trap frame's address; in the kernel it is 0, which
//! is how the vector tells a trap from U (save into the frame) from one in
//! the kernel's idle loop (save on the stack, return with sret).

use core::arch::global_asm;

/// A process's registers while it is not running.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct TrapFrame {
    /// x0..x31 (x0 unused).
    pub x: [usize; 32],
    /// f0..f31 (single precision).
    pub f: [u32; 32],
    /// fcsr.
    pub fcsr: usize,
    /// The user pc to resume at.
    pub sepc: usize,
}

global_asm!(
    r#"
    .section .text.entry
    .globl _start
_start:
    la sp, __kstack_top
    csrw sscratch, zero
    la t0, __bss_start
    la t1, __bss_end
1:  bgeu t0, t1, 2f
    sw zero, 0(t0)
    addi t0, t0, 4
    j 1b
2:  la t0, trap_vector
    csrw stvec, t0
    call kmain
3:  wfi
    j 3b

    .text
    .align 4
    .globl trap_vector
trap_vector:
    csrrw sp, sscratch, sp
    beqz sp, 4f
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
    csrr t0, sscratch
    sw t0, 8(sp)
    csrw sscratch, zero
    fsw f0, 128(sp)
    fsw f1, 132(sp)
    fsw f2, 136(sp)
    fsw f3, 140(sp)
    fsw f4, 144(sp)
    fsw f5, 148(sp)
    fsw f6, 152(sp)
    fsw f7, 156(sp)
    fsw f8, 160(sp)
    fsw f9, 164(sp)
    fsw f10, 168(sp)
    fsw f11, 172(sp)
    fsw f12, 176(sp)
    fsw f13, 180(sp)
    fsw f14, 184(sp)
    fsw f15, 188(sp)
    fsw f16, 192(sp)
    fsw f17, 196(sp)
    fsw f18, 200(sp)
    fsw f19, 204(sp)
    fsw f20, 208(sp)
    fsw f21, 212(sp)
    fsw f22, 216(sp)
    fsw f23, 220(sp)
    fsw f24, 224(sp)
    fsw f25, 228(sp)
    fsw f26, 232(sp)
    fsw f27, 236(sp)
    fsw f28, 240(sp)
    fsw f29, 244(sp)
    fsw f30, 248(sp)
    fsw f31, 252(sp)
    frcsr t0
    sw t0, 256(sp)
    csrr t0, sepc
    sw t0, 260(sp)
    mv a0, sp
    la sp, __kstack_top
    call user_trap
5:  j 5b

    # A trap while the kernel itself runs: in its idle loop (an interrupt)
    # or a fault in kernel code. Caller-saved registers on the kernel
    # stack, then kernel_trap(s0: the frame pointer there, for a
    # backtrace) and back with sret.
4:  csrrw sp, sscratch, sp
    addi sp, sp, -64
    sw ra, 0(sp)
    sw t0, 4(sp)
    sw t1, 8(sp)
    sw t2, 12(sp)
    sw a0, 16(sp)
    sw a1, 20(sp)
    sw a2, 24(sp)
    sw a3, 28(sp)
    sw a4, 32(sp)
    sw a5, 36(sp)
    sw a6, 40(sp)
    sw a7, 44(sp)
    sw t3, 48(sp)
    sw t4, 52(sp)
    sw t5, 56(sp)
    sw t6, 60(sp)
    mv a0, s0
    call kernel_trap
    lw ra, 0(sp)
    lw t0, 4(sp)
    lw t1, 8(sp)
    lw t2, 12(sp)
    lw a0, 16(sp)
    lw a1, 20(sp)
    lw a2, 24(sp)
    lw a3, 28(sp)
    lw a4, 32(sp)
    lw a5, 36(sp)
    lw a6, 40(sp)
    lw a7, 44(sp)
    lw t3, 48(sp)
    lw t4, 52(sp)
    lw t5, 56(sp)
    lw t6, 60(sp)
    addi sp, sp, 64
    sret

    .globl user_return
user_return:
    mv sp, a0
    lw t0, 260(sp)
    csrw sepc, t0
    lw t0, 256(sp)
    fscsr t0
    flw f0, 128(sp)
    flw f1, 132(sp)
    flw f2, 136(sp)
    flw f3, 140(sp)
    flw f4, 144(sp)
    flw f5, 148(sp)
    flw f6, 152(sp)
    flw f7, 156(sp)
    flw f8, 160(sp)
    flw f9, 164(sp)
    flw f10, 168(sp)
    flw f11, 172(sp)
    flw f12, 176(sp)
    flw f13, 180(sp)
    flw f14, 184(sp)
    flw f15, 188(sp)
    flw f16, 192(sp)
    flw f17, 196(sp)
    flw f18, 200(sp)
    flw f19, 204(sp)
    flw f20, 208(sp)
    flw f21, 212(sp)
    flw f22, 216(sp)
    flw f23, 220(sp)
    flw f24, 224(sp)
    flw f25, 228(sp)
    flw f26, 232(sp)
    flw f27, 236(sp)
    flw f28, 240(sp)
    flw f29, 244(sp)
    flw f30, 248(sp)
    flw f31, 252(sp)
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
    csrw sscratch, sp
    lw sp, 8(sp)
    sret
"#
);

unsafe extern "C" {
    fn user_return(frame: *const TrapFrame) -> !;
}

/// Resumes a process: `satp` is its page table; sret to U-mode with
/// interrupts on.
///
/// # Safety
/// `frame` must point at the process's boxed trap frame, which must stay
/// alive while it runs (the next trap saves into it); `satp` must select an
/// address space that holds the kernel's root entries (so the trap vector
/// and the frame stay mapped), and no lock may be held.
pub unsafe fn return_to_user(frame: *const TrapFrame, satp: usize) -> ! {
    use super::csr;
    let s = csr::sstatus();
    csr::write_sstatus(
        (s & !csr::SSTATUS_SPP & !csr::SSTATUS_SIE) | csr::SSTATUS_SPIE | csr::SSTATUS_FS_DIRTY,
    );
    if csr::satp() != satp {
        csr::write_satp(satp);
    }
    // SAFETY: the caller guarantees `frame` is a live, boxed trap frame and
    // `satp` a space with the kernel's mappings (see `# Safety`);
    // user_return restores the frame and srets to U-mode. The kernel keeps no
    // state on its stack across this call (every trap starts afresh).
    unsafe { user_return(frame) }
}

/// Loads from address 0 in S-mode: a load page fault in the kernel, to
/// test its panic report (`abi::REBOOT_CRASH`, as Linux's SysRq-c).
pub fn fault_on_purpose() -> ! {
    // SAFETY: address 0 is never mapped (abi: the first user page stays
    // unmapped, the kernel maps only RAM and MMIO), so the load traps and
    // the trap handler stops the machine; it only clobbers t0 otherwise.
    unsafe { core::arch::asm!("lw t0, 0(zero)", out("t0") _) };
    loop {
        core::hint::spin_loop();
    }
}
