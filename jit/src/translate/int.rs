//! Integer computation: the RV32I ALU operations and the M extension,
//! with RISC-V's defined results where Cranelift's division would trap.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, Value, types};
use soc::isa::Op;

use super::Emitter;

/// Whether `op` only computes `rd` from registers and constants, in code
/// without control flow: a branch may skip it and still be if-converted
/// (see `flow.rs`).
pub(super) fn is_pure(op: Op) -> bool {
    use Op::*;
    matches!(
        op,
        Lui | Auipc
            | Addi
            | Slti
            | Sltiu
            | Xori
            | Ori
            | Andi
            | Slli
            | Srli
            | Srai
            | Add
            | Sub
            | Sll
            | Slt
            | Sltu
            | Xor
            | Srl
            | Sra
            | Or
            | And
            | Mul
            | Mulh
            | Mulhsu
            | Mulhu
    )
}

impl Emitter<'_> {
    /// Register-register or register-immediate computation.
    pub(super) fn alu(&mut self, op: Op, a: Value, b: Value) -> Value {
        use Op::*;
        match op {
            Add | Addi => self.b.ins().iadd(a, b),
            Sub => self.b.ins().isub(a, b),
            Xor | Xori => self.b.ins().bxor(a, b),
            Or | Ori => self.b.ins().bor(a, b),
            And | Andi => self.b.ins().band(a, b),
            Sll | Slli => self.b.ins().ishl(a, b),
            Srl | Srli => self.b.ins().ushr(a, b),
            Sra | Srai => self.b.ins().sshr(a, b),
            Slt | Slti => self.compare(IntCC::SignedLessThan, a, b),
            Sltu | Sltiu => self.compare(IntCC::UnsignedLessThan, a, b),
            Mul => self.b.ins().imul(a, b),
            Mulh => self.b.ins().smulhi(a, b),
            Mulhu => self.b.ins().umulhi(a, b),
            Mulhsu => {
                let wa = self.b.ins().sextend(types::I64, a);
                let wb = self.b.ins().uextend(types::I64, b);
                let p = self.b.ins().imul(wa, wb);
                let hi = self.b.ins().ushr_imm_u(p, 32);
                self.b.ins().ireduce(types::I32, hi)
            }
            Div | Rem => self.signed_div(op == Div, a, b),
            _ => self.unsigned_div(op == Divu, a, b),
        }
    }

    /// `a + imm` (`a` itself for 0: the IR is compiled unoptimized).
    pub(super) fn add_imm(&mut self, a: Value, imm: i32) -> Value {
        match imm {
            0 => a,
            _ => self.b.ins().iadd_imm_s(a, i64::from(imm)),
        }
    }

    /// `1` when `a cc b`, else `0`.
    fn compare(&mut self, cc: IntCC, a: Value, b: Value) -> Value {
        let c = self.b.ins().icmp(cc, a, b);
        self.b.ins().uextend(types::I32, c)
    }

    /// `div`/`rem` with RISC-V's results where Cranelift would trap: by
    /// zero the quotient is all ones and the remainder the dividend;
    /// `INT_MIN / -1` is `INT_MIN`, remainder 0.
    fn signed_div(&mut self, quotient: bool, a: Value, b: Value) -> Value {
        let zero = self.b.ins().icmp_imm_u(IntCC::Equal, b, 0);
        let min = self
            .b
            .ins()
            .icmp_imm_u(IntCC::Equal, a, i64::from(i32::MIN as u32));
        let minus_one = self
            .b
            .ins()
            .icmp_imm_u(IntCC::Equal, b, i64::from(u32::MAX));
        let overflow = self.b.ins().band(min, minus_one);
        let unsafe_divisor = self.b.ins().bor(zero, overflow);
        let one = self.konst(1);
        let divisor = self.b.ins().select(unsafe_divisor, one, b);
        // With divisor 1 on overflow: INT_MIN / 1 = INT_MIN, remainder 0.
        let (r, by_zero) = if quotient {
            (self.b.ins().sdiv(a, divisor), self.konst(u32::MAX))
        } else {
            (self.b.ins().srem(a, divisor), a)
        };
        self.b.ins().select(zero, by_zero, r)
    }

    /// `divu`/`remu`: by zero, all ones and the dividend.
    fn unsigned_div(&mut self, quotient: bool, a: Value, b: Value) -> Value {
        let zero = self.b.ins().icmp_imm_u(IntCC::Equal, b, 0);
        let one = self.konst(1);
        let divisor = self.b.ins().select(zero, one, b);
        let (r, by_zero) = if quotient {
            (self.b.ins().udiv(a, divisor), self.konst(u32::MAX))
        } else {
            (self.b.ins().urem(a, divisor), a)
        };
        self.b.ins().select(zero, by_zero, r)
    }
}
