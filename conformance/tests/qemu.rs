//! Runs every conformance program on `qemu-system-riscv32`, the reference
//! the programs are checked against.
//!
//! QEMU 7.2 conventions (checked by the framework's own negative programs
//! under `programs/framework/`):
//! - `virt`: a write of 0x5555 to the SiFive test finisher exits QEMU with
//!   status 0, `(code << 16) | 0x3333` with status `code` (only the low 8
//!   bits survive as a process exit status);
//! - `spike`: a write of `(n << 1) | 1` to `tohost` (low word, then high
//!   word) exits with status `n`; QEMU insists that the ELF's `tohost` and
//!   `fromhost` symbols have size 8.
//!
//! Without QEMU on `PATH` the test says so on one line (on stderr, past
//! libtest's capture) and passes; CI installs QEMU so it never skips there.

use std::io::Write;
use std::time::Duration;

use conformance::runner::{check_all, find_on_path, qemu_command};

const QEMU: &str = "qemu-system-riscv32";

#[test]
fn every_program_passes_on_qemu() {
    let Some(qemu) = find_on_path(QEMU) else {
        // Written to stderr directly so that libtest's output capture
        // cannot hide it.
        let _ = writeln!(
            std::io::stderr(),
            "{QEMU} not found on PATH: QEMU conformance runs skipped"
        );
        return;
    };
    let qemu = qemu.to_string_lossy().into_owned();
    let programs = conformance::programs();
    if let Err(report) = check_all(programs, Duration::from_secs(20), |p, drive| {
        qemu_command(&qemu, p, drive)
    }) {
        panic!("{report}");
    }
}
