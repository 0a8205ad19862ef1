//! The A extension: LR/SC and AMOs on aligned words. There is one hart, so
//! each AMO is simply a read-modify-write; LR records a reservation on the
//! physical address and SC succeeds only on that address. Every `sc.w`
//! clears the reservation; traps leave it, as the spec allows (kernels clear
//! it on a context switch with a dummy `sc.w`).

use soc::isa::{Insn, Op};
use soc::machine::Machine;
use soc::mmu::AccessKind;
use soc::trap::Exception;

/// Executes an LR, SC or AMO. Out of line, so that the rarely used atomics
/// do not grow the block loop; an op of another family (never routed here)
/// is an illegal instruction.
#[inline(never)]
pub fn execute(m: &mut Machine, i: &Insn) -> Result<(), Exception> {
    use Op::*;
    match i.op {
        LrW => lr(m, i),
        ScW => sc(m, i),
        AmoswapW => rmw(m, i, |_, src| src),
        AmoaddW => rmw(m, i, u32::wrapping_add),
        AmoxorW => rmw(m, i, |a, b| a ^ b),
        AmoandW => rmw(m, i, |a, b| a & b),
        AmoorW => rmw(m, i, |a, b| a | b),
        AmominW => rmw(m, i, |a, b| (a as i32).min(b as i32) as u32),
        AmomaxW => rmw(m, i, |a, b| (a as i32).max(b as i32) as u32),
        AmominuW => rmw(m, i, u32::min),
        AmomaxuW => rmw(m, i, u32::max),
        _ => Err(Exception::IllegalInstruction(i.raw)),
    }
}

/// `lr.w`: loads the word and reserves its physical address.
fn lr(m: &mut Machine, i: &Insn) -> Result<(), Exception> {
    let vaddr = m.hart.xreg(i.rs1);
    let paddr = m.translate_atomic(vaddr, AccessKind::Read)?;
    let v = m.read_phys_word(paddr, vaddr, AccessKind::Read)?;
    m.hart.reserve(paddr);
    m.hart.set_xreg(i.rd, v);
    Ok(())
}

/// `sc.w`: stores only to the reserved address; `rd` = 0 on success.
fn sc(m: &mut Machine, i: &Insn) -> Result<(), Exception> {
    let vaddr = m.hart.xreg(i.rs1);
    let paddr = m.translate_atomic(vaddr, AccessKind::Write)?;
    let ok = m.hart.take_reservation() == Some(paddr);
    if ok {
        m.write_phys_word(paddr, vaddr, m.hart.xreg(i.rs2))?;
    }
    m.hart.set_xreg(i.rd, u32::from(!ok));
    Ok(())
}

/// An AMO: `mem = f(mem, rs2)`, `rd` = the old value.
fn rmw(m: &mut Machine, i: &Insn, f: impl Fn(u32, u32) -> u32) -> Result<(), Exception> {
    let vaddr = m.hart.xreg(i.rs1);
    let paddr = m.translate_atomic(vaddr, AccessKind::Write)?;
    let old = m.read_phys_word(paddr, vaddr, AccessKind::Write)?;
    m.write_phys_word(paddr, vaddr, f(old, m.hart.xreg(i.rs2)))?;
    m.hart.set_xreg(i.rd, old);
    Ok(())
}
