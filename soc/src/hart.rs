//! The architectural state of one RV32GC hart, which is also the engine
//! context: the one `#[repr(C)]` struct generated code receives a pointer
//! to and reaches everything through.
//!
//! Besides the registers, pc, privilege, retired count, the LR/SC
//! reservation (as plain fields) and the CSRs (`frm`, `fflags`, `mstatus`
//! among them), it holds what generated code needs from the machine: the
//! current TLB table per access kind (kept current by the machine wherever
//! the translation mode changes), the host base and size of guest RAM, the
//! event deadline in retired instructions (see `machine/run.rs`), a request
//! flag, and a slot for an engine's table of helper functions. The
//! interpreter uses the same fields; there is no second copy to sync. Every
//! offset generated code uses is a `*_OFFSET` constant from
//! `core::mem::offset_of!`, checked by the const assertions below.

use core::mem::offset_of;

use crate::csr::Csrs;
use crate::mmu::tlb::TlbEntry;

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

/// [`Hart::request`] bit: the engine must return at the next instruction
/// boundary (set together with a deadline of 0).
pub const REQUEST_RETURN: u32 = 1;

/// The registers of one hart, and the engine context around them.
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
    /// Non-zero while `reservation_addr` holds an LR reservation.
    pub reservation_valid: u32,
    /// The physical address reserved by the last `lr.w`.
    pub reservation_addr: u32,
    /// The engine returns when `retired` reaches this (machine/run.rs).
    pub(crate) deadline: u64,
    /// Requests to the engine ([`REQUEST_RETURN`]); cleared by the run
    /// loop at each deadline.
    pub request: u32,
    /// Size of guest RAM in bytes.
    pub ram_bytes: u32,
    /// The direct RAM window: a load of up to 8 bytes at a RAM offset
    /// below it reads RAM as it is, without the TLB. All of RAM (but its
    /// last 7 bytes) while loads are untranslated and no PMP entry can
    /// refuse them (the data privilege is M and no active entry is
    /// locked); 0 otherwise. `Machine::update_translation_mode` keeps it
    /// current.
    pub ram_window: u32,
    /// Host address of guest RAM offset 0 (`Ram::host_base`).
    pub ram_base: *mut u8,
    /// The TLB table (1024 entries) for each access kind (indexed by
    /// `AccessKind as usize`) in the current translation mode.
    pub tlb: [*const TlbEntry; 3],
    /// The code-write table (see `mmu::tlb`) of the current data
    /// translation: writable pages holding translated code, whose stores
    /// check the code watch.
    pub code_write_tlb: *const TlbEntry,
    /// The code watch: one bit per 64-byte line of RAM (bit `line % 64` of
    /// word `line / 64`), set while the line holds translated code.
    pub code_lines: *const u64,
    /// An engine's table of helper functions for generated code (null
    /// until an engine installs one; soc never reads it).
    pub helpers: *const (),
    /// Control and status registers.
    pub csr: Csrs,
}

impl Hart {
    /// Offset of `x`, for generated code.
    pub const X_OFFSET: usize = offset_of!(Hart, x);
    /// Offset of `f`.
    pub const F_OFFSET: usize = offset_of!(Hart, f);
    /// Offset of `pc`.
    pub const PC_OFFSET: usize = offset_of!(Hart, pc);
    /// Offset of `prv` (one byte, the `mstatus.MPP` encoding).
    pub const PRV_OFFSET: usize = offset_of!(Hart, prv);
    /// Offset of `retired`.
    pub const RETIRED_OFFSET: usize = offset_of!(Hart, retired);
    /// Offset of `reservation_valid`.
    pub const RESERVATION_VALID_OFFSET: usize = offset_of!(Hart, reservation_valid);
    /// Offset of `reservation_addr`.
    pub const RESERVATION_ADDR_OFFSET: usize = offset_of!(Hart, reservation_addr);
    /// Offset of the event deadline (u64, retired instructions).
    pub const DEADLINE_OFFSET: usize = offset_of!(Hart, deadline);
    /// Offset of `request`.
    pub const REQUEST_OFFSET: usize = offset_of!(Hart, request);
    /// Offset of `ram_bytes`.
    pub const RAM_BYTES_OFFSET: usize = offset_of!(Hart, ram_bytes);
    /// Offset of `ram_window`.
    pub const RAM_WINDOW_OFFSET: usize = offset_of!(Hart, ram_window);
    /// Offset of `ram_base`.
    pub const RAM_BASE_OFFSET: usize = offset_of!(Hart, ram_base);
    /// Offset of `tlb` (three pointers, read / write / fetch).
    pub const TLB_OFFSET: usize = offset_of!(Hart, tlb);
    /// Offset of `code_write_tlb`.
    pub const CODE_WRITE_TLB_OFFSET: usize = offset_of!(Hart, code_write_tlb);
    /// Offset of `code_lines`.
    pub const CODE_LINES_OFFSET: usize = offset_of!(Hart, code_lines);
    /// Offset of `helpers`.
    pub const HELPERS_OFFSET: usize = offset_of!(Hart, helpers);
    /// Offset of `frm`.
    pub const FRM_OFFSET: usize = offset_of!(Hart, csr.frm);
    /// Offset of `fflags`.
    pub const FFLAGS_OFFSET: usize = offset_of!(Hart, csr.fflags);
    /// Offset of `mstatus` (FS is bits 13–14).
    pub const MSTATUS_OFFSET: usize = offset_of!(Hart, csr.mstatus);

    /// A hart at reset: M-mode, registers zero, pc at `reset_pc`. The
    /// machine fills in the RAM and TLB pointers.
    pub fn new(reset_pc: u32) -> Hart {
        Hart {
            x: [0; 32],
            f: [0; 32],
            pc: reset_pc,
            prv: Privilege::Machine,
            retired: 0,
            reservation_valid: 0,
            reservation_addr: 0,
            deadline: 0,
            request: 0,
            ram_bytes: 0,
            ram_window: 0,
            ram_base: core::ptr::null_mut(),
            tlb: [core::ptr::null(); 3],
            code_write_tlb: core::ptr::null(),
            code_lines: core::ptr::null(),
            helpers: core::ptr::null(),
            csr: Csrs::new(),
        }
    }

    /// `lr.w`: reserves physical address `paddr`.
    pub fn reserve(&mut self, paddr: u32) {
        self.reservation_valid = 1;
        self.reservation_addr = paddr;
    }

    /// `sc.w`: takes the reservation, if any.
    pub fn take_reservation(&mut self) -> Option<u32> {
        let valid = core::mem::take(&mut self.reservation_valid) != 0;
        valid.then_some(self.reservation_addr)
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

// Generated code relies on these: registers first, 8-byte fields aligned,
// every offset small enough for a load's immediate.
const _: () = {
    assert!(Hart::X_OFFSET == 0 && Hart::F_OFFSET == 128);
    assert!(Hart::RETIRED_OFFSET.is_multiple_of(8) && Hart::DEADLINE_OFFSET.is_multiple_of(8));
    assert!(Hart::RAM_BASE_OFFSET.is_multiple_of(align_of::<*mut u8>()));
    assert!(Hart::TLB_OFFSET.is_multiple_of(align_of::<*const TlbEntry>()));
    assert!(core::mem::size_of::<Privilege>() == 1);
    assert!(core::mem::size_of::<Hart>() < 2048);
};

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
    fn reservation_is_taken_once() {
        let mut h = Hart::new(0);
        assert_eq!(h.take_reservation(), None);
        h.reserve(0x8000_0010);
        assert_eq!(h.take_reservation(), Some(0x8000_0010));
        assert_eq!(h.take_reservation(), None);
    }

    #[test]
    fn mpp_encoding() {
        assert_eq!(Privilege::from_bits(2), None);
        assert_eq!(Privilege::from_bits(1), Some(Privilege::Supervisor));
        assert!(Privilege::User < Privilege::Machine);
    }
}
