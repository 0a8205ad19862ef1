//! What generated code calls into Rust for: loads and stores (TLB fast
//! path first, then soc's slow path with the exact retired count), and any
//! other instruction the translator does not generate code for, run by the
//! interpreter's executor ([`interpret`]).
//!
//! Each returns a [`Status`]: go on, the instruction trapped (soc's
//! [`Machine::raise`] has set pc and retired), or the instruction
//! completed and moved the deadline to now (the helper has set pc and
//! retired past it). On either of the last two the block writes back its
//! registers (a load also its destination, when it completed) and returns,
//! through one exit.

use interp::exec::{self, Leave};
use soc::addr::VirtAddr;
use soc::isa::{self, Flags};
use soc::machine::Machine;

/// What a helper tells generated code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum Status {
    /// Continue with the next instruction.
    Next = 0,
    /// The instruction raised an exception (already taken).
    Trapped = 1,
    /// The instruction completed; leave the block after it (pc and
    /// retired are already past it).
    Leave = 2,
}

/// [`Status::Leave`], with the state after the instruction that had
/// `retired` before it committed: pc `next`, one more retired.
fn leave_after(m: &mut Machine, next: u32, retired: u64) -> Status {
    m.hart.pc = next;
    m.hart.retired = retired + 1;
    Status::Leave
}

/// The status after a slow-path access that completed, for the instruction
/// with `retired` before it and `next` after it (the contract in
/// `soc::machine::run`).
fn after_slow(m: &mut Machine, next: u32, retired: u64) -> Status {
    if retired + 1 >= m.deadline() {
        leave_after(m, next, retired)
    } else {
        Status::Next
    }
}

/// Load of `N` bytes at `vaddr` by the instruction at `pc` (followed by
/// `next`): `status << 32 | value` (zero-extended).
pub fn load<const N: usize>(m: &mut Machine, vaddr: u32, pc: u32, next: u32, retired: u64) -> u64 {
    let (bytes, status) = match m.load_fast::<N>(VirtAddr(vaddr)) {
        Some(bytes) => (bytes, Status::Next),
        None => match m.load_slow::<N>(VirtAddr(vaddr), retired) {
            Ok(bytes) => (bytes, after_slow(m, next, retired)),
            Err(e) => {
                m.raise(e, pc, retired);
                return u64::from(Status::Trapped as u32) << 32;
            }
        },
    };
    let mut word = [0u8; 4];
    word[..N].copy_from_slice(&bytes);
    u64::from(status as u32) << 32 | u64::from(u32::from_le_bytes(word))
}

/// Store of the low `N` bytes of `value` at `vaddr`.
pub fn store<const N: usize>(
    m: &mut Machine,
    vaddr: u32,
    value: u32,
    pc: u32,
    next: u32,
    retired: u64,
) -> u32 {
    let mut bytes = [0u8; N];
    bytes.copy_from_slice(&value.to_le_bytes()[..N]);
    if m.store_fast(VirtAddr(vaddr), bytes) {
        return Status::Next as u32;
    }
    match m.store_slow(VirtAddr(vaddr), bytes, retired) {
        Ok(()) => after_slow(m, next, retired) as u32,
        Err(e) => {
            m.raise(e, pc, retired);
            Status::Trapped as u32
        }
    }
}

/// Runs the instruction `raw` at `pc`, with `retired` instructions before
/// it, as the interpreter does: through `exec::step` when it does not end a
/// block, else through `exec::end` as a block's last instruction (which
/// sees `hart.retired` exact, as in the interpreter's block loop). The
/// block has stored every register the instruction may read and reloads
/// what it may write.
pub fn interpret(m: &mut Machine, raw: u32, pc: u32, retired: u64) -> Status {
    let i = isa::decode(raw);
    let done = if i.op.flags().contains(Flags::ENDS_BLOCK) {
        m.hart.retired = retired;
        exec::end(m, &i, pc).map(|_| Status::Next)
    } else {
        match exec::step(m, &i, pc, retired) {
            Ok(()) => Ok(Status::Next),
            Err(Leave::Now) => Ok(leave_after(m, pc.wrapping_add(u32::from(i.len)), retired)),
            Err(Leave::Trap(e)) => Err(e),
        }
    };
    done.unwrap_or_else(|e| {
        m.raise(e, pc, retired);
        Status::Trapped
    })
}
