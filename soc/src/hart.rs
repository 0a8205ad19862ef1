//! The architectural state of one RV32GC hart.
//!
//! `#[repr(C)]` with the registers first, so that JIT code can load and
//! store guest registers at fixed offsets (see [`Hart::X_OFFSET`]).

use crate::csr::Csrs;

/// Privilege level, with the encoding of `mstatus.MPP`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Privilege {
    /// U-mode.
    User = 0,
    /// S-mode.
    Supervisor = 1,
    /// M-mode.
    Machine = 3,
}

impl Privilege {
    /// The level encoded by `bits` (`MPP` rules: 2 is not a level).
    pub fn from_bits(bits: u32) -> Option<Privilege> {
        match bits {
            0 => Some(Privilege::User),
            1 => Some(Privilege::Supervisor),
            3 => Some(Privilege::Machine),
            _ => None,
        }
    }

    /// One-letter name, as in Spike's commit log.
    pub fn letter(self) -> char {
        match self {
            Privilege::User => 'U',
            Privilege::Supervisor => 'S',
            Privilege::Machine => 'M',
        }
    }
}

/// The registers of one hart.
#[repr(C)]
#[derive(Clone, Debug)]
pub struct Hart {
    /// Integer registers; `x[0]` is kept at zero by the engines.
    pub x: [u32; 32],
    /// Floating-point registers, 64 bits wide; singles are NaN-boxed.
    pub f: [u64; 32],
    /// Program counter.
    pub pc: u32,
    /// Current privilege level.
    pub prv: Privilege,
    /// Instructions retired since reset (the engines add whole blocks).
    pub retired: u64,
    /// The address reserved by the last `lr.w`, if any.
    pub reservation: Option<u32>,
    /// Control and status registers.
    pub csr: Csrs,
}

impl Hart {
    /// Offset of `x` in the struct, for generated code.
    pub const X_OFFSET: usize = core::mem::offset_of!(Hart, x);
    /// Offset of `f`.
    pub const F_OFFSET: usize = core::mem::offset_of!(Hart, f);
    /// Offset of `pc`.
    pub const PC_OFFSET: usize = core::mem::offset_of!(Hart, pc);

    /// A hart at reset: M-mode, registers zero, pc at `reset_pc`.
    pub fn new(reset_pc: u32) -> Hart {
        Hart {
            x: [0; 32],
            f: [0; 32],
            pc: reset_pc,
            prv: Privilege::Machine,
            retired: 0,
            reservation: None,
            csr: Csrs::new(),
        }
    }

    /// Reads integer register `r`.
    #[inline]
    pub fn xreg(&self, r: u8) -> u32 {
        self.x[usize::from(r & 31)]
    }

    /// Writes integer register `r`; writes to x0 are dropped.
    #[inline]
    pub fn set_xreg(&mut self, r: u8, value: u32) {
        if r != 0 {
            self.x[usize::from(r & 31)] = value;
        }
    }

    /// Reads floating-point register `r`, all 64 bits (a single is
    /// NaN-boxed).
    #[inline]
    pub fn freg(&self, r: u8) -> u64 {
        self.f[usize::from(r & 31)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x0_stays_zero() {
        let mut h = Hart::new(0x1000);
        h.set_xreg(0, 5);
        h.set_xreg(1, 7);
        assert_eq!(h.xreg(0), 0);
        assert_eq!(h.xreg(1), 7);
        h.f[3] = 9;
        assert_eq!(h.freg(3), 9);
        assert_eq!(h.freg(35), 9, "register numbers wrap at 32");
        assert_eq!(Hart::X_OFFSET, 0);
        assert_eq!(Hart::F_OFFSET, 128);
    }

    #[test]
    fn mpp_encoding() {
        assert_eq!(Privilege::from_bits(2), None);
        assert_eq!(Privilege::from_bits(1), Some(Privilege::Supervisor));
        assert!(Privilege::User < Privilege::Machine);
    }
}
