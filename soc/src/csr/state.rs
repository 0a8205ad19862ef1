//! CSR storage and the bit layouts of the registers with fields.
//!
//! Registers whose value is computed (counters, `time`, `mip`'s hardware
//! bits, the `sstatus`/`sie`/`sip` views) are assembled in `access.rs`.

use crate::hart::Privilege;

/// `mstatus` fields (RV32).
pub mod mstatus {
    /// S-mode interrupt enable.
    pub const SIE: u32 = 1 << 1;
    /// M-mode interrupt enable.
    pub const MIE: u32 = 1 << 3;
    /// SIE before the last trap into S.
    pub const SPIE: u32 = 1 << 5;
    /// MIE before the last trap into M.
    pub const MPIE: u32 = 1 << 7;
    /// Privilege before the last trap into S (0 = U, 1 = S).
    pub const SPP: u32 = 1 << 8;
    /// Shift of MPP.
    pub const MPP_SHIFT: u32 = 11;
    /// Privilege before the last trap into M.
    pub const MPP: u32 = 3 << MPP_SHIFT;
    /// Shift of FS.
    pub const FS_SHIFT: u32 = 13;
    /// Floating-point unit state (Off, Initial, Clean, Dirty).
    pub const FS: u32 = 3 << FS_SHIFT;
    /// Modify privilege: loads and stores use MPP's translation.
    pub const MPRV: u32 = 1 << 17;
    /// S-mode may access U pages.
    pub const SUM: u32 = 1 << 18;
    /// Loads from executable pages succeed.
    pub const MXR: u32 = 1 << 19;
    /// Trap satp accesses and sfence.vma in S-mode.
    pub const TVM: u32 = 1 << 20;
    /// Trap WFI in S-mode.
    pub const TW: u32 = 1 << 21;
    /// Trap SRET in S-mode.
    pub const TSR: u32 = 1 << 22;
    /// Some state is dirty (FS == Dirty here, as there is no V or X state).
    pub const SD: u32 = 1 << 31;
    /// Bits software can write in `mstatus`.
    pub const WRITABLE: u32 =
        SIE | MIE | SPIE | MPIE | SPP | MPP | FS | MPRV | SUM | MXR | TVM | TW | TSR;
    /// Bits visible through `sstatus`.
    pub const SSTATUS_MASK: u32 = SIE | SPIE | SPP | FS | SUM | MXR | SD;
}

/// `satp` fields (Sv32).
pub mod satp {
    /// MODE: 1 = Sv32, 0 = Bare.
    pub const MODE_SV32: u32 = 1 << 31;
    /// ASID field (9 bits).
    pub const ASID: u32 = 0x1ff << 22;
    /// PPN of the root page table.
    pub const PPN: u32 = 0x003f_ffff;
}

/// `menvcfgh` fields.
pub mod menvcfgh {
    /// Sstc: `stimecmp` enabled.
    pub const STCE: u32 = 1 << 31;
}

/// Interrupt bits of `mip`/`mie`.
pub mod irq {
    /// S software.
    pub const SSI: u32 = 1 << 1;
    /// M software.
    pub const MSI: u32 = 1 << 3;
    /// S timer.
    pub const STI: u32 = 1 << 5;
    /// M timer.
    pub const MTI: u32 = 1 << 7;
    /// S external.
    pub const SEI: u32 = 1 << 9;
    /// M external.
    pub const MEI: u32 = 1 << 11;
    /// The S-level interrupts (those `mideleg` may delegate).
    pub const S_MASK: u32 = SSI | STI | SEI;
    /// Every implemented interrupt.
    pub const ALL: u32 = S_MASK | MSI | MTI | MEI;
}

/// `misa` for RV32IMAFDC with S and U modes.
pub const MISA_VALUE: u32 = (1 << 30)
    | (1 << 0)   // A
    | (1 << 2)   // C
    | (1 << 3)   // D
    | (1 << 5)   // F
    | (1 << 8)   // I
    | (1 << 12)  // M
    | (1 << 18)  // S
    | (1 << 20); // U

/// Exceptions `medeleg` may delegate: all but ecall from M (11) and the
/// reserved codes.
pub const MEDELEG_MASK: u32 = 0xb3ff;

/// The CSRs that are plain storage. `#[repr(C)]` because the JIT will read
/// some of them by offset.
#[repr(C)]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Csrs {
    /// `mstatus` (SD is computed on read).
    pub mstatus: u32,
    /// `medeleg`.
    pub medeleg: u32,
    /// `mideleg`.
    pub mideleg: u32,
    /// `mie`.
    pub mie: u32,
    /// Software-writable bits of `mip` (SSIP, STIP without Sstc, SEIP).
    pub mip_sw: u32,
    /// `mip` bits driven by devices and Sstc (MSIP, MTIP, MEIP, SEIP, STIP).
    pub mip_hw: u32,
    /// `mtvec`.
    pub mtvec: u32,
    /// `mcounteren`.
    pub mcounteren: u32,
    /// `mscratch`.
    pub mscratch: u32,
    /// `mepc`.
    pub mepc: u32,
    /// `mcause`.
    pub mcause: u32,
    /// `mtval`.
    pub mtval: u32,
    /// `menvcfg` (low half).
    pub menvcfg: u32,
    /// `menvcfgh`.
    pub menvcfgh: u32,
    /// `mcountinhibit`.
    pub mcountinhibit: u32,
    /// `stvec`.
    pub stvec: u32,
    /// `scounteren`.
    pub scounteren: u32,
    /// `senvcfg`.
    pub senvcfg: u32,
    /// `sscratch`.
    pub sscratch: u32,
    /// `sepc`.
    pub sepc: u32,
    /// `scause`.
    pub scause: u32,
    /// `stval`.
    pub stval: u32,
    /// `satp`.
    pub satp: u32,
    /// `stimecmp` (64-bit, Sstc).
    pub stimecmp: u64,
    /// Accrued exception flags (`fflags`, 5 bits).
    pub fflags: u32,
    /// Dynamic rounding mode (`frm`, 3 bits).
    pub frm: u32,
    /// `pmpcfg0..3` as 16 one-byte entries.
    pub pmpcfg: [u8; 16],
    /// `pmpaddr0..15`.
    pub pmpaddr: [u32; 16],
    /// Added to the retired-instruction count to give `minstret`.
    pub instret_offset: u64,
    /// Added to the retired-instruction count to give `mcycle`.
    pub cycle_offset: u64,
}

impl Csrs {
    /// Reset values: M-mode, everything off and zero, `stimecmp` too (as
    /// QEMU resets it; the Sstc extension leaves it unspecified). A kernel
    /// that writes only the low half of `stimecmp` relies on the zero high
    /// half.
    pub fn new() -> Self {
        Csrs::default()
    }

    /// `mip` with the device bits of the last refresh (a CSR read sees
    /// them live: `Machine::hardware_irqs`).
    #[inline]
    pub fn mip(&self) -> u32 {
        self.mip_sw | self.mip_hw
    }

    /// Interrupts both pending and enabled in `mie` (before the global
    /// enables and delegation are applied).
    #[inline]
    pub fn pending_enabled(&self) -> u32 {
        self.mip() & self.mie
    }

    /// `mstatus.FS`.
    #[inline]
    pub fn fs(&self) -> u32 {
        (self.mstatus & mstatus::FS) >> mstatus::FS_SHIFT
    }

    /// `mstatus.MPP` as a privilege level. Writes keep the reserved value 2
    /// out of the field, so the `User` fallback never applies.
    #[inline]
    pub fn mpp(&self) -> Privilege {
        Privilege::from_bits((self.mstatus & mstatus::MPP) >> mstatus::MPP_SHIFT)
            .unwrap_or(Privilege::User)
    }

    /// Whether the Sstc timer is enabled (`menvcfg.STCE`).
    #[inline]
    pub fn sstc_enabled(&self) -> bool {
        self.menvcfgh & menvcfgh::STCE != 0
    }
}
