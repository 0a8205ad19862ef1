//! Loads and stores, integer and floating-point, through the machine's TLB
//! fast path. Misaligned addresses are performed by the machine (see
//! `soc::machine::access`).

use super::float::require_fpu;
use soc::csr::state::mstatus;
use soc::isa::{Insn, Op};
use soc::machine::Machine;
use soc::trap::Exception;

/// `rd = extend(load N bytes at rs1 + imm)`.
#[inline(always)]
pub fn load<const N: usize>(
    m: &mut Machine,
    i: &Insn,
    extend: impl Fn([u8; N]) -> u32,
) -> Result<(), Exception> {
    let addr = m.hart.xreg(i.rs1).wrapping_add(i.imm as u32);
    let bytes = m.load::<N>(addr)?;
    m.hart.set_xreg(i.rd, extend(bytes));
    Ok(())
}

/// Stores `bytes(rs2)` at rs1 + imm.
#[inline(always)]
pub fn store<const N: usize>(
    m: &mut Machine,
    i: &Insn,
    bytes: impl Fn(u32) -> [u8; N],
) -> Result<(), Exception> {
    let addr = m.hart.xreg(i.rs1).wrapping_add(i.imm as u32);
    m.store(addr, bytes(m.hart.xreg(i.rs2)))
}

/// `flw`, `fld`, `fsw`, `fsd`.
pub fn fp_load_store(m: &mut Machine, i: &Insn) -> Result<(), Exception> {
    require_fpu(m, i)?;
    let addr = m.hart.xreg(i.rs1).wrapping_add(i.imm as u32);
    let f2 = m.hart.freg(i.rs2);
    match i.op {
        Op::Flw => {
            let v = u32::from_le_bytes(m.load(addr)?);
            set_freg(m, i.rd, soc::fpu::box_s(v));
            Ok(())
        }
        Op::Fld => {
            let v = u64::from_le_bytes(m.load(addr)?);
            set_freg(m, i.rd, v);
            Ok(())
        }
        Op::Fsw => m.store(addr, (f2 as u32).to_le_bytes()),
        _ => m.store(addr, f2.to_le_bytes()),
    }
}

/// Writes FP register `rd` and marks the FP state dirty.
#[inline(always)]
pub(super) fn set_freg(m: &mut Machine, rd: u8, value: u64) {
    m.hart.f[usize::from(rd & 31)] = value;
    m.hart.csr.mstatus |= mstatus::FS;
}
