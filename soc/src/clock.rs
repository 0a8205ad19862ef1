//! The time base behind `mtime` and the `time` CSR (10 MHz, as QEMU virt).
//!
//! By default `mtime` follows host time. In deterministic mode it is derived
//! from retired instructions instead, so that a run repeats exactly; WFI then
//! skips straight to the next timer deadline.

use std::time::{Duration, Instant};

use crate::memmap::TIMEBASE_HZ;

/// Retired instructions per `mtime` tick in deterministic mode: a nominal
/// 100 MIPS hart.
pub const INSNS_PER_TICK: u64 = 10;

/// How `mtime` advances.
#[derive(Clone, Copy, Debug)]
pub enum ClockMode {
    /// Host wall-clock time since the machine started.
    Host(Instant),
    /// Retired instructions / [`INSNS_PER_TICK`].
    Deterministic,
}

/// The machine's time base.
#[derive(Clone, Debug)]
pub struct Clock {
    mode: ClockMode,
    /// Ticks added to the raw count (set by `mtime` writes and WFI skips).
    offset: u64,
}

impl Clock {
    /// A clock starting at zero now.
    pub fn new(deterministic: bool) -> Clock {
        let mode = if deterministic {
            ClockMode::Deterministic
        } else {
            ClockMode::Host(Instant::now())
        };
        Clock { mode, offset: 0 }
    }

    /// Whether time is derived from retired instructions.
    pub fn is_deterministic(&self) -> bool {
        matches!(self.mode, ClockMode::Deterministic)
    }

    fn raw(&self, retired: u64) -> u64 {
        match self.mode {
            ClockMode::Host(start) => {
                let ns = start.elapsed().as_nanos();
                (ns * u128::from(TIMEBASE_HZ) / 1_000_000_000) as u64
            }
            ClockMode::Deterministic => retired / INSNS_PER_TICK,
        }
    }

    /// Current `mtime`, given the retired-instruction count.
    pub fn mtime(&self, retired: u64) -> u64 {
        self.raw(retired).wrapping_add(self.offset)
    }

    /// Sets `mtime` to `value` now.
    pub fn set_mtime(&mut self, value: u64, retired: u64) {
        self.offset = value.wrapping_sub(self.raw(retired));
    }

    /// Host time to wait until `mtime` reaches `deadline` (zero in
    /// deterministic mode, where [`Clock::skip_to`] applies instead).
    pub fn wait_for(&self, deadline: u64, retired: u64) -> Duration {
        let now = self.mtime(retired);
        match self.mode {
            ClockMode::Host(_) if deadline > now => {
                let ticks = deadline - now;
                Duration::from_nanos(ticks.saturating_mul(1_000_000_000 / TIMEBASE_HZ))
            }
            _ => Duration::ZERO,
        }
    }

    /// Deterministic mode: the retired count at which `mtime` reaches
    /// `deadline` (a future time), so that the engine can stop exactly at
    /// that instruction; `u64::MAX` with host time.
    pub fn retired_at(&self, deadline: u64, retired: u64) -> u64 {
        match self.mode {
            ClockMode::Deterministic => {
                let ahead = deadline.wrapping_sub(self.mtime(retired));
                (retired / INSNS_PER_TICK)
                    .saturating_add(ahead)
                    .saturating_mul(INSNS_PER_TICK)
            }
            ClockMode::Host(_) => u64::MAX,
        }
    }

    /// Deterministic mode: advances `mtime` to `deadline` at once.
    pub fn skip_to(&mut self, deadline: u64, retired: u64) {
        let now = self.mtime(retired);
        if deadline > now {
            self.offset = self.offset.wrapping_add(deadline - now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_time_follows_instructions() {
        let mut c = Clock::new(true);
        assert_eq!(c.mtime(0), 0);
        assert_eq!(c.mtime(1000), 100);
        c.set_mtime(5000, 1000);
        assert_eq!(c.mtime(1000), 5000);
        assert_eq!(c.mtime(1010), 5001);
        c.skip_to(9000, 1010);
        assert_eq!(c.mtime(1010), 9000);
        assert_eq!(c.wait_for(10_000, 1010), Duration::ZERO);
        // mtime reaches 9002 exactly at the 20th instruction after 1010.
        let at = c.retired_at(9002, 1010);
        assert_eq!((at, c.mtime(at - 1), c.mtime(at)), (1030, 9001, 9002));
    }

    #[test]
    fn host_time_moves_forward() {
        let c = Clock::new(false);
        let a = c.mtime(0);
        std::thread::sleep(Duration::from_millis(2));
        assert!(c.mtime(0) > a);
        assert!(c.wait_for(a + 10_000_000, 0) > Duration::from_millis(500));
        assert_eq!(c.retired_at(a + 10, 0), u64::MAX);
    }
}
