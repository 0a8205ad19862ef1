//! Control flow: the jumps and branches that end a block, the exits that
//! chain to the next block, and the two shared stubs (see `chain.rs` for
//! the scheme and why it is sound).
//!
//! Block functions use Cranelift's `tail` convention, `(hart, machine) ->
//! code`, so an exit can `return_call_indirect` the next block without
//! growing the stack. Every exit first stores the registers, `pc` and
//! `retired` (the next block reloads what it uses). An exit to a constant
//! pc on the block's own virtual page goes through its chain slot: linked,
//! it tail-calls the target; unlinked, it returns the slot's address. Any
//! other exit (JALR, a cross-page target, no slot left) tail-calls the
//! dispatch stub, which looks `hart.pc` up in the jump cache, validates
//! the entry against the current fetch TLB and tail-calls it, or returns
//! [`ret::MISS`]. Rust enters through the trampoline, a System V function
//! that calls a block (or the stub) and passes its code back.
//!
//! A forward branch over a few pure instructions of the region is
//! if-converted (see [`skipped`]): a sort's comparisons are branches no
//! host predictor learns, and a select costs less than the mispredictions
//! (the integer benchmark's heap sort: 12 % of its whole run).

use core::mem::offset_of;

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{AbiParam, InstBuilder, MemFlagsData, Signature, Value, types};
use cranelift_codegen::isa::{CallConv, TargetFrontendConfig};
use cranelift_frontend::FunctionBuilder;
use soc::hart::Hart;
use soc::isa::{Flags, Insn, Op};
use soc::mmu::tlb::TlbEntry;
use soc::mmu::{AccessKind, PAGE_SHIFT};

use super::int::is_pure;
use super::mem::tlb_entry;
use super::{Emitter, Member, hart_flags};
use crate::chain::{JUMP_ENTRIES, JumpEntry, ret};

/// Most instructions a branch may skip and still be if-converted: both
/// paths' work is done, so the saving (a host branch that data-dependent
/// guest branches mispredict, as in a sort's comparisons) must outweigh a
/// few instructions.
const MAX_SKIPPED: usize = 3;

/// The instructions that the branch ending `m` skips when taken, if it is
/// if-converted: a forward branch over at most [`MAX_SKIPPED`] pure
/// instructions (`int::is_pure`) that begin the member it falls through
/// to. Empty for any other end.
pub(super) fn skipped(m: &Member<'_>, members: &[Member<'_>]) -> Vec<Insn> {
    let Some((last, body)) = m.insns.split_last() else {
        return Vec::new();
    };
    if !last.op.flags().contains(Flags::BRANCH) || last.imm <= i32::from(last.len) {
        return Vec::new();
    }
    let at = body
        .iter()
        .fold(m.pc, |p, i| p.wrapping_add(u32::from(i.len)));
    let link = at.wrapping_add(u32::from(last.len));
    let span = last.imm as u32 - u32::from(last.len);
    let Some(next) = members.iter().find(|n| n.pc == link) else {
        return Vec::new();
    };
    let mut bytes = 0;
    let mut skipped = Vec::new();
    for i in next.insns {
        if bytes >= span || skipped.len() == MAX_SKIPPED || !is_pure(i.op) {
            break;
        }
        bytes += u32::from(i.len);
        skipped.push(*i);
    }
    if bytes != span {
        skipped.clear();
    }
    skipped
}

/// Where a region's exits go: the dispatch stub, the exit counter and
/// fresh chain slots (host addresses).
#[derive(Clone, Debug)]
pub struct Exits {
    /// The dispatch stub's entry.
    pub dispatch: u64,
    /// The chained-exit counter (a u64).
    pub counter: u64,
    /// Unlinked chain slots this region may use, taken from the back.
    pub slots: Vec<u64>,
}

/// The signature of block functions and the dispatch stub.
pub fn block_signature(ptr: types::Type) -> Signature {
    let mut sig = Signature::new(CallConv::Tail);
    sig.params.push(AbiParam::new(ptr));
    sig.params.push(AbiParam::new(ptr));
    sig.returns.push(AbiParam::new(types::I64));
    sig
}

/// The trampoline's signature: `extern "C" fn(hart, machine, entry) -> code`.
pub fn trampoline_signature(ptr: types::Type) -> Signature {
    let mut sig = Signature::new(CallConv::SystemV);
    for _ in 0..3 {
        sig.params.push(AbiParam::new(ptr));
    }
    sig.returns.push(AbiParam::new(types::I64));
    sig
}

/// Emits the trampoline: calls `entry(hart, machine)` and returns its code.
pub fn trampoline(mut b: FunctionBuilder<'_>, ptr: types::Type, config: TargetFrontendConfig) {
    let entry = b.create_block();
    b.append_block_params_for_function_params(entry);
    b.switch_to_block(entry);
    b.seal_block(entry);
    let p = b.block_params(entry).to_vec();
    let sig = b.import_signature(block_signature(ptr));
    let call = b.ins().call_indirect(sig, p[2], &[p[0], p[1]]);
    let code = b.inst_results(call)[0];
    b.ins().return_(&[code]);
    b.finalize(config);
}

/// Adds one to the u64 at host address `counter`.
fn count_exit(b: &mut FunctionBuilder<'_>, ptr: types::Type, counter: u64) {
    let at = b.ins().iconst(ptr, counter as i64);
    let n = b.ins().load(types::I64, MemFlagsData::trusted(), at, 0);
    let n = b.ins().iadd_imm_s(n, 1);
    b.ins().store(MemFlagsData::trusted(), n, at, 0);
}

/// Tail-calls the block function at `f` with the same arguments.
fn tail_call(b: &mut FunctionBuilder<'_>, ptr: types::Type, f: Value, hart: Value, m: Value) {
    let sig = b.import_signature(block_signature(ptr));
    b.ins().return_call_indirect(sig, f, &[hart, m]);
}

const _: () = assert!(size_of::<JumpEntry>().is_power_of_two());

/// Emits the dispatch stub over the jump cache at `jump_base`.
pub fn dispatch(
    mut b: FunctionBuilder<'_>,
    ptr: types::Type,
    config: TargetFrontendConfig,
    jump_base: u64,
    counter: u64,
) {
    let flags = hart_flags();
    let [entry, tlb, same, hit, miss] = [(); 5].map(|_| b.create_block());
    b.append_block_params_for_function_params(entry);
    b.switch_to_block(entry);
    b.seal_block(entry);
    let (hart, m) = (b.block_params(entry)[0], b.block_params(entry)[1]);
    let pc = b
        .ins()
        .load(types::I32, flags, hart, Hart::PC_OFFSET as i32);
    // The index `chain::jump_index` computes, times the entry size.
    let index = b.ins().ushr_imm_u(pc, 1);
    let index = b.ins().band_imm_u(index, JUMP_ENTRIES as i64 - 1);
    let index = b.ins().uextend(ptr, index);
    let off = b
        .ins()
        .ishl_imm_u(index, i64::from(size_of::<JumpEntry>().ilog2()));
    let base = b.ins().iconst(ptr, jump_base as i64);
    let e = b.ins().iadd(base, off);
    let epc = b
        .ins()
        .load(types::I32, flags, e, JumpEntry::PC_OFFSET as i32);
    let found = b.ins().icmp(IntCC::Equal, epc, pc);
    b.ins().brif(found, tlb, &[], miss, &[]);

    b.switch_to_block(tlb);
    b.seal_block(tlb);
    let table_off = Hart::TLB_OFFSET + AccessKind::Fetch as usize * size_of::<usize>();
    let table = b.ins().load(ptr, flags, hart, table_off as i32);
    let vpn = b.ins().ushr_imm_u(pc, i64::from(PAGE_SHIFT));
    let te = tlb_entry(&mut b, ptr, table, vpn);
    let tvpn = b
        .ins()
        .load(types::I32, flags, te, offset_of!(TlbEntry, vpn) as i32);
    let mapped = b.ins().icmp(IntCC::Equal, tvpn, vpn);
    b.ins().brif(mapped, same, &[], miss, &[]);

    b.switch_to_block(same);
    b.seal_block(same);
    let taddend = b
        .ins()
        .load(types::I32, flags, te, offset_of!(TlbEntry, addend) as i32);
    let eaddend = b
        .ins()
        .load(types::I32, flags, e, JumpEntry::ADDEND_OFFSET as i32);
    let same_page = b.ins().icmp(IntCC::Equal, taddend, eaddend);
    b.ins().brif(same_page, hit, &[], miss, &[]);

    b.switch_to_block(hit);
    b.seal_block(hit);
    let f = b.ins().load(ptr, flags, e, JumpEntry::ENTRY_OFFSET as i32);
    count_exit(&mut b, ptr, counter);
    tail_call(&mut b, ptr, f, hart, m);

    b.switch_to_block(miss);
    b.seal_block(miss);
    let code = b.ins().iconst(types::I64, ret::MISS as i64);
    b.ins().return_(&[code]);
    b.finalize(config);
}

impl Emitter<'_> {
    /// A jump, branch or CSR access ending the block as its `idx`th
    /// instruction: writes `rd`, emits the exits and returns true; false for
    /// any other instruction.
    pub(super) fn end(&mut self, i: &Insn, pc: u32, idx: usize) -> bool {
        use Op::*;
        let link = pc.wrapping_add(u32::from(i.len));
        let taken = pc.wrapping_add(i.imm as u32);
        let cc = match i.op {
            Jal => {
                let l = self.konst(link);
                self.set(i.rd, l);
                self.exit_to(taken, idx + 1);
                return true;
            }
            Jalr => {
                let base = self.get(i.rs1);
                let sum = self.add_imm(base, i.imm);
                let target = self.b.ins().band_imm_s(sum, -2i64);
                let l = self.konst(link);
                self.set(i.rd, l);
                let regs = self.regs;
                self.commit(&regs, target, idx + 1);
                self.exit_to_dispatch();
                return true;
            }
            Beq => IntCC::Equal,
            Bne => IntCC::NotEqual,
            Blt => IntCC::SignedLessThan,
            Bge => IntCC::SignedGreaterThanOrEqual,
            Bltu => IntCC::UnsignedLessThan,
            Bgeu => IntCC::UnsignedGreaterThanOrEqual,
            Csrrw | Csrrs | Csrrc | Csrrwi | Csrrsi | Csrrci => {
                // The write may change the translation mode (satp, MPRV)
                // or move the deadline: no chain slot, the stub decides.
                self.interpreted(i, pc, idx);
                let regs = self.regs;
                let next = self.konst(link);
                self.commit(&regs, next, idx + 1);
                self.exit_to_dispatch();
                return true;
            }
            _ => return false,
        };
        let (a, b) = (self.get(i.rs1), self.get(i.rs2));
        let cond = self.b.ins().icmp(cc, a, b);
        let skipped = std::mem::take(&mut self.skipped);
        if !skipped.is_empty() {
            self.select_over(cond, &skipped, link, taken, idx);
            return true;
        }
        let (yes, no) = (self.b.create_block(), self.b.create_block());
        self.b.ins().brif(cond, yes, &[], no, &[]);
        for (block, target) in [(yes, taken), (no, link)] {
            self.b.switch_to_block(block);
            self.b.seal_block(block);
            self.exit_to(target, idx + 1);
        }
        true
    }

    /// The `idx`th instruction, a branch on `taken_if` whose fall-through
    /// runs `skipped` (from `link`) and rejoins at `taken`, if-converted:
    /// the skipped instructions are computed anyway, each result selected
    /// by the condition, and the one exit to `taken` counts them only when
    /// the branch falls through. They cannot trap, and the member's
    /// deadline check counted them (see `Emitter::member`).
    fn select_over(
        &mut self,
        taken_if: Value,
        skipped: &[Insn],
        link: u32,
        taken: u32,
        idx: usize,
    ) {
        for i in skipped {
            self.get(i.rd);
        }
        let before = self.regs;
        let mut pc = link;
        for (n, i) in skipped.iter().enumerate() {
            self.straight(i, pc, idx + 1 + n);
            pc = pc.wrapping_add(u32::from(i.len));
        }
        let after = std::mem::replace(&mut self.regs, before);
        for r in 1..32 {
            if let (Some(old), Some(new)) = (before.value[r], after.value[r])
                && old != new
            {
                let v = self.b.ins().select(taken_if, old, new);
                self.set(r as u8, v);
            }
        }
        let none = self.b.ins().iconst(types::I64, 0);
        let all = self.b.ins().iconst(types::I64, skipped.len() as i64);
        let ran = self.b.ins().select(taken_if, none, all);
        let retired = self.b.ins().iadd_imm_s(self.start, idx as i64 + 1);
        let retired = self.b.ins().iadd(retired, ran);
        self.exit_counted(taken, retired);
    }

    /// The exit to constant `target` after `count` instructions (see
    /// [`Emitter::exit_counted`]).
    pub(super) fn exit_to(&mut self, target: u32, count: usize) {
        let retired = self.b.ins().iadd_imm_s(self.start, count as i64);
        self.exit_counted(target, retired);
    }

    /// The exit to constant `target` with `retired` instructions retired:
    /// a jump when `target` is a member of the region, else through a
    /// chain slot when it is on the region's page and a slot is left, else
    /// through the dispatch stub.
    fn exit_counted(&mut self, target: u32, retired: Value) {
        if let Some(k) = self.member_at(target) {
            return self.jump_to_member(k, retired);
        }
        let regs = self.regs;
        let next = self.konst(target);
        self.store_state(&regs, next, retired);
        let slot = if target >> 12 == self.pc >> 12 {
            self.take_slot()
        } else {
            None
        };
        let Some(slot) = slot else {
            return self.exit_to_dispatch();
        };
        let at = self.b.ins().iconst(self.ptr, slot as i64);
        let f = self.b.ins().load(self.ptr, hart_flags(), at, 0);
        let (linked, unlinked) = (self.b.create_block(), self.b.create_block());
        self.b.set_cold_block(unlinked);
        self.b.ins().brif(f, linked, &[], unlinked, &[]);
        self.b.switch_to_block(linked);
        self.b.seal_block(linked);
        count_exit(&mut self.b, self.ptr, self.exits.counter);
        tail_call(&mut self.b, self.ptr, f, self.hart, self.machine);
        self.b.switch_to_block(unlinked);
        self.b.seal_block(unlinked);
        self.ret(slot);
    }

    /// The next unused chain slot of this region.
    fn take_slot(&mut self) -> Option<u64> {
        self.exits.slots.pop()
    }

    /// Tail-calls the dispatch stub (`hart.pc` is stored).
    fn exit_to_dispatch(&mut self) {
        let f = self.b.ins().iconst(self.ptr, self.exits.dispatch as i64);
        tail_call(&mut self.b, self.ptr, f, self.hart, self.machine);
    }
}
