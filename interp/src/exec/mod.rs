//! Instruction semantics: one `match` arm per [`Op`], grouped by extension.
//!
//! Every function here runs one instruction against the machine and tells
//! the block loop where control goes next, or which exception it raised.
//! Nothing here knows about blocks, caches or tracing.

mod amo;
mod float;
mod int;
mod mem;
mod system;

use soc::isa::{Insn, Op};
use soc::machine::Machine;
use soc::trap::Exception;

/// Where execution continues after an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// The next instruction in the block.
    Next,
    /// A new pc; the block ends here.
    Jump(u32),
    /// WFI: the hart waits for an interrupt; the pc is already advanced.
    Wait(u32),
}

/// Executes `insn`, located at `pc`.
#[inline(always)]
pub fn execute(m: &mut Machine, insn: &Insn, pc: u32) -> Result<Flow, Exception> {
    use Op::*;
    match insn.op {
        Lui | Auipc | Jal | Jalr | Beq | Bne | Blt | Bge | Bltu | Bgeu | Addi | Slti | Sltiu
        | Xori | Ori | Andi | Slli | Srli | Srai | Add | Sub | Sll | Slt | Sltu | Xor | Srl
        | Sra | Or | And | Mul | Mulh | Mulhsu | Mulhu | Div | Divu | Rem | Remu => {
            Ok(int::execute(&mut m.hart, insn, pc))
        }
        Lb | Lh | Lw | Lbu | Lhu | Sb | Sh | Sw | Flw | Fsw | Fld | Fsd => mem::execute(m, insn),
        LrW | ScW | AmoswapW | AmoaddW | AmoxorW | AmoandW | AmoorW | AmominW | AmomaxW
        | AmominuW | AmomaxuW => amo::execute(m, insn),
        Fence | FenceI | Ecall | Ebreak | Mret | Sret | Wfi | SfenceVma | Csrrw | Csrrs | Csrrc
        | Csrrwi | Csrrsi | Csrrci | Illegal => system::execute(m, insn, pc),
        _ => float::execute(m, insn),
    }
}
