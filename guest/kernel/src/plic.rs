//! The PLIC at 0x0C00_0000 (RISC-V PLIC spec): context 1 is hart 0's
//! S-mode on `virt`.

use crate::arch::mmio;

const BASE: usize = 0x0c00_0000;
const ENABLE_CTX1: usize = BASE + 0x2080;
const THRESHOLD_CTX1: usize = BASE + 0x20_1000;
const CLAIM_CTX1: usize = BASE + 0x20_1004;

/// 32-bit accesses, as the spec requires.
fn write(addr: usize, v: u32) {
    mmio::DEVICES.write32(addr, v)
}

fn read(addr: usize) -> u32 {
    mmio::DEVICES.read32(addr)
}

/// Enables `irq` (1..32) for S-mode with priority 1.
pub fn enable(irq: u32) {
    write(BASE + 4 * irq as usize, 1);
    let bits = read(ENABLE_CTX1);
    write(ENABLE_CTX1, bits | (1 << irq));
    write(THRESHOLD_CTX1, 0);
}

/// The highest pending interrupt, claimed (0: none).
pub fn claim() -> u32 {
    read(CLAIM_CTX1)
}

/// Tells the PLIC the interrupt was served.
pub fn complete(irq: u32) {
    write(CLAIM_CTX1, irq);
}
