//! Guest blocks to Cranelift IR to host machine code.
//!
//! A translation covers a decoded block ([`translated_len`]) but for a
//! last instruction that changes privilege or waits (`ecall`, `ebreak`,
//! `mret`, `sret`, `wfi`, `sfence.vma`, `fence.i`, illegal), which is left
//! to the interpreter: the translation ends before it. RV32I computation,
//! LUI/AUIPC, the M extension, loads and stores (the TLB fast path inline,
//! the helpers in `exec.rs` behind it), F and D (`fp.rs`, with a side exit
//! to the interpreter where the host result is not provably exact) and a
//! final branch, JAL or JALR get generated code; every other instruction
//! (atomics, a final CSR access) calls the interpreter's executor through
//! the `interpret` helper, with the registers it may read stored before
//! and what it may write reloaded after.
//!
//! Guest registers become SSA values, read from the hart on first use and
//! written back at the exits only when changed. The code is straight-line
//! but for the memory slow paths, which rejoin it, and the exits after a
//! helper call (the instruction trapped, or completed and moved the
//! deadline to now); the normal exit sets `pc` and adds the block's length
//! to `retired`.
//!
//! Map: this file holds the translator, the register cache, the exits and
//! the interpreted instructions; `int.rs` the integer computation, `mem.rs`
//! loads and stores, `fp.rs` F and D computation, `freg.rs` the `f`
//! register cache and the FPU state checks, `flow.rs` the jumps and
//! branches that end a block.

mod flow;
mod fp;
mod freg;
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
use soc::isa::{Flags, Insn, Op};

use crate::chain::ret;
use crate::exec::Helpers;
use crate::helpers::Status;

pub use flow::{Exits, block_signature};
use freg::FRegs;

/// Whether the translator generates code for `op` inside a block (others
/// there are interpreted).
fn is_native(op: Op) -> bool {
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
            | Fence
    )
}

/// Whether the translator ends a block with `op`: a jump or branch, or a
/// CSR access (interpreted, then the block leaves through the dispatch
/// stub, as a CSR write may change the translation mode or the deadline).
fn is_end(op: Op) -> bool {
    op.flags()
        .intersects(Flags::JUMP | Flags::BRANCH | Flags::CSR)
}

/// How many of a block's leading instructions the translator covers.
pub fn translated_len(insns: &[Insn]) -> usize {
    let body = insns
        .iter()
        .take_while(|i| !i.op.flags().contains(Flags::ENDS_BLOCK))
        .count();
    match insns.get(body) {
        Some(i) if is_end(i.op) => body + 1,
        _ => body,
    }
}

/// The Cranelift state kept between translations.
pub struct Translator {
    isa: OwnedTargetIsa,
    /// Whether `fma` is one host instruction (see `Emitter::host_fma`).
    host_fma: bool,
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
        // Cranelift's x86-64 tail calls need frame pointers. Compile time
        // is most of a short run's cost (issue 8 wants under 10 %): the
        // optimizer ("speed") costs a third more per block without making
        // the blocks measurably faster, as the translator emits simple IR
        // already; no unwind tables, as nothing unwinds through blocks.
        // The register allocator stays the backtracking one: the single
        // pass allocator halves the compile time but doubles the run time
        // of the code.
        for (name, value) in [
            ("opt_level", "none"),
            ("unwind_info", "false"),
            ("enable_verifier", verify),
            ("preserve_frame_pointers", "true"),
        ] {
            flags.set(name, value).map_err(|e| e.to_string())?;
        }
        let isa = cranelift_native::builder()
            .map_err(|e| e.to_string())?
            .finish(settings::Flags::new(flags))
            .map_err(|e| e.to_string())?;
        // x86-64 has FMA as an extension; other hosts Cranelift supports
        // have it in the base ISA.
        let host_fma = !cfg!(target_arch = "x86_64")
            || isa
                .isa_flags()
                .iter()
                .any(|f| f.name == "has_fma" && f.as_bool() == Some(true));
        Ok(Translator {
            isa,
            host_fma,
            ctx: Context::new(),
            fctx: FunctionBuilderContext::new(),
        })
    }

    /// Host code for `insns` (a [`translated_len`] prefix) starting at
    /// virtual `pc`, leaving through `exits`, or `None` if Cranelift failed
    /// or wants relocations.
    pub fn translate(&mut self, insns: &[Insn], pc: u32, exits: Exits) -> Option<Vec<u8>> {
        let ptr = self.isa.pointer_type();
        let config = self.isa.frontend_config();
        let host_fma = self.host_fma;
        self.compile(block_signature(ptr), |b| {
            Emitter::new(b, ptr, exits, host_fma).block(insns, pc, config);
        })
    }

    /// Compiles the function `build` emits with signature `sig`.
    fn compile(
        &mut self,
        sig: Signature,
        build: impl FnOnce(FunctionBuilder<'_>),
    ) -> Option<Vec<u8>> {
        self.ctx.clear();
        self.ctx.func = Function::with_name_signature(UserFuncName::default(), sig);
        build(FunctionBuilder::new(&mut self.ctx.func, &mut self.fctx));
        let code = self
            .ctx
            .compile(&*self.isa, &mut ControlPlane::default())
            .ok()?;
        if !code.buffer.relocs().is_empty() {
            return None;
        }
        Some(code.code_buffer().to_vec())
    }

    /// The trampoline Rust enters generated code through (see
    /// `flow.rs`).
    pub fn trampoline(&mut self) -> Option<Vec<u8>> {
        let ptr = self.isa.pointer_type();
        let config = self.isa.frontend_config();
        self.compile(flow::trampoline_signature(ptr), |b| {
            flow::trampoline(b, ptr, config);
        })
    }

    /// The shared jump-cache stub (see `flow.rs`), for the cache at host
    /// address `jump_base` and the exit counter at `counter`.
    pub fn dispatch(&mut self, jump_base: u64, counter: u64) -> Option<Vec<u8>> {
        let ptr = self.isa.pointer_type();
        let config = self.isa.frontend_config();
        self.compile(block_signature(ptr), |b| {
            flow::dispatch(b, ptr, config, jump_base, counter);
        })
    }
}

/// Register values known so far in a block, and which changed.
#[derive(Clone, Copy)]
struct Regs {
    value: [Option<Value>; 32],
    dirty: [bool; 32],
    f: FRegs,
}

impl Regs {
    /// The cache after an interpreted instruction that wrote at most
    /// register `rd`: everything stored, `rd` to be reloaded.
    fn after_interpreted(&self, rd: u8) -> Regs {
        let mut value = self.value;
        value[usize::from(rd & 31)] = None;
        Regs {
            value,
            dirty: [false; 32],
            f: self.f.stored_except(rd),
        }
    }

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
    exits: Exits,
    /// The block's first pc.
    pc: u32,
    /// Whether the host has a fused multiply-add (else Cranelift would
    /// call libm, a relocation this code cannot have).
    host_fma: bool,
    /// Whether `mstatus.FS` was tested (see `freg.rs`).
    fpu_checked: bool,
    /// Whether `mstatus.FS` was set to Dirty.
    fpu_dirtied: bool,
    /// `frm` and `fflags.NX`, once read.
    fp_csrs: fp::FpCsrs,
}

/// Memory flags for the hart's fields: aligned, never trapping.
fn hart_flags() -> MemFlagsData {
    MemFlagsData::trusted()
}

impl<'a> Emitter<'a> {
    fn new(mut b: FunctionBuilder<'a>, ptr: ir::Type, exits: Exits, host_fma: bool) -> Emitter<'a> {
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
                f: FRegs::EMPTY,
            },
            mem: MemCache::default(),
            exits,
            pc: 0,
            host_fma,
            fpu_checked: false,
            fpu_dirtied: false,
            fp_csrs: fp::FpCsrs::default(),
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
        self.write_back_f(&regs.f);
    }

    /// Registers back, `pc = next`, `retired = start + count`: the state
    /// at the end of the block's first `count` instructions.
    fn commit(&mut self, regs: &Regs, next: Value, count: usize) {
        self.write_back(regs);
        let pc_off = Hart::PC_OFFSET as i32;
        self.b.ins().store(hart_flags(), next, self.hart, pc_off);
        let retired = self.b.ins().iadd_imm_s(self.start, count as i64);
        let off = Hart::RETIRED_OFFSET as i32;
        self.b.ins().store(hart_flags(), retired, self.hart, off);
    }

    /// Returns `code` (see `chain::ret`) to Rust.
    fn ret(&mut self, code: u64) {
        let v = self.b.ins().iconst(types::I64, code as i64);
        self.b.ins().return_(&[v]);
    }

    /// A side exit before the `idx`th instruction, at `pc`, whose generated
    /// code covers only the common case: the state before it, back to
    /// Rust, where the interpreter runs it.
    fn interpret_from(&mut self, pc: u32, idx: usize) {
        let regs = self.regs;
        let at = self.konst(pc);
        self.commit(&regs, at, idx);
        self.ret(ret::INTERPRET);
    }

    /// A leave after a helper: the state with `regs`, back to Rust.
    fn exit_with(&mut self, regs: &Regs, next: Value, count: usize) {
        self.commit(regs, next, count);
        self.ret(ret::RAN);
    }

    /// The block function: the deadline check at entry (a block that does
    /// not fit returns [`ret::REFUSED`] with its pc stored and nothing
    /// else done), the instructions, the exit.
    fn block(mut self, insns: &[Insn], mut pc: u32, config: TargetFrontendConfig) {
        self.pc = pc;
        let deadline = self.b.ins().load(
            types::I64,
            hart_flags(),
            self.hart,
            Hart::DEADLINE_OFFSET as i32,
        );
        let end = self.b.ins().iadd_imm_s(self.start, insns.len() as i64);
        let over = self.b.ins().icmp(IntCC::UnsignedGreaterThan, end, deadline);
        let refuse = self.b.create_block();
        let body = self.b.create_block();
        self.b.set_cold_block(refuse);
        self.b.ins().brif(over, refuse, &[], body, &[]);
        self.b.switch_to_block(refuse);
        self.b.seal_block(refuse);
        let own = self.konst(pc);
        let pc_off = Hart::PC_OFFSET as i32;
        self.b.ins().store(hart_flags(), own, self.hart, pc_off);
        self.ret(ret::REFUSED);
        self.b.switch_to_block(body);
        self.b.seal_block(body);
        for (idx, i) in insns.iter().enumerate() {
            if self.end(i, pc, idx) {
                self.b.finalize(config);
                return;
            }
            self.straight(i, pc, idx);
            pc = pc.wrapping_add(u32::from(i.len));
        }
        self.exit_to(pc, insns.len());
        self.b.finalize(config);
    }

    /// An instruction that falls through, the `idx`th of the block.
    fn straight(&mut self, i: &Insn, pc: u32, idx: usize) {
        use Op::*;
        match i.op {
            Flw | Fld => return self.fp_load(i, pc, idx),
            Fsw | Fsd => return self.fp_store(i, pc, idx),
            _ if i.op.flags().contains(Flags::FP) => return self.fp(i, pc, idx),
            _ if !is_native(i.op) => return self.interpreted(i, pc, idx),
            _ => {}
        }
        let imm = i.imm as u32;
        let value = match i.op {
            Fence => return, // one hart, sequentially consistent: nothing to order
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

    /// The `idx`th instruction, at `pc`, run by the interpreter's executor
    /// (the `interpret` helper): the changed registers are stored first,
    /// and afterwards its destination is reloaded on use.
    fn interpreted(&mut self, i: &Insn, pc: u32, idx: usize) {
        let regs = self.regs;
        self.write_back(&regs);
        self.regs = regs.after_interpreted(i.rd);
        let f = self.helper(Helpers::INTERPRET_OFFSET);
        let mut sig = Signature::new(CallConv::SystemV);
        for t in [self.ptr, types::I32, types::I32, types::I64] {
            sig.params.push(AbiParam::new(t));
        }
        sig.returns.push(AbiParam::new(types::I32));
        let sig = self.b.import_signature(sig);
        let raw = self.konst(i.raw);
        let pcv = self.konst(pc);
        let retired = self.b.ins().iadd_imm_s(self.start, idx as i64);
        let call = self
            .b
            .ins()
            .call_indirect(sig, f, &[self.machine, raw, pcv, retired]);
        let status = self.b.inst_results(call)[0];
        let after = self.regs;
        let next = pc.wrapping_add(u32::from(i.len));
        self.check(status, &after, &after, next, idx);
    }

    /// After a helper of the `idx`th instruction: on [`Status::Trapped`]
    /// write back `before` and return; on [`Status::Leave`] exit to `next`
    /// with the instruction counted and `after` written back; else
    /// continue. Both leaves share one cold block that writes `before`
    /// back, so a block's IR grows with its memory accesses times its
    /// changed registers once, not twice.
    fn check(&mut self, status: Value, before: &Regs, after: &Regs, next: u32, idx: usize) {
        let [slow, trapped, leave] = [(); 3].map(|_| self.b.create_block());
        for block in [slow, trapped, leave] {
            self.b.set_cold_block(block);
        }
        let cont = self.b.create_block();
        self.b.ins().brif(status, slow, &[], cont, &[]);
        self.b.switch_to_block(slow);
        self.b.seal_block(slow);
        self.write_back(before);
        let is_trap =
            self.b
                .ins()
                .icmp_imm_u(IntCC::Equal, status, i64::from(Status::Trapped as u32));
        self.b.ins().brif(is_trap, trapped, &[], leave, &[]);
        self.b.switch_to_block(trapped);
        self.b.seal_block(trapped);
        self.ret(ret::RAN);
        self.b.switch_to_block(leave);
        self.b.seal_block(leave);
        let mut changed = *after;
        for r in 0..32 {
            changed.dirty[r] &= after.value[r] != before.value[r];
        }
        let next = self.konst(next);
        self.exit_with(&changed, next, idx + 1);
        self.b.switch_to_block(cont);
        self.b.seal_block(cont);
    }
}
