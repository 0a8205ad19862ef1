//! The SBI the firmware serves (RISC-V SBI spec v2.0): base, TIME, SRST,
//! DBCN, and the legacy console putchar/getchar, plus the M timer
//! interrupt forwarded to S as STIP.

use crate::arch::{self, EXC_ECALL_S, IRQ_M_TIMER, MCAUSE_INTERRUPT, TrapFrame};
use crate::console;
use crate::mmio;

const EXT_LEGACY_SET_TIMER: usize = 0x00;
const EXT_LEGACY_PUTCHAR: usize = 0x01;
const EXT_LEGACY_GETCHAR: usize = 0x02;
const EXT_LEGACY_SHUTDOWN: usize = 0x08;
const EXT_BASE: usize = 0x10;
const EXT_TIME: usize = 0x5449_4D45;
const EXT_SRST: usize = 0x5352_5354;
const EXT_DBCN: usize = 0x4442_434E;

const SUCCESS: isize = 0;
const ERR_NOT_SUPPORTED: isize = -2;
const ERR_INVALID_PARAM: isize = -3;

const FINISHER: usize = 0x0010_0000;
const FINISHER_PASS: u32 = 0x5555;
const FINISHER_FAIL: u32 = 0x3333;
const FINISHER_RESET: u32 = 0x7777;

const CLINT_MTIMECMP: usize = 0x0200_4000;

/// Called by the trap vector for every trap that reaches M-mode.
#[unsafe(no_mangle)]
extern "C" fn m_trap(frame: &mut TrapFrame) {
    let (cause, epc, tval) = arch::trap_cause();
    if cause == MCAUSE_INTERRUPT | IRQ_M_TIMER {
        arch::forward_timer();
    } else if cause == EXC_ECALL_S {
        let (a0, value) = call(frame);
        frame.x[10] = a0 as usize;
        if let Some(v) = value {
            frame.x[11] = v;
        }
        arch::skip_ecall();
    } else {
        crate::println!(
            "firmware: unexpected trap: mcause {cause:#x} mepc {epc:#x} mtval {tval:#x}"
        );
        shutdown(1);
    }
}

/// One SBI call: returns (a0, a1); legacy calls leave a1 alone.
fn call(f: &TrapFrame) -> (isize, Option<usize>) {
    let (a0, a1, a2) = (f.x[10], f.x[11], f.x[12]);
    let (fid, eid) = (f.x[16], f.x[17]);
    match (eid, fid) {
        (EXT_LEGACY_SET_TIMER, _) => {
            set_timer(a0, a1);
            (0, None)
        }
        (EXT_LEGACY_PUTCHAR, _) => {
            console::putc(a0 as u8);
            (0, None)
        }
        (EXT_LEGACY_GETCHAR, _) => (console::getc().map_or(-1, isize::from), None),
        (EXT_LEGACY_SHUTDOWN, _) => shutdown(0),
        (EXT_BASE, _) => base(fid, a0),
        (EXT_TIME, 0) => {
            set_timer(a0, a1);
            (SUCCESS, Some(0))
        }
        (EXT_SRST, 0) => reset(a0, a1),
        (EXT_DBCN, 0) => {
            // write(num_bytes, base_lo, base_hi): physical addresses; the
            // kernel maps RAM one-to-one. Refuse the firmware's own memory.
            if a2 != 0 || a1 < arch::FW_END || a1.checked_add(a0).is_none() {
                return (ERR_INVALID_PARAM, Some(0));
            }
            let mut n = 0;
            while n < a0 {
                let Some(b) = arch::phys_read8(a1 + n) else {
                    break;
                };
                console::putc(b);
                n += 1;
            }
            (SUCCESS, Some(n))
        }
        (EXT_DBCN, 1) => {
            if a2 != 0 || a1 < arch::FW_END || a1.checked_add(a0).is_none() {
                return (ERR_INVALID_PARAM, Some(0));
            }
            let mut n = 0;
            while n < a0 {
                let Some(b) = console::getc() else { break };
                if !arch::phys_write8(a1 + n, b) {
                    break;
                }
                n += 1;
            }
            (SUCCESS, Some(n))
        }
        (EXT_DBCN, 2) => {
            console::putc(a0 as u8);
            (SUCCESS, Some(0))
        }
        _ => (ERR_NOT_SUPPORTED, Some(0)),
    }
}

fn base(fid: usize, a0: usize) -> (isize, Option<usize>) {
    let value = match fid {
        0 => 2 << 24, // spec version 2.0
        1 => 0x7276,  // implementation id: ours ("rv")
        2 => 1,       // implementation version
        3 => usize::from(matches!(
            a0,
            EXT_BASE | EXT_TIME | EXT_SRST | EXT_DBCN | EXT_LEGACY_PUTCHAR | EXT_LEGACY_GETCHAR
        )),
        4..=6 => arch::read_id_csr(fid - 4),
        _ => return (ERR_NOT_SUPPORTED, Some(0)),
    };
    (SUCCESS, Some(value))
}

/// Programs mtimecmp (lo, hi) without a spurious early match, then arms.
fn set_timer(lo: usize, hi: usize) {
    // The CLINT's mtimecmp for hart 0; writing hi = all-ones first keeps
    // the 64-bit value from passing through a small one.
    mmio::DEVICES.write32(CLINT_MTIMECMP + 4, u32::MAX);
    mmio::DEVICES.write32(CLINT_MTIMECMP, lo as u32);
    mmio::DEVICES.write32(CLINT_MTIMECMP + 4, hi as u32);
    arch::arm_timer();
}

fn reset(kind: usize, reason: usize) -> (isize, Option<usize>) {
    match kind {
        0 => shutdown(if reason == 1 { 1 } else { 0 }),
        1 | 2 => finish(FINISHER_RESET),
        _ => (ERR_INVALID_PARAM, Some(0)),
    }
}

/// Powers off through the test finisher: pass for code 0, else fail(code).
pub fn shutdown(code: u32) -> ! {
    if code == 0 {
        finish(FINISHER_PASS)
    } else {
        finish(FINISHER_FAIL | (code << 16))
    }
}

fn finish(word: u32) -> ! {
    // The SiFive test finisher's only register: the write ends (or resets)
    // the machine.
    mmio::DEVICES.write32(FINISHER, word);
    loop {
        core::hint::spin_loop();
    }
}
