//! Test helpers: a small virt machine with a program that only spins.

use super::Machine;
use crate::board::{VirtConfig, virt};
use crate::dev::console::BufferConsole;
use crate::elf::{EM_RISCV, minimal_image};
use crate::memmap::RAM_BASE;

/// A 1 MiB virt machine in M-mode, deterministic, with `j .` loaded.
pub(crate) fn machine() -> Machine {
    let config = VirtConfig {
        deterministic: true,
        ..VirtConfig::new(1 << 20, Box::new(BufferConsole::new()))
    };
    let image = minimal_image(RAM_BASE, &0x0000_006fu32.to_le_bytes(), 4, EM_RISCV);
    virt(config, &image).expect("the test image loads").0
}
