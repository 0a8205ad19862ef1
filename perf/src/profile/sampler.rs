//! Taking one sample of a running machine: the pc, the frame-pointer walk
//! over guest memory (read without side effects), and the frames' names.

use soc::csr::state::satp;
use soc::hart::Privilege;
use soc::machine::Machine;
use soc::mem::Ram;
use soc::mmu::AccessKind;
use soc::mmu::sv32::{self, PteMemory, WalkMode};

use super::programs::UserPrograms;
use super::report::Profile;
use super::stack;
use super::symbols::Symbols;

/// The root frame of samples taken in U-mode.
pub const USER_ROOT: &str = "[user]";

/// Samples a machine into a [`Profile`], naming frames from `symbols`
/// and, in U-mode, from the running user program's.
pub struct Sampler {
    symbols: Symbols,
    programs: Option<UserPrograms>,
    profile: Profile,
}

impl Sampler {
    /// A sampler naming frames from `symbols` (unknown addresses are
    /// named by their hex value).
    pub fn new(symbols: Symbols) -> Sampler {
        Sampler {
            symbols,
            programs: None,
            profile: Profile::new(),
        }
    }

    /// Also names U-mode frames as `program::function`, from the symbols
    /// of the user program the kernel says is running.
    pub fn with_programs(self, programs: UserPrograms) -> Sampler {
        Sampler {
            programs: Some(programs),
            ..self
        }
    }

    /// Records the call stack `m` is at now. A U-mode sample is rooted at
    /// `[user]`, with the frames the running program's symbols name as
    /// `program::function` (see [`UserPrograms`]), or else the frames the
    /// machine's symbols name (an OS's user programs are all at the same
    /// address); elsewhere an unnamed frame shows as its address.
    pub fn sample(&mut self, m: &Machine) {
        let frames = stack::walk(m.hart.pc, m.hart.xreg(8), |vaddr| peek(m, vaddr));
        let user = m.hart.prv == Privilege::User;
        let program = match &self.programs {
            Some(p) if user => p.running(m),
            _ => None,
        };
        let named = frames.iter().rev().filter_map(|&a| match program {
            Some((name, symbols)) => symbols.lookup(a).map(|f| format!("{name}::{f}")),
            None => match self.symbols.lookup(a) {
                Some(name) => Some(name.to_string()),
                None if user => None,
                None => Some(format!("{a:#010x}")),
            },
        });
        let names: Vec<String> = user
            .then(|| USER_ROOT.to_string())
            .into_iter()
            .chain(named)
            .collect();
        self.profile.add(names.iter().map(String::as_str));
    }

    /// The samples taken so far.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }
}

/// Reads the aligned guest word at virtual `vaddr` as the hart would now
/// (through Sv32 outside M-mode, user pages included), without setting
/// A/D bits or touching devices: `None` unless it is mapped RAM.
pub fn peek(m: &Machine, vaddr: u32) -> Option<u32> {
    if !vaddr.is_multiple_of(4) {
        return None;
    }
    let satp = m.hart.csr.satp;
    let paddr = if m.hart.prv == Privilege::Machine || satp & satp::MODE_SV32 == 0 {
        vaddr
    } else {
        let mode = WalkMode {
            prv: Privilege::Supervisor,
            sum: true,
            mxr: false,
        };
        let paddr = sv32::walk(&mut ReadOnly(&m.ram), satp, vaddr, AccessKind::Read, mode).ok()?;
        u32::try_from(paddr).ok()?
    };
    let bytes = m.ram.slice(paddr, 4)?;
    Some(u32::from_le_bytes(bytes.try_into().ok()?))
}

/// RAM as the page walker sees it, refusing to write A/D bits.
struct ReadOnly<'a>(&'a Ram);

impl PteMemory for ReadOnly<'_> {
    fn read_pte(&mut self, paddr: u64) -> Option<u32> {
        let bytes = self.0.slice(u32::try_from(paddr).ok()?, 4)?;
        Some(u32::from_le_bytes(bytes.try_into().ok()?))
    }

    fn write_pte(&mut self, _: u64, _: u32) -> bool {
        false
    }
}
