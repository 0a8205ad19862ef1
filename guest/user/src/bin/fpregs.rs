//! fpregs: the kernel keeps all 64 bits of the FP registers and fcsr
//! across traps. Loads distinct doubles into f0..f31 and a rounding mode
//! and flags into fcsr, computes (busy, never sleeping) for 50 ms so that
//! timer interrupts come in between, and checks every register and fcsr.
#![no_std]
#![no_main]

use core::arch::asm;
use ulib::println;

ulib::entry!(main);

/// 50 ms of the 10 MHz `time` counter: several 10 ms scheduler ticks.
const BUSY_TICKS: usize = 500_000;

/// fcsr: round towards zero (frm = 1) with the inexact and overflow flags.
const FCSR: usize = (1 << 5) | 0b00101;

fn main(_: &[&str]) -> i32 {
    // Doubles whose upper halves differ (a 32-bit save loses them).
    let want: [f64; 32] = core::array::from_fn(|i| 1.0 + i as f64 / 8.0 + 1e-9 * i as f64);
    let mut got = [0f64; 32];
    let fcsr: usize;
    // SAFETY: the asm reads `want` and writes `got` (32 doubles each, both
    // live arrays) and changes only the registers it declares; fcsr is put
    // back to the value it had.
    unsafe {
        asm!(
            "frcsr {saved}",
            ".irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31",
            "fld f\\n, 8*\\n({src})",
            ".endr",
            "fscsr {fcsr}",
            "rdtime {t0}",
            "1: rdtime {t1}",
            "sub {t1}, {t1}, {t0}",
            "bltu {t1}, {ticks}, 1b",
            "frcsr {fcsr}",
            ".irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31",
            "fsd f\\n, 8*\\n({dst})",
            ".endr",
            "fscsr {saved}",
            src = in(reg) want.as_ptr(),
            dst = in(reg) got.as_mut_ptr(),
            ticks = in(reg) BUSY_TICKS,
            fcsr = inout(reg) FCSR => fcsr,
            saved = out(reg) _,
            t0 = out(reg) _,
            t1 = out(reg) _,
            out("f0") _, out("f1") _, out("f2") _, out("f3") _, out("f4") _, out("f5") _,
            out("f6") _, out("f7") _, out("f8") _, out("f9") _, out("f10") _, out("f11") _,
            out("f12") _, out("f13") _, out("f14") _, out("f15") _, out("f16") _,
            out("f17") _, out("f18") _, out("f19") _, out("f20") _, out("f21") _,
            out("f22") _, out("f23") _, out("f24") _, out("f25") _, out("f26") _,
            out("f27") _, out("f28") _, out("f29") _, out("f30") _, out("f31") _,
            options(nostack),
        );
    }
    let mut bad = 0;
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        if g.to_bits() != w.to_bits() {
            println!("fpregs: f{} is {:#018x}, want {:#018x}", i, g.to_bits(), w.to_bits());
            bad += 1;
        }
    }
    if fcsr != FCSR {
        println!("fpregs: fcsr is {:#x}, want {:#x}", fcsr, FCSR);
        bad += 1;
    }
    if bad == 0 {
        println!("fpregs: ok");
        0
    } else {
        println!("fpregs: FAILED");
        1
    }
}
