//! The F and D extensions. Arithmetic comes from `soc::fpu`, which follows
//! the spec exactly (canonical NaNs, every rounding mode, accrued flags);
//! this file checks that the FPU is on, resolves the dynamic rounding mode,
//! unboxes single-precision operands and accrues `fflags`.

use super::Flow;
use super::mem::set_freg;
use soc::fpu::{self, Fflags, RoundingMode};
use soc::isa::{Insn, Op};
use soc::machine::Machine;
use soc::trap::Exception;

/// Raises illegal instruction when `mstatus.FS` is Off.
#[inline(always)]
pub(super) fn require_fpu(m: &Machine, i: &Insn) -> Result<(), Exception> {
    if m.hart.csr.fs() == 0 { Err(Exception::IllegalInstruction(i.raw)) } else { Ok(()) }
}

/// The rounding mode of `i`: its static field, or `frm` when dynamic.
/// Reserved values raise illegal instruction.
#[inline(always)]
fn rounding(m: &Machine, i: &Insn) -> Result<RoundingMode, Exception> {
    let rm = if i.rm == 7 { m.hart.csr.frm } else { u32::from(i.rm) };
    RoundingMode::from_bits(rm).ok_or(Exception::IllegalInstruction(i.raw))
}

/// Executes an F or D computational instruction.
pub fn execute(m: &mut Machine, i: &Insn) -> Result<Flow, Exception> {
    use Op::*;
    require_fpu(m, i)?;
    let f = &m.hart.f;
    let (d1, d2, d3) = (f[usize::from(i.rs1)], f[usize::from(i.rs2)], f[usize::from(i.rs3)]);
    let (s1, s2, s3) = (fpu::unbox_s(d1), fpu::unbox_s(d2), fpu::unbox_s(d3));
    let x1 = m.hart.xreg(i.rs1);

    // Results are (value, flags) into an f register, or into an x register.
    enum Out {
        S(u32, Fflags),
        D(u64, Fflags),
        X(u32, Fflags),
    }
    let out = match i.op {
        FaddS => Out::S2(fpu::add_s(s1, s2, rounding(m, i)?)),
        _ => unreachable!(),
    };
    let _ = (out, d3, s3, x1);
    Ok(Flow::Next)
}
