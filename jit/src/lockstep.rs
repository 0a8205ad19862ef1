//! Differential testing: the interpreter and the JIT run the same program
//! on two identical (deterministic) machines side by side, and their
//! architectural state is compared at every JIT block boundary.
//!
//! Each step runs, on both machines, as many instructions as the JIT's next
//! compiled block holds (one when the JIT would interpret), through soc's
//! own run loop with an instruction limit, so interrupts, polling and WFI
//! happen on both alike. After each step the registers, pc, privilege,
//! retired count, reservation, CSRs and a watched RAM window are compared;
//! all of RAM is compared at the end. The first difference is reported with
//! the disassembled instructions of the step.

use std::fmt::Write as _;
use std::ops::Range;

use interp::Interp;
use soc::addr::RamOffset;
use soc::isa;
use soc::machine::{Machine, RunLimits, Stop};

use crate::Jit;

/// How a lockstep run ended without a difference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Agreed {
    /// Why both machines stopped.
    pub stop: Stop,
    /// Instructions both retired.
    pub retired: u64,
    /// Steps that ran compiled code on the JIT side.
    pub compiled_steps: u64,
}

/// Runs `make()` twice, under the interpreter and under a JIT that compiles
/// every block on first sight, for at most `max_insns` instructions;
/// compares RAM offsets `watch` after every step. Returns the first
/// difference as a report.
pub fn run(
    make: &dyn Fn() -> Machine,
    max_insns: u64,
    watch: Range<usize>,
) -> Result<Agreed, String> {
    let (mut mi, mut mj) = (make(), make());
    let mut interp = Interp::new();
    let mut jit = Jit::new(0, None)?;
    let mut compiled_steps = 0;
    loop {
        let done = mi.hart.retired;
        let pc = mj.hart.pc;
        let compiled = jit.next_compiled_len(&mut mj);
        compiled_steps += u64::from(compiled.is_some());
        let n = compiled.unwrap_or(1).min(max_insns - done);
        let limits = RunLimits {
            max_insns: Some(n),
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
        if let Some(what) = difference(&mi, &mj, ram)
            .or_else(|| (si != sj).then(|| format!("stop: interp {si:?}, jit {sj:?}")))
        {
            return Err(report(&mut mi, pc, n, done, &what));
        }
        if last {
            return Ok(Agreed {
                stop: si,
                retired: mi.hart.retired,
                compiled_steps,
            });
        }
    }
}

/// The first architectural difference between `a` (interpreter) and `b`
/// (JIT), comparing RAM offsets `ram`.
fn difference(a: &Machine, b: &Machine, ram: Range<usize>) -> Option<String> {
    let (ha, hb) = (&a.hart, &b.hart);
    if let Some(r) = (0..32).find(|&r| ha.x[r] != hb.x[r]) {
        let name = isa::xreg_name(r as u8);
        return Some(format!("{name}: interp {:#x}, jit {:#x}", ha.x[r], hb.x[r]));
    }
    if let Some(r) = (0..32).find(|&r| ha.f[r] != hb.f[r]) {
        return Some(format!("f{r}: interp {:#x}, jit {:#x}", ha.f[r], hb.f[r]));
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
    let (ca, cb) = (format!("{:?}", ha.csr), format!("{:?}", hb.csr));
    if ca != cb {
        return Some(format!("CSRs: interp {ca}\n  jit {cb}"));
    }
    let len = ram.len();
    let start = RamOffset(ram.start as u32);
    let (ra, rb) = (a.ram.bytes(start, len), b.ram.bytes(start, len));
    if ra == rb {
        return None;
    }
    let at = ra.iter().zip(rb).position(|(x, y)| x != y)?;
    let off = ram.start + at;
    Some(format!(
        "RAM offset {off:#x}: interp {:#04x}, jit {:#04x}",
        ra[at], rb[at]
    ))
}

/// The report of a difference found after the step of `n` instructions
/// from `pc` with `done` retired before it.
fn report(m: &mut Machine, pc: u32, n: u64, done: u64, what: &str) -> String {
    let mut out = format!("after the step of {n} from pc {pc:#010x} (retired {done}): {what}\n");
    let mut at = pc;
    for _ in 0..n {
        let Ok(insn) = interp::run::fetch(m, at) else {
            break;
        };
        let _ = writeln!(out, "  {at:#010x}: {}", isa::disasm(&insn, at));
        at = at.wrapping_add(u32::from(insn.len));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use soc::board::{VirtConfig, virt};
    use soc::dev::console::BufferConsole;
    use soc::elf::{EM_RISCV, minimal_image};
    use soc::memmap::RAM_BASE;

    fn machine() -> Machine {
        let config = VirtConfig {
            deterministic: true,
            ..VirtConfig::new(1 << 20, Box::new(BufferConsole::new()))
        };
        let image = minimal_image(RAM_BASE, &0x0000_006fu32.to_le_bytes(), 4, EM_RISCV);
        virt(config, &image).expect("the test image loads").0
    }

    #[test]
    fn differences_are_found() {
        let (a, mut b) = (machine(), machine());
        assert_eq!(difference(&a, &b, 0..4096), None);
        b.hart.x[5] = 1;
        let found = difference(&a, &b, 0..0).unwrap();
        assert!(found.starts_with("t0:"), "{found}");
        b.hart.x[5] = 0;
        b.ram.write::<1>(RamOffset(0x100), [7]);
        assert_eq!(difference(&a, &b, 0..0x100), None, "outside the window");
        let found = difference(&a, &b, 0..4096).unwrap();
        assert!(found.starts_with("RAM offset 0x100:"), "{found}");
        b.hart.csr.mscratch = 3;
        assert!(difference(&a, &b, 0..0).unwrap().starts_with("CSRs:"));
    }
}
