//! Floating point in the JIT against the interpreter, in lockstep: seeded
//! random F/D programs (`randprog::fp_program`: every rounding mode,
//! NaN payloads and canonical NaNs, subnormals, infinities, -0, fflags
//! cleared and accrued, FS off, conversion edges, badly NaN-boxed singles),
//! with no architectural difference at any block boundary.

use jit::lockstep::{self, machine};
use jit::randprog::{self, DATA_BYTES, DATA_OFFSET};
use soc::elf::{EM_RISCV, minimal_image};
use soc::machine::Stop;
use soc::memmap::RAM_BASE;

/// Programs per test (two tests, so that they run in parallel).
const PROGRAMS: u64 = 75;

fn random_fp_programs(first_seed: u64) {
    let mut compiled = 0;
    for seed in first_seed..first_seed + PROGRAMS {
        let code = randprog::fp_program(seed, 80);
        let image = minimal_image(RAM_BASE, &code, code.len() as u32, EM_RISCV);
        let watch = 0..(DATA_OFFSET + DATA_BYTES) as usize;
        match lockstep::run(&|| machine(&image), 50_000, watch, 0) {
            Ok(agreed) => compiled += agreed.compiled_steps,
            Err(report) => panic!("random FP program, seed {seed}: {report}"),
        }
    }
    assert!(
        compiled > PROGRAMS * 10,
        "the JIT ran only {compiled} blocks"
    );
}

#[test]
fn random_fp_programs_agree_0() {
    random_fp_programs(0);
}

#[test]
fn random_fp_programs_agree_1() {
    random_fp_programs(PROGRAMS);
}

/// Every edge program from `first` on, by `step`.
fn edge_programs(first: usize, step: usize) {
    for (n, program) in randprog::fp_edge_programs()
        .iter()
        .enumerate()
        .skip(first)
        .step_by(step)
    {
        let code = &program.code;
        let image = minimal_image(RAM_BASE, code, code.len() as u32, EM_RISCV);
        let watch = 0..(DATA_OFFSET + DATA_BYTES) as usize;
        let agreed = lockstep::run(&|| machine(&image), 1_000_000, watch, 0)
            .unwrap_or_else(|report| panic!("edge program {n}: {report}"));
        assert!(
            matches!(agreed.stop, Stop::Exit(_)),
            "edge program {n}: {agreed:?}"
        );
        // Each case is a block of its own: all compiled (the FP code
        // compiles), they make at least as many compiled blocks.
        assert!(
            agreed.compiled_blocks >= program.cases,
            "edge program {n}: few blocks compiled ({agreed:?})"
        );
    }
}

#[test]
fn edge_values_agree_0() {
    edge_programs(0, 2);
}

#[test]
fn edge_values_agree_1() {
    edge_programs(1, 2);
}

/// An inexact conversion to an integer, NX already accrued: the host
/// result stands, and FS turns Dirty as the interpreter makes it (it
/// dirties FS for any raised flag, accrued or not).
#[test]
fn an_inexact_conversion_dirties_a_clean_fpu() {
    let words: [u32; 13] = [
        0x0000_62b7, // lui t0, 0x6 (mstatus.FS)
        0x3002_a073, // csrs mstatus, t0
        0x3fc0_0337, // lui t1, 0x3fc00 (1.5f)
        0xf003_0053, // fmv.w.x ft0, t1
        0x0010_d073, // csrwi fflags, NX
        0x0000_22b7, // lui t0, 0x2
        0x3002_b073, // csrc mstatus, t0 (FS: Dirty to Clean)
        0xc000_1553, // fcvt.w.s a0, ft0, rtz
        0x0040_006f, // j .+4 (lockstep compares here)
        0x0010_02b7, // lui t0, 0x100 (the finisher)
        0x0000_5337, // lui t1, 0x5
        0x5553_0313, // addi t1, t1, 0x555
        0x0062_a023, // sw t1, 0(t0)
    ];
    let code: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
    let image = minimal_image(RAM_BASE, &code, code.len() as u32, EM_RISCV);
    let agreed = lockstep::run(&|| machine(&image), 1000, 0..code.len(), 0)
        .unwrap_or_else(|report| panic!("{report}"));
    assert!(matches!(agreed.stop, Stop::Exit(0)), "{agreed:?}");
    assert!(agreed.compiled_steps > 0, "{agreed:?}");
}
