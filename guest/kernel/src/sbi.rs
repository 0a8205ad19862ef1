//! Calls into the firmware (RISC-V SBI v2.0): the timer and system reset.

use crate::arch::ecall::sbi_call;

const EXT_TIME: usize = 0x5449_4D45;
const EXT_SRST: usize = 0x5352_5354;

/// Asks for a timer interrupt at `deadline` (in `time` ticks); also clears
/// the pending one.
pub fn set_timer(deadline: u64) {
    sbi_call(EXT_TIME, 0, deadline as usize, (deadline >> 32) as usize);
}

/// SRST reset type: shutdown.
const RESET_SHUTDOWN: usize = 0;
/// SRST reset reasons: none, system failure.
const REASON_NONE: usize = 0;
const REASON_FAILURE: usize = 1;

/// Powers the machine off; `failed` reports a system failure (rvjit then
/// exits non-zero).
pub fn shutdown(failed: bool) -> ! {
    let reason = if failed { REASON_FAILURE } else { REASON_NONE };
    sbi_call(EXT_SRST, 0, RESET_SHUTDOWN, reason);
    loop {
        core::hint::spin_loop();
    }
}
