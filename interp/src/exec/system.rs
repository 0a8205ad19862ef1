//! `fence.i`, environment calls, trap returns, WFI, `sfence.vma`, Zicsr and
//! the illegal instruction. All of these end a block.

use super::Flow;
use soc::csr::CsrOp;
use soc::isa::{Insn, Op};
use soc::machine::Machine;
use soc::trap::Exception;

/// Executes a system instruction at `pc`.
pub fn execute(m: &mut Machine, i: &Insn, pc: u32) -> Result<Flow, Exception> {
    use Op::*;
    let next = pc.wrapping_add(u32::from(i.len));
    match i.op {
        FenceI => {
            m.fence_i();
            Ok(Flow::Jump(next))
        }
        Ecall => Err(m.ecall_exception()),
        Ebreak => Err(Exception::Breakpoint(pc)),
        Mret => m.mret(i.raw).map(|()| Flow::Jump(m.hart.pc)),
        Sret => m.sret(i.raw).map(|()| Flow::Jump(m.hart.pc)),
        Wfi => m.check_wfi(i.raw).map(|()| Flow::Wait(next)),
        SfenceVma => m.sfence_vma(i.raw).map(|()| Flow::Jump(next)),
        Csrrw | Csrrs | Csrrc | Csrrwi | Csrrsi | Csrrci => {
            let (op, immediate) = match i.op {
                Csrrw => (CsrOp::Write, false),
                Csrrs => (CsrOp::Set, false),
                Csrrc => (CsrOp::Clear, false),
                Csrrwi => (CsrOp::Write, true),
                Csrrsi => (CsrOp::Set, true),
                _ => (CsrOp::Clear, true),
            };
            let operand = if immediate {
                u32::from(i.rs1)
            } else {
                m.hart.xreg(i.rs1)
            };
            // csrrs/csrrc with x0 or a zero immediate read without writing.
            let writes = op == CsrOp::Write || i.rs1 != 0;
            let old = m.csr_access(i.imm as u16, op, operand, writes, i.raw)?;
            m.hart.set_xreg(i.rd, old);
            Ok(Flow::Jump(next))
        }
        _ => Err(Exception::IllegalInstruction(i.raw)),
    }
}
