//! The ecall into the M-mode firmware (RISC-V SBI v2.0, "Binary Encoding"):
//! extension id in a7, function id in a6, arguments in a0/a1, error code
//! back in a0. The calls themselves are in `crate::sbi`.

use core::arch::asm;

/// Calls SBI function `fid` of extension `eid` with `a0`, `a1`; returns the
/// SBI error code (a0).
pub fn sbi_call(eid: usize, fid: usize, a0: usize, a1: usize) -> isize {
    let ret: isize;
    // SAFETY: an SBI ecall traps to the firmware, which only changes a0/a1
    // (declared clobbered here) and the machine state the call names.
    unsafe {
        asm!("ecall", inlateout("a0") a0 => ret, inlateout("a1") a1 => _,
            in("a6") fid, in("a7") eid)
    };
    ret
}
