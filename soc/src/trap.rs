//! Exceptions and interrupts, as the Privileged ISA (chapter 3.1.15, `mcause`)
//! numbers them.
//!
//! Guest events are not host errors: execution returns
//! `Result<_, Exception>`, and the `?` path is the trap path. Taking a trap
//! (choosing M or S by delegation, writing the cause/epc/tval CSRs and
//! switching privilege) lives in `machine/traps.rs`.

/// A synchronous exception with its `tval`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exception {
    /// Cause 0: `tval` is the target address.
    InstructionAddressMisaligned(u32),
    /// Cause 1: `tval` is the faulting fetch address.
    InstructionAccessFault(u32),
    /// Cause 2: `tval` is the instruction bits (0 when unknown).
    IllegalInstruction(u32),
    /// Cause 3: `tval` is the pc of the `ebreak`.
    Breakpoint(u32),
    /// Cause 4: `tval` is the address.
    LoadAddressMisaligned(u32),
    /// Cause 5: `tval` is the address.
    LoadAccessFault(u32),
    /// Cause 6: `tval` is the address.
    StoreAddressMisaligned(u32),
    /// Cause 7: `tval` is the address.
    StoreAccessFault(u32),
    /// Cause 8: `ecall` from U-mode.
    EcallFromU,
    /// Cause 9: `ecall` from S-mode.
    EcallFromS,
    /// Cause 11: `ecall` from M-mode.
    EcallFromM,
    /// Cause 12: `tval` is the faulting virtual address.
    InstructionPageFault(u32),
    /// Cause 13: `tval` is the faulting virtual address.
    LoadPageFault(u32),
    /// Cause 15: `tval` is the faulting virtual address.
    StorePageFault(u32),
}

impl Exception {
    /// The exception code written to `mcause`/`scause`.
    pub fn cause(self) -> u32 {
        use Exception::*;
        match self {
            InstructionAddressMisaligned(_) => 0,
            InstructionAccessFault(_) => 1,
            IllegalInstruction(_) => 2,
            Breakpoint(_) => 3,
            LoadAddressMisaligned(_) => 4,
            LoadAccessFault(_) => 5,
            StoreAddressMisaligned(_) => 6,
            StoreAccessFault(_) => 7,
            EcallFromU => 8,
            EcallFromS => 9,
            EcallFromM => 11,
            InstructionPageFault(_) => 12,
            LoadPageFault(_) => 13,
            StorePageFault(_) => 15,
        }
    }

    /// The value written to `mtval`/`stval`.
    pub fn tval(self) -> u32 {
        use Exception::*;
        match self {
            InstructionAddressMisaligned(v)
            | InstructionAccessFault(v)
            | IllegalInstruction(v)
            | Breakpoint(v)
            | LoadAddressMisaligned(v)
            | LoadAccessFault(v)
            | StoreAddressMisaligned(v)
            | StoreAccessFault(v)
            | InstructionPageFault(v)
            | LoadPageFault(v)
            | StorePageFault(v) => v,
            EcallFromU | EcallFromS | EcallFromM => 0,
        }
    }
}

/// An interrupt, named by its `mip` bit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum Interrupt {
    /// Supervisor software interrupt (code 1).
    SupervisorSoftware = 1,
    /// Machine software interrupt (code 3).
    MachineSoftware = 3,
    /// Supervisor timer interrupt (code 5).
    SupervisorTimer = 5,
    /// Machine timer interrupt (code 7).
    MachineTimer = 7,
    /// Supervisor external interrupt (code 9).
    SupervisorExternal = 9,
    /// Machine external interrupt (code 11).
    MachineExternal = 11,
}

impl Interrupt {
    /// Priority order when several are pending and enabled (Privileged ISA
    /// 3.1.9): MEI, MSI, MTI, SEI, SSI, STI.
    pub const BY_PRIORITY: [Interrupt; 6] = [
        Interrupt::MachineExternal,
        Interrupt::MachineSoftware,
        Interrupt::MachineTimer,
        Interrupt::SupervisorExternal,
        Interrupt::SupervisorSoftware,
        Interrupt::SupervisorTimer,
    ];

    /// The exception code (without the interrupt bit).
    pub fn code(self) -> u32 {
        self as u32
    }

    /// The interrupt's bit in `mip`/`mie`.
    pub fn mask(self) -> u32 {
        1 << self.code()
    }
}

/// The interrupt bit of `mcause`/`scause`.
pub const CAUSE_INTERRUPT: u32 = 1 << 31;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_match_the_privileged_spec() {
        assert_eq!(Exception::IllegalInstruction(0).cause(), 2);
        assert_eq!(Exception::EcallFromM.cause(), 11);
        assert_eq!(Exception::StorePageFault(0).cause(), 15);
        assert_eq!(Exception::LoadPageFault(0x1234).tval(), 0x1234);
        assert_eq!(Exception::EcallFromS.tval(), 0);
        assert_eq!(Interrupt::MachineExternal.mask(), 1 << 11);
        assert_eq!(Interrupt::SupervisorTimer.code(), 5);
    }
}
