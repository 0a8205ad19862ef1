//! The F and D extensions. Arithmetic comes from `soc::fpu`, which follows
//! the spec exactly (canonical NaNs, every rounding mode, accrued flags);
//! this file checks that the FPU is on, resolves the dynamic rounding mode,
//! unboxes single-precision operands, writes results and accrues `fflags`.

use super::mem::set_freg;
use soc::fpu::{self as fp, Fflags, RoundingMode};
use soc::isa::{Insn, Op};
use soc::machine::Machine;
use soc::trap::Exception;

/// Raises illegal instruction when `mstatus.FS` is Off.
#[inline(always)]
pub(super) fn require_fpu(m: &Machine, i: &Insn) -> Result<(), Exception> {
    if m.hart.csr.fs() == 0 {
        Err(Exception::IllegalInstruction(i.raw))
    } else {
        Ok(())
    }
}

/// Where a result goes.
enum Out {
    /// A single, NaN-boxed into `f[rd]`.
    S(u32, Fflags),
    /// A double into `f[rd]`.
    D(u64, Fflags),
    /// An integer into `x[rd]`.
    X(u32, Fflags),
}

/// Executes an F or D computational instruction.
pub fn execute(m: &mut Machine, i: &Insn) -> Result<(), Exception> {
    use Op::*;
    require_fpu(m, i)?;
    // The rounding mode: the static field, or `frm` when dynamic; reserved
    // values raise illegal instruction, but only for ops that round.
    let frm = m.hart.csr.frm;
    let rm = || {
        let bits = if i.rm == 7 { frm } else { u32::from(i.rm) };
        RoundingMode::from_bits(bits).ok_or(Exception::IllegalInstruction(i.raw))
    };
    let h = &m.hart;
    let (d1, d2, d3) = (h.freg(i.rs1), h.freg(i.rs2), h.freg(i.rs3));
    let (s1, s2, s3) = (fp::unbox_s(d1), fp::unbox_s(d2), fp::unbox_s(d3));
    let x1 = m.hart.xreg(i.rs1);
    let none = Fflags::default();
    let s = |(v, fl): (u32, Fflags)| Out::S(v, fl);
    let d = |(v, fl): (u64, Fflags)| Out::D(v, fl);
    let x = |(v, fl): (u32, Fflags)| Out::X(v, fl);
    let xb = |(v, fl): (bool, Fflags)| Out::X(u32::from(v), fl);
    let out = match i.op {
        FaddS => s(fp::add_s(s1, s2, rm()?)),
        FsubS => s(fp::sub_s(s1, s2, rm()?)),
        FmulS => s(fp::mul_s(s1, s2, rm()?)),
        FdivS => s(fp::div_s(s1, s2, rm()?)),
        FsqrtS => s(fp::sqrt_s(s1, rm()?)),
        FmaddS => s(fp::fmadd_s(s1, s2, s3, rm()?)),
        FmsubS => s(fp::fmsub_s(s1, s2, s3, rm()?)),
        FnmsubS => s(fp::fnmsub_s(s1, s2, s3, rm()?)),
        FnmaddS => s(fp::fnmadd_s(s1, s2, s3, rm()?)),
        FsgnjS => Out::S(fp::sgnj_s(s1, s2), none),
        FsgnjnS => Out::S(fp::sgnjn_s(s1, s2), none),
        FsgnjxS => Out::S(fp::sgnjx_s(s1, s2), none),
        FminS => s(fp::min_s(s1, s2)),
        FmaxS => s(fp::max_s(s1, s2)),
        FeqS => xb(fp::eq_s(s1, s2)),
        FltS => xb(fp::lt_s(s1, s2)),
        FleS => xb(fp::le_s(s1, s2)),
        FclassS => Out::X(fp::classify_s(s1), none),
        FcvtWS => x(fp::cvt_w_s(s1, rm()?)),
        FcvtWuS => x(fp::cvt_wu_s(s1, rm()?)),
        FcvtSW => s(fp::cvt_s_w(x1, rm()?)),
        FcvtSWu => s(fp::cvt_s_wu(x1, rm()?)),
        FmvXW => Out::X(fp::fmv_x_w(d1), none),
        FmvWX => Out::D(fp::fmv_w_x(x1), none),
        FaddD => d(fp::add_d(d1, d2, rm()?)),
        FsubD => d(fp::sub_d(d1, d2, rm()?)),
        FmulD => d(fp::mul_d(d1, d2, rm()?)),
        FdivD => d(fp::div_d(d1, d2, rm()?)),
        FsqrtD => d(fp::sqrt_d(d1, rm()?)),
        FmaddD => d(fp::fmadd_d(d1, d2, d3, rm()?)),
        FmsubD => d(fp::fmsub_d(d1, d2, d3, rm()?)),
        FnmsubD => d(fp::fnmsub_d(d1, d2, d3, rm()?)),
        FnmaddD => d(fp::fnmadd_d(d1, d2, d3, rm()?)),
        FsgnjD => Out::D(fp::sgnj_d(d1, d2), none),
        FsgnjnD => Out::D(fp::sgnjn_d(d1, d2), none),
        FsgnjxD => Out::D(fp::sgnjx_d(d1, d2), none),
        FminD => d(fp::min_d(d1, d2)),
        FmaxD => d(fp::max_d(d1, d2)),
        FeqD => xb(fp::eq_d(d1, d2)),
        FltD => xb(fp::lt_d(d1, d2)),
        FleD => xb(fp::le_d(d1, d2)),
        FclassD => Out::X(fp::classify_d(d1), none),
        FcvtWD => x(fp::cvt_w_d(d1, rm()?)),
        FcvtWuD => x(fp::cvt_wu_d(d1, rm()?)),
        // Exact conversions still decode a rounding mode, which must be legal.
        FcvtDW => Out::D(fp::cvt_d_w(x1), rm().map(|_| none)?),
        FcvtDWu => Out::D(fp::cvt_d_wu(x1), rm().map(|_| none)?),
        FcvtSD => s(fp::cvt_s_d(d1, rm()?)),
        FcvtDS => {
            rm()?;
            d(fp::cvt_d_s(s1))
        }
        _ => return Err(Exception::IllegalInstruction(i.raw)),
    };
    let flags = match out {
        Out::S(v, fl) => {
            set_freg(m, i.rd, fp::box_s(v));
            fl
        }
        Out::D(v, fl) => {
            set_freg(m, i.rd, v);
            fl
        }
        Out::X(v, fl) => {
            m.hart.set_xreg(i.rd, v);
            fl
        }
    };
    if !flags.is_empty() {
        m.hart.csr.fflags |= flags.bits();
        m.hart.csr.mstatus |= soc::csr::state::mstatus::FS;
    }
    Ok(())
}
