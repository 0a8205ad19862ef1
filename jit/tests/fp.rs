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

use jit::randprog::enc::{b_type, csr, csrr, i_type, jal, li, r_type, s_type, sw};

const OP_FP: u32 = 0x53;
/// The dynamic rounding mode (`frm`, which these tests leave RNE).
const DYN: u32 = 7;
/// The data base register: s0.
const DATA: u32 = 8;

fn fp(f7: u32, rs2: u32, rs1: u32, f3: u32, rd: u32) -> u32 {
    r_type(f7, rs2, rs1, f3, rd, OP_FP)
}
fn flw(rd: u32, imm: i32) -> u32 {
    i_type(imm, DATA, 2, rd, 0x07)
}
fn fld(rd: u32, imm: i32) -> u32 {
    i_type(imm, DATA, 3, rd, 0x07)
}
fn fsw(rs2: u32, imm: i32) -> u32 {
    s_type(imm, rs2, DATA, 2, 0x27)
}
fn fsd(rs2: u32, imm: i32) -> u32 {
    s_type(imm, rs2, DATA, 3, 0x27)
}

/// Runs `body` as a block of its own in fast mode (FS on, NX accrued,
/// frm RNE), `s0` pointing at guest data that holds the `words`
/// (`(offset, value)`), in lockstep; the first `watch` data bytes are
/// compared. The body must run in generated code: every data access in
/// it hits the TLB (a load and a store warm it first).
fn fast_block_agrees(words: &[(i32, u32)], body: &[u32], watch: u32) {
    let mut code = Vec::new();
    code.extend(li(5, 0x6000)); // t0 = mstatus.FS
    code.push(csr(2, 0x300, 5, 0)); // csrs mstatus, t0
    code.push(csr(5, 0x001, 1, 0)); // csrwi fflags, NX: fast mode holds
    code.extend(li(DATA, RAM_BASE + DATA_OFFSET));
    for &(offset, value) in words {
        code.extend(li(6, value));
        code.push(sw(6, DATA, offset));
    }
    // Warm the read table (the stores above warmed the write table), so
    // that no access in the body misses and leaves it.
    code.push(i_type(0, DATA, 2, 6, 0x03)); // lw t1, 0(s0)
    code.push(jal(4, 0)); // the body starts a block here
    code.extend(body);
    code.push(jal(4, 0));
    code.extend(li(5, 0x10_0000)); // the finisher
    code.extend(li(6, 0x5555));
    code.push(sw(6, 5, 0));
    let code: Vec<u8> = code.iter().flat_map(|w| w.to_le_bytes()).collect();
    let image = minimal_image(RAM_BASE, &code, code.len() as u32, EM_RISCV);
    let watch = DATA_OFFSET as usize..(DATA_OFFSET + watch) as usize;
    let agreed = lockstep::run(&|| machine(&image), 10_000, watch, 0)
        .unwrap_or_else(|report| panic!("{report}"));
    assert!(matches!(agreed.stop, Stop::Exit(0)), "{agreed:?}");
    // The prologue's block and the body's, at least, ran compiled.
    assert!(agreed.compiled_steps >= 2, "{agreed:?}");
}

/// The register cache's views of an `f` register (bits, double, single)
/// made from one another in every direction inside one generated block:
/// singles read back as bits and raw low halves, doubles unboxed as
/// singles (the canonical NaN), bits read as doubles, a single carried
/// around a loop. Everything lands in memory, so lockstep compares it.
#[test]
fn register_views_agree() {
    // 1.5f at 0, pi (double) at 8.
    let words = [(0, 0x3fc0_0000), (8, 0x5444_2d18), (12, 0x4009_21fb)];
    let mut body = vec![
        flw(1, 0),             // f1: single view
        fsd(1, 16),            // bits from it: NaN-boxed
        fp(0x70, 0, 1, 0, 10), // fmv.x.w a0, f1
        fp(0x11, 1, 1, 2, 2),  // fsgnjx.d f2, f1, f1: bits
        fsd(2, 104),
        fld(3, 8),             // f3: double view
        fsw(3, 24),            // its raw low half
        fp(0x70, 0, 3, 0, 11), // fmv.x.w a1, f3
        fp(0x10, 3, 3, 0, 4),  // fsgnj.s f4, f3, f3: unboxed, canonical NaN
        fsd(4, 32),
        fsw(3, 128),            // the raw low half still, not the unboxed single
        fp(0x00, 1, 1, DYN, 5), // fadd.s f5, f1, f1: single result
        fsd(5, 40),
        fp(0x11, 3, 3, 1, 6),   // fsgnjn.d f6, f3, f3: bits
        fp(0x09, 3, 6, DYN, 7), // fmul.d f7, f6, f3: double from bits
        fsw(7, 48),
        fsd(7, 56),
        fp(0x78, 0, 10, 0, 8), // fmv.w.x f8, a0: single from an integer
        fp(0x21, 0, 8, 0, 9),  // fcvt.d.s f9, f8
        fsd(9, 64),
        fsd(8, 72),
        fp(0x14, 1, 5, 0, 12), // fmin.s f12, f5, f1
        fsw(12, 80),
        fsd(12, 88),
        fp(0x01, 2, 2, DYN, 13), // fadd.d f13, f2, f2: the boxed single as a double
        fsd(13, 96),
    ];
    body.extend(li(7, 3)); // t2 = 3 passes
    body.extend([
        fp(0x00, 1, 5, DYN, 5), // loop: fadd.s f5, f5, f1 (carried)
        fsw(5, 112),
        fsd(5, 120),
        i_type(-1, 7, 0, 7, 0x13), // addi t2, t2, -1
        b_type(-16, 0, 7, 1),      // bnez t2, loop
    ]);
    fast_block_agrees(&words, &body, 136);
}

/// Zero results in fast mode: a product with a zero factor, a zero
/// dividend's quotient and a zero's square root are exact and stay on the
/// host path; a product or quotient of nonzero numbers that underflows to
/// zero, and a sum that overflows, raise UF or OF, which only the exact
/// path gives. After each, fflags is stored and reset to NX alone, so a
/// flag lost by any one of them shows in memory.
#[test]
fn exact_zeros_and_underflows_agree() {
    let words = [
        (0, 0x0000_0001),  // the least subnormal single
        (4, 0x0da2_4260),  // 1e-30f
        (8, 0x8000_0000),  // -0.0f
        (12, 0x7f61_b1e6), // 3e38f
        (16, 0x0000_0001), // the least subnormal double
        (20, 0x0000_0000),
        (24, 0x0000_0000), // 0.0
        (28, 0x0000_0000),
    ];
    let cases = [
        fp(0x08, 3, 1, DYN, 10), // fmul.s f10, f1, f3: -0, exact
        fp(0x08, 1, 1, DYN, 10), // fmul.s f10, f1, f1: underflows
        fp(0x08, 2, 2, DYN, 10), // fmul.s f10, f2, f2: underflows
        fp(0x0c, 4, 3, DYN, 10), // fdiv.s f10, f3, f4: -0, exact
        fp(0x0c, 4, 2, DYN, 10), // fdiv.s f10, f2, f4: underflows
        fp(0x2c, 0, 3, DYN, 10), // fsqrt.s f10, f3: -0, exact
        fp(0x00, 4, 4, DYN, 10), // fadd.s f10, f4, f4: overflows
        fp(0x04, 1, 1, DYN, 10), // fsub.s f10, f1, f1: +0, exact
        fp(0x09, 6, 5, DYN, 10), // fmul.d f10, f5, f6: +0, exact
        fp(0x09, 5, 5, DYN, 10), // fmul.d f10, f5, f5: underflows
        fp(0x0d, 5, 6, DYN, 10), // fdiv.d f10, f6, f5: +0, exact
        fp(0x0d, 7, 5, DYN, 10), // fdiv.d f10, f5, f7 (2^1023): underflows
    ];
    let mut body = vec![
        flw(1, 0),
        flw(2, 4),
        flw(3, 8),
        flw(4, 12),
        fld(5, 16),
        fld(6, 24),
    ];
    body.extend(li(6, 0x7fe0_0000)); // t1 = the high word of 2^1023
    body.extend([sw(6, DATA, 36), sw(0, DATA, 32), fld(7, 32)]);
    for (n, case) in cases.into_iter().enumerate() {
        let offset = 40 + 12 * n as i32;
        body.extend([
            case,
            fsd(10, offset),
            csrr(6, 0x001),
            sw(6, DATA, offset + 8),
            csr(5, 0x001, 1, 0), // csrwi fflags, NX
        ]);
    }
    fast_block_agrees(&words, &body, 40 + 12 * cases.len() as u32);
}

/// Registers passed between region members in the view the region reads
/// them in: a single-only register that holds a double on entry to the
/// loop (so it is not NaN-boxed: passed on as the canonical NaN, as the
/// interpreter unboxes it), a single carried around the loop, and a
/// double carried around it. Lockstep compares the `f` registers at every
/// block boundary, and the stores put the results in memory.
#[test]
fn carried_views_agree() {
    // 1.5f at 0, pi (double) at 8.
    let words = [(0, 0x3fc0_0000), (8, 0x5444_2d18), (12, 0x4009_21fb)];
    let mut body = vec![
        flw(1, 0), // f1: 1.5f
        fld(3, 8), // f3: pi, not a boxed single
        fld(6, 8), // f6: pi
    ];
    body.extend(li(7, 3)); // t2 = 3 passes
    body.extend([
        jal(4, 0),                 // the loop is a member of its own
        fp(0x10, 3, 3, 0, 3),      // loop: fsgnj.s f3, f3, f3 (canonical NaN)
        fp(0x00, 1, 5, DYN, 5),    // fadd.s f5, f5, f1 (a carried single)
        fp(0x01, 6, 6, DYN, 6),    // fadd.d f6, f6, f6 (a carried double)
        i_type(-1, 7, 0, 7, 0x13), // addi t2, t2, -1
        b_type(-16, 0, 7, 1),      // bnez t2, loop
        fp(0x00, 5, 5, DYN, 7),    // fadd.s f7, f5, f5 (f5 is read as a single only)
        fsw(7, 16),
        fsd(6, 24),
    ]);
    fast_block_agrees(&words, &body, 32);
}
