//! Process system calls: exit, fork, exec, wait, getpid, kill, sleep,
//! yield, ps, set_foreground, uptime, free_frames, reboot.

use abi::{
    Errno, ProcInfo, STATE_RUNNABLE, STATE_RUNNING, STATE_SLEEPING, STATE_ZOMBIE, STATUS_KILLED,
    WNOHANG,
};
use alloc::vec::Vec;

use super::{Args, Outcome, aspace};
use crate::arch::{TrapFrame, csr};
use crate::proc::{Kernel, Pid, State, Wait};
use crate::{elf_load, user_ptr};

/// Largest executable exec accepts.
const IMAGE_MAX_BYTES: usize = 4 << 20;
/// Most arguments exec accepts.
const ARGS_MAX: usize = 64;

pub fn exit(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    k.exit(pid, (a[0] & 0xff) as i32);
    Outcome::Exited
}

pub fn fork(k: &mut Kernel, pid: Pid, _: Args) -> Outcome {
    if k.procs.len() >= crate::proc::MAX_PROCS {
        return Outcome::from(Err(Errno::EAGAIN));
    }
    let Some(p) = k.proc(pid) else {
        return Outcome::Exited;
    };
    let (mut frame, fds, name, accounted) = (*p.frame, p.fds, p.name, p.accounted);
    let Some(child_space) = p.aspace.as_mut().and_then(|a| a.fork()) else {
        return Outcome::from(Err(Errno::ENOMEM));
    };
    for m in &child_space.shm {
        k.shm.mapped_again(m.id);
    }
    frame.x[10] = 0;
    frame.sepc = frame.sepc.wrapping_add(4);
    let Some(child) = k.add(pid, child_space, frame) else {
        return Outcome::from(Err(Errno::EAGAIN));
    };
    if let Some(c) = k.proc(child) {
        c.fds = fds;
        c.name = name;
        c.accounted = accounted;
    }
    Outcome::Return(child as isize)
}

pub fn exec(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    match exec_inner(k, pid, a) {
        Ok(()) => Outcome::Exec,
        Err(e) => Outcome::from(Err(e)),
    }
}

fn exec_inner(k: &mut Kernel, pid: Pid, a: Args) -> Result<(), Errno> {
    let space = aspace(k, pid)?;
    let image = user_ptr::copy_in_vec(space, a[0], a[1], IMAGE_MAX_BYTES, Errno::ENOEXEC)?;
    let mut args: Vec<Vec<u8>> = Vec::new();
    let mut total = 0;
    if a[2] != 0 {
        loop {
            let ptr = user_ptr::read_u32(space, a[2].wrapping_add(4 * args.len()))? as usize;
            if ptr == 0 {
                break;
            }
            if args.len() >= ARGS_MAX {
                return Err(Errno::E2BIG);
            }
            let s = user_ptr::read_cstr(space, ptr, elf_load::ARGS_MAX_BYTES)?;
            total += s.len() + 1;
            if total > elf_load::ARGS_MAX_BYTES {
                return Err(Errno::E2BIG);
            }
            args.push(s);
        }
    }
    let (new_space, entry, sp) = elf_load::load(&image, &args)?;
    let Some(p) = k.proc(pid) else {
        return Err(Errno::ESRCH);
    };
    let old = p.aspace.replace(new_space);
    *p.frame = TrapFrame::default();
    p.frame.sepc = entry;
    p.frame.x[2] = sp;
    if let Some(name) = args.first() {
        p.set_name(name);
    }
    if let Some(mut old) = old {
        crate::sched::leave_satp(old.satp());
        for m in core::mem::take(&mut old.shm) {
            old.unmap_range(m.start, m.pages);
            k.shm.unmapped(m.id);
        }
        old.free();
    }
    Ok(())
}

pub fn wait(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    let want = a[0] as isize;
    let matches = |c: &crate::proc::Proc| c.ppid == pid && (want == -1 || c.pid as isize == want);
    if !k.procs.values().any(matches) {
        return Outcome::from(Err(Errno::ECHILD));
    }
    let zombie = k
        .procs
        .values()
        .find(|c| matches(c) && matches!(c.state, State::Zombie(_)));
    let Some((child, status)) = zombie.map(|c| match c.state {
        State::Zombie(s) => (c.pid, s),
        _ => (c.pid, 0),
    }) else {
        return if a[2] & WNOHANG != 0 {
            Outcome::Return(0)
        } else {
            Outcome::Block(Wait::Child)
        };
    };
    if a[1] != 0 {
        let Ok(space) = aspace(k, pid) else {
            return Outcome::Exited;
        };
        if let Err(e) = user_ptr::copy_out(space, a[1], &status.to_le_bytes()) {
            return Outcome::from(Err(e));
        }
    }
    k.procs.remove(&child);
    Outcome::Return(child as isize)
}

pub fn getpid(_: &mut Kernel, pid: Pid, _: Args) -> Outcome {
    Outcome::Return(pid as isize)
}

pub fn kill(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    let target = a[0] as Pid;
    // init adopts orphans and restarts the shell: it must not go.
    if target == 1 {
        return Outcome::from(Err(Errno::EPERM));
    }
    match k.proc(target) {
        Some(p) if !matches!(p.state, State::Zombie(_)) => {
            k.exit(target, STATUS_KILLED);
            if target == pid {
                Outcome::Exited
            } else {
                Outcome::Return(0)
            }
        }
        _ => Outcome::from(Err(Errno::ESRCH)),
    }
}

pub fn sleep(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    let now = csr::time();
    let ticks = (a[0] as u64).saturating_mul(k.ticks_per_ms);
    let Some(p) = k.proc(pid) else {
        return Outcome::Exited;
    };
    let deadline = *p.sleep_deadline.get_or_insert(now.saturating_add(ticks));
    if now >= deadline {
        p.sleep_deadline = None;
        Outcome::Return(0)
    } else {
        Outcome::Block(Wait::Sleep(deadline))
    }
}

pub fn yield_now(_: &mut Kernel, _: Pid, _: Args) -> Outcome {
    Outcome::Yield
}

pub fn ps(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    let mut rows = Vec::new();
    let current = k.current;
    for p in k.procs.values_mut() {
        let state = match p.state {
            State::Runnable if current == Some(p.pid) => STATE_RUNNING,
            State::Runnable => STATE_RUNNABLE,
            State::Blocked(_) => STATE_SLEEPING,
            State::Zombie(_) => STATE_ZOMBIE,
        };
        let frames = p.aspace.as_mut().map_or(0, |s| s.resident_pages()) as u32;
        rows.push(ProcInfo {
            pid: p.pid,
            ppid: p.ppid,
            state,
            frames,
            name: p.name,
        });
    }
    let n = rows.len().min(a[1]);
    let mut bytes = Vec::with_capacity(n * core::mem::size_of::<ProcInfo>());
    for r in &rows[..n] {
        for w in [r.pid, r.ppid, r.state, r.frames] {
            bytes.extend_from_slice(&w.to_le_bytes());
        }
        bytes.extend_from_slice(&r.name);
    }
    let Ok(space) = aspace(k, pid) else {
        return Outcome::Exited;
    };
    Outcome::from(user_ptr::copy_out(space, a[0], &bytes).map(|()| n))
}

pub fn set_foreground(k: &mut Kernel, _: Pid, a: Args) -> Outcome {
    // Ctrl-C must never take init down (see `kill`).
    if a[0] == 1 {
        return Outcome::from(Err(Errno::EPERM));
    }
    k.foreground = a[0] as Pid;
    Outcome::Return(0)
}

pub fn uptime(k: &mut Kernel, _: Pid, _: Args) -> Outcome {
    Outcome::Return(k.uptime_ms() as isize)
}

pub fn free_frames(_: &mut Kernel, _: Pid, _: Args) -> Outcome {
    Outcome::Return(crate::vm::frames::free_count() as isize)
}

pub fn reboot(_: &mut Kernel, _: Pid, a: Args) -> Outcome {
    match (a[0], a[1]) {
        (abi::REBOOT_MAGIC, abi::REBOOT_POWER_OFF) => crate::sbi::shutdown(a[2] != 0),
        (abi::REBOOT_MAGIC, abi::REBOOT_CRASH) => crate::arch::fault_on_purpose(),
        _ => Outcome::from(Err(Errno::EINVAL)),
    }
}
