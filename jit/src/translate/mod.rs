//! Guest blocks to Cranelift IR to host machine code.
//!
//! A translation covers the longest prefix of a decoded block made of
//! instructions this translator knows ([`translated_len`]): RV32I
//! computation, LUI/AUIPC, the M extension, loads and stores (the TLB fast
//! path inline, the helpers in `exec.rs` behind it), and a final branch, JAL or JALR. Everything else
//! (CSR and system instructions, atomics, floating point, `fence`) is left
//! to the interpreter: the translation ends before it.
//!
//! Guest registers become SSA values, read from the hart on first use and
//! written back at the exits only when changed. The code is straight-line
//! but for the memory slow paths, which rejoin it, and the exits after a
//! helper call (the instruction trapped, or completed and moved the
//! deadline to now); the normal exit sets `pc` and adds the block's length
//! to `retired`.
//!
//! Map: this file holds the translator, the register cache and the exits;
//! `int.rs` the integer computation, `mem.rs` loads and stores, `flow.rs`
//! the jumps and branches that end a block.

mod flow;
mod int;
mod mem;

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

impl Regs {
    /// Sets guest register `r` (writes to x0 vanish).
    fn set(&mut self, r: u8, v: Value) {
        let r = usize::from(r & 31);
        if r != 0 {
            self.value[r] = Some(v);
            self.dirty[r] = true;
        }
    }
}

/// Per-block values of the memory fast path, loaded on first use.
#[derive(Clone, Copy, Default)]
struct MemCache {
    /// `hart.tlb[kind]`.
    tlb: [Option<Value>; 3],
    /// `hart.ram_base`.
    ram_base: Option<Value>,
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
    mem: MemCache,
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
            mem: MemCache::default(),
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
        self.regs.set(r, v);
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
        self.exit_with(&regs, next, count);
    }

    /// [`Emitter::exit`] with the register state `regs`.
    fn exit_with(&mut self, regs: &Regs, next: Value, count: usize) {
        self.write_back(regs);
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

    /// After a helper of the `idx`th instruction: on [`Status::Trapped`]
    /// write back `before` and return; on [`Status::Leave`] exit to `next`
    /// with the instruction counted and `after` written back; else
    /// continue.
    fn check(&mut self, status: Value, before: &Regs, after: &Regs, next: u32, idx: usize) {
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
        self.exit_with(after, next, idx + 1);
        self.b.switch_to_block(cont);
        self.b.seal_block(cont);
    }
}
