//! Processes: the table, creation, exit and reaping.
//!
//! A process is its trap frame, its address space, its file descriptors
//! and its mailbox. There is no per-process kernel stack: a blocked system
//! call leaves the process at its `ecall` and runs again from the start when
//! woken (see `syscall`), so a process's whole state is in [`Proc`].
//!
//! Locking: everything here lives in the one [`Kernel`] behind
//! `KERNEL`'s spin lock, taken once per trap (the kernel runs on one hart
//! with interrupts off, except in the idle loop, which holds no lock).

use abi::{FdKind, MAX_FDS, Message};
use alloc::boxed::Box;
use alloc::collections::{BTreeMap, VecDeque};
use spin::Mutex;

use crate::arch::TrapFrame;
use crate::console::Console;
use crate::shm::ShmTable;
use crate::virtio_blk::Disk;
use crate::vm::address_space::AddressSpace;

/// A process id.
pub type Pid = u32;

/// Most processes at once (fork fails with EAGAIN past it).
pub const MAX_PROCS: usize = 64;

/// Why a process waits. A woken process re-runs its system call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    /// For a child to end.
    Child,
    /// Until `time` reaches the deadline.
    Sleep(u64),
    /// For a message in its mailbox.
    Recv,
    /// For room in the mailbox of this process.
    Send(Pid),
    /// For console input.
    Console,
    /// For the disk.
    Disk,
}

/// A process's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Ready to run (or running).
    Runnable,
    /// Blocked in a system call.
    Blocked(Wait),
    /// Ended with this status, not yet reaped by its parent.
    Zombie(i32),
}

/// One file descriptor: a kind and a handle (abi's `FdKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FdEntry {
    /// `FdKind` as a number.
    pub kind: u32,
    /// The server's handle (for files).
    pub handle: u32,
}

/// One process.
pub struct Proc {
    /// Its id.
    pub pid: Pid,
    /// Its parent (0: none).
    pub ppid: Pid,
    /// Program name, NUL-padded.
    pub name: [u8; 16],
    /// Run state.
    pub state: State,
    /// Saved registers (boxed: the trap vector writes through its address).
    pub frame: Box<TrapFrame>,
    /// Memory; None once it has ended.
    pub aspace: Option<AddressSpace>,
    /// File descriptors.
    pub fds: [FdEntry; MAX_FDS],
    /// Received messages: (sender, message).
    pub mailbox: VecDeque<(Pid, Message)>,
    /// The deadline of a sleep in progress.
    pub sleep_deadline: Option<u64>,
    /// In the frame account (`vm::frames`): frames allocated while it runs
    /// are counted there. Inherited by fork.
    pub accounted: bool,
}

impl Proc {
    /// The name as text.
    pub fn name_str(&self) -> &str {
        let n = self.name.iter().position(|&b| b == 0).unwrap_or(16);
        core::str::from_utf8(&self.name[..n]).unwrap_or("?")
    }

    /// Sets the name from a path's last component.
    pub fn set_name(&mut self, path: &[u8]) {
        let base = path.rsplit(|&b| b == b'/').next().unwrap_or(path);
        self.name = [0; 16];
        let n = base.len().min(15);
        self.name[..n].copy_from_slice(&base[..n]);
    }
}

/// The kernel's state: one lock for all of it.
pub struct Kernel {
    /// All processes by pid.
    pub procs: BTreeMap<Pid, Proc>,
    /// The process running (or last run).
    pub current: Option<Pid>,
    /// The next pid to hand out.
    pub next_pid: Pid,
    /// Console input.
    pub console: Console,
    /// The process Ctrl-C interrupts (0: none).
    pub foreground: Pid,
    /// Registered services by id (index 1 = the file server).
    pub services: [Pid; 4],
    /// Shared-memory regions.
    pub shm: ShmTable,
    /// The disk, once found.
    pub disk: Option<Disk>,
    /// Processes woken since the last tick, oldest first: they run before
    /// the round robin goes on, so a process that waited for input, a
    /// message or the disk answers at once instead of after every
    /// CPU-bound process's slice (see `sched::pick`).
    pub woken: VecDeque<Pid>,
    /// `time` ticks per millisecond.
    pub ticks_per_ms: u64,
    /// `time` at boot.
    pub boot_time: u64,
}

/// The kernel's state.
pub static KERNEL: Mutex<Kernel> = Mutex::new(Kernel {
    procs: BTreeMap::new(),
    current: None,
    next_pid: 1,
    console: Console::new(),
    foreground: 0,
    services: [0; 4],
    shm: ShmTable::new(),
    disk: None,
    woken: VecDeque::new(),
    ticks_per_ms: 10_000,
    boot_time: 0,
});

/// Console fds 0, 1, 2; the rest closed.
pub fn initial_fds() -> [FdEntry; MAX_FDS] {
    let closed = FdEntry {
        kind: FdKind::Closed as u32,
        handle: 0,
    };
    let console = FdEntry {
        kind: FdKind::Console as u32,
        handle: 0,
    };
    let mut fds = [closed; MAX_FDS];
    fds[..3].fill(console);
    fds
}

impl Kernel {
    /// The process `pid`, if it exists.
    pub fn proc(&mut self, pid: Pid) -> Option<&mut Proc> {
        self.procs.get_mut(&pid)
    }

    /// Adds a process; returns its pid, or None if the table is full.
    pub fn add(&mut self, ppid: Pid, aspace: AddressSpace, frame: TrapFrame) -> Option<Pid> {
        if self.procs.len() >= MAX_PROCS {
            return None;
        }
        let pid = self.next_pid;
        self.next_pid += 1;
        let p = Proc {
            pid,
            ppid,
            name: [0; 16],
            state: State::Runnable,
            frame: Box::new(frame),
            aspace: Some(aspace),
            fds: initial_fds(),
            mailbox: VecDeque::new(),
            sleep_deadline: None,
            accounted: false,
        };
        self.procs.insert(pid, p);
        Some(pid)
    }

    /// Wakes every process blocked for `why`.
    pub fn wake(&mut self, why: Wait) {
        let pids: alloc::vec::Vec<Pid> = self
            .procs
            .values()
            .filter(|p| p.state == State::Blocked(why))
            .map(|p| p.pid)
            .collect();
        for pid in pids {
            self.make_runnable(pid);
        }
    }

    /// Makes a blocked process runnable and queues it to run soon.
    pub fn make_runnable(&mut self, pid: Pid) {
        if let Some(p) = self.procs.get_mut(&pid)
            && matches!(p.state, State::Blocked(_))
        {
            p.state = State::Runnable;
            if !self.woken.contains(&pid) {
                self.woken.push_back(pid);
            }
        }
    }

    /// Ends process `pid` with `status`: frees its memory, mailbox and
    /// shared-memory mappings, hands its children to init, and leaves a
    /// zombie for its parent (or nothing, if it has none).
    pub fn exit(&mut self, pid: Pid, status: i32) {
        let Some(p) = self.procs.get_mut(&pid) else {
            return;
        };
        if matches!(p.state, State::Zombie(_)) {
            return;
        }
        p.state = State::Zombie(status);
        p.mailbox.clear();
        let ppid = p.ppid;
        if let Some(mut aspace) = p.aspace.take() {
            crate::sched::leave_satp(aspace.satp());
            for m in core::mem::take(&mut aspace.shm) {
                aspace.unmap_range(m.start, m.pages);
                self.shm.unmapped(m.id);
            }
            aspace.free();
        }
        self.shm.owner_exited(pid);
        if let Some(d) = self.disk.as_mut() {
            d.forget(pid);
        }
        for s in self.services.iter_mut() {
            if *s == pid {
                *s = 0;
            }
        }
        if self.foreground == pid {
            self.foreground = 0;
        }
        // Orphans go to init, which reaps them; with no init they vanish.
        let orphans: alloc::vec::Vec<Pid> = self
            .procs
            .values()
            .filter(|c| c.ppid == pid)
            .map(|c| c.pid)
            .collect();
        let init_alive = pid != 1
            && self
                .procs
                .get(&1)
                .is_some_and(|p| !matches!(p.state, State::Zombie(_)));
        for c in orphans {
            if init_alive {
                if let Some(child) = self.procs.get_mut(&c) {
                    child.ppid = 1;
                }
            } else {
                self.orphan(c);
            }
        }
        if init_alive {
            self.wake_waiter(1);
        }
        // Senders waiting for room in this mailbox learn it is gone.
        self.wake(Wait::Send(pid));
        if ppid == 0 || !self.procs.contains_key(&ppid) {
            self.procs.remove(&pid);
        } else {
            self.wake_waiter(ppid);
        }
    }

    fn orphan(&mut self, pid: Pid) {
        if let Some(c) = self.procs.get_mut(&pid) {
            c.ppid = 0;
            if matches!(c.state, State::Zombie(_)) {
                self.procs.remove(&pid);
            }
        }
    }

    fn wake_waiter(&mut self, pid: Pid) {
        if self
            .procs
            .get(&pid)
            .is_some_and(|p| p.state == State::Blocked(Wait::Child))
        {
            self.make_runnable(pid);
        }
    }

    /// Milliseconds since boot.
    pub fn uptime_ms(&self) -> u64 {
        (crate::arch::csr::time() - self.boot_time) / self.ticks_per_ms.max(1)
    }
}

/// Prints why the kernel killed a process and ends it.
pub fn kill_with_message(k: &mut Kernel, pid: Pid, status: i32, why: core::fmt::Arguments) {
    if let Some(p) = k.procs.get(&pid) {
        crate::println!("[kernel] pid {} ({}) killed: {}", pid, p.name_str(), why);
    }
    k.exit(pid, status);
}
