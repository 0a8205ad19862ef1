//! Read-only boot ROM at [`crate::memmap::BOOT_ROM_BASE`], holding QEMU
//! `virt`'s reset vector (QEMU `hw/riscv/boot.c`, `riscv_setup_rom_reset_vec`).
//!
//! The reset vector, for RV32:
//!
//! ```text
//! +0   auipc t0, 0            t0 = ROM base
//! +4   addi  a2, t0, 40       a2 = &fw_dynamic_info
//! +8   csrr  a0, mhartid      a0 = hart id
//! +12  lw    a1, 32(t0)       a1 = device tree address
//! +16  lw    t0, 24(t0)       t0 = entry
//! +20  jr    t0
//! +24  entry, 0               (a 64-bit slot)
//! +32  fdt_addr, 0            (a 64-bit slot)
//! +40  fw_dynamic_info: magic, version, next_addr, next_mode, options, boot_hart
//! ```
//!
//! `fw_dynamic_info` is OpenSBI's `fw_dynamic` hand-over (magic "OSBI",
//! version 2, next stage in S-mode); other firmware ignores a2. Reads past the
//! stored bytes return zero, like the rest of QEMU's mask ROM; reads may be
//! unaligned (it is memory). Writes fault.

use crate::bus::{AccessSize, BusFault, DevCtx, Device, read_le};
use crate::csr::table::MHARTID;

/// Offset of the `fw_dynamic_info` structure in the reset-vector ROM.
pub const FW_DYNAMIC_INFO_OFFSET: u32 = 40;
/// `FW_DYNAMIC_INFO_MAGIC_VALUE`: "OSBI" in little-endian ASCII.
pub const FW_DYNAMIC_INFO_MAGIC: u32 = 0x4942_534f;
/// `FW_DYNAMIC_INFO_VERSION` as QEMU writes it.
pub const FW_DYNAMIC_INFO_VERSION: u32 = 2;
/// `FW_DYNAMIC_INFO_NEXT_MODE_S`.
pub const FW_DYNAMIC_INFO_NEXT_MODE_S: u32 = 1;

// Registers the reset vector uses.
const T0: u32 = 5;
const A0: u32 = 10;
const A1: u32 = 11;
const A2: u32 = 12;

/// U-type `auipc rd, imm20`.
fn auipc(rd: u32, imm20: u32) -> u32 {
    (imm20 << 12) | (rd << 7) | 0x17
}

/// I-type instruction with a 12-bit immediate.
fn i_type(opcode: u32, funct3: u32, rd: u32, rs1: u32, imm12: u32) -> u32 {
    ((imm12 & 0xfff) << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | opcode
}

fn addi(rd: u32, rs1: u32, imm: u32) -> u32 {
    i_type(0x13, 0, rd, rs1, imm)
}

fn lw(rd: u32, rs1: u32, imm: u32) -> u32 {
    i_type(0x03, 2, rd, rs1, imm)
}

/// `csrr rd, csr` is `csrrs rd, csr, x0`.
fn csrr(rd: u32, csr: u32) -> u32 {
    i_type(0x73, 2, rd, 0, csr)
}

/// `jr rs1` is `jalr x0, 0(rs1)`.
fn jr(rs1: u32) -> u32 {
    i_type(0x67, 0, 0, rs1, 0)
}

/// The boot ROM.
#[derive(Clone, Debug)]
pub struct BootRom {
    bytes: Vec<u8>,
}

impl BootRom {
    /// A ROM holding `bytes` at offset 0.
    pub fn new(bytes: Vec<u8>) -> BootRom {
        BootRom { bytes }
    }

    /// QEMU's reset vector jumping to `entry` with a1 = `fdt_addr`, with no
    /// next stage for OpenSBI (`next_addr` 0, as QEMU writes without
    /// `-kernel`).
    pub fn reset_vector(entry: u32, fdt_addr: u32) -> BootRom {
        BootRom::reset_vector_with_next(entry, fdt_addr, 0)
    }

    /// QEMU's reset vector whose `fw_dynamic_info` names `next_addr` (the
    /// kernel entry) as OpenSBI's next stage.
    pub fn reset_vector_with_next(entry: u32, fdt_addr: u32, next_addr: u32) -> BootRom {
        let info = FW_DYNAMIC_INFO_OFFSET;
        let words = [
            auipc(T0, 0),
            addi(A2, T0, info),
            csrr(A0, u32::from(MHARTID)),
            lw(A1, T0, 32),
            lw(T0, T0, 24),
            jr(T0),
            entry,
            0,
            fdt_addr,
            0,
            // fw_dynamic_info
            FW_DYNAMIC_INFO_MAGIC,
            FW_DYNAMIC_INFO_VERSION,
            next_addr,
            FW_DYNAMIC_INFO_NEXT_MODE_S,
            0, // options
            0, // boot_hart
        ];
        BootRom::new(words.iter().flat_map(|w| w.to_le_bytes()).collect())
    }

    /// The stored bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl Device for BootRom {
    fn name(&self) -> &'static str {
        "bootrom"
    }

    fn executable(&self) -> bool {
        true
    }

    fn read(&mut self, offset: u32, size: AccessSize, _ctx: &mut DevCtx) -> Result<u32, BusFault> {
        Ok(read_le(&self.bytes, offset, size))
    }

    fn write(
        &mut self,
        _offset: u32,
        _size: AccessSize,
        _value: u32,
        _ctx: &mut DevCtx,
    ) -> Result<(), BusFault> {
        Err(BusFault)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dev::test_utils::Harness;

    /// Instruction fields, decoded independently of the encoders above.
    struct Fields {
        opcode: u32,
        rd: u32,
        funct3: u32,
        rs1: u32,
        /// Sign-extended I-type immediate.
        imm_i: i32,
    }

    fn fields(word: u32) -> Fields {
        Fields {
            opcode: word & 0x7f,
            rd: (word >> 7) & 0x1f,
            funct3: (word >> 12) & 0x7,
            rs1: (word >> 15) & 0x1f,
            imm_i: (word as i32) >> 20,
        }
    }

    fn word(rom: &BootRom, index: usize) -> u32 {
        u32::from_le_bytes(rom.bytes()[index * 4..index * 4 + 4].try_into().unwrap())
    }

    #[test]
    fn reset_vector_decodes_as_qemus_program() {
        let rom = BootRom::reset_vector(0x8000_0000, 0x87e0_0000);

        let f = fields(word(&rom, 0)); // auipc t0, 0
        assert_eq!((f.opcode, f.rd, word(&rom, 0) >> 12), (0x17, 5, 0));
        let f = fields(word(&rom, 1)); // addi a2, t0, 40
        assert_eq!(
            (f.opcode, f.funct3, f.rd, f.rs1, f.imm_i),
            (0x13, 0, 12, 5, 40)
        );
        let f = fields(word(&rom, 2)); // csrrs a0, mhartid, x0
        assert_eq!((f.opcode, f.funct3, f.rd, f.rs1), (0x73, 2, 10, 0));
        assert_eq!(word(&rom, 2) >> 20, 0xf14);
        let f = fields(word(&rom, 3)); // lw a1, 32(t0)
        assert_eq!(
            (f.opcode, f.funct3, f.rd, f.rs1, f.imm_i),
            (0x03, 2, 11, 5, 32)
        );
        let f = fields(word(&rom, 4)); // lw t0, 24(t0)
        assert_eq!(
            (f.opcode, f.funct3, f.rd, f.rs1, f.imm_i),
            (0x03, 2, 5, 5, 24)
        );
        let f = fields(word(&rom, 5)); // jalr x0, 0(t0)
        assert_eq!(
            (f.opcode, f.funct3, f.rd, f.rs1, f.imm_i),
            (0x67, 0, 0, 5, 0)
        );

        // The same words QEMU's boot.c lists for RV32.
        let program: Vec<u32> = (0..6).map(|i| word(&rom, i)).collect();
        assert_eq!(
            program,
            [
                0x0000_0297,
                0x0282_8613,
                0xf140_2573,
                0x0202_a583,
                0x0182_a283,
                0x0002_8067
            ]
        );
        // Data slots the loads reach: 24 -> entry, 32 -> fdt address.
        assert_eq!(word(&rom, 24 / 4), 0x8000_0000);
        assert_eq!(word(&rom, 28 / 4), 0);
        assert_eq!(word(&rom, 32 / 4), 0x87e0_0000);
        assert_eq!(word(&rom, 36 / 4), 0);
    }

    #[test]
    fn fw_dynamic_info_follows_the_program() {
        let rom = BootRom::reset_vector_with_next(0x8000_0000, 0x8220_0000, 0x8040_0000);
        let base = FW_DYNAMIC_INFO_OFFSET as usize / 4;
        let info: Vec<u32> = (base..base + 6).map(|i| word(&rom, i)).collect();
        assert_eq!(info, [0x4942_534f, 2, 0x8040_0000, 1, 0, 0]);
        assert_eq!(&rom.bytes()[40..44], b"OSBI");
        assert_eq!(word(&BootRom::reset_vector(0, 0), base + 2), 0);
    }

    #[test]
    fn reads_any_width_and_zero_past_the_end_and_writes_fault() {
        let mut h = Harness::new(4096);
        let mut rom = BootRom::new(vec![0x11, 0x22, 0x33, 0x44, 0x55]);
        assert_eq!(h.r32(&mut rom, 0), 0x4433_2211);
        assert_eq!(h.r32(&mut rom, 2), 0x0055_4433);
        assert_eq!(h.read(&mut rom, 4, AccessSize::Half), Ok(0x55));
        assert_eq!(h.read(&mut rom, 1, AccessSize::Byte), Ok(0x22));
        assert_eq!(h.r32(&mut rom, 0xeffc), 0);
        assert_eq!(h.r32(&mut rom, u32::MAX), 0);
        assert_eq!(h.write(&mut rom, 0, AccessSize::Word, 0), Err(BusFault));
        assert_eq!(h.write(&mut rom, 0, AccessSize::Byte, 0), Err(BusFault));
        assert_eq!(h.r32(&mut rom, 0), 0x4433_2211);
    }
}
