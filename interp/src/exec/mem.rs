//! Loads and stores, integer and floating-point, through the machine's TLB
//! fast path. Misaligned addresses are performed by the machine (see
//! `soc::machine::access`). Off the fast path, the machine is told the
//! exact retired count first, and the block is left after the instruction
//! when the access moved the deadline to now (a device write, a store into
//! cached code, an exit).

use super::Leave;
use super::float::require_fpu;
use soc::addr::VirtAddr;
use soc::csr::state::mstatus;
use soc::isa::{Insn, Op};
use soc::machine::Machine;
use soc::trap::Exception;

/// `rd = extend(load N bytes at rs1 + imm)`, the instruction after
/// `retired` others.
#[inline(always)]
pub fn load<const N: usize>(
    m: &mut Machine,
    i: &Insn,
    retired: u64,
    extend: impl Fn([u8; N]) -> u32,
) -> Result<(), Leave> {
    let addr = VirtAddr(m.hart.xreg(i.rs1).wrapping_add(i.imm as u32));
    match m.load_fast::<N>(addr) {
        Some(bytes) => {
            m.hart.set_xreg(i.rd, extend(bytes));
            Ok(())
        }
        None => slow(m, retired, |m| {
            let bytes = m.load_slow::<N>(addr, retired)?;
            m.hart.set_xreg(i.rd, extend(bytes));
            Ok(())
        }),
    }
}

/// Stores `bytes(rs2)` at rs1 + imm, the instruction after `retired`
/// others.
#[inline(always)]
pub fn store<const N: usize>(
    m: &mut Machine,
    i: &Insn,
    retired: u64,
    bytes: impl Fn(u32) -> [u8; N],
) -> Result<(), Leave> {
    let addr = VirtAddr(m.hart.xreg(i.rs1).wrapping_add(i.imm as u32));
    let value = bytes(m.hart.xreg(i.rs2));
    if m.store_fast(addr, value) {
        return Ok(());
    }
    slow(m, retired, |m| m.store_slow(addr, value, retired))
}

/// Runs `access`, an instruction's work off the fast path, with
/// `hart.retired` exact; asks to leave the block after it when the machine's
/// deadline has come.
#[inline(never)]
pub(super) fn slow(
    m: &mut Machine,
    retired: u64,
    access: impl FnOnce(&mut Machine) -> Result<(), Exception>,
) -> Result<(), Leave> {
    m.hart.retired = retired;
    access(m)?;
    if retired + 1 >= m.deadline() {
        return Err(Leave::Now);
    }
    Ok(())
}

/// `flw`, `fld`, `fsw`, `fsd`.
pub fn fp_load_store(m: &mut Machine, i: &Insn) -> Result<(), Exception> {
    require_fpu(m, i)?;
    let addr = VirtAddr(m.hart.xreg(i.rs1).wrapping_add(i.imm as u32));
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
