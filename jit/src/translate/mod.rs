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
    AbiParam, BlockArg, Function, InstBuilder, MemFlagsData, Signature, UserFuncName, Value, types,
};
use cranelift_codegen::isa::{CallConv, OwnedTargetIsa, TargetFrontendConfig};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::{Context, ir};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use soc::hart::Hart;
use soc::isa::{Flags, Insn, Op};

use crate::chain::ret;
use crate::exec::{HelperKind, Helpers};
use crate::helpers::Status;

pub use flow::{Exits, block_signature};
use freg::{Carry, FRegs};

/// Whether the translator generates code for `op` inside a block (others
/// there are interpreted): the pure computations (`int::is_pure`),
/// division, loads and stores, `fence`.
fn is_native(op: Op) -> bool {
    use Op::*;
    int::is_pure(op)
        || matches!(
            op,
            Div | Divu | Rem | Remu | Lb | Lh | Lw | Lbu | Lhu | Sb | Sh | Sw | Fence
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

    /// Host code for the region `members` (the first is its entry; all on
    /// one virtual page), leaving through `exits`, or `None` if Cranelift
    /// failed or wants relocations. `direct_reads`: loads try the direct
    /// RAM window before the TLB (see `mem.rs`), as they could when the
    /// region was found.
    pub fn translate(
        &mut self,
        members: &[Member<'_>],
        exits: Exits,
        direct_reads: bool,
    ) -> Option<Vec<u8>> {
        let ptr = self.isa.pointer_type();
        let config = self.isa.frontend_config();
        let host_fma = self.host_fma;
        self.compile(block_signature(ptr), |b| {
            Emitter::new(b, ptr, exits, host_fma, direct_reads).region(members, config);
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

    /// The thunk for the Rust helper of `kind` at host address `target`: a
    /// `preserve_all` function without parameters that calls it in System
    /// V with the arguments in the helper table at host address `table`
    /// and stores its result there, zero-extended, so that the caller's
    /// registers survive the call (its prologue saves what the call
    /// clobbers, on the slow path only).
    pub fn thunk(&mut self, kind: HelperKind, target: u64, table: u64) -> Option<Vec<u8>> {
        let ptr = self.isa.pointer_type();
        let config = self.isa.frontend_config();
        self.compile(Signature::new(CallConv::PreserveAll), |mut b| {
            let entry = b.create_block();
            b.switch_to_block(entry);
            b.seal_block(entry);
            let sig = helper_signature(ptr, kind);
            let table = b.ins().iconst(ptr, table as i64);
            let args: Vec<Value> = (sig.params.iter().enumerate())
                .map(|(n, p)| {
                    let off = Helpers::arg_offset(n) as i32;
                    b.ins()
                        .load(p.value_type, MemFlagsData::trusted(), table, off)
                })
                .collect();
            let sig = b.import_signature(sig);
            let f = b.ins().iconst(ptr, target as i64);
            let call = b.ins().call_indirect(sig, f, &args);
            let value = b.inst_results(call)[0];
            let wide = match kind {
                HelperKind::Load => value,
                HelperKind::Store | HelperKind::Interpret => b.ins().uextend(types::I64, value),
            };
            let off = Helpers::RESULT_OFFSET as i32;
            b.ins().store(MemFlagsData::trusted(), wide, table, off);
            b.ins().return_(&[]);
            b.finalize(config);
        })
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

/// The System V signature of a Rust helper of `kind` (see `exec::Helpers`).
fn helper_signature(ptr: ir::Type, kind: HelperKind) -> Signature {
    use types::{I32, I64};
    let mut sig = Signature::new(CallConv::SystemV);
    let (params, ret): (&[ir::Type], _) = match kind {
        HelperKind::Load => (&[ptr, I32, I32, I32, I64], I64),
        HelperKind::Interpret => (&[ptr, I32, I32, I64], I32),
        HelperKind::Store => (&[ptr, I32, I32, I32, I32, I64], I32),
    };
    sig.params.extend(params.iter().map(|&t| AbiParam::new(t)));
    sig.returns.push(AbiParam::new(ret));
    sig
}

/// One guest block of a region: its first pc and its translated
/// instructions (a [`translated_len`] prefix of the decoded block).
#[derive(Clone, Copy, Debug)]
pub struct Member<'a> {
    pub pc: u32,
    pub insns: &'a [Insn],
}

impl Member<'_> {
    /// The constant pcs its code may continue at: a branch's target, then
    /// its fall-through; a `jal`'s target; the next pc after a last
    /// instruction that falls through. None after `jalr` or a CSR access
    /// (they leave through the dispatch stub).
    pub fn successors(&self) -> impl Iterator<Item = u32> {
        let (last, body) = self.insns.split_last().expect("members are never empty");
        let last_pc = body
            .iter()
            .fold(self.pc, |p, i| p.wrapping_add(u32::from(i.len)));
        let next = last_pc.wrapping_add(u32::from(last.len));
        let taken = last_pc.wrapping_add(last.imm as u32);
        let flags = last.op.flags();
        let (a, b) = if flags.contains(Flags::BRANCH) {
            (Some(taken), Some(next))
        } else if last.op == Op::Jal {
            (Some(taken), None)
        } else if flags.intersects(Flags::JUMP | Flags::CSR) {
            (None, None)
        } else {
            (Some(next), None)
        };
        a.into_iter().chain(b)
    }
}

/// How many instructions each member may retire from its deadline check
/// to the next one: a jump to a member at a higher pc skips the target's
/// check (every loop has a jump to a lower or the same pc, which checks),
/// so a member's check counts its own instructions, those its
/// if-converted branch skips (`skips`), and the most the members it jumps
/// forward to may run unchecked.
fn deadline_budgets(members: &[Member<'_>], skips: &[Vec<Insn>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..members.len()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(members[k].pc));
    let mut budgets = vec![0; members.len()];
    for k in order {
        let m = &members[k];
        // An if-converted branch goes to its target only.
        let exits = if skips[k].is_empty() { 2 } else { 1 };
        let after = (m.successors().take(exits))
            .filter(|&t| t > m.pc)
            .filter_map(|t| members.iter().position(|n| n.pc == t))
            .map(|s| budgets[s])
            .max()
            .unwrap_or(0);
        budgets[k] = m.insns.len() + skips[k].len() + after;
    }
    budgets
}

/// The loop registers of a region: the carried `x` registers (a bit each)
/// that members on a cycle write. Jumps between members and the flush
/// before a load or store do not store them (a loop would store them at
/// every iteration); the exits that leave the region do. Other registers
/// reach the hart at the next load, store or member jump.
struct LoopRegs {
    set: u32,
    /// Per member, the loop registers that may reach it changed (not yet
    /// in the hart): those written on some path to it through other
    /// members (the region's entry arrives with everything stored).
    arriving: Vec<u32>,
}

impl LoopRegs {
    fn of(members: &[Member<'_>], skips: &[Vec<Insn>], carried: &[u8]) -> LoopRegs {
        let carried = carried.iter().fold(0u32, |set, &r| set | 1 << r);
        let written: Vec<u32> = (members.iter().zip(skips))
            .map(|(m, skipped)| {
                (m.insns.iter().chain(skipped))
                    .filter(|i| !i.op.flags().contains(Flags::FP_RD))
                    .fold(0, |set, i| set | 1 << (i.rd & 31))
                    & carried
            })
            .collect();
        let successors: Vec<Vec<usize>> = (members.iter())
            .map(|m| {
                (m.successors())
                    .filter_map(|t| members.iter().position(|n| n.pc == t))
                    .collect()
            })
            .collect();
        // Which members each reaches in one jump or more (at most 16).
        let mut reach: Vec<u32> = (successors.iter())
            .map(|next| next.iter().fold(0, |set, &q| set | 1 << q))
            .collect();
        let mut grew = true;
        while grew {
            grew = false;
            for p in 0..members.len() {
                let further = successors[p]
                    .iter()
                    .fold(reach[p], |set, &q| set | reach[q]);
                grew |= further != reach[p];
                reach[p] = further;
            }
        }
        let set = (0..members.len())
            .filter(|&p| reach[p] >> p & 1 != 0)
            .fold(0, |set, p| set | written[p]);
        let mut arriving = vec![0u32; members.len()];
        let mut grew = true;
        while grew {
            grew = false;
            for p in 0..members.len() {
                let leaving = (arriving[p] | written[p]) & set;
                for &q in &successors[p] {
                    grew |= leaving & !arriving[q] != 0;
                    arriving[q] |= leaving;
                }
            }
        }
        LoopRegs { set, arriving }
    }
}

/// A member's two Cranelift blocks, with the same parameters (the carried
/// registers, then the retired count).
#[derive(Clone, Copy)]
struct MemberBlocks {
    pc: u32,
    /// The deadline check: entries and jumps from members at the same or
    /// a higher pc arrive here.
    checked: ir::Block,
    /// The instructions: jumps from members at a lower pc arrive here.
    body: ir::Block,
}

/// The registers a region's members pass each other as block parameters:
/// those one member reads before writing them (so from another member or
/// from the entry) that some member writes. Every changed register is also
/// stored before a jump to another member, so that each member starts with
/// the hart up to date and its exits store only what it changed itself
/// (the exits' stores are most of the code); the parameters spare the
/// reloads, which would lengthen every loop-carried dependency. The other
/// registers are loaded where used. Fewer parameters keep the register
/// allocator, most of the compile time, cheap. `f` registers are passed
/// in the view their readers in the region use (see [`Carry`] and
/// [`fp::reads_as`]).
struct Carried {
    x: Vec<u8>,
    f: Vec<(u8, Carry)>,
}

impl Carried {
    /// The carried registers of `members`, from the fields each reads and
    /// writes in the files their flags say (`rs3`, used by the fused
    /// operations only, is taken to be in `rs2`'s file; unused fields are
    /// 0, and `x0` is never carried).
    fn of(members: &[Member<'_>]) -> Carried {
        let (mut x_in, mut f_in) = ([false; 32], [false; 32]);
        let (mut x_written, mut f_written) = ([false; 32], [false; 32]);
        let mut f_read_as: [Option<Carry>; 32] = [None; 32];
        for m in members {
            let (mut x_here, mut f_here) = ([false; 32], [false; 32]);
            for i in m.insns {
                let flags = i.op.flags();
                let mut reads = vec![(i.rs1, Flags::FP_RS1), (i.rs2, Flags::FP_RS2)];
                if flags.contains(Flags::FP) {
                    reads.push((i.rs3, Flags::FP_RS2));
                }
                for (r, in_f) in reads {
                    let r = usize::from(r & 31);
                    match flags.contains(in_f) {
                        true => {
                            f_in[r] |= !f_here[r];
                            let view = fp::reads_as(i.op);
                            f_read_as[r] = match f_read_as[r] {
                                Some(seen) if seen != view => Some(Carry::Bits),
                                _ => Some(view),
                            };
                        }
                        false => x_in[r] |= !x_here[r],
                    }
                }
                let rd = usize::from(i.rd & 31);
                match flags.contains(Flags::FP_RD) {
                    true => (f_here[rd], f_written[rd]) = (true, true),
                    false => (x_here[rd], x_written[rd]) = (true, true),
                }
            }
        }
        let listed = |read: [bool; 32], written: [bool; 32], from: usize| {
            (from..32)
                .filter(|&r| read[r] && written[r])
                .map(|r| r as u8)
                .collect()
        };
        let f: Vec<u8> = listed(f_in, f_written, 0);
        Carried {
            x: listed(x_in, x_written, 1),
            f: (f.into_iter())
                .map(|r| (r, f_read_as[usize::from(r)].unwrap_or(Carry::Bits)))
                .collect(),
        }
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
            f: self.f.forget(rd),
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
    /// `hart.ram_window`.
    ram_window: Option<Value>,
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
    /// The region's first pc.
    pc: u32,
    /// The registers members pass each other.
    carried: Carried,
    /// Each member's first pc and blocks.
    members: Vec<MemberBlocks>,
    /// The instructions each member's check counts (`deadline_budgets`).
    budgets: Vec<usize>,
    /// The pc of the member being emitted (`None` in the entry code).
    current: Option<u32>,
    /// What the branch ending each member skips when it is if-converted
    /// (see `flow::skipped`; empty: a plain end).
    skips: Vec<Vec<Insn>>,
    /// The loop registers, and those each member may be entered with
    /// changed.
    loop_regs: LoopRegs,
    /// The current member's entry of `skips`, taken by its branch.
    skipped: Vec<Insn>,
    /// The thunks' signature, once imported.
    thunk_sig: Option<ir::SigRef>,
    /// Whether the host has a fused multiply-add (else Cranelift would
    /// call libm, a relocation this code cannot have).
    host_fma: bool,
    /// Whether loads try `hart.ram_window` first (see `mem.rs`).
    direct_reads: bool,
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

/// The hart field of type `ty` at offset `off`, loaded into `cache` on
/// first use: for fields only a CSR write or a trap changes, which end
/// the member, so one load serves it.
fn hart_field(
    b: &mut FunctionBuilder<'_>,
    hart: Value,
    cache: &mut Option<Value>,
    ty: ir::Type,
    off: usize,
) -> Value {
    *cache.get_or_insert_with(|| b.ins().load(ty, hart_flags(), hart, off as i32))
}

impl<'a> Emitter<'a> {
    fn new(
        mut b: FunctionBuilder<'a>,
        ptr: ir::Type,
        exits: Exits,
        host_fma: bool,
        direct_reads: bool,
    ) -> Emitter<'a> {
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
            carried: Carried::of(&[]),
            members: Vec::new(),
            budgets: Vec::new(),
            current: None,
            skips: Vec::new(),
            loop_regs: LoopRegs {
                set: 0,
                arriving: Vec::new(),
            },
            skipped: Vec::new(),
            thunk_sig: None,
            host_fma,
            direct_reads,
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

    /// Sets guest register `r` (writes to x0 vanish); it reaches the hart
    /// at the next [`Emitter::flush`] or exit.
    fn set(&mut self, r: u8, v: Value) {
        self.regs.set(r, v);
    }

    /// Stores the registers changed since the last flush in the hart,
    /// before an integer load or store, so that its slow path's exit has
    /// little left to store and the values can die; a register written
    /// twice between two flushes is stored once. Loop registers stay
    /// changed instead (see [`LoopRegs`]). (An FP load or store misses to
    /// one side exit, which stores what changed itself, as every side exit
    /// does.)
    fn flush(&mut self) {
        let regs = self.outside_loops(&self.regs);
        self.write_back(&regs);
        for r in 0..32 {
            self.regs.dirty[r] &= !regs.dirty[r];
        }
    }

    /// `regs` with only the changed registers that are not loop registers
    /// marked changed.
    fn outside_loops(&self, regs: &Regs) -> Regs {
        let mut regs = *regs;
        for r in 0..32 {
            regs.dirty[r] &= self.loop_regs.set >> r & 1 == 0;
        }
        regs
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

    /// Registers back, `pc = next`, `retired = start + count`: the state
    /// at the end of the block's first `count` instructions.
    fn commit(&mut self, regs: &Regs, next: Value, count: usize) {
        let retired = self.b.ins().iadd_imm_s(self.start, count as i64);
        self.store_state(regs, next, retired);
    }

    /// Registers back, `pc = next`, `hart.retired = retired`.
    fn store_state(&mut self, regs: &Regs, next: Value, retired: Value) {
        self.write_back(regs);
        let pc_off = Hart::PC_OFFSET as i32;
        self.b.ins().store(hart_flags(), next, self.hart, pc_off);
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

    /// The region function: the carried registers loaded, a jump to the
    /// member at `hart.pc`, then each member as Cranelift blocks with the
    /// carried registers and its retired count as parameters, entered from
    /// there and from every member exit to its pc.
    fn region(mut self, members: &[Member<'_>], config: TargetFrontendConfig) {
        self.pc = members[0].pc;
        self.carried = Carried::of(members);
        self.skips = (members.iter())
            .map(|m| flow::skipped(m, members))
            .collect();
        self.budgets = deadline_budgets(members, &self.skips);
        self.loop_regs = LoopRegs::of(members, &self.skips, &self.carried.x);
        for k in 0..self.carried.x.len() {
            self.get(self.carried.x[k]);
        }
        for k in 0..self.carried.f.len() {
            self.carried_f(k);
        }
        for m in members {
            let [checked, body] = [(); 2].map(|_| {
                let block = self.b.create_block();
                for _ in 0..self.carried.x.len() {
                    self.b.append_block_param(block, types::I32);
                }
                for &(_, carry) in &self.carried.f {
                    self.b.append_block_param(block, carry.ty());
                }
                self.b.append_block_param(block, types::I64);
                block
            });
            self.members.push(MemberBlocks {
                pc: m.pc,
                checked,
                body,
            });
        }
        // Every member is an entry: the engine lists the region under each
        // member's key, and whoever enters stored `hart.pc` first.
        let pc = self
            .b
            .ins()
            .load(types::I32, hart_flags(), self.hart, Hart::PC_OFFSET as i32);
        let start = self.start;
        for (k, m) in members.iter().enumerate() {
            let (next, block) = (self.b.create_block(), self.b.create_block());
            let here = self.b.ins().icmp_imm_u(IntCC::Equal, pc, i64::from(m.pc));
            self.b.ins().brif(here, block, &[], next, &[]);
            self.b.switch_to_block(block);
            self.b.seal_block(block);
            self.jump_to_member(k, start);
            self.b.switch_to_block(next);
            self.b.seal_block(next);
        }
        // Unreachable by construction; no effect if it were reached.
        self.ret(ret::MISS);
        for (k, m) in members.iter().enumerate() {
            self.member(k, m);
        }
        self.b.seal_all_blocks();
        self.b.finalize(config);
    }

    /// Jumps to the `k`th member with the carried registers and `retired`,
    /// every changed register but the loop registers stored first (the
    /// cache is left as it was: the current block may be one arm of a
    /// branch): to its body from a member at a lower pc, else to its
    /// deadline check.
    fn jump_to_member(&mut self, k: usize, retired: Value) {
        let regs = self.regs;
        let stored = self.outside_loops(&regs);
        self.write_back(&stored);
        let mut args = Vec::with_capacity(self.carried.x.len() + self.carried.f.len() + 1);
        for n in 0..self.carried.x.len() {
            let v = self.get(self.carried.x[n]);
            args.push(BlockArg::Value(v));
        }
        for n in 0..self.carried.f.len() {
            let v = self.carried_f(n);
            args.push(BlockArg::Value(v));
        }
        args.push(BlockArg::Value(retired));
        let target = self.members[k];
        let block = match self.current {
            Some(pc) if target.pc > pc => target.body,
            _ => target.checked,
        };
        self.b.ins().jump(block, &args);
        self.regs = regs;
    }

    /// The `n`th carried `f` register in the view members pass it in.
    fn carried_f(&mut self, n: usize) -> Value {
        let (r, carry) = self.carried.f[n];
        self.fget_as(r, carry)
    }

    /// The member whose pc is `pc`, if any.
    fn member_at(&self, pc: u32) -> Option<usize> {
        self.members.iter().position(|m| m.pc == pc)
    }

    /// The `k`th member's blocks: the deadline check (a member that does
    /// not fit, with what may run unchecked after it, returns
    /// [`ret::REFUSED`] with the state at its start stored), then the
    /// body: the carried registers from its parameters (the hart may hold
    /// older values of loop registers, see [`LoopRegs`]), the
    /// instructions, the exit.
    fn member(&mut self, k: usize, m: &Member<'_>) {
        let MemberBlocks { checked, body, .. } = self.members[k];
        self.current = Some(m.pc);
        self.b.switch_to_block(checked);
        self.enter(k, checked);
        let deadline = self.b.ins().load(
            types::I64,
            hart_flags(),
            self.hart,
            Hart::DEADLINE_OFFSET as i32,
        );
        let end = self.b.ins().iadd_imm_s(self.start, self.budgets[k] as i64);
        let over = self.b.ins().icmp(IntCC::UnsignedGreaterThan, end, deadline);
        let refuse = self.b.create_block();
        self.b.set_cold_block(refuse);
        let args: Vec<BlockArg> = (self.b.block_params(checked).iter())
            .map(|&v| BlockArg::Value(v))
            .collect();
        self.b.ins().brif(over, refuse, &[], body, &args);
        self.b.switch_to_block(refuse);
        self.b.seal_block(refuse);
        let own = self.konst(m.pc);
        let regs = self.regs;
        self.commit(&regs, own, 0);
        self.ret(ret::REFUSED);

        self.b.switch_to_block(body);
        self.enter(k, body);
        self.skipped = std::mem::take(&mut self.skips[k]);
        let mut pc = m.pc;
        for (idx, i) in m.insns.iter().enumerate() {
            if self.end(i, pc, idx) {
                return;
            }
            self.straight(i, pc, idx);
            pc = pc.wrapping_add(u32::from(i.len));
        }
        self.exit_to(pc, m.insns.len());
    }

    /// Starts emitting at the top of block `block` of the `k`th member:
    /// the register cache holds the carried registers from its parameters,
    /// the loop registers that may arrive changed marked so, `start` its
    /// retired count, and nothing loaded elsewhere.
    fn enter(&mut self, k: usize, block: ir::Block) {
        let params = self.b.block_params(block).to_vec();
        let (x, rest) = params.split_at(self.carried.x.len());
        let (f, start) = rest.split_at(self.carried.f.len());
        let mut regs = Regs {
            value: [None; 32],
            dirty: [false; 32],
            f: FRegs::EMPTY,
        };
        for (&r, &v) in self.carried.x.iter().zip(x) {
            regs.value[usize::from(r)] = Some(v);
            regs.dirty[usize::from(r)] = self.loop_regs.arriving[k] >> r & 1 != 0;
        }
        let fvalues = (self.carried.f.iter().zip(f)).map(|(&(r, carry), &v)| (r, v, carry));
        regs.f = FRegs::carried(fvalues);
        self.regs = regs;
        self.start = start[0];
        // Values loaded in another member do not dominate this one.
        self.mem = MemCache::default();
        self.fpu_checked = false;
        self.fpu_dirtied = false;
        self.fp_csrs = fp::FpCsrs::default();
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

    /// Calls the helper of `kind` at `offset` in the helper table (its
    /// thunk, see [`Translator::thunk`]) with `args`, stored in the table
    /// first; returns its result (I64 for loads, else I32).
    fn call_helper(&mut self, kind: HelperKind, offset: usize, args: &[Value]) -> Value {
        let table = self.b.ins().load(
            self.ptr,
            hart_flags(),
            self.hart,
            Hart::HELPERS_OFFSET as i32,
        );
        let f = self
            .b
            .ins()
            .load(self.ptr, hart_flags(), table, offset as i32);
        for (n, &arg) in args.iter().enumerate() {
            let off = Helpers::arg_offset(n) as i32;
            self.b.ins().store(hart_flags(), arg, table, off);
        }
        let sig = match self.thunk_sig {
            Some(sig) => sig,
            None => {
                let sig = self
                    .b
                    .import_signature(Signature::new(CallConv::PreserveAll));
                self.thunk_sig = Some(sig);
                sig
            }
        };
        self.b.ins().call_indirect(sig, f, &[]);
        let ty = match kind {
            HelperKind::Load => types::I64,
            HelperKind::Store | HelperKind::Interpret => types::I32,
        };
        let off = Helpers::RESULT_OFFSET as i32;
        self.b.ins().load(ty, hart_flags(), table, off)
    }

    /// The `idx`th instruction, at `pc`, run by the interpreter's executor
    /// (the `interpret` helper): the changed registers are stored first,
    /// and afterwards its destination is reloaded on use.
    fn interpreted(&mut self, i: &Insn, pc: u32, idx: usize) {
        let regs = self.regs;
        self.write_back(&regs);
        self.regs = regs.after_interpreted(i.rd);
        let raw = self.konst(i.raw);
        let pcv = self.konst(pc);
        let retired = self.b.ins().iadd_imm_s(self.start, idx as i64);
        let args = [self.machine, raw, pcv, retired];
        let status = self.call_helper(HelperKind::Interpret, Helpers::INTERPRET_OFFSET, &args);
        let after = self.regs;
        self.check(status, &after, None);
    }

    /// After a helper: unless it said [`Status::Next`], write `before`
    /// back and return (the helper has set pc and retired: a trap's, or
    /// past the instruction on [`Status::Leave`]); a load's destination
    /// `rd` then gets `loaded` when it completed. One cold exit per helper
    /// call keeps a block's IR, and its compile time, small.
    fn check(&mut self, status: Value, before: &Regs, loaded: Option<(u8, Value)>) {
        let [leave, cont] = [(); 2].map(|_| self.b.create_block());
        self.b.set_cold_block(leave);
        self.b.ins().brif(status, leave, &[], cont, &[]);
        self.b.switch_to_block(leave);
        self.b.seal_block(leave);
        self.write_back(before);
        if let Some((rd, value)) = loaded.map(|(rd, v)| (usize::from(rd & 31), v))
            && rd != 0
        {
            let off = (Hart::X_OFFSET + 4 * rd) as i32;
            let old = match before.value[rd] {
                Some(v) => v,
                None => self.b.ins().load(types::I32, hart_flags(), self.hart, off),
            };
            let completed =
                self.b
                    .ins()
                    .icmp_imm_u(IntCC::Equal, status, i64::from(Status::Leave as u32));
            let rd_value = self.b.ins().select(completed, value, old);
            self.b.ins().store(hart_flags(), rd_value, self.hart, off);
        }
        self.ret(ret::RAN);
        self.b.switch_to_block(cont);
        self.b.seal_block(cont);
    }
}
