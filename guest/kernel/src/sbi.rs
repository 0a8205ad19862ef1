//! Calls into the firmware (RISC-V SBI v2.0): the timer and system reset.

use crate::arch::ecall::sbi_call;

const EXT_TIME: usize = 0x5449_4D45;
const EXT_SRST: usize = 0x5352_5354;

/// Asks for a timer interrupt at `deadline` (in `time` ticks); also clears
/// the pending one.
pub fn set_timer(deadline: u64) {
    sbi_call(EXT_TIME, 0, deadline as usize, (deadline >> 32) as usize);
}

/// Powers the machine off.
pub fn shutdown() -> ! {
    sbi_call(EXT_SRST, 0, 0, 0);
    loop {
        core::hint::spin_loop();
    }
}
