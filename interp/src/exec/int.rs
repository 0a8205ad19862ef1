//! RV32I and M helpers: register-register and register-immediate
//! operations, jumps and branches. These touch only registers, so they
//! cannot trap (jump targets are always 2-byte aligned with C present).

use super::Flow;
use soc::hart::Hart;
use soc::isa::Insn;

/// `rd = f(rs1, rs2)`.
#[inline(always)]
pub fn reg_reg(h: &mut Hart, i: &Insn, f: impl Fn(u32, u32) -> u32) {
    let value = f(h.xreg(i.rs1), h.xreg(i.rs2));
    h.set_xreg(i.rd, value);
}

/// `rd = f(rs1, imm)`.
#[inline(always)]
pub fn reg_imm(h: &mut Hart, i: &Insn, f: impl Fn(u32, u32) -> u32) {
    let value = f(h.xreg(i.rs1), i.imm as u32);
    h.set_xreg(i.rd, value);
}

/// `jal` at `pc`.
#[inline(always)]
pub fn jal(h: &mut Hart, i: &Insn, pc: u32) -> Flow {
    h.set_xreg(i.rd, pc.wrapping_add(u32::from(i.len)));
    Flow::Jump(pc.wrapping_add(i.imm as u32))
}

/// `jalr` at `pc` (the target is read before `rd` is written).
#[inline(always)]
pub fn jalr(h: &mut Hart, i: &Insn, pc: u32) -> Flow {
    let target = h.xreg(i.rs1).wrapping_add(i.imm as u32) & !1;
    h.set_xreg(i.rd, pc.wrapping_add(u32::from(i.len)));
    Flow::Jump(target)
}

/// A conditional branch at `pc`, taken when `taken(rs1, rs2)`.
#[inline(always)]
pub fn branch(h: &Hart, i: &Insn, pc: u32, taken: impl Fn(u32, u32) -> bool) -> Flow {
    let offset = if taken(h.xreg(i.rs1), h.xreg(i.rs2)) {
        i.imm as u32
    } else {
        u32::from(i.len)
    };
    Flow::Jump(pc.wrapping_add(offset))
}
