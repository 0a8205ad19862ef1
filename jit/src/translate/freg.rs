//! The floating-point register cache and the per-block FPU state checks.
//!
//! `f` registers are cached as their 64 raw bits (`I64` SSA values), like
//! the `x` registers: loaded on first use, stored at the exits only when
//! changed. Singles are NaN-boxed exactly as the interpreter does
//! (`soc::fpu::box_s`/`unbox_s`): reading a single whose upper half is
//! not all ones gives the canonical NaN, writing one sets the upper half.
//!
//! `mstatus.FS` cannot change inside a block (only CSR writes and traps
//! change it, and both end the block), so the block tests it once, at its
//! first FP instruction with generated code: when it is Off, that
//! instruction goes to the interpreter, which raises illegal instruction
//! at the exact pc, and the block leaves. The interpreter sets FS to Dirty
//! whenever an instruction writes an `f` register or raises a flag (even
//! one already accrued); the block does it once, right after its first
//! instruction that writes an `f` register, and after each conversion to
//! an integer that raised NX until then.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, MemFlagsData, Value, types};
use soc::csr::state::mstatus;
use soc::fpu::CANONICAL_NAN_S;
use soc::hart::Hart;
use soc::isa::Insn;

use super::{Emitter, hart_flags};

/// The upper half of a NaN-boxed single.
const BOX: i64 = 0xffff_ffff_0000_0000_u64 as i64;

/// `f` register values known so far in a block, and which changed.
#[derive(Clone, Copy)]
pub(super) struct FRegs {
    value: [Option<Value>; 32],
    dirty: [bool; 32],
}

impl FRegs {
    /// Nothing known yet.
    pub(super) const EMPTY: FRegs = FRegs {
        value: [None; 32],
        dirty: [false; 32],
    };

    /// The cache holding just `values`, all as stored.
    pub(super) fn carried(values: impl Iterator<Item = (u8, Value)>) -> FRegs {
        let mut f = FRegs::EMPTY;
        for (r, v) in values {
            f.value[usize::from(r & 31)] = Some(v);
        }
        f
    }

    /// The cache once everything is stored.
    pub(super) fn stored(&self) -> FRegs {
        FRegs {
            value: self.value,
            dirty: [false; 32],
        }
    }

    /// The cache once everything is stored and `rd` may have changed.
    pub(super) fn stored_except(&self, rd: u8) -> FRegs {
        let mut f = self.stored();
        f.value[usize::from(rd & 31)] = None;
        f
    }
}

/// Offset of `f[r]` in the hart.
fn f_offset(r: usize) -> i32 {
    (Hart::F_OFFSET + 8 * r) as i32
}

impl Emitter<'_> {
    /// The 64 bits of `f[r]`.
    pub(super) fn fget(&mut self, r: u8) -> Value {
        let r = usize::from(r & 31);
        if let Some(v) = self.regs.f.value[r] {
            return v;
        }
        let v = self
            .b
            .ins()
            .load(types::I64, hart_flags(), self.hart, f_offset(r));
        self.regs.f.value[r] = Some(v);
        v
    }

    /// Sets the 64 bits of `f[r]`.
    pub(super) fn fset(&mut self, r: u8, bits: Value) {
        let r = usize::from(r & 31);
        self.b
            .ins()
            .store(hart_flags(), bits, self.hart, f_offset(r));
        self.regs.f.value[r] = Some(bits);
    }

    /// Stores the changed registers of `f` back to the hart.
    pub(super) fn write_back_f(&mut self, f: &FRegs) {
        for r in 0..32 {
            if let (true, Some(v)) = (f.dirty[r], f.value[r]) {
                self.b.ins().store(hart_flags(), v, self.hart, f_offset(r));
            }
        }
    }

    /// `f[r]` as a double.
    pub(super) fn get_d(&mut self, r: u8) -> Value {
        let bits = self.fget(r);
        self.b.ins().bitcast(types::F64, MemFlagsData::new(), bits)
    }

    /// `f[r]` as a single: its low half if NaN-boxed, else the canonical
    /// NaN.
    pub(super) fn get_s(&mut self, r: u8) -> Value {
        let bits = self.fget(r);
        let upper = self.b.ins().ushr_imm_u(bits, 32);
        let boxed = self
            .b
            .ins()
            .icmp_imm_u(IntCC::Equal, upper, 0xffff_ffff_i64);
        let low = self.b.ins().ireduce(types::I32, bits);
        let nan = self.konst(CANONICAL_NAN_S);
        let single = self.b.ins().select(boxed, low, nan);
        self.b
            .ins()
            .bitcast(types::F32, MemFlagsData::new(), single)
    }

    /// The 64 register bits of double `v`.
    pub(super) fn bits_d(&mut self, v: Value) -> Value {
        self.b.ins().bitcast(types::I64, MemFlagsData::new(), v)
    }

    /// The 32 bits of single `v`.
    pub(super) fn single_bits(&mut self, v: Value) -> Value {
        self.b.ins().bitcast(types::I32, MemFlagsData::new(), v)
    }

    /// The 64 register bits of single `v`, NaN-boxed.
    pub(super) fn bits_s(&mut self, v: Value) -> Value {
        let low = self.single_bits(v);
        self.box_s(low)
    }

    /// The 32 bits `low` NaN-boxed into 64.
    pub(super) fn box_s(&mut self, low: Value) -> Value {
        let wide = self.b.ins().uextend(types::I64, low);
        self.b.ins().bor_imm_u(wide, BOX)
    }

    /// Tests `mstatus.FS` before the block's first FP instruction with
    /// generated code, the `idx`th, at `pc`: when Off, the instruction is
    /// interpreted (it raises illegal instruction) and the block leaves.
    pub(super) fn require_fpu(&mut self, i: &Insn, pc: u32, idx: usize) {
        if self.fpu_checked {
            return;
        }
        self.fpu_checked = true;
        let status = self.b.ins().load(
            types::I32,
            hart_flags(),
            self.hart,
            Hart::MSTATUS_OFFSET as i32,
        );
        let fs = self.b.ins().band_imm_u(status, i64::from(mstatus::FS));
        let (on, off) = (self.b.create_block(), self.b.create_block());
        self.b.set_cold_block(off);
        self.b.ins().brif(fs, on, &[], off, &[]);
        self.b.switch_to_block(off);
        self.b.seal_block(off);
        let regs = self.regs;
        self.interpreted(i, pc, idx);
        let after = self.regs;
        let next = self.konst(pc.wrapping_add(u32::from(i.len)));
        self.exit_with(&after, next, idx + 1);
        self.regs = regs;
        self.b.switch_to_block(on);
        self.b.seal_block(on);
    }

    /// Sets `mstatus.FS` to Dirty after an instruction that wrote an `f`
    /// register, once per block.
    pub(super) fn fpu_dirty(&mut self) {
        if self.fpu_dirtied {
            return;
        }
        self.fpu_dirtied = true;
        let off = Hart::MSTATUS_OFFSET as i32;
        let status = self.b.ins().load(types::I32, hart_flags(), self.hart, off);
        let dirty = self.b.ins().bor_imm_u(status, i64::from(mstatus::FS));
        self.b.ins().store(hart_flags(), dirty, self.hart, off);
    }

    /// Sets `mstatus.FS` to Dirty unless `exact` holds, after an
    /// instruction that raised NX when inexact (with NX already accrued,
    /// the host result stands, but the interpreter still dirties FS).
    pub(super) fn fpu_dirty_unless(&mut self, exact: Value) {
        if self.fpu_dirtied {
            return;
        }
        let off = Hart::MSTATUS_OFFSET as i32;
        let status = self.b.ins().load(types::I32, hart_flags(), self.hart, off);
        let dirty = self.b.ins().bor_imm_u(status, i64::from(mstatus::FS));
        let status = self.b.ins().select(exact, status, dirty);
        self.b.ins().store(hart_flags(), status, self.hart, off);
    }
}
