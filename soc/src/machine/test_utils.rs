//! Test helpers: a small virt machine with a program that only spins.

use super::Machine;
use crate::board::{VirtConfig, virt};
use crate::dev::console::BufferConsole;
use crate::elf::minimal_image;
use crate::memmap::RAM_BASE;

/// A 1 MiB virt machine in M-mode, deterministic, with `j .` loaded.
pub(crate) fn machine() -> Machine {
    let config = VirtConfig {
        ram_bytes: 1 << 20,
        deterministic: true,
        console: Box::new(BufferConsole::new()),
        drive: None,
        virtio_legacy: false,
        bootargs: None,
    };
    let image = minimal_image(RAM_BASE, &0x0000_006fu32.to_le_bytes(), 4, 243);
    virt(config, &image).expect("the test image loads").0
}
