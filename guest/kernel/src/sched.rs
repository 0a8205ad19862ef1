//! Round-robin scheduling. The kernel runs one process at a time on one
//! hart; a trap ends in [`resume`], which picks the process to run (the same
//! one after most system calls, the next runnable one after a timer tick,
//! a yield, a block or an exit) and returns to it, or idles with interrupts
//! on until something becomes runnable.

use core::sync::atomic::{AtomicUsize, Ordering};

use crate::arch::{self, csr};
use crate::proc::{KERNEL, Kernel, Pid, State};

/// The kernel's own page table (active while no process's is).
static KERNEL_SATP: AtomicUsize = AtomicUsize::new(0);

/// Records the kernel's page table (at boot).
pub fn set_kernel_satp(satp: usize) {
    KERNEL_SATP.store(satp, Ordering::Relaxed);
}

/// Switches to the kernel's page table if `satp` is active: an address
/// space must not be freed while the hart uses it.
pub fn leave_satp(satp: usize) {
    if csr::satp() == satp {
        csr::write_satp(KERNEL_SATP.load(Ordering::Relaxed));
    }
}

/// The next runnable process: the current one if `keep` and it can run,
/// else the oldest woken one, else the first runnable after the current
/// one in pid order, wrapping around (round robin).
fn pick(k: &mut Kernel, keep: bool) -> Option<Pid> {
    let runnable =
        |k: &Kernel, pid: &Pid| k.procs.get(pid).is_some_and(|p| p.state == State::Runnable);
    let cur = k.current.unwrap_or(0);
    if keep && runnable(k, &cur) {
        return Some(cur);
    }
    while let Some(pid) = k.woken.pop_front() {
        if runnable(k, &pid) {
            return Some(pid);
        }
    }
    k.procs
        .range(cur + 1..)
        .chain(k.procs.range(..=cur))
        .find(|(_, p)| p.state == State::Runnable)
        .map(|(pid, _)| *pid)
}

/// Runs the next process (see [`pick`]); never returns.
pub fn resume(keep: bool) -> ! {
    let mut keep = keep;
    loop {
        let mut k = KERNEL.lock();
        if let Some(pid) = pick(&mut k, keep) {
            k.current = Some(pid);
            if let Some(p) = k.procs.get_mut(&pid)
                && let Some(aspace) = p.aspace.as_ref()
            {
                let satp = aspace.satp();
                crate::running::publish(&p.name);
                let frame: *const arch::TrapFrame = &*p.frame;
                drop(k);
                // SAFETY: the frame is boxed in the process table, and a
                // process leaves the table (exit, wait) only from kernel
                // code, which runs in traps, after the vector has saved into
                // the frame; `satp` is its own `AddressSpace`, built with
                // the kernel's root entries; the lock was dropped above.
                unsafe { arch::return_to_user(frame, satp) }
            }
        }
        keep = false;
        drop(k);
        // Nothing to run: wait for an interrupt, then take it (in
        // `kernel_trap`, on this stack) and look again. wfi with interrupts
        // still off ends on any pending interrupt that sie enables, so one
        // that arrived after the lock was dropped is not slept through.
        csr::wfi();
        csr::interrupts_on();
        csr::interrupts_off();
    }
}
