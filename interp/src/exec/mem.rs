//! Loads and stores, integer and floating-point, through the machine's TLB
//! fast path. Misaligned addresses are performed by the machine (see
//! `soc::machine::access`).

use super::Flow;
use super::float::require_fpu;
use soc::csr::state::mstatus;
use soc::isa::{Insn, Op};
use soc::machine::Machine;
use soc::trap::Exception;

/// Executes a load or store.
#[inline(always)]
pub fn execute(m: &mut Machine, i: &Insn) -> Result<Flow, Exception> {
    use Op::*;
    let addr = m.hart.xreg(i.rs1).wrapping_add(i.imm as u32);
    match i.op {
        Lb => load(m, i, addr, |b: [u8; 1]| b[0] as i8 as u32),
        Lh => load(m, i, addr, |b: [u8; 2]| i16::from_le_bytes(b) as u32),
        Lw => load(m, i, addr, u32::from_le_bytes),
        Lbu => load(m, i, addr, |b: [u8; 1]| u32::from(b[0])),
        Lhu => load(m, i, addr, |b: [u8; 2]| u32::from(u16::from_le_bytes(b))),
        Sb => m.store(addr, [m.hart.xreg(i.rs2) as u8]),
        Sh => m.store(addr, (m.hart.xreg(i.rs2) as u16).to_le_bytes()),
        Sw => m.store(addr, m.hart.xreg(i.rs2).to_le_bytes()),
        Flw => {
            require_fpu(m, i)?;
            let v = u32::from_le_bytes(m.load(addr)?);
            set_freg(m, i.rd, soc::fpu::box_s(v));
            Ok(())
        }
        Fld => {
            require_fpu(m, i)?;
            let v = u64::from_le_bytes(m.load(addr)?);
            set_freg(m, i.rd, v);
            Ok(())
        }
        Fsw => {
            require_fpu(m, i)?;
            m.store(addr, (m.hart.f[usize::from(i.rs2)] as u32).to_le_bytes())
        }
        Fsd => {
            require_fpu(m, i)?;
            m.store(addr, m.hart.f[usize::from(i.rs2)].to_le_bytes())
        }
        _ => unreachable!("not a load or store: {:?}", i.op),
    }?;
    Ok(Flow::Next)
}

#[inline(always)]
fn load<const N: usize>(
    m: &mut Machine,
    i: &Insn,
    addr: u32,
    extend: impl Fn([u8; N]) -> u32,
) -> Result<(), Exception> {
    let bytes = m.load::<N>(addr)?;
    m.hart.set_xreg(i.rd, extend(bytes));
    Ok(())
}

/// Writes FP register `rd` and marks the FP state dirty.
#[inline(always)]
pub(super) fn set_freg(m: &mut Machine, rd: u8, value: u64) {
    m.hart.f[usize::from(rd & 31)] = value;
    m.hart.csr.mstatus |= mstatus::FS;
}
