//! What the lockstep test files share.

use soc::board::{VirtConfig, virt};
use soc::dev::console::BufferConsole;
use soc::machine::Machine;

/// A deterministic 1 MiB virt machine running `image` (an ELF).
pub fn machine(image: &[u8]) -> Machine {
    let config = VirtConfig {
        deterministic: true,
        ..VirtConfig::new(1 << 20, Box::new(BufferConsole::new()))
    };
    virt(config, image).expect("the image loads").0
}
