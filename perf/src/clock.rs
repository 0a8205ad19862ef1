//! Wall and CPU time of one measured run. In-process runs (the engines,
//! the native build) count the CPU time of the calling thread; a child
//! process (QEMU) counts what the process's waited-for children used,
//! which is that child's alone as long as runs are measured one at a time
//! (the bench harness does).

use std::time::{Duration, Instant};

use nix::sys::resource::{Usage, UsageWho, getrusage};

/// Whose CPU time a [`Stopwatch`] counts.
#[derive(Clone, Copy, Debug)]
pub enum Cpu {
    /// The calling thread.
    Thread,
    /// Children of this process that have been waited for.
    Children,
}

impl Cpu {
    fn who(self) -> UsageWho {
        match self {
            Cpu::Thread => UsageWho::RUSAGE_THREAD,
            Cpu::Children => UsageWho::RUSAGE_CHILDREN,
        }
    }
}

/// Wall and CPU time, started by [`Stopwatch::start`].
pub struct Stopwatch {
    cpu: Cpu,
    wall: Instant,
    used: Duration,
}

/// What a [`Stopwatch`] measured.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Times {
    /// Elapsed real time.
    pub wall: Duration,
    /// User plus system CPU time.
    pub cpu: Duration,
}

impl Stopwatch {
    /// Starts measuring.
    pub fn start(cpu: Cpu) -> Stopwatch {
        Stopwatch {
            cpu,
            used: cpu_used(cpu),
            wall: Instant::now(),
        }
    }

    /// The times since [`Stopwatch::start`].
    pub fn stop(&self) -> Times {
        Times {
            wall: self.wall.elapsed(),
            cpu: cpu_used(self.cpu).saturating_sub(self.used),
        }
    }
}

/// User plus system time so far (zero if the kernel will not say).
fn cpu_used(cpu: Cpu) -> Duration {
    getrusage(cpu.who()).map_or(Duration::ZERO, |u: Usage| {
        let t = |tv: nix::sys::time::TimeVal| {
            Duration::new(tv.tv_sec().max(0) as u64, tv.tv_usec().max(0) as u32 * 1000)
        };
        t(u.user_time()) + t(u.system_time())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_time_grows_with_work() {
        let watch = Stopwatch::start(Cpu::Thread);
        let mut x = 0u64;
        while watch.stop().cpu == Duration::ZERO {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(7));
        }
        let t = watch.stop();
        assert!(t.cpu > Duration::ZERO && t.wall > Duration::ZERO);
    }
}
