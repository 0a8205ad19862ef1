//! The return addresses on the kernel stack, for a panic's backtrace.
//!
//! Every guest binary is built with frame pointers (`-C
//! force-frame-pointers=yes`, guest/.cargo/config.toml), so each function's
//! frame keeps a record just below its frame pointer `fp` (s0): the return
//! address at `fp - 4` and the caller's frame pointer at `fp - 8` (RISC-V
//! psABI, "Frame Pointer Convention"). The walk follows that chain while it
//! stays inside the kernel stack and climbs it.

use core::arch::asm;

unsafe extern "C" {
    static __kstack_bottom: u8;
    static __kstack_top: u8;
}

/// Frames walked at most.
const MAX_FRAMES: usize = 32;

/// The frame pointer (s0) of the function this is inlined into.
#[inline(always)]
pub fn frame_pointer() -> usize {
    let fp: usize;
    // SAFETY: copies s0 into a register; no memory or state is touched.
    unsafe { asm!("mv {}, s0", out(reg) fp) };
    fp
}

/// The return addresses of the frames from the one at `fp` outwards; ends
/// at the first frame record outside the kernel stack (the outermost frame,
/// whose caller is the trap vector or `_start`, holds no valid one).
pub fn return_addresses(mut fp: usize) -> impl Iterator<Item = usize> {
    let bottom = core::ptr::addr_of!(__kstack_bottom) as usize;
    let top = core::ptr::addr_of!(__kstack_top) as usize;
    core::iter::from_fn(move || {
        if !fp.is_multiple_of(4) || fp < bottom + 8 || fp > top {
            return None;
        }
        // SAFETY: [fp - 8, fp) lies inside the kernel stack (checked above),
        // mapped RAM that only this hart touches; reading it has no effect.
        let (ra, caller_fp) = unsafe {
            (
                ((fp - 4) as *const usize).read_volatile(),
                ((fp - 8) as *const usize).read_volatile(),
            )
        };
        // The stack grows down: a caller's frame lies above its callee's.
        fp = if caller_fp > fp { caller_fp } else { 0 };
        (ra != 0).then_some(ra)
    })
    .take(MAX_FRAMES)
}
