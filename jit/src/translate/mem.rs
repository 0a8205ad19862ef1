//! Loads and stores, through the helpers in `exec.rs`: each call takes
//! the exact pc and retired count, so a fault or a device access leaves the
//! block precisely.

use cranelift_codegen::ir::{AbiParam, InstBuilder, Signature, Value, types};
use cranelift_codegen::isa::CallConv;
use soc::isa::{Insn, Op};

use super::Emitter;
use crate::exec::Helpers;

impl Emitter<'_> {
    /// The effective address `rs1 + imm`, the instruction's pc and the
    /// retired count before it, as helper arguments.
    fn access_args(&mut self, i: &Insn, pc: u32, idx: usize) -> [Value; 3] {
        let base = self.get(i.rs1);
        let addr = self.b.ins().iadd_imm_s(base, i64::from(i.imm));
        let pc = self.konst(pc);
        let retired = self.b.ins().iadd_imm_s(self.start, idx as i64);
        [addr, pc, retired]
    }

    pub(super) fn load(&mut self, i: &Insn, pc: u32, idx: usize) {
        use Op::*;
        let (log2, signed) = match i.op {
            Lb => (0, true),
            Lbu => (0, false),
            Lh => (1, true),
            Lhu => (1, false),
            _ => (2, false),
        };
        let [addr, pcv, retired] = self.access_args(i, pc, idx);
        let f = self.helper(Helpers::load_offset(log2));
        let mut sig = Signature::new(CallConv::SystemV);
        for t in [self.ptr, types::I32, types::I32, types::I64] {
            sig.params.push(AbiParam::new(t));
        }
        sig.returns.push(AbiParam::new(types::I64));
        let sig = self.b.import_signature(sig);
        let call = self
            .b
            .ins()
            .call_indirect(sig, f, &[self.machine, addr, pcv, retired]);
        let result = self.b.inst_results(call)[0];
        let before = self.regs;
        let low = self.b.ins().ireduce(types::I32, result);
        let value = match (log2, signed) {
            (0, true) => {
                let v = self.b.ins().ireduce(types::I8, low);
                self.b.ins().sextend(types::I32, v)
            }
            (1, true) => {
                let v = self.b.ins().ireduce(types::I16, low);
                self.b.ins().sextend(types::I32, v)
            }
            _ => low,
        };
        self.set(i.rd, value);
        let high = self.b.ins().ushr_imm_u(result, 32);
        let status = self.b.ins().ireduce(types::I32, high);
        self.check(status, &before, pc.wrapping_add(u32::from(i.len)), idx);
    }

    pub(super) fn store(&mut self, i: &Insn, pc: u32, idx: usize) {
        let log2 = match i.op {
            Op::Sb => 0,
            Op::Sh => 1,
            _ => 2,
        };
        let value = self.get(i.rs2);
        let [addr, pcv, retired] = self.access_args(i, pc, idx);
        let f = self.helper(Helpers::store_offset(log2));
        let mut sig = Signature::new(CallConv::SystemV);
        for t in [self.ptr, types::I32, types::I32, types::I32, types::I64] {
            sig.params.push(AbiParam::new(t));
        }
        sig.returns.push(AbiParam::new(types::I32));
        let sig = self.b.import_signature(sig);
        let call = self
            .b
            .ins()
            .call_indirect(sig, f, &[self.machine, addr, value, pcv, retired]);
        let status = self.b.inst_results(call)[0];
        let before = self.regs;
        self.check(status, &before, pc.wrapping_add(u32::from(i.len)), idx);
    }
}
