//! Trap handling: system calls, interrupts (timer, PLIC: UART and disk)
//! and user faults, which kill the process with a message and a status of
//! abi's, never the kernel.

use abi::{STATUS_ILLEGAL, STATUS_INTERRUPTED, STATUS_SEGV};

use crate::arch::{TrapFrame, csr};
use crate::console::Event;
use crate::elf_load::STACK_BOTTOM;
use crate::proc::{KERNEL, Kernel, Wait, kill_with_message};
use crate::vm::PAGE_SIZE;
use crate::{plic, sbi, sched, syscall, uart};

/// Timer ticks between preemptions: 10 ms.
pub const TICK_MS: u64 = 10;

const INTERRUPT: usize = 1 << 31;
const IRQ_S_TIMER: usize = 5;
const IRQ_S_EXTERNAL: usize = 9;
const EXC_ILLEGAL: usize = 2;
const EXC_BREAKPOINT: usize = 3;
const EXC_ECALL_U: usize = 8;
const EXC_INSN_PAGE_FAULT: usize = 12;
const EXC_LOAD_PAGE_FAULT: usize = 13;
const EXC_STORE_PAGE_FAULT: usize = 15;

/// A trap from U-mode; `frame` holds the process's registers.
#[unsafe(no_mangle)]
extern "C" fn user_trap(_frame: *mut TrapFrame) -> ! {
    let cause = csr::scause();
    let tval = csr::stval();
    let mut k = KERNEL.lock();
    let Some(pid) = k.current else {
        drop(k);
        sched::resume(false)
    };
    crate::vm::frames::set_charging(k.proc(pid).is_some_and(|p| p.accounted));
    let keep = match cause {
        c if c == INTERRUPT | IRQ_S_TIMER => {
            timer(&mut k);
            false
        }
        c if c == INTERRUPT | IRQ_S_EXTERNAL => {
            external(&mut k);
            // Input or the disk woke someone: let it answer now.
            k.woken.is_empty()
        }
        EXC_ECALL_U => syscall::dispatch(&mut k, pid),
        EXC_STORE_PAGE_FAULT
            if k.proc(pid)
                .and_then(|p| p.aspace.as_mut())
                .is_some_and(|a| a.resolve_cow(tval).is_ok()) =>
        {
            true
        }
        _ => {
            fault(&mut k, pid, cause, tval);
            false
        }
    };
    drop(k);
    sched::resume(keep)
}

/// Kills `pid` for an exception it caused.
fn fault(k: &mut Kernel, pid: u32, cause: usize, tval: usize) {
    let pc = k.proc(pid).map_or(0, |p| p.frame.sepc);
    match cause {
        EXC_ILLEGAL | EXC_BREAKPOINT => kill_with_message(
            k,
            pid,
            STATUS_ILLEGAL,
            format_args!("illegal instruction {tval:#x} at pc {pc:#x}"),
        ),
        EXC_INSN_PAGE_FAULT | EXC_LOAD_PAGE_FAULT | EXC_STORE_PAGE_FAULT
            if (STACK_BOTTOM - PAGE_SIZE..STACK_BOTTOM).contains(&tval) =>
        {
            kill_with_message(
                k,
                pid,
                STATUS_SEGV,
                format_args!("stack overflow at {tval:#x} (pc {pc:#x})"),
            )
        }
        EXC_STORE_PAGE_FAULT
            if k.proc(pid)
                .and_then(|p| p.aspace.as_mut())
                .is_some_and(|a| a.lookup(tval) & crate::vm::page_table::COW != 0) =>
        {
            kill_with_message(
                k,
                pid,
                STATUS_SEGV,
                format_args!("out of memory copying a page at {tval:#x}"),
            )
        }
        _ => kill_with_message(
            k,
            pid,
            STATUS_SEGV,
            format_args!("segmentation fault (cause {cause}) at {tval:#x}, pc {pc:#x}"),
        ),
    }
}

/// A trap in S-mode: an interrupt while the kernel idles, or a fault in
/// kernel code, which is a panic. `fp` is the frame pointer (s0) of the
/// code that trapped. The fault is told apart before taking the kernel
/// lock: the faulting code may hold it.
#[unsafe(no_mangle)]
extern "C" fn kernel_trap(fp: usize) {
    let cause = csr::scause();
    if cause & INTERRUPT == 0 {
        crate::panic::fault(cause, csr::sepc(), csr::stval(), fp)
    }
    // Whatever the interrupt frees is not the frame account's doing.
    crate::vm::frames::set_charging(false);
    let mut k = KERNEL.lock();
    match cause {
        c if c == INTERRUPT | IRQ_S_TIMER => timer(&mut k),
        c if c == INTERRUPT | IRQ_S_EXTERNAL => external(&mut k),
        _ => {}
    }
}

/// Arms the next tick (at boot and on every tick).
pub fn arm_timer(k: &Kernel) {
    sbi::set_timer(csr::time() + TICK_MS * k.ticks_per_ms);
}

/// The timer: arm the next tick and wake the sleepers whose time has come.
fn timer(k: &mut Kernel) {
    arm_timer(k);
    let now = csr::time();
    // A new slice: the round robin resumes, so processes that keep waking
    // each other cannot starve a CPU-bound one.
    k.woken.clear();
    let due: alloc::vec::Vec<u32> = k
        .procs
        .values()
        .filter(|p| matches!(p.state, crate::proc::State::Blocked(Wait::Sleep(d)) if now >= d))
        .map(|p| p.pid)
        .collect();
    for pid in due {
        k.make_runnable(pid);
    }
}

/// External interrupts: the UART's input and the disk.
fn external(k: &mut Kernel) {
    loop {
        let irq = plic::claim();
        if irq == 0 {
            break;
        }
        if irq == uart::IRQ {
            while let Some(b) = uart::getc() {
                match k.console.input(b) {
                    Event::None => {}
                    Event::Readable => k.wake(Wait::Console),
                    Event::Interrupt => {
                        let fg = k.foreground;
                        if fg != 0 && k.procs.contains_key(&fg) {
                            k.exit(fg, STATUS_INTERRUPTED);
                        }
                    }
                }
            }
        } else if k.disk.as_ref().is_some_and(|d| d.blk().irq() == irq) {
            disk_interrupt(k);
        }
        plic::complete(irq);
    }
}

/// The disk finished a request: wake its waiters, or drop the outcome if
/// the process that asked has ended meanwhile (else the disk would stay
/// taken forever).
fn disk_interrupt(k: &mut Kernel) {
    let Some(disk) = k.disk.as_mut() else { return };
    if !disk.interrupt() {
        return;
    }
    if let Some(pid) = disk.done_for()
        && !k
            .procs
            .get(&pid)
            .is_some_and(|p| !matches!(p.state, crate::proc::State::Zombie(_)))
    {
        disk.forget(pid);
    }
    k.wake(Wait::Disk);
}
