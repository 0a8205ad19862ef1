//! Differential testing: the interpreter and the JIT run the same program
//! on two identical (deterministic) machines side by side, and their
//! architectural state is compared at every JIT block boundary.
//!
//! Each step runs, on both machines, as many instructions as the JIT's next
//! compiled block holds (one when the JIT would interpret), or, every
//! other time the JIT would run compiled code, at least [`LONG_STEP`], so
//! that runs through the blocks of a region and across regions are
//! compared too; through soc's own run loop with an instruction limit, so
//! interrupts, polling and WFI happen on both alike. After each step the x and f registers, pc,
//! retired count, privilege, LR/SC reservation, every implemented CSR (by
//! name, as `csr_read` sees it), the rest of the CSR state and a watched
//! RAM window are compared; all of RAM is compared at the end. The first
//! difference is reported by field, with the disassembled instructions of
//! the last three steps.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::ops::Range;

use interp::Interp;
use soc::addr::RamOffset;
use soc::board::{VirtConfig, virt};
use soc::csr::table as csr;
use soc::dev::console::BufferConsole;
use soc::isa;
use soc::machine::{Machine, RunLimits, Stop};
use soc::memmap::RAM_BASE;

use crate::{Jit, randprog};

/// RAM of a lockstep machine.
const RAM_BYTES: u64 = 1 << 20;
/// Steps shown in a report.
const CONTEXT_STEPS: usize = 3;
/// The least length of every other step that starts in compiled code.
const LONG_STEP: u64 = 64;
/// Instructions shown per step in a report.
const CONTEXT_INSNS: u64 = 12;

/// How a lockstep run ended without a difference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Agreed {
    /// Why both machines stopped.
    pub stop: Stop,
    /// Instructions both retired.
    pub retired: u64,
    /// Steps that ran compiled code on the JIT side.
    pub compiled_steps: u64,
    /// Guest blocks the JIT side compiled.
    pub compiled_blocks: u64,
}

/// The machine lockstep runs: a deterministic 1 MiB virt board with
/// `elf` loaded. Panics if `elf` does not load (callers pass images they
/// built or shipped).
pub fn machine(elf: &[u8]) -> Machine {
    let config = VirtConfig {
        deterministic: true,
        ..VirtConfig::new(RAM_BYTES, Box::new(BufferConsole::new()))
    };
    virt(config, elf).expect("the lockstep image loads").0
}

/// Runs the random program for `seed` with `items` body items (see
/// [`randprog`]) in lockstep for at most `max_insns` instructions, the JIT
/// compiling blocks after `threshold` interpreted runs; a difference comes
/// back as a report that starts with the seed.
pub fn random_program(
    seed: u64,
    items: u32,
    threshold: u32,
    max_insns: u64,
) -> Result<Agreed, String> {
    let elf = randprog::program(seed, items);
    let watch = 0..randprog::IMAGE_BYTES as usize;
    run(&|| machine(&elf), max_insns, watch, threshold).map_err(|r| format!("seed {seed}: {r}"))
}

/// One step: where it started and how long it was.
#[derive(Clone, Copy)]
struct Step {
    pc: u32,
    insns: u64,
    retired_before: u64,
}

/// Runs `make()` twice, under the interpreter and under a JIT that compiles
/// blocks after `threshold` interpreted runs, for at most `max_insns`
/// instructions; compares RAM offsets `watch` after every step. Returns the
/// first difference as a report.
pub fn run(
    make: &dyn Fn() -> Machine,
    max_insns: u64,
    watch: Range<usize>,
    threshold: u32,
) -> Result<Agreed, String> {
    let (mut mi, mut mj) = (make(), make());
    let mut interp = Interp::new();
    let mut jit = Jit::new(threshold, None)?;
    let csrs = compared_csrs();
    let mut steps = VecDeque::with_capacity(CONTEXT_STEPS);
    let mut compiled_steps = 0;
    loop {
        let compiled = jit.next_compiled_len(&mut mj);
        compiled_steps += u64::from(compiled.is_some());
        let insns = match compiled {
            Some(len) if compiled_steps % 2 == 0 => len.max(LONG_STEP),
            Some(len) => len,
            None => 1,
        };
        let step = Step {
            pc: mj.hart.pc,
            insns: insns.min(max_insns - mi.hart.retired),
            retired_before: mi.hart.retired,
        };
        if steps.len() == CONTEXT_STEPS {
            steps.pop_front();
        }
        steps.push_back(step);
        let limits = RunLimits {
            max_insns: Some(step.insns),
            quit: None,
        };
        let si = mi.run(&mut interp, &limits);
        let sj = mj.run(&mut jit, &limits);
        let last = mi.hart.retired >= max_insns || si != Stop::InsnLimit;
        let ram = if last {
            0..mi.ram.size() as usize
        } else {
            watch.clone()
        };
        if let Some(what) = difference(&mi, &mj, &csrs, ram)
            .or_else(|| (si != sj).then(|| format!("stop: interp {si:?}, jit {sj:?}")))
        {
            return Err(report(&mut mi, &steps, &what));
        }
        if last {
            return Ok(Agreed {
                stop: si,
                retired: mi.hart.retired,
                compiled_steps,
                compiled_blocks: jit.stats().members,
            });
        }
    }
}

/// The CSR numbers compared by name: every named one and the PMP
/// registers.
fn compared_csrs() -> Vec<u16> {
    (0..0x1000)
        .filter(|&n| {
            csr::name(n).is_some()
                || (csr::PMPCFG0..=csr::PMPCFG3).contains(&n)
                || (csr::PMPADDR0..=csr::PMPADDR15).contains(&n)
        })
        .collect()
}

/// The first architectural difference between `a` (interpreter) and `b`
/// (JIT), comparing CSRs `csrs` and RAM offsets `ram`.
fn difference(a: &Machine, b: &Machine, csrs: &[u16], ram: Range<usize>) -> Option<String> {
    let (ha, hb) = (&a.hart, &b.hart);
    if let Some(r) = (0..32).find(|&r| ha.x[r] != hb.x[r]) {
        let name = isa::xreg_name(r as u8);
        return Some(format!(
            "x{r} ({name}): interp {:#x}, jit {:#x}",
            ha.x[r], hb.x[r]
        ));
    }
    if let Some(r) = (0..32).find(|&r| ha.f[r] != hb.f[r]) {
        let name = isa::freg_name(r as u8);
        return Some(format!(
            "f{r} ({name}): interp {:#x}, jit {:#x}",
            ha.f[r], hb.f[r]
        ));
    }
    let scalars = [
        ("pc", u64::from(ha.pc), u64::from(hb.pc)),
        ("retired", ha.retired, hb.retired),
        ("privilege", ha.prv as u64, hb.prv as u64),
        (
            "reservation",
            u64::from(ha.reservation_valid) << 32 | u64::from(ha.reservation_addr),
            u64::from(hb.reservation_valid) << 32 | u64::from(hb.reservation_addr),
        ),
    ];
    if let Some((name, x, y)) = scalars.iter().find(|(_, x, y)| x != y) {
        return Some(format!("{name}: interp {x:#x}, jit {y:#x}"));
    }
    if let Some(&n) = csrs.iter().find(|&&n| a.csr_read(n) != b.csr_read(n)) {
        let name = isa::csr_name(n);
        return Some(format!(
            "{name}: interp {:x?}, jit {:x?}",
            a.csr_read(n),
            b.csr_read(n)
        ));
    }
    // `mip_hw` is the run loop's copy of the device bits, refreshed where
    // a run ends (which may differ: each engine's code watch ends runs of
    // its own); `mip` above compared them live.
    let (mut ca, mut cb) = (ha.csr.clone(), hb.csr.clone());
    (ca.mip_hw, cb.mip_hw) = (0, 0);
    if ca != cb {
        return Some(format!("CSR state: interp {ca:?}\n  jit {cb:?}"));
    }
    let len = ram.len();
    let start = RamOffset(ram.start as u32);
    let (ra, rb) = (a.ram.bytes(start, len), b.ram.bytes(start, len));
    if ra == rb {
        return None;
    }
    let at = ra.iter().zip(rb).position(|(x, y)| x != y)?;
    let addr = RAM_BASE as usize + ram.start + at;
    Some(format!(
        "RAM byte {addr:#010x}: interp {:#04x}, jit {:#04x}",
        ra[at], rb[at]
    ))
}

/// The report of difference `what`, found after the last of `steps`, with
/// each step's instructions disassembled (from the interpreter's machine).
fn report(m: &mut Machine, steps: &VecDeque<Step>, what: &str) -> String {
    let mut out = format!("{what}\n");
    for (i, step) in steps.iter().enumerate() {
        let age = steps.len() - 1 - i;
        let _ = writeln!(
            out,
            "  step -{age}: {} insns from pc {:#010x} (retired {}):",
            step.insns, step.pc, step.retired_before
        );
        let mut at = step.pc;
        for _ in 0..step.insns.min(CONTEXT_INSNS) {
            let Ok(insn) = interp::run::fetch(m, at) else {
                let _ = writeln!(out, "    {at:#010x}: (fetch faults)");
                break;
            };
            let _ = writeln!(out, "    {at:#010x}: {}", isa::disasm(&insn, at));
            at = at.wrapping_add(u32::from(insn.len));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use soc::elf::{EM_RISCV, minimal_image};

    fn looping_machine() -> Machine {
        machine(&minimal_image(
            RAM_BASE,
            &0x0000_006fu32.to_le_bytes(),
            4,
            EM_RISCV,
        ))
    }

    #[test]
    fn differences_are_found_and_named() {
        let (a, mut b) = (looping_machine(), looping_machine());
        let csrs = compared_csrs();
        assert_eq!(difference(&a, &b, &csrs, 0..4096), None);
        b.hart.x[5] = 1;
        let found = difference(&a, &b, &csrs, 0..0).unwrap();
        assert!(found.starts_with("x5 (t0):"), "{found}");
        b.hart.x[5] = 0;
        b.hart.f[3] = 1;
        let found = difference(&a, &b, &csrs, 0..0).unwrap();
        assert!(found.starts_with("f3 (ft3):"), "{found}");
        b.hart.f[3] = 0;
        b.ram.write::<1>(RamOffset(0x100), [7]);
        assert_eq!(
            difference(&a, &b, &csrs, 0..0x100),
            None,
            "outside the window"
        );
        let found = difference(&a, &b, &csrs, 0..4096).unwrap();
        assert!(found.starts_with("RAM byte 0x80000100:"), "{found}");
        b.hart.csr.mscratch = 3;
        let found = difference(&a, &b, &csrs, 0..0).unwrap();
        assert!(found.starts_with("mscratch:"), "{found}");
        b.hart.csr.mscratch = 0;
        b.hart.csr.mip_sw = 2;
        let found = difference(&a, &b, &csrs, 0..0).unwrap();
        assert!(found.starts_with("mip:"), "{found}");
    }

    #[test]
    fn a_report_shows_the_last_steps() {
        let mut m = looping_machine();
        let step = Step {
            pc: RAM_BASE,
            insns: 1,
            retired_before: 5,
        };
        let steps: VecDeque<Step> = [step; 4].into_iter().take(CONTEXT_STEPS).collect();
        let text = report(&mut m, &steps, "pc: interp 0x1, jit 0x2");
        assert!(text.starts_with("pc: interp 0x1, jit 0x2\n"), "{text}");
        assert_eq!(
            text.matches("0x80000000: j 0x80000000").count(),
            3,
            "{text}"
        );
        assert!(
            text.contains("step -2: 1 insns from pc 0x80000000 (retired 5)"),
            "{text}"
        );
    }
}
