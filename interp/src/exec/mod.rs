//! Instruction semantics: one `match` arm per [`Op`].
//!
//! A block's instructions all fall through except its last, so the block
//! loop runs [`step`] (every op that cannot end a block: computation, loads
//! and stores, atomics, floating point) on the body and [`end`] on the last
//! instruction (jumps, branches, system instructions, or anything at a page
//! end). `step` returns only whether it trapped, which keeps the hot path's
//! result in a register. Families share helpers from the files by
//! extension; nothing here knows about blocks, caches or tracing.

mod amo;
mod float;
mod int;
mod mem;
mod system;

use soc::isa::{Insn, Op};
use soc::machine::Machine;
use soc::trap::Exception;

use int::{reg_imm, reg_reg};

/// Where execution continues after the last instruction of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// The instruction after it.
    Next,
    /// A new pc.
    Jump(u32),
    /// WFI: the hart waits for an interrupt, then continues at this pc.
    Wait(u32),
}

/// Why [`step`] did not simply fall through to the next instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leave {
    /// The instruction raised an exception and had no effect.
    Trap(Exception),
    /// The instruction completed, and its slow path moved the machine's
    /// deadline to now: the block must end after it.
    Now,
}

impl From<Exception> for Leave {
    fn from(e: Exception) -> Leave {
        Leave::Trap(e)
    }
}

/// Executes `i` at `pc`, an instruction that does not end a block, with
/// `retired` instructions retired before it (given to the machine's slow
/// paths, so that what they observe is exact).
#[inline(always)]
pub fn step(m: &mut Machine, i: &Insn, pc: u32, retired: u64) -> Result<(), Leave> {
    use Op::*;
    let h = &mut m.hart;
    match i.op {
        Lui => h.set_xreg(i.rd, i.imm as u32),
        Auipc => h.set_xreg(i.rd, pc.wrapping_add(i.imm as u32)),
        Addi => reg_imm(h, i, u32::wrapping_add),
        Slti => reg_imm(h, i, |a, b| u32::from((a as i32) < (b as i32))),
        Sltiu => reg_imm(h, i, |a, b| u32::from(a < b)),
        Xori => reg_imm(h, i, |a, b| a ^ b),
        Ori => reg_imm(h, i, |a, b| a | b),
        Andi => reg_imm(h, i, |a, b| a & b),
        Slli => reg_imm(h, i, |a, b| a << (b & 31)),
        Srli => reg_imm(h, i, |a, b| a >> (b & 31)),
        Srai => reg_imm(h, i, |a, b| ((a as i32) >> (b & 31)) as u32),
        Add => reg_reg(h, i, u32::wrapping_add),
        Sub => reg_reg(h, i, u32::wrapping_sub),
        Sll => reg_reg(h, i, |a, b| a << (b & 31)),
        Slt => reg_reg(h, i, |a, b| u32::from((a as i32) < (b as i32))),
        Sltu => reg_reg(h, i, |a, b| u32::from(a < b)),
        Xor => reg_reg(h, i, |a, b| a ^ b),
        Srl => reg_reg(h, i, |a, b| a >> (b & 31)),
        Sra => reg_reg(h, i, |a, b| ((a as i32) >> (b & 31)) as u32),
        Or => reg_reg(h, i, |a, b| a | b),
        And => reg_reg(h, i, |a, b| a & b),
        Mul => reg_reg(h, i, u32::wrapping_mul),
        Mulh => reg_reg(h, i, |a, b| {
            ((i64::from(a as i32) * i64::from(b as i32)) >> 32) as u32
        }),
        Mulhsu => reg_reg(h, i, |a, b| {
            ((i64::from(a as i32) * i64::from(b)) >> 32) as u32
        }),
        Mulhu => reg_reg(h, i, |a, b| ((u64::from(a) * u64::from(b)) >> 32) as u32),
        // Division by zero and overflow give the spec's results, no trap.
        Div => reg_reg(h, i, |a, b| match b {
            0 => u32::MAX,
            _ => (a as i32).wrapping_div(b as i32) as u32,
        }),
        Divu => reg_reg(h, i, |a, b| a.checked_div(b).unwrap_or(u32::MAX)),
        Rem => reg_reg(h, i, |a, b| match b {
            0 => a,
            _ => (a as i32).wrapping_rem(b as i32) as u32,
        }),
        Remu => reg_reg(h, i, |a, b| a.checked_rem(b).unwrap_or(a)),
        Lb => mem::load(m, i, retired, |b: [u8; 1]| b[0] as i8 as u32)?,
        Lh => mem::load(m, i, retired, |b: [u8; 2]| i16::from_le_bytes(b) as u32)?,
        Lw => mem::load(m, i, retired, u32::from_le_bytes)?,
        Lbu => mem::load(m, i, retired, |b: [u8; 1]| u32::from(b[0]))?,
        Lhu => mem::load(m, i, retired, |b: [u8; 2]| u32::from(u16::from_le_bytes(b)))?,
        Sb => mem::store(m, i, retired, |x| [x as u8])?,
        Sh => mem::store(m, i, retired, |x| (x as u16).to_le_bytes())?,
        Sw => mem::store(m, i, retired, u32::to_le_bytes)?,
        Flw | Fld | Fsw | Fsd => mem::slow(m, retired, |m| mem::fp_load_store(m, i))?,
        Fence => {} // one hart, sequentially consistent: nothing to order
        LrW | ScW | AmoswapW | AmoaddW | AmoxorW | AmoandW | AmoorW | AmominW | AmomaxW
        | AmominuW | AmomaxuW => mem::slow(m, retired, |m| amo::execute(m, i))?,
        _ => float::execute(m, i)?,
    }
    Ok(())
}

/// Executes `i` at `pc` as the last instruction of a block.
#[inline(always)]
pub fn end(m: &mut Machine, i: &Insn, pc: u32) -> Result<Flow, Exception> {
    use Op::*;
    match i.op {
        Jal => Ok(int::jal(&mut m.hart, i, pc)),
        Jalr => Ok(int::jalr(&mut m.hart, i, pc)),
        Beq => Ok(int::branch(&m.hart, i, pc, |a, b| a == b)),
        Bne => Ok(int::branch(&m.hart, i, pc, |a, b| a != b)),
        Blt => Ok(int::branch(&m.hart, i, pc, |a, b| (a as i32) < (b as i32))),
        Bge => Ok(int::branch(&m.hart, i, pc, |a, b| (a as i32) >= (b as i32))),
        Bltu => Ok(int::branch(&m.hart, i, pc, |a, b| a < b)),
        Bgeu => Ok(int::branch(&m.hart, i, pc, |a, b| a >= b)),
        FenceI | Ecall | Ebreak | Mret | Sret | Wfi | SfenceVma | Csrrw | Csrrs | Csrrc
        | Csrrwi | Csrrsi | Csrrci | Illegal => system::execute(m, i, pc),
        // The block ends here anyway: leaving "now" is just the next pc.
        _ => match step(m, i, pc, m.hart.retired) {
            Ok(()) | Err(Leave::Now) => Ok(Flow::Next),
            Err(Leave::Trap(e)) => Err(e),
        },
    }
}
