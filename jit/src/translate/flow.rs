//! Control flow at the end of a block: JAL, JALR and the conditional
//! branches, as the next pc they compute.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, Value};
use soc::isa::{Insn, Op};

use super::Emitter;

impl Emitter<'_> {
    /// A jump or branch: writes `rd` and returns the next pc.
    pub(super) fn jump(&mut self, i: &Insn, pc: u32) -> Option<Value> {
        use Op::*;
        let link = pc.wrapping_add(u32::from(i.len));
        let taken = pc.wrapping_add(i.imm as u32);
        let cc = match i.op {
            Jal => {
                let l = self.konst(link);
                self.set(i.rd, l);
                return Some(self.konst(taken));
            }
            Jalr => {
                let base = self.get(i.rs1);
                let sum = self.b.ins().iadd_imm_s(base, i64::from(i.imm));
                let target = self.b.ins().band_imm_s(sum, -2i64);
                let l = self.konst(link);
                self.set(i.rd, l);
                return Some(target);
            }
            Beq => IntCC::Equal,
            Bne => IntCC::NotEqual,
            Blt => IntCC::SignedLessThan,
            Bge => IntCC::SignedGreaterThanOrEqual,
            Bltu => IntCC::UnsignedLessThan,
            Bgeu => IntCC::UnsignedGreaterThanOrEqual,
            _ => return None,
        };
        let (a, b) = (self.get(i.rs1), self.get(i.rs2));
        let cond = self.b.ins().icmp(cc, a, b);
        let (t, f) = (self.konst(taken), self.konst(link));
        Some(self.b.ins().select(cond, t, f))
    }
}
