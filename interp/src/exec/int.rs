//! RV32I and M helpers: register-register and register-immediate
//! operations, jumps and branches. These touch only registers, so they
//! cannot trap (jump targets are always 2-byte aligned with C present).

use super::Flow;
use soc::hart::Hart;
use soc::isa::{Insn, Op};

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

/// Jumps and conditional branches at `pc`.
#[inline(always)]
pub fn control(h: &mut Hart, i: &Insn, pc: u32) -> Flow {
    use Op::*;
    let (a, b) = (h.xreg(i.rs1), h.xreg(i.rs2));
    let next = pc.wrapping_add(u32::from(i.len));
    let target = pc.wrapping_add(i.imm as u32);
    let taken = match i.op {
        Jal => {
            h.set_xreg(i.rd, next);
            return Flow::Jump(target);
        }
        Jalr => {
            let target = a.wrapping_add(i.imm as u32) & !1;
            h.set_xreg(i.rd, next);
            return Flow::Jump(target);
        }
        Beq => a == b,
        Bne => a != b,
        Blt => (a as i32) < (b as i32),
        Bge => (a as i32) >= (b as i32),
        Bltu => a < b,
        Bgeu => a >= b,
        _ => unreachable!("not a jump or branch: {:?}", i.op),
    };
    Flow::Jump(if taken { target } else { next })
}
