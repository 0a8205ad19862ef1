//! Guest memory access: the TLB fast path and the slow path behind it
//! (page walk, PMP, MMIO, HTIF, the code-line watch, page-crossing
//! accesses).
//!
//! Misaligned loads and stores are performed, not trapped (the Privileged
//! ISA allows either; QEMU performs them too). An access that crosses a page
//! boundary translates both pages before it has any effect, so a fault on
//! the second page leaves memory unchanged. LR/SC and AMOs must be aligned:
//! they raise address-misaligned exceptions.

use super::{GuestExit, Machine};
use crate::addr::{PhysAddr, RamOffset, VirtAddr};
use crate::bus::{AccessSize, DevCtx};
use crate::csr::state::{mstatus, satp};
use crate::hart::Privilege;
use crate::mmu::sv32::{self, PteMemory, WalkMode};
use crate::mmu::{AccessKind, PAGE_OFFSET_MASK, PAGE_SIZE, pmp};
use crate::trap::Exception;

impl Machine {
    /// Loads `N` bytes (1, 2, 4 or 8) from virtual `vaddr`, with
    /// `hart.retired` as it is.
    #[inline(always)]
    pub fn load<const N: usize>(&mut self, vaddr: VirtAddr) -> Result<[u8; N], Exception> {
        match self.load_fast(vaddr) {
            Some(bytes) => Ok(bytes),
            None => self.load_slow(vaddr, self.hart.retired),
        }
    }

    /// Stores `N` bytes (1, 2, 4 or 8) to virtual `vaddr`, with
    /// `hart.retired` as it is.
    #[inline(always)]
    pub fn store<const N: usize>(
        &mut self,
        vaddr: VirtAddr,
        bytes: [u8; N],
    ) -> Result<(), Exception> {
        if self.store_fast(vaddr, bytes) {
            return Ok(());
        }
        self.store_slow(vaddr, bytes, self.hart.retired)
    }

    /// The TLB fast path of a load: the bytes when the page is cached for
    /// reads and the access stays inside it, else `None` (nothing happened;
    /// take [`Machine::load_slow`]).
    #[inline(always)]
    pub fn load_fast<const N: usize>(&self, vaddr: VirtAddr) -> Option<[u8; N]> {
        if (vaddr.0 & PAGE_OFFSET_MASK) as usize > PAGE_SIZE as usize - N {
            return None;
        }
        let off = self.tlb.lookup(self.data_set, AccessKind::Read, vaddr)?;
        Some(self.ram.read::<N>(off))
    }

    /// The TLB fast path of a store: whether it was done (when not, nothing
    /// happened; take [`Machine::store_slow`]).
    #[inline(always)]
    #[must_use]
    pub fn store_fast<const N: usize>(&mut self, vaddr: VirtAddr, bytes: [u8; N]) -> bool {
        if (vaddr.0 & PAGE_OFFSET_MASK) as usize > PAGE_SIZE as usize - N {
            return false;
        }
        match self.tlb.lookup(self.data_set, AccessKind::Write, vaddr) {
            Some(off) => {
                self.ram.write::<N>(off, bytes);
                true
            }
            None => false,
        }
    }

    /// Fetches the 16-bit instruction parcel at virtual `vaddr`.
    #[inline(always)]
    pub fn fetch_parcel(&mut self, vaddr: VirtAddr) -> Result<u16, Exception> {
        if let Some(off) = self.tlb.lookup(self.fetch_set, AccessKind::Fetch, vaddr) {
            return Ok(u16::from_le_bytes(self.ram.read::<2>(off)));
        }
        let paddr = self.translate_fetch_slow(vaddr)?;
        self.read_code_parcel(paddr)
            .ok_or(Exception::InstructionAccessFault(vaddr.0))
    }

    /// Translates a fetch from `vaddr` to a physical address (filling the
    /// TLB), for engines that cache code by physical address.
    #[inline(always)]
    pub fn translate_fetch(&mut self, vaddr: VirtAddr) -> Result<PhysAddr, Exception> {
        match self.tlb.lookup(self.fetch_set, AccessKind::Fetch, vaddr) {
            Some(off) => Ok(off.phys()),
            None => self.translate_fetch_slow(vaddr),
        }
    }

    #[inline(never)]
    fn translate_fetch_slow(&mut self, VirtAddr(vaddr): VirtAddr) -> Result<PhysAddr, Exception> {
        let prv = self.hart.prv;
        let paddr = self.translate_checked(vaddr, 2, AccessKind::Fetch, prv)?;
        if self.ram.offset_of(paddr, 2).is_some() || self.bus.is_executable(paddr) {
            Ok(PhysAddr(paddr))
        } else {
            Err(Exception::InstructionAccessFault(vaddr))
        }
    }

    /// The parcel at physical `paddr`, from RAM or the boot ROM.
    pub fn read_code_parcel(&mut self, PhysAddr(paddr): PhysAddr) -> Option<u16> {
        if let Some(off) = self.ram.offset_of(paddr, 2) {
            return Some(u16::from_le_bytes(self.ram.read::<2>(off)));
        }
        if !self.bus.is_executable(paddr) {
            return None;
        }
        // Executable devices are immutable memory: the read needs no time
        // and has no effects to apply, so it bypasses `with_devices`.
        let mut ctx = DevCtx {
            mtime: 0,
            new_mtime: None,
            ram: &mut self.ram,
        };
        self.bus
            .read(paddr, AccessSize::Half, &mut ctx)
            .ok()
            .map(|v| v as u16)
    }

    /// Translates and PMP-checks an access of `len` bytes within one page
    /// (a TLB victim needs neither). Fills the TLB when the whole page is
    /// RAM and uniformly allowed.
    fn translate_checked(
        &mut self,
        vaddr: u32,
        len: u32,
        kind: AccessKind,
        prv: Privilege,
    ) -> Result<u32, Exception> {
        let set = if kind == AccessKind::Fetch {
            self.fetch_set
        } else {
            self.data_set
        };
        if let Some(off) = self.tlb.promote(set, kind, VirtAddr(vaddr)) {
            return Ok(off.phys().0);
        }
        let paddr = self.translate_page(vaddr, kind, prv)?;
        let csr = &self.hart.csr;
        if !pmp::allows(&csr.pmpcfg, &csr.pmpaddr, paddr, u64::from(len), kind, prv) {
            return Err(kind.access_fault(vaddr));
        }
        let paddr = u32::try_from(paddr).map_err(|_| kind.access_fault(vaddr))?;
        let page = paddr & !PAGE_OFFSET_MASK;
        if let Some(off) = self.ram.offset_of(page, PAGE_SIZE) {
            let whole_page = pmp::allows(
                &csr.pmpcfg,
                &csr.pmpaddr,
                u64::from(page),
                u64::from(PAGE_SIZE),
                kind,
                prv,
            );
            let write = kind == AccessKind::Write;
            let htif = write && self.htif.is_some_and(|h| h.watched_page() == off.0);
            let code = write && self.code.is_code_page(off);
            match (whole_page && !htif, code) {
                (true, false) => self.tlb.insert(set, kind, VirtAddr(vaddr), off),
                (true, true) => self.tlb.insert_code_write(set, VirtAddr(vaddr), off),
                (false, _) => {}
            }
        }
        Ok(paddr)
    }

    /// Virtual to physical, without PMP: identity in M-mode or with
    /// `satp` Bare, otherwise the Sv32 walk.
    fn translate_page(
        &mut self,
        vaddr: u32,
        kind: AccessKind,
        prv: Privilege,
    ) -> Result<u64, Exception> {
        let csr = &self.hart.csr;
        if prv == Privilege::Machine || csr.satp & satp::MODE_SV32 == 0 {
            return Ok(u64::from(vaddr));
        }
        let mode = WalkMode {
            prv,
            sum: csr.mstatus & mstatus::SUM != 0,
            mxr: csr.mstatus & mstatus::MXR != 0,
        };
        let satp = csr.satp;
        sv32::walk(&mut WalkerMemory(self), satp, vaddr, kind, mode)
    }

    /// The slow path of a load (page walk, PMP, MMIO, page crossing), for
    /// the instruction with `retired` instructions before it: devices see
    /// that time. Afterwards the engine checks [`Machine::deadline`].
    #[inline(never)]
    pub fn load_slow<const N: usize>(
        &mut self,
        VirtAddr(vaddr): VirtAddr,
        retired: u64,
    ) -> Result<[u8; N], Exception> {
        self.hart.retired = retired;
        let prv = self.data_privilege();
        let mut out = [0u8; N];
        let first = ((PAGE_SIZE - (vaddr & PAGE_OFFSET_MASK)) as usize).min(N);
        let p0 = self.translate_checked(vaddr, first as u32, AccessKind::Read, prv)?;
        if first == N {
            self.read_phys(p0, &mut out)
                .ok_or(Exception::LoadAccessFault(vaddr))?;
            return Ok(out);
        }
        let v1 = vaddr.wrapping_add(first as u32);
        let p1 = self.translate_checked(v1, (N - first) as u32, AccessKind::Read, prv)?;
        let (a, b) = out.split_at_mut(first);
        self.read_phys(p0, a)
            .ok_or(Exception::LoadAccessFault(vaddr))?;
        self.read_phys(p1, b)
            .ok_or(Exception::LoadAccessFault(v1))?;
        Ok(out)
    }

    /// The slow path of a store, as [`Machine::load_slow`]; a store to a
    /// device, into cached code or to the HTIF mailbox moves the deadline
    /// to now.
    #[inline(never)]
    pub fn store_slow<const N: usize>(
        &mut self,
        VirtAddr(vaddr): VirtAddr,
        bytes: [u8; N],
        retired: u64,
    ) -> Result<(), Exception> {
        self.hart.retired = retired;
        if (vaddr & PAGE_OFFSET_MASK) as usize <= PAGE_SIZE as usize - N
            && let Some(off) = self.tlb.lookup_code_write(self.data_set, VirtAddr(vaddr))
        {
            self.ram.write::<N>(off, bytes);
            self.code_written(off, N as u32);
            return Ok(());
        }
        let prv = self.data_privilege();
        let first = ((PAGE_SIZE - (vaddr & PAGE_OFFSET_MASK)) as usize).min(N);
        let p0 = self.translate_checked(vaddr, first as u32, AccessKind::Write, prv)?;
        if first == N {
            return self
                .write_phys(p0, &bytes)
                .ok_or(Exception::StoreAccessFault(vaddr));
        }
        let v1 = vaddr.wrapping_add(first as u32);
        let p1 = self.translate_checked(v1, (N - first) as u32, AccessKind::Write, prv)?;
        self.write_phys(p0, &bytes[..first])
            .ok_or(Exception::StoreAccessFault(vaddr))?;
        self.write_phys(p1, &bytes[first..])
            .ok_or(Exception::StoreAccessFault(v1))
    }

    /// Reads physical memory (RAM or MMIO) into `out`; `None` on a bus fault.
    fn read_phys(&mut self, paddr: u32, out: &mut [u8]) -> Option<()> {
        if let Some(src) = self.ram.slice(paddr, out.len() as u32) {
            out.copy_from_slice(src);
            return Some(());
        }
        // MMIO: 8-byte accesses (fld) become two word reads.
        for (i, chunk) in out.chunks_mut(4).enumerate() {
            let size = access_size(chunk.len())?;
            let at = paddr.wrapping_add(4 * i as u32);
            let v = self.with_devices(|bus, ctx| bus.read(at, size, ctx)).ok()?;
            chunk.copy_from_slice(&v.to_le_bytes()[..chunk.len()]);
        }
        Some(())
    }

    /// Writes `bytes` to physical memory; `None` on a bus fault.
    fn write_phys(&mut self, paddr: u32, bytes: &[u8]) -> Option<()> {
        if let Some(off) = self.ram.offset_of(paddr, bytes.len() as u32) {
            self.ram.bytes_mut(off, bytes.len()).copy_from_slice(bytes);
            self.code_written(off, bytes.len() as u32);
            self.htif_store(paddr, bytes.len() as u32);
            return Some(());
        }
        for (i, chunk) in bytes.chunks(4).enumerate() {
            let size = access_size(chunk.len())?;
            let mut word = [0u8; 4];
            word[..chunk.len()].copy_from_slice(chunk);
            let (at, value) = (paddr.wrapping_add(4 * i as u32), u32::from_le_bytes(word));
            // A device write may change interrupt lines, timers or exits.
            self.end_run_now();
            self.with_devices(|bus, ctx| bus.write(at, size, value, ctx))
                .ok()?;
        }
        Some(())
    }

    /// Passes a RAM store to the HTIF mailbox, which may end the run.
    fn htif_store(&mut self, paddr: u32, len: u32) {
        if let Some(htif) = self.htif.as_mut()
            && let Some(code) = htif.on_store(paddr, len, &mut self.ram, &mut std::io::stdout())
        {
            self.guest_exit(GuestExit::Exit(code));
        }
    }

    /// Translates `vaddr` for an LR/SC/AMO of 4 bytes (which must be
    /// aligned) with store permissions; returns the physical address.
    pub fn translate_atomic(&mut self, vaddr: u32, kind: AccessKind) -> Result<u32, Exception> {
        if vaddr & 3 != 0 {
            return Err(match kind {
                AccessKind::Read => Exception::LoadAddressMisaligned(vaddr),
                _ => Exception::StoreAddressMisaligned(vaddr),
            });
        }
        let prv = self.data_privilege();
        self.translate_checked(vaddr, 4, kind, prv)
    }

    /// Reads the aligned word at physical `paddr` for an atomic.
    pub fn read_phys_word(
        &mut self,
        paddr: u32,
        vaddr: u32,
        kind: AccessKind,
    ) -> Result<u32, Exception> {
        let mut b = [0u8; 4];
        self.read_phys(paddr, &mut b)
            .ok_or(kind.access_fault(vaddr))?;
        Ok(u32::from_le_bytes(b))
    }

    /// Writes the aligned word at physical `paddr` for an atomic.
    pub fn write_phys_word(&mut self, paddr: u32, vaddr: u32, value: u32) -> Result<(), Exception> {
        self.write_phys(paddr, &value.to_le_bytes())
            .ok_or(Exception::StoreAccessFault(vaddr))
    }
}

fn access_size(len: usize) -> Option<AccessSize> {
    match len {
        1 => Some(AccessSize::Byte),
        2 => Some(AccessSize::Half),
        4 => Some(AccessSize::Word),
        _ => None,
    }
}

/// The page walker's view of physical memory: PTEs live in RAM, and their
/// reads and writes are checked by PMP as S-mode accesses.
struct WalkerMemory<'a>(&'a mut Machine);

impl WalkerMemory<'_> {
    fn pte_offset(&self, paddr: u64, kind: AccessKind) -> Option<RamOffset> {
        let csr = &self.0.hart.csr;
        if !pmp::allows(
            &csr.pmpcfg,
            &csr.pmpaddr,
            paddr,
            4,
            kind,
            Privilege::Supervisor,
        ) {
            return None;
        }
        self.0.ram.offset_of(u32::try_from(paddr).ok()?, 4)
    }
}

impl PteMemory for WalkerMemory<'_> {
    fn read_pte(&mut self, paddr: u64) -> Option<u32> {
        let off = self.pte_offset(paddr, AccessKind::Read)?;
        Some(u32::from_le_bytes(self.0.ram.read::<4>(off)))
    }

    fn write_pte(&mut self, paddr: u64, pte: u32) -> bool {
        let Some(off) = self.pte_offset(paddr, AccessKind::Write) else {
            return false;
        };
        self.0.ram.write::<4>(off, pte.to_le_bytes());
        self.0.code_written(off, 4);
        true
    }
}
