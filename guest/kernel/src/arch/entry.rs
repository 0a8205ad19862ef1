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
    /// f0..f31, all 64 bits (user programs may use the D extension).
    pub f: [u64; 32],
    /// fcsr.
    pub fcsr: usize,
    /// The user pc to resume at.
    pub sepc: usize,
}

// The trap vector below saves and restores the frame at these offsets.
const _: () = {
    use core::mem::offset_of;
    assert!(offset_of!(TrapFrame, f) == 128);
    assert!(offset_of!(TrapFrame, fcsr) == 384);
    assert!(offset_of!(TrapFrame, sepc) == 388);
};

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
    fsd f0, 128(sp)
    fsd f1, 136(sp)
    fsd f2, 144(sp)
    fsd f3, 152(sp)
    fsd f4, 160(sp)
    fsd f5, 168(sp)
    fsd f6, 176(sp)
    fsd f7, 184(sp)
    fsd f8, 192(sp)
    fsd f9, 200(sp)
    fsd f10, 208(sp)
    fsd f11, 216(sp)
    fsd f12, 224(sp)
    fsd f13, 232(sp)
    fsd f14, 240(sp)
    fsd f15, 248(sp)
    fsd f16, 256(sp)
    fsd f17, 264(sp)
    fsd f18, 272(sp)
    fsd f19, 280(sp)
    fsd f20, 288(sp)
    fsd f21, 296(sp)
    fsd f22, 304(sp)
    fsd f23, 312(sp)
    fsd f24, 320(sp)
    fsd f25, 328(sp)
    fsd f26, 336(sp)
    fsd f27, 344(sp)
    fsd f28, 352(sp)
    fsd f29, 360(sp)
    fsd f30, 368(sp)
    fsd f31, 376(sp)
    frcsr t0
    sw t0, 384(sp)
    csrr t0, sepc
    sw t0, 388(sp)
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
    lw t0, 388(sp)
    csrw sepc, t0
    lw t0, 384(sp)
    fscsr t0
    fld f0, 128(sp)
    fld f1, 136(sp)
    fld f2, 144(sp)
    fld f3, 152(sp)
    fld f4, 160(sp)
    fld f5, 168(sp)
    fld f6, 176(sp)
    fld f7, 184(sp)
    fld f8, 192(sp)
    fld f9, 200(sp)
    fld f10, 208(sp)
    fld f11, 216(sp)
    fld f12, 224(sp)
    fld f13, 232(sp)
    fld f14, 240(sp)
    fld f15, 248(sp)
    fld f16, 256(sp)
    fld f17, 264(sp)
    fld f18, 272(sp)
    fld f19, 280(sp)
    fld f20, 288(sp)
    fld f21, 296(sp)
    fld f22, 304(sp)
    fld f23, 312(sp)
    fld f24, 320(sp)
    fld f25, 328(sp)
    fld f26, 336(sp)
    fld f27, 344(sp)
    fld f28, 352(sp)
    fld f29, 360(sp)
    fld f30, 368(sp)
    fld f31, 376(sp)
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
