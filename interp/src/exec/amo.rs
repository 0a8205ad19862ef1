//! The A extension: LR/SC and AMOs on aligned words. There is one hart, so
//! each AMO is simply a read-modify-write; LR records a reservation on the
//! physical address and SC succeeds only on that address. Every `sc.w`
//! clears the reservation; traps leave it, as the spec allows (kernels clear
//! it on a context switch with a dummy `sc.w`).

use soc::isa::{Insn, Op};
use soc::machine::Machine;
use soc::mmu::AccessKind;
use soc::trap::Exception;

/// Executes an LR, SC or AMO.
pub fn execute(m: &mut Machine, i: &Insn) -> Result<(), Exception> {
    use Op::*;
    let vaddr = m.hart.xreg(i.rs1);
    let src = m.hart.xreg(i.rs2);
    match i.op {
        LrW => {
            let paddr = m.translate_atomic(vaddr, AccessKind::Read)?;
            let v = m.read_phys_word(paddr, vaddr, AccessKind::Read)?;
            m.hart.reservation = Some(paddr);
            m.hart.set_xreg(i.rd, v);
        }
        ScW => {
            let paddr = m.translate_atomic(vaddr, AccessKind::Write)?;
            let ok = m.hart.reservation.take() == Some(paddr);
            if ok {
                m.write_phys_word(paddr, vaddr, src)?;
            }
            m.hart.set_xreg(i.rd, u32::from(!ok));
        }
        _ => {
            let paddr = m.translate_atomic(vaddr, AccessKind::Write)?;
            let old = m.read_phys_word(paddr, vaddr, AccessKind::Write)?;
            let new = match i.op {
                AmoswapW => src,
                AmoaddW => old.wrapping_add(src),
                AmoxorW => old ^ src,
                AmoandW => old & src,
                AmoorW => old | src,
                AmominW => (old as i32).min(src as i32) as u32,
                AmomaxW => (old as i32).max(src as i32) as u32,
                AmominuW => old.min(src),
                AmomaxuW => old.max(src),
                _ => unreachable!("not an AMO: {:?}", i.op),
            };
            m.write_phys_word(paddr, vaddr, new)?;
            m.hart.set_xreg(i.rd, old);
        }
    }
    Ok(())
}
