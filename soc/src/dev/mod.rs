//! Device models of the QEMU `virt`-compatible machine, one per file.
//!
//! Each implements [`crate::bus::Device`] and sees offsets within its own
//! window; addresses come from [`crate::memmap`]. Devices never hold a
//! pointer to each other: interrupt lines go through
//! [`crate::bus::IrqLines`], and requests the machine must act on (the test
//! finisher) through shared handles. Building the machine from these parts
//! is left to [`crate::board`].

pub mod bootrom;
pub mod clint;
pub mod console;
pub mod finisher;
pub mod htif;
pub mod plic;
pub mod uart16550;
pub mod virtio;

#[cfg(test)]
pub(crate) mod test_utils;
