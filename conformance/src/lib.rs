//! The conformance suite: self-checking RISC-V programs and their runners.
//!
//! The programs live in `programs/<group>/<name>.S` and are assembled into
//! ELF files at build time by `build.rs` (no checked-in binaries). Each one
//! runs from `_start` at 0x8000_0000 in M-mode and ends the run itself:
//! on the `virt` machine through the SiFive test finisher (0x5555 pass,
//! `(code << 16) | 0x3333` fail), on the `spike` machine through HTIF
//! `tohost` (1 pass, `(code << 1) | 1` fail). The exit status of the
//! emulator is then the program's code; [`describe_exit`] decodes it. On
//! `virt` a passing program first prints `PASS` on the UART (the emulator's
//! standard output) and a failing one a line of details; the runners require
//! the `PASS` line, so exiting 0 without running the program does not pass.
//!
//! [`programs`] lists what was built; [`runner`] runs them under a timeout
//! (used by `tests/qemu.rs` here and by the `rvjit` package's
//! `tests/conformance.rs`).
#![deny(missing_docs)]

mod exit;
mod program;
pub mod runner;

pub use exit::{
    BAD_TEST_NUMBER, MAX_TEST_NUMBER, TRAP_EXCEPTION_BASE, TRAP_INTERRUPT_BASE, describe_exit,
};
pub use program::{Drive, Machine, Program, SECTOR_BYTES, disk_pattern, programs};
