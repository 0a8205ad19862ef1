//! The interpreter and the JIT in lockstep (`jit::lockstep`): on every
//! conformance program and on a few thousand seeded random integer
//! programs, no architectural difference at any block boundary.

mod common;

use common::machine;
use jit::lockstep;
use jit::randprog::{self, DATA_BYTES, DATA_OFFSET};
use soc::elf::{EM_RISCV, minimal_image};
use soc::machine::Stop;
use soc::memmap::RAM_BASE;

/// Programs per test (four tests, so that they run in parallel).
const PROGRAMS: u64 = 500;

fn random_programs(first_seed: u64) {
    let mut compiled = 0;
    for seed in first_seed..first_seed + PROGRAMS {
        let code = randprog::program(seed, 60);
        let image = minimal_image(RAM_BASE, &code, code.len() as u32, EM_RISCV);
        let watch = 0..(DATA_OFFSET + DATA_BYTES) as usize;
        match lockstep::run(&|| machine(&image), 50_000, watch) {
            Ok(agreed) => compiled += agreed.compiled_steps,
            Err(report) => panic!("random program, seed {seed}: {report}"),
        }
    }
    assert!(
        compiled > PROGRAMS * 10,
        "the JIT ran only {compiled} blocks"
    );
}

#[test]
fn random_programs_agree_0() {
    random_programs(0);
}

#[test]
fn random_programs_agree_1() {
    random_programs(PROGRAMS);
}

#[test]
fn random_programs_agree_2() {
    random_programs(2 * PROGRAMS);
}

#[test]
fn random_programs_agree_3() {
    random_programs(3 * PROGRAMS);
}

#[test]
fn a_random_program_passes() {
    let code = randprog::program(7, 60);
    let image = minimal_image(RAM_BASE, &code, code.len() as u32, EM_RISCV);
    let agreed = lockstep::run(&|| machine(&image), 1_000_000, 0..0).unwrap();
    assert!(
        matches!(agreed.stop, Stop::Exit(_) | Stop::TrapLoop { .. }),
        "{agreed:?}"
    );
}

#[test]
fn conformance_programs_agree() {
    let mut failures = Vec::new();
    for p in conformance::programs().iter().filter(|p| p.drive.is_none()) {
        let image = std::fs::read(p.elf).expect("the conformance ELF exists");
        if let Err(report) = lockstep::run(&|| machine(&image), 5_000_000, 0..0) {
            failures.push(format!("{}: {report}", p.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
