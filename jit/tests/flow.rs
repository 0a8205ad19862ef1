//! Control flow in the JIT against the interpreter, in lockstep: the
//! shapes the translator treats specially inside a region.

mod common;

use common::Code;
use jit::lockstep::{self, machine};
use jit::randprog::enc::{addi, andi, b_type, c_branch, i_type, jal, li, r_type, sw, u_type};
use soc::elf::{EM_RISCV, minimal_image};
use soc::machine::Stop;
use soc::memmap::{FINISHER_BASE, RAM_BASE};

const OP: u32 = 0x33;
const OP_IMM: u32 = 0x13;

/// A loop whose data-dependent forward branches (32-bit and compressed,
/// every condition) each skip one to three pure instructions, so that
/// they are if-converted: computed anyway, selected, counted only when
/// the branch falls through. Each jumps forward to a member that has no
/// deadline check of its own (the loop's first member checks for all of
/// them). Lockstep ends its steps at every member boundary and, every
/// other step, 64 instructions on, so deadlines also fall inside the
/// unchecked members and where a skipped instruction would retire; it
/// compares the registers and the retired count after each step.
#[test]
fn if_converted_branches_agree() {
    let (state, scratch, passes) = (5, 6, 7); // t0, t1, t2
    let (a0, a1, a2, a3, a4, a5) = (10, 11, 12, 13, 14, 15);
    let mut code = Code::default();
    code.push(&li(state, 0x1234_5679));
    code.push(&li(passes, 300));
    code.push(&[jal(4, 0)]); // the loop starts a block
    let top = code.pos();
    // xorshift32: t0 ^= t0 << 13; t0 ^= t0 >> 17; t0 ^= t0 << 5
    for (shift, f3) in [(13, 1), (17, 5), (5, 1)] {
        code.push(&[
            i_type(shift, state, f3, scratch, OP_IMM),
            r_type(0, scratch, state, 4, state, OP),
        ]);
    }
    code.push(&[andi(scratch, state, 1)]);
    code.push(&[b_type(8, 0, scratch, 0)]); // beqz t1, over one
    code.push(&[addi(a0, a0, 1)]);
    code.push(&[andi(scratch, state, 6)]);
    code.push(&[b_type(12, scratch, a0, 6)]); // bltu a0, t1, over two
    code.push(&[
        r_type(0, state, a1, 0, a1, OP), // add a1, a1, t0
        i_type(1, a1, 1, a2, OP_IMM),    // slli a2, a1, 1
    ]);
    code.push(&[andi(a3, state, 0x70)]);
    code.push16(c_branch(14, a3, true)); // c.bnez a3, over three
    code.push(&[
        u_type(0x12 << 12, a4, 0x37), // lui a4, 0x12
        u_type(0, a5, 0x17),          // auipc a5, 0
        r_type(1, a1, a0, 0, a5, OP), // mul a5, a0, a1
    ]);
    code.push(&[b_type(8, a2, a0, 5)]); // bge a0, a2, over a write to x0
    code.push(&[addi(0, a0, 7)]);
    code.push(&[addi(passes, passes, -1)]);
    let back = top - code.pos();
    code.push(&[b_type(back, 0, passes, 1)]); // bnez t2, loop
    code.push(&li(state, FINISHER_BASE));
    code.push(&li(scratch, 0x5555));
    code.push(&[sw(scratch, state, 0)]);

    let image = minimal_image(RAM_BASE, &code.0, code.0.len() as u32, EM_RISCV);
    let agreed = lockstep::run(&|| machine(&image), 100_000, 0..0, 0)
        .unwrap_or_else(|report| panic!("{report}"));
    assert_eq!(agreed.stop, Stop::Exit(0), "{agreed:?}");
    assert!(agreed.compiled_steps > 100, "{agreed:?}");
}
