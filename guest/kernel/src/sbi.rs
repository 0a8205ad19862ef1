//! Calls into the firmware (RISC-V SBI v2.0): the timer and system reset.

use core::arch::asm;

const EXT_TIME: usize = 0x5449_4D45;
const EXT_SRST: usize = 0x5352_5354;

fn call(eid: usize, fid: usize, a0: usize, a1: usize) -> isize {
    let ret: isize;
    // SAFETY: an SBI ecall traps to the firmware, which only changes a0/a1
    // and the state the call names.
    unsafe {
        asm!("ecall", inlateout("a0") a0 => ret, inlateout("a1") a1 => _,
            in("a6") fid, in("a7") eid)
    };
    ret
}

/// Asks for a timer interrupt at `deadline` (in `time` ticks); also clears
/// the pending one.
pub fn set_timer(deadline: u64) {
    call(EXT_TIME, 0, deadline as usize, (deadline >> 32) as usize);
}

/// Powers the machine off.
pub fn shutdown() -> ! {
    call(EXT_SRST, 0, 0, 0);
    loop {
        core::hint::spin_loop();
    }
}
