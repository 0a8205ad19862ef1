//! Loads in the JIT against the interpreter, in lockstep: the direct RAM
//! window (`hart.ram_window`) that M-mode code reads through, and where it
//! must close.

mod common;

use common::Code;
use jit::lockstep::{self, machine};
use jit::randprog::enc::{addi, b_type, csr, csrr, csrw, i_type, jal, li, r_type, sw};
use soc::csr::state::mstatus;
use soc::csr::table::{MCAUSE, MEPC, MSTATUS, MTVAL, MTVEC, PMPADDR0, PMPCFG0};
use soc::elf::{EM_RISCV, minimal_image};
use soc::machine::Stop;
use soc::memmap::{FINISHER_BASE, RAM_BASE};
use soc::mmu::pmp::cfg;

/// The lockstep machine's RAM (`lockstep::machine`).
const RAM_BYTES: u32 = 1 << 20;
/// Where the loaded data starts: the second page of RAM, a page of its
/// own for the PMP entry.
const DATA: u32 = 0x1000;

const LOAD: u32 = 0x03;
const LOAD_FP: u32 = 0x07;
const OP: u32 = 0x33;
const SYSTEM_CSRRS: u32 = 2;
const SYSTEM_CSRRC: u32 = 3;
const MRET: u32 = 0x3020_0073;

/// `c.lw rd', offset(rs1')` (registers x8–x15, offset a multiple of 4
/// below 128).
fn c_lw(rd: u32, rs1: u32, offset: u32) -> u16 {
    let word = 0b010 << 13
        | (offset >> 3 & 7) << 10
        | (rs1 - 8) << 7
        | (offset >> 2 & 1) << 6
        | (offset >> 6 & 1) << 5
        | (rd - 8) << 2;
    word as u16
}

/// One loop of loads of every width, aligned and misaligned, at the last
/// bytes of RAM, across its end and past it, and FP loads, runs three times:
/// in M-mode (the window is open: the loop compiles with direct reads and
/// runs through them), with `mstatus.MPRV` and MPP = U (loads are U-mode
/// accesses that PMP refuses: the window must be closed), and in M-mode
/// under a locked PMP entry that refuses reads of the data page. A trap
/// handler adds `mcause` and `mtval` of each fault to a sum and skips the
/// load; every loaded value goes into another. Lockstep compares the
/// registers at each block boundary, so a window open where it must not
/// be (or a wrong value read through it) fails.
#[test]
fn direct_reads_close_where_loads_are_checked() {
    let (t3, t4, t5) = (28, 29, 30);
    let (s0, s1, s2) = (8, 9, 18);
    let (a0, a1, a2, a3) = (10, 11, 12, 13);
    let add = |rd, rs1, rs2| r_type(0, rs2, rs1, 0, rd, OP);
    let mut code = Code::default();
    // The handler first, at RAM_BASE + 4 (mtvec's direct mode).
    code.push(&[jal(4 * 11, 0)]);
    code.push(&[
        csrr(t4, MCAUSE),
        add(s1, s1, t4),
        csrr(t4, MTVAL),
        add(s1, s1, t4),
        csrr(t4, MEPC),
        addi(t4, t4, 4),
        csrw(MEPC, t4),
        MRET,
    ]);
    code.push(&[addi(0, 0, 0), addi(0, 0, 0)]); // pad to the jump's target
    assert_eq!(code.pos(), 4 * 11);
    code.push(&li(t3, RAM_BASE + 4));
    code.push(&[csrw(MTVEC, t3)]);
    code.push(&li(t4, mstatus::FS));
    code.push(&[csr(SYSTEM_CSRRS, MSTATUS, t4, 0)]);
    code.push(&li(a0, RAM_BASE + DATA));
    code.push(&li(a2, RAM_BASE + RAM_BYTES - 4));
    code.push(&li(a3, RAM_BASE + RAM_BYTES));
    code.push(&li(t5, 3));
    let phase = code.pos();
    code.push(&li(s0, 40));
    let top = code.pos();
    for (f3, offset) in [
        (2, 0),
        (1, 6),
        (5, 10),
        (0, 13),
        (4, 15),
        (2, 2),
        (5, 0x7ff),
    ] {
        code.push(&[i_type(offset, a0, f3, a1, LOAD), add(s2, s2, a1)]);
    }
    code.push16(c_lw(a1, a0, 20));
    code.push16(c_lw(a1, a0, 124));
    code.push(&[add(s2, s2, a1)]);
    code.push(&[i_type(0, a2, 2, a1, LOAD), add(s2, s2, a1)]);
    // The last bytes of RAM, words that straddle its end, and past it.
    for (f3, offset) in [(1, -2), (4, -1), (2, -8), (2, -7), (2, -2), (1, -1), (2, 0)] {
        code.push(&[i_type(offset, a3, f3, a1, LOAD), add(s2, s2, a1)]);
    }
    code.push(&[i_type(-8, a3, 3, 3, LOAD_FP), i_type(-4, a3, 3, 4, LOAD_FP)]);
    code.push(&[i_type(16, a0, 3, 1, LOAD_FP), i_type(28, a0, 2, 2, LOAD_FP)]);
    code.push(&[addi(s0, s0, -1)]);
    let back = top - code.pos();
    code.push(&[b_type(back, 0, s0, 1)]); // bnez s0, top
    code.push(&[addi(t5, t5, -1)]);
    let done_branch = code.pos();
    code.push(&[0]); // beqz t5, done (patched below)
    code.push(&li(t4, 1));
    let lock_branch = code.pos();
    code.push(&[0]); // beq t5, t4, lock (patched below)
    // Second pass: loads checked as U-mode accesses.
    code.push(&li(t4, mstatus::MPP));
    code.push(&[csr(SYSTEM_CSRRC, MSTATUS, t4, 0)]);
    code.push(&li(t4, mstatus::MPRV));
    code.push(&[csr(SYSTEM_CSRRS, MSTATUS, t4, 0)]);
    code.push(&[jal(phase - code.pos(), 0)]);
    // Third pass: M-mode again, the data page locked against reads.
    let lock = code.pos();
    code.push(&li(t4, mstatus::MPRV));
    code.push(&[csr(SYSTEM_CSRRC, MSTATUS, t4, 0)]);
    let napot_4k = (RAM_BASE + DATA) >> 2 | 0x1ff;
    code.push(&li(t4, napot_4k));
    code.push(&[csrw(PMPADDR0, t4)]);
    code.push(&li(t4, u32::from(cfg::L | cfg::A_NAPOT)));
    code.push(&[csrw(PMPCFG0, t4)]);
    code.push(&[jal(phase - code.pos(), 0)]);
    let done = code.pos();
    code.push(&li(t4, FINISHER_BASE));
    code.push(&li(t3, 0x5555));
    code.push(&[sw(t3, t4, 0)]);
    let patch = |code: &mut Code, at: i32, word: u32| {
        code.0[at as usize..at as usize + 4].copy_from_slice(&word.to_le_bytes());
    };
    patch(&mut code, done_branch, b_type(done - done_branch, 0, t5, 0));
    patch(
        &mut code,
        lock_branch,
        b_type(lock - lock_branch, t4, t5, 0),
    );
    assert!(
        code.pos() < DATA as i32,
        "the code stays out of the data page"
    );
    code.0.resize(DATA as usize, 0);
    code.0.extend(
        (0..=255u8)
            .cycle()
            .take(4096)
            .map(|b| b.wrapping_mul(37) ^ 0x5a),
    );

    let image = minimal_image(RAM_BASE, &code.0, code.0.len() as u32, EM_RISCV);
    let agreed = lockstep::run(&|| machine(&image), 200_000, 0..0, 0)
        .unwrap_or_else(|report| panic!("{report}"));
    assert_eq!(agreed.stop, Stop::Exit(0), "{agreed:?}");
    assert!(agreed.compiled_steps > 100, "{agreed:?}");
}
