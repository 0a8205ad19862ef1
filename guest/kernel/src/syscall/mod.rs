//! System-call dispatch: abi's table, number in a7, arguments in a0..a5,
//! the result (or a negated errno) in a0.
//!
//! A call that must wait returns [`Outcome::Block`]: the process sleeps with
//! its pc still on the `ecall` and its argument registers untouched, so
//! when it is woken the call simply runs again and finds what it waited for
//! (or blocks again). That is why the kernel needs no stack per process.

mod disk;
mod io;
mod ipc;
mod memory;
mod process;

use abi::{Errno, Sysno};

use crate::proc::{Kernel, Pid, State, Wait};
use crate::vm::address_space::AddressSpace;

/// What a system call did.
pub enum Outcome {
    /// Return this value in a0 and go on.
    Return(isize),
    /// Return 0 and let the next process run.
    Yield,
    /// Sleep; re-run the call when woken.
    Block(Wait),
    /// The image was replaced: the frame is already set up.
    Exec,
    /// The caller has ended.
    Exited,
}

impl From<Result<usize, Errno>> for Outcome {
    fn from(r: Result<usize, Errno>) -> Outcome {
        match r {
            Ok(v) => Outcome::Return(v as isize),
            Err(e) => Outcome::Return(-(e as i32 as isize)),
        }
    }
}

/// Arguments a0..a5.
pub type Args = [usize; 6];

type Handler = fn(&mut Kernel, Pid, Args) -> Outcome;

/// Handlers by number (abi's `Sysno` order).
const TABLE: [Handler; 31] = [
    process::exit,
    process::fork,
    process::exec,
    process::wait,
    process::getpid,
    process::kill,
    process::sleep,
    process::yield_now,
    memory::sbrk,
    memory::mmap,
    memory::munmap,
    io::write,
    io::read,
    ipc::send,
    ipc::recv,
    memory::shm_create,
    memory::shm_map,
    memory::shm_unmap,
    process::ps,
    disk::read,
    disk::write,
    ipc::register,
    ipc::lookup,
    process::set_foreground,
    io::fd_get,
    io::fd_set,
    process::uptime,
    process::free_frames,
    disk::flush,
    process::reboot,
    memory::frame_account,
];

/// Runs the system call of process `pid`; returns whether it may keep the
/// processor.
pub fn dispatch(k: &mut Kernel, pid: Pid) -> bool {
    let Some(p) = k.proc(pid) else { return false };
    let f = &p.frame;
    let args = [f.x[10], f.x[11], f.x[12], f.x[13], f.x[14], f.x[15]];
    let outcome = match Sysno::try_from(f.x[17]) {
        Ok(nr) => TABLE[nr as usize](k, pid, args),
        Err(e) => Outcome::from(Err(e)),
    };
    let Some(p) = k.proc(pid) else { return false };
    match outcome {
        Outcome::Return(v) => {
            p.frame.x[10] = v as usize;
            p.frame.sepc = p.frame.sepc.wrapping_add(4);
            true
        }
        Outcome::Yield => {
            p.frame.x[10] = 0;
            p.frame.sepc = p.frame.sepc.wrapping_add(4);
            false
        }
        Outcome::Block(why) => {
            p.state = State::Blocked(why);
            false
        }
        Outcome::Exec => true,
        Outcome::Exited => false,
    }
}

/// The caller's address space (a running process always has one).
fn aspace(k: &mut Kernel, pid: Pid) -> Result<&mut AddressSpace, Errno> {
    k.proc(pid)
        .and_then(|p| p.aspace.as_mut())
        .ok_or(Errno::ESRCH)
}
