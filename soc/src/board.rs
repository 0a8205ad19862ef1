//! The `virt` board: RAM, the devices at their QEMU `virt` addresses
//! (`memmap.rs`), the generated device tree in RAM, and the boot ROM whose
//! reset vector enters the loaded program with a0 = hartid, a1 = FDT, as
//! `qemu-system-riscv32 -machine virt -bios none -kernel PROGRAM` does.

use crate::bus::{Bus, BusError, IrqLines};
use crate::clock::Clock;
use crate::dev::bootrom::BootRom;
use crate::dev::clint::Clint;
use crate::dev::console::Console;
use crate::dev::finisher::{Finisher, FinisherRequest};
use crate::dev::htif::Htif;
use crate::dev::plic::Plic;
use crate::dev::uart16550::Uart16550;
use crate::dev::virtio::blk::{BlockBackend, VirtioBlk};
use crate::dev::virtio::mmio::{MmioVersion, VirtioMmio};
use crate::elf::{self, ElfError, LoadedElf};
use crate::fdt::{self, FdtConfig, FdtError};
use crate::machine::{GuestExit, Machine};
use crate::mem::{Ram, RamError};
use crate::memmap::*;

/// How to build the board.
pub struct VirtConfig {
    /// RAM size in bytes.
    pub ram_bytes: u64,
    /// Derive `mtime` from retired instructions.
    pub deterministic: bool,
    /// Where the UART's bytes go.
    pub console: Box<dyn Console>,
    /// The disk behind the first virtio-mmio transport, if any.
    pub drive: Option<Box<dyn BlockBackend>>,
    /// Use the legacy (version 1) virtio-mmio interface.
    pub virtio_legacy: bool,
    /// Kernel command line for the device tree.
    pub bootargs: Option<String>,
}

impl VirtConfig {
    /// `ram_bytes` of RAM and a console; host time, no disk, modern virtio,
    /// no command line.
    pub fn new(ram_bytes: u64, console: Box<dyn Console>) -> VirtConfig {
        VirtConfig {
            ram_bytes,
            deterministic: false,
            console,
            drive: None,
            virtio_legacy: false,
            bootargs: None,
        }
    }
}

/// Error building the board.
#[derive(Debug, thiserror::Error)]
pub enum BoardError {
    /// RAM could not be created.
    #[error(transparent)]
    Ram(#[from] RamError),
    /// The program could not be loaded.
    #[error(transparent)]
    Elf(#[from] ElfError),
    /// Two devices overlap (a bug in the memory map).
    #[error(transparent)]
    Bus(#[from] BusError),
    /// The device tree could not be generated.
    #[error(transparent)]
    Fdt(#[from] FdtError),
    /// The program puts bytes where the boot ROM's reset vector lives.
    #[error(
        "the program's bytes at {lo:#x}..{hi:#x} overlap the boot ROM's reset vector ({BOOT_ROM_BASE:#x}..{vector_end:#x})"
    )]
    RomOverlap {
        /// Start of the program's part of the ROM window.
        lo: u32,
        /// Its end.
        hi: u32,
        /// End of the reset vector.
        vector_end: u32,
    },
    /// No room for the device tree in RAM next to the program.
    #[error("no room for the {0}-byte device tree in RAM next to the program")]
    NoRoomForFdt(usize),
}

/// Alignment of the device tree's address, as QEMU chooses it.
const FDT_ALIGN: u32 = 2 << 20;

/// Builds the virt board with `program` (an ELF) loaded.
pub fn virt(config: VirtConfig, program: &[u8]) -> Result<(Machine, LoadedElf), BoardError> {
    let mut ram = Ram::new(config.ram_bytes)?;
    let mut rom = vec![0; BOOT_ROM_SIZE as usize];
    let loaded = elf::load(program, &mut ram, &mut rom)?;
    let fdt = fdt::build(&FdtConfig {
        ram_size: ram.size(),
        virtio_count: MAX_VIRTIO_TRANSPORTS,
        bootargs: config.bootargs.as_deref(),
    })?;
    let fdt_addr = place_fdt(&mut ram, &fdt, loaded.extent)?;

    let lines = IrqLines::default();
    let (finisher, finisher_handle) = Finisher::new();
    let mut bus = Bus::new();
    bus.map(
        BOOT_ROM_BASE,
        BOOT_ROM_SIZE,
        Box::new(boot_rom(loaded.entry, fdt_addr, rom, loaded.rom_extent)?),
    )?;
    bus.map(FINISHER_BASE, FINISHER_SIZE, Box::new(finisher))?;
    bus.map(CLINT_BASE, CLINT_SIZE, Box::new(Clint::new()))?;
    bus.map(PLIC_BASE, PLIC_SIZE, Box::new(Plic::new(lines.clone())))?;
    bus.map(
        UART0_BASE,
        UART0_SIZE,
        Box::new(Uart16550::new(config.console, lines.clone())),
    )?;
    let version = if config.virtio_legacy {
        MmioVersion::Legacy
    } else {
        MmioVersion::Modern
    };
    let mut drive = config.drive;
    for n in 0..MAX_VIRTIO_TRANSPORTS {
        let transport = match drive.take() {
            Some(disk) => {
                let blk = Box::new(VirtioBlk::new(disk));
                VirtioMmio::with_version(blk, lines.clone(), virtio_irq(n), version)
            }
            None => VirtioMmio::empty(version),
        };
        bus.map(virtio_base(n), VIRTIO_SIZE, Box::new(transport))?;
    }

    let mut m = Machine::new(ram, bus, Clock::new(config.deterministic), BOOT_ROM_BASE);
    m.htif = loaded
        .tohost
        .map(|tohost| Htif::new(tohost, loaded.fromhost));
    m.set_exit_probe(Box::new(move || {
        finisher_handle.take().map(|request| match request {
            FinisherRequest::Pass => GuestExit::Exit(0),
            FinisherRequest::Fail(code) => GuestExit::Exit(u32::from(code)),
            FinisherRequest::Reset => GuestExit::Reset,
        })
    }));
    m.refresh_interrupts();
    Ok((m, loaded))
}

/// The boot ROM: QEMU's reset vector, then whatever the program loaded
/// into the rest of the ROM's window (`rom`, from offset 0), which must
/// leave the reset vector alone (QEMU refuses overlapping ROM contents too).
fn boot_rom(
    entry: u32,
    fdt_addr: u32,
    mut rom: Vec<u8>,
    program: Option<(u32, u32)>,
) -> Result<BootRom, BoardError> {
    let vector = BootRom::reset_vector(entry, fdt_addr);
    let vector_end = BOOT_ROM_BASE + vector.bytes().len() as u32;
    let Some((lo, hi)) = program else {
        return Ok(vector);
    };
    if lo < vector_end {
        return Err(BoardError::RomOverlap { lo, hi, vector_end });
    }
    rom.truncate((hi - BOOT_ROM_BASE) as usize);
    rom[..vector.bytes().len()].copy_from_slice(vector.bytes());
    Ok(BootRom::new(rom))
}

/// Copies the device tree near the top of RAM (2 MiB-aligned as QEMU does,
/// or just below the top when RAM is small), clear of the program.
/// Addresses are computed in 64 bits: with 2 GiB of RAM its top is 2^32.
fn place_fdt(ram: &mut Ram, fdt: &[u8], program: (u32, u32)) -> Result<u32, BoardError> {
    let no_room = || BoardError::NoRoomForFdt(fdt.len());
    let len = u32::try_from(fdt.len()).map_err(|_| no_room())?;
    let top = u64::from(RAM_BASE) + u64::from(ram.size());
    let highest = top
        .checked_sub(u64::from(len))
        .filter(|&a| a >= u64::from(RAM_BASE));
    let candidates = [
        highest
            .map(|a| a & !u64::from(FDT_ALIGN - 1))
            .filter(|&a| a >= u64::from(RAM_BASE)),
        highest.map(|a| a & !15),
    ];
    let clear =
        |addr: u64| addr >= u64::from(program.1) || addr + u64::from(len) <= u64::from(program.0);
    let addr = candidates
        .into_iter()
        .flatten()
        .find(|&a| clear(a))
        .and_then(|a| u32::try_from(a).ok())
        .ok_or_else(no_room)?;
    ram.slice_mut(addr, len)
        .ok_or_else(no_room)?
        .copy_from_slice(fdt);
    Ok(addr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fdt_goes_to_an_aligned_address_near_the_top() {
        let mut ram = Ram::new(64 << 20).unwrap();
        let fdt = [0xd0, 0x0d, 0xfe, 0xed];
        let addr = place_fdt(&mut ram, &fdt, (RAM_BASE, RAM_BASE + 0x1000)).unwrap();
        assert_eq!(addr, RAM_BASE + (62 << 20));
        assert_eq!(ram.slice(addr, 4), Some(&fdt[..]));
    }

    #[test]
    fn fdt_fits_below_a_program_that_fills_the_aligned_slot() {
        let mut ram = Ram::new(64 << 20).unwrap();
        let top = RAM_BASE + (64 << 20);
        let addr = place_fdt(&mut ram, &[1; 100], (RAM_BASE + (62 << 20), top - 200)).unwrap();
        assert_eq!(addr, (top - 100) & !15);
        assert!(matches!(
            place_fdt(&mut ram, &[1; 100], (RAM_BASE, top)),
            Err(BoardError::NoRoomForFdt(100))
        ));
    }

    #[test]
    fn fdt_fits_in_two_gib_of_ram() {
        let mut ram = Ram::new(2 << 30).unwrap();
        let addr = place_fdt(&mut ram, &[7; 64], (RAM_BASE, RAM_BASE + 0x1000)).unwrap();
        assert_eq!(addr, 0xffe0_0000);
        assert_eq!(ram.slice(addr, 64), Some(&[7; 64][..]));
    }

    #[test]
    fn program_bytes_in_the_rom_window_follow_the_reset_vector() {
        let vector_len = BootRom::reset_vector(0, 0).bytes().len();
        let mut rom = vec![0; BOOT_ROM_SIZE as usize];
        rom[0x1000] = 0xab;
        let built = boot_rom(0x2000, 0, rom.clone(), Some((0x2000, 0x2004))).unwrap();
        assert_eq!(built.bytes().len(), 0x1004);
        assert_eq!(built.bytes()[0x1000], 0xab);
        assert_eq!(
            built.bytes()[..vector_len],
            BootRom::reset_vector(0x2000, 0).bytes()[..]
        );
        assert!(matches!(
            boot_rom(0x2000, 0, rom, Some((0x1010, 0x2000))),
            Err(BoardError::RomOverlap { .. })
        ));
    }
}
