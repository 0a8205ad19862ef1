//! Guest blocks to Cranelift IR to host machine code.
//!
//! A translation covers the longest prefix of a decoded block made of
//! instructions this translator knows ([`translated_len`]): RV32I
//! computation, LUI/AUIPC, the M extension, loads and stores (through the
//! helpers in `exec.rs`), and a final branch, JAL or JALR. Everything else
//! (CSR and system instructions, atomics, floating point, `fence`) is left
//! to the interpreter: the translation ends before it.
//!
//! Guest registers become SSA values, read from the hart on first use and
//! written back at the exits only when changed. The code is straight-line:
//! the only control flow is the exits after a helper call (the instruction
//! trapped, or completed and moved the deadline to now) and the normal exit,
//! which sets `pc` and adds the block's length to `retired`.

use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    AbiParam, Function, InstBuilder, MemFlagsData, Signature, UserFuncName, Value, types,
};
use cranelift_codegen::isa::{CallConv, OwnedTargetIsa, TargetFrontendConfig};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::{Context, ir};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use soc::hart::Hart;
use soc::isa::{Insn, Op};

use crate::exec::Helpers;
use crate::helpers::Status;

/// Whether the translator handles `op` inside a block (not as its end).
fn is_straight(op: Op) -> bool {
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
            | Div
            | Divu
            | Rem
            | Remu
            | Lb
            | Lh
            | Lw
            | Lbu
            | Lhu
            | Sb
            | Sh
            | Sw
    )
}

/// Whether `op` is a jump or branch the translator ends a block with.
fn is_jump(op: Op) -> bool {
    use Op::*;
    matches!(op, Jal | Jalr | Beq | Bne | Blt | Bge | Bltu | Bgeu)
}

/// How many of a block's leading instructions the translator covers.
pub fn translated_len(insns: &[Insn]) -> usize {
    let straight = insns.iter().take_while(|i| is_straight(i.op)).count();
    match insns.get(straight) {
        Some(i) if is_jump(i.op) => straight + 1,
        _ => straight,
    }
}

/// The Cranelift state kept between translations.
pub struct Translator {
    isa: OwnedTargetIsa,
    ctx: Context,
    fctx: FunctionBuilderContext,
}

impl Translator {
    /// A translator for the host.
    pub fn new() -> Result<Translator, String> {
        let mut flags = settings::builder();
        // The IR verifier runs in debug builds (and so in tests) only.
        let verify = if cfg!(debug_assertions) {
            "true"
        } else {
            "false"
        };
        for (name, value) in [("opt_level", "speed"), ("enable_verifier", verify)] {
            flags.set(name, value).map_err(|e| e.to_string())?;
        }
        let isa = cranelift_native::builder()
            .map_err(|e| e.to_string())?
            .finish(settings::Flags::new(flags))
            .map_err(|e| e.to_string())?;
        Ok(Translator {
            isa,
            ctx: Context::new(),
            fctx: FunctionBuilderContext::new(),
        })
    }

    /// Host code for `insns` (a [`translated_len`] prefix) starting at
    /// virtual `pc`, or `None` if Cranelift failed or wants relocations.
    pub fn translate(&mut self, insns: &[Insn], pc: u32) -> Option<Vec<u8>> {
        let ptr = self.isa.pointer_type();
        let mut sig = Signature::new(CallConv::SystemV);
        sig.params.push(AbiParam::new(ptr));
        sig.params.push(AbiParam::new(ptr));
        self.ctx.clear();
        self.ctx.func = Function::with_name_signature(UserFuncName::default(), sig);
        let b = FunctionBuilder::new(&mut self.ctx.func, &mut self.fctx);
        Emitter::new(b, ptr).block(insns, pc, self.isa.frontend_config());
        let code = self
            .ctx
            .compile(&*self.isa, &mut ControlPlane::default())
            .ok()?;
        if !code.buffer.relocs().is_empty() {
            return None;
        }
        Some(code.code_buffer().to_vec())
    }
}

/// Register values known so far in a block, and which changed.
#[derive(Clone, Copy)]
struct Regs {
    value: [Option<Value>; 32],
    dirty: [bool; 32],
}

/// Emits one block function.
struct Emitter<'a> {
    b: FunctionBuilder<'a>,
    ptr: ir::Type,
    hart: Value,
    machine: Value,
    /// `hart.retired` at block entry.
    start: Value,
    regs: Regs,
}

/// Memory flags for the hart's fields: aligned, never trapping.
fn hart_flags() -> MemFlagsData {
    MemFlagsData::trusted()
}

impl<'a> Emitter<'a> {
    fn new(mut b: FunctionBuilder<'a>, ptr: ir::Type) -> Emitter<'a> {
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        b.seal_block(entry);
        let hart = b.block_params(entry)[0];
        let machine = b.block_params(entry)[1];
        let start = b
            .ins()
            .load(types::I64, hart_flags(), hart, Hart::RETIRED_OFFSET as i32);
        Emitter {
            b,
            ptr,
            hart,
            machine,
            start,
            regs: Regs {
                value: [None; 32],
                dirty: [false; 32],
            },
        }
    }

    fn konst(&mut self, v: u32) -> Value {
        self.b.ins().iconst(types::I32, i64::from(v))
    }

    /// The value of guest register `r`.
    fn get(&mut self, r: u8) -> Value {
        let r = usize::from(r & 31);
        if r == 0 {
            return self.konst(0);
        }
        if let Some(v) = self.regs.value[r] {
            return v;
        }
        let off = (Hart::X_OFFSET + 4 * r) as i32;
        let v = self.b.ins().load(types::I32, hart_flags(), self.hart, off);
        self.regs.value[r] = Some(v);
        v
    }

    /// Sets guest register `r` (writes to x0 vanish).
    fn set(&mut self, r: u8, v: Value) {
        let r = usize::from(r & 31);
        if r != 0 {
            self.regs.value[r] = Some(v);
            self.regs.dirty[r] = true;
        }
    }

    /// Stores the changed registers of `regs` back to the hart.
    fn write_back(&mut self, regs: &Regs) {
        for r in 1..32 {
            if let (true, Some(v)) = (regs.dirty[r], regs.value[r]) {
                let off = (Hart::X_OFFSET + 4 * r) as i32;
                self.b.ins().store(hart_flags(), v, self.hart, off);
            }
        }
    }

    /// The normal end of a block (or a leave after a helper): registers
    /// back, `pc = next`, `retired = start + count`, return.
    fn exit(&mut self, next: Value, count: usize) {
        let regs = self.regs;
        self.write_back(&regs);
        let pc_off = Hart::PC_OFFSET as i32;
        self.b.ins().store(hart_flags(), next, self.hart, pc_off);
        let retired = self.b.ins().iadd_imm_s(self.start, count as i64);
        let off = Hart::RETIRED_OFFSET as i32;
        self.b.ins().store(hart_flags(), retired, self.hart, off);
        self.b.ins().return_(&[]);
    }

    fn block(mut self, insns: &[Insn], mut pc: u32, config: TargetFrontendConfig) {
        for (idx, i) in insns.iter().enumerate() {
            let next = pc.wrapping_add(u32::from(i.len));
            if let Some(target) = self.jump(i, pc) {
                self.exit(target, idx + 1);
                self.b.finalize(config);
                return;
            }
            self.straight(i, pc, idx);
            pc = next;
        }
        let next = self.konst(pc);
        self.exit(next, insns.len());
        self.b.finalize(config);
    }

    /// A jump or branch: writes `rd` and returns the next pc.
    fn jump(&mut self, i: &Insn, pc: u32) -> Option<Value> {
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

    /// An instruction that falls through, the `idx`th of the block.
    fn straight(&mut self, i: &Insn, pc: u32, idx: usize) {
        use Op::*;
        let imm = i.imm as u32;
        let value = match i.op {
            Lui => self.konst(imm),
            Auipc => self.konst(pc.wrapping_add(imm)),
            Lb | Lh | Lw | Lbu | Lhu => return self.load(i, pc, idx),
            Sb | Sh | Sw => return self.store(i, pc, idx),
            Addi | Slti | Sltiu | Xori | Ori | Andi | Slli | Srli | Srai => {
                let a = self.get(i.rs1);
                let b = self.konst(imm);
                self.alu(i.op, a, b)
            }
            _ => {
                let a = self.get(i.rs1);
                let b = self.get(i.rs2);
                self.alu(i.op, a, b)
            }
        };
        self.set(i.rd, value);
    }

    /// Register-register or register-immediate computation.
    fn alu(&mut self, op: Op, a: Value, b: Value) -> Value {
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

    /// The helper at `offset` in the helper table.
    fn helper(&mut self, offset: usize) -> Value {
        let table = self.b.ins().load(
            self.ptr,
            hart_flags(),
            self.hart,
            Hart::HELPERS_OFFSET as i32,
        );
        let flags = MemFlagsData::trusted().with_readonly();
        self.b.ins().load(self.ptr, flags, table, offset as i32)
    }

    /// The effective address `rs1 + imm`, the instruction's pc and the
    /// retired count before it, as helper arguments.
    fn access_args(&mut self, i: &Insn, pc: u32, idx: usize) -> [Value; 3] {
        let base = self.get(i.rs1);
        let addr = self.b.ins().iadd_imm_s(base, i64::from(i.imm));
        let pc = self.konst(pc);
        let retired = self.b.ins().iadd_imm_s(self.start, idx as i64);
        [addr, pc, retired]
    }

    fn load(&mut self, i: &Insn, pc: u32, idx: usize) {
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

    fn store(&mut self, i: &Insn, pc: u32, idx: usize) {
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

    /// After a helper of the `idx`th instruction: on [`Status::Trapped`]
    /// write back `before` and return; on [`Status::Leave`] exit to `next`
    /// with the instruction counted; else continue.
    fn check(&mut self, status: Value, before: &Regs, next: u32, idx: usize) {
        let slow = self.b.create_block();
        let trapped = self.b.create_block();
        let leave = self.b.create_block();
        let cont = self.b.create_block();
        self.b.ins().brif(status, slow, &[], cont, &[]);
        self.b.switch_to_block(slow);
        self.b.seal_block(slow);
        let is_trap =
            self.b
                .ins()
                .icmp_imm_u(IntCC::Equal, status, i64::from(Status::Trapped as u32));
        self.b.ins().brif(is_trap, trapped, &[], leave, &[]);
        self.b.switch_to_block(trapped);
        self.b.seal_block(trapped);
        self.write_back(before);
        self.b.ins().return_(&[]);
        self.b.switch_to_block(leave);
        self.b.seal_block(leave);
        let next = self.konst(next);
        self.exit(next, idx + 1);
        self.b.switch_to_block(cont);
        self.b.seal_block(cont);
    }
}
