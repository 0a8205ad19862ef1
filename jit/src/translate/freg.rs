//! The floating-point register cache and the per-block FPU state checks.
//!
//! An `f` register is cached in up to three views of the same value, each
//! made from another on demand, so that double code stays in host FP
//! registers and single code skips the NaN-box test: its 64 raw bits
//! (`I64`), those bits as a double (`F64`), and the single it holds
//! (`F32`: the low half if NaN-boxed, else the canonical NaN, exactly as
//! the interpreter's `soc::fpu::unbox_s`). Writes go to the hart at once in
//! the view they have (a single as its 32 bits and an all-ones upper
//! half), so the exits store nothing. Members pass a carried register in
//! the view the region reads it in (see [`Carry`]).
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

/// The views of one `f` register known so far. When `single` is known but
/// neither `bits` nor `double` is, the register holds that single
/// NaN-boxed (it was written as a single) unless `unboxed`; otherwise
/// `single`, if known, was unboxed from `bits`.
#[derive(Clone, Copy, Default)]
struct FReg {
    /// The 64 bits (`I64`).
    bits: Option<Value>,
    /// The 64 bits as a double (`F64`).
    double: Option<Value>,
    /// The single the register holds (`F32`).
    single: Option<Value>,
    /// `single` was unboxed from bits only the hart holds (a single passed
    /// from another member): they may not be that single NaN-boxed, so
    /// the bits are read from the hart.
    unboxed: bool,
}

/// The view members pass a carried `f` register in: the single it holds
/// when every reader in the region reads it as a single, the double when
/// every reader reads it as a double, else its bits. So single and double
/// code keeps its values in host FP registers from member to member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Carry {
    Bits,
    Double,
    Single,
}

impl Carry {
    /// The Cranelift type of the view.
    pub(super) fn ty(self) -> types::Type {
        match self {
            Carry::Bits => types::I64,
            Carry::Double => types::F64,
            Carry::Single => types::F32,
        }
    }
}

/// `f` register views known so far in a block.
#[derive(Clone, Copy)]
pub(super) struct FRegs {
    reg: [FReg; 32],
}

impl FRegs {
    /// Nothing known yet.
    pub(super) const EMPTY: FRegs = FRegs {
        reg: [FReg {
            bits: None,
            double: None,
            single: None,
            unboxed: false,
        }; 32],
    };

    /// The cache holding just the carried `values`, each in its view (a
    /// single as the member that passed it unboxed it).
    pub(super) fn carried(values: impl Iterator<Item = (u8, Value, Carry)>) -> FRegs {
        let mut f = FRegs::EMPTY;
        for (r, v, carry) in values {
            let reg = &mut f.reg[usize::from(r & 31)];
            match carry {
                Carry::Bits => reg.bits = Some(v),
                Carry::Double => reg.double = Some(v),
                Carry::Single => (reg.single, reg.unboxed) = (Some(v), true),
            }
        }
        f
    }

    /// The cache once `rd` may have changed behind its back.
    pub(super) fn forget(&self, rd: u8) -> FRegs {
        let mut f = *self;
        f.reg[usize::from(rd & 31)] = FReg::default();
        f
    }
}

/// Offset of `f[r]` in the hart.
fn f_offset(r: usize) -> i32 {
    (Hart::F_OFFSET + 8 * r) as i32
}

/// Offsets of the low (a single's) and upper halves of `f[r]` in the hart.
fn f_halves(r: usize) -> (i32, i32) {
    let at = f_offset(r);
    match cfg!(target_endian = "little") {
        true => (at, at + 4),
        false => (at + 4, at),
    }
}

impl Emitter<'_> {
    /// `f[r]` in view `carry`.
    pub(super) fn fget_as(&mut self, r: u8, carry: Carry) -> Value {
        match carry {
            Carry::Bits => self.fget(r),
            Carry::Double => self.get_d(r),
            Carry::Single => self.get_s(r),
        }
    }

    /// The 64 bits of `f[r]`.
    pub(super) fn fget(&mut self, r: u8) -> Value {
        let r = usize::from(r & 31);
        let reg = self.regs.f.reg[r];
        let bits = match (reg.bits, reg.double, reg.single) {
            (Some(bits), _, _) => return bits,
            (None, Some(d), _) => self.b.ins().bitcast(types::I64, MemFlagsData::new(), d),
            (None, None, Some(s)) if !reg.unboxed => {
                let low = self.single_bits(s);
                self.box_s(low)
            }
            (None, None, _) => self
                .b
                .ins()
                .load(types::I64, hart_flags(), self.hart, f_offset(r)),
        };
        self.regs.f.reg[r].bits = Some(bits);
        bits
    }

    /// `f[r]` as a double.
    pub(super) fn get_d(&mut self, r: u8) -> Value {
        let ru = usize::from(r & 31);
        let reg = self.regs.f.reg[ru];
        let double = match (reg.double, reg.bits, reg.single) {
            (Some(d), _, _) => return d,
            (None, None, None) => {
                self.b
                    .ins()
                    .load(types::F64, hart_flags(), self.hart, f_offset(ru))
            }
            _ => {
                let bits = self.fget(r);
                self.b.ins().bitcast(types::F64, MemFlagsData::new(), bits)
            }
        };
        self.regs.f.reg[ru].double = Some(double);
        double
    }

    /// `f[r]` as a single: its low half if NaN-boxed, else the canonical
    /// NaN.
    pub(super) fn get_s(&mut self, r: u8) -> Value {
        let ru = usize::from(r & 31);
        if let Some(s) = self.regs.f.reg[ru].single {
            return s;
        }
        let bits = self.fget(r);
        let upper = self.b.ins().ushr_imm_u(bits, 32);
        let boxed = self
            .b
            .ins()
            .icmp_imm_u(IntCC::Equal, upper, 0xffff_ffff_i64);
        let low = self.b.ins().ireduce(types::I32, bits);
        let nan = self.konst(CANONICAL_NAN_S);
        let single = self.b.ins().select(boxed, low, nan);
        let single = self
            .b
            .ins()
            .bitcast(types::F32, MemFlagsData::new(), single);
        self.regs.f.reg[ru].single = Some(single);
        single
    }

    /// What `fsd` (`double`) or `fsw` stores of `f[r]`: all 64 bits (`I64`
    /// or `F64`) or the low 32 (`I32` or `F32`), raw, in the view at hand.
    pub(super) fn stored_bytes(&mut self, r: u8, double: bool) -> Value {
        let ru = usize::from(r & 31);
        let reg = self.regs.f.reg[ru];
        match (double, reg.bits, reg.double, reg.single) {
            (true, _, Some(d), _) => d,
            (true, ..) => self.fget(r),
            (false, Some(bits), ..) => self.b.ins().ireduce(types::I32, bits),
            (false, None, None, Some(s)) if !reg.unboxed => s,
            (false, None, Some(_), _) => {
                let bits = self.fget(r);
                self.b.ins().ireduce(types::I32, bits)
            }
            (false, None, None, _) => {
                let (low, _) = f_halves(ru);
                self.b.ins().load(types::I32, hart_flags(), self.hart, low)
            }
        }
    }

    /// The low 32 bits of `f[r]` as an integer.
    pub(super) fn low_bits(&mut self, r: u8) -> Value {
        let low = self.stored_bytes(r, false);
        match self.b.func.dfg.value_type(low) {
            types::F32 => self.single_bits(low),
            _ => low,
        }
    }

    /// Sets the 64 bits of `f[r]`.
    pub(super) fn fset(&mut self, r: u8, bits: Value) {
        let r = usize::from(r & 31);
        self.b
            .ins()
            .store(hart_flags(), bits, self.hart, f_offset(r));
        self.regs.f.reg[r] = FReg {
            bits: Some(bits),
            ..FReg::default()
        };
    }

    /// Sets `f[r]` to the double `v`, whose bits are `bits` if known.
    pub(super) fn fset_d(&mut self, r: u8, v: Value, bits: Option<Value>) {
        let r = usize::from(r & 31);
        self.b.ins().store(hart_flags(), v, self.hart, f_offset(r));
        self.regs.f.reg[r] = FReg {
            bits,
            double: Some(v),
            ..FReg::default()
        };
    }

    /// Sets `f[r]` to the single `v`, NaN-boxed.
    pub(super) fn fset_s(&mut self, r: u8, v: Value) {
        let r = usize::from(r & 31);
        let (low, upper) = f_halves(r);
        let ones = self.konst(u32::MAX);
        self.b.ins().store(hart_flags(), v, self.hart, low);
        self.b.ins().store(hart_flags(), ones, self.hart, upper);
        self.regs.f.reg[r] = FReg {
            single: Some(v),
            ..FReg::default()
        };
    }

    /// The 64 register bits of double `v`.
    pub(super) fn bits_d(&mut self, v: Value) -> Value {
        self.b.ins().bitcast(types::I64, MemFlagsData::new(), v)
    }

    /// The 32 bits of single `v`.
    pub(super) fn single_bits(&mut self, v: Value) -> Value {
        self.b.ins().bitcast(types::I32, MemFlagsData::new(), v)
    }

    /// The single whose bits are `bits`.
    pub(super) fn single_of(&mut self, bits: Value) -> Value {
        self.b.ins().bitcast(types::F32, MemFlagsData::new(), bits)
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
