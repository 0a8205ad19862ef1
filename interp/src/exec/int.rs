//! RV32I computation, jumps and branches, and the M extension. These touch
//! only registers, so they cannot trap (jump targets are always 2-byte
//! aligned with C present).

use super::Flow;
use soc::hart::Hart;
use soc::isa::{Insn, Op};

/// Executes an integer instruction at `pc`.
#[inline(always)]
pub fn execute(h: &mut Hart, i: &Insn, pc: u32) -> Flow {
    use Op::*;
    let a = h.xreg(i.rs1);
    let b = h.xreg(i.rs2);
    let imm = i.imm as u32;
    let next = pc.wrapping_add(u32::from(i.len));
    let value = match i.op {
        Lui => imm,
        Auipc => pc.wrapping_add(imm),
        Jal => {
            h.set_xreg(i.rd, next);
            return Flow::Jump(pc.wrapping_add(imm));
        }
        Jalr => {
            let target = a.wrapping_add(imm) & !1;
            h.set_xreg(i.rd, next);
            return Flow::Jump(target);
        }
        Beq | Bne | Blt | Bge | Bltu | Bgeu => {
            let taken = match i.op {
                Beq => a == b,
                Bne => a != b,
                Blt => (a as i32) < (b as i32),
                Bge => (a as i32) >= (b as i32),
                Bltu => a < b,
                _ => a >= b,
            };
            return Flow::Jump(if taken { pc.wrapping_add(imm) } else { next });
        }
        Addi => a.wrapping_add(imm),
        Slti => u32::from((a as i32) < i.imm),
        Sltiu => u32::from(a < imm),
        Xori => a ^ imm,
        Ori => a | imm,
        Andi => a & imm,
        Slli => a << (imm & 31),
        Srli => a >> (imm & 31),
        Srai => ((a as i32) >> (imm & 31)) as u32,
        Add => a.wrapping_add(b),
        Sub => a.wrapping_sub(b),
        Sll => a << (b & 31),
        Slt => u32::from((a as i32) < (b as i32)),
        Sltu => u32::from(a < b),
        Xor => a ^ b,
        Srl => a >> (b & 31),
        Sra => ((a as i32) >> (b & 31)) as u32,
        Or => a | b,
        And => a & b,
        Mul => a.wrapping_mul(b),
        Mulh => ((i64::from(a as i32) * i64::from(b as i32)) >> 32) as u32,
        Mulhsu => ((i64::from(a as i32) * i64::from(b)) >> 32) as u32,
        Mulhu => ((u64::from(a) * u64::from(b)) >> 32) as u32,
        // Division by zero and overflow give the spec's results, no trap.
        Div => match b {
            0 => u32::MAX,
            _ => (a as i32).wrapping_div(b as i32) as u32,
        },
        Divu => a.checked_div(b).unwrap_or(u32::MAX),
        Rem => match b {
            0 => a,
            _ => (a as i32).wrapping_rem(b as i32) as u32,
        },
        Remu => a.checked_rem(b).unwrap_or(a),
        _ => unreachable!("not an integer op: {:?}", i.op),
    };
    h.set_xreg(i.rd, value);
    Flow::Next
}
