//! Kernel panics. A fault in kernel code (any trap in S-mode that is not an
//! interrupt) or a Rust panic prints `kernel panic:` with what happened and
//! a backtrace of return addresses (innermost first; `addr2line -e
//! kernel` names them), then powers the machine off as a system failure,
//! so rvjit exits non-zero. Nothing here takes a lock: the code that
//! faulted may hold any of them (the UART needs none, see `uart::print`).

use core::fmt;
use core::sync::atomic::{AtomicBool, Ordering};

use crate::arch::backtrace;
use crate::{print, println, sbi};

/// Set by the first panic: a fault while reporting one just stops.
static PANICKING: AtomicBool = AtomicBool::new(false);

/// A trap in kernel code that is not an interrupt: `cause`, `pc` and `tval`
/// are scause, sepc and stval; `fp` is the frame pointer (s0) of the code
/// that trapped.
pub fn fault(cause: usize, pc: usize, tval: usize, fp: usize) -> ! {
    stop(
        format_args!(
            "{} in the kernel (cause {cause}) at pc {pc:#x}, tval {tval:#x}",
            exception_name(cause)
        ),
        Some(pc),
        fp,
    )
}

/// The privileged spec's name for exception code `cause`.
fn exception_name(cause: usize) -> &'static str {
    match cause {
        0 => "instruction address misaligned",
        1 => "instruction access fault",
        2 => "illegal instruction",
        3 => "breakpoint",
        4 => "load address misaligned",
        5 => "load access fault",
        6 => "store address misaligned",
        7 => "store access fault",
        8 => "environment call from U-mode",
        9 => "environment call from S-mode",
        12 => "instruction page fault",
        13 => "load page fault",
        15 => "store page fault",
        _ => "exception",
    }
}

/// Prints the report (`pc` first in the backtrace if known, then the return
/// addresses from the frame at `fp`) and powers off with a failure.
fn stop(what: fmt::Arguments, pc: Option<usize>, fp: usize) -> ! {
    if PANICKING.swap(true, Ordering::Relaxed) {
        sbi::shutdown(true)
    }
    println!("kernel panic: {what}");
    print!("backtrace:");
    for addr in pc.into_iter().chain(backtrace::return_addresses(fp)) {
        print!(" {addr:#x}");
    }
    println!();
    sbi::shutdown(true)
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    stop(format_args!("{info}"), None, backtrace::frame_pointer())
}
