//! Runs every conformance program on the `rvjit` CLI and checks each one
//! ends with its expected exit status (0, except the framework's negative
//! programs) and, on the virt machine, prints `PASS` on the UART (stdout);
//! all failures are reported at once.

use std::process::Command;
use std::time::Duration;

use conformance::runner::check_all;

#[test]
fn every_program_passes_on_rvjit() {
    let programs = conformance::programs();
    let result = check_all(programs, Duration::from_secs(60), |p| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rvjit"));
        cmd.args(["run", p.elf, "--max-insns", "100000000"]);
        cmd
    });
    if let Err(report) = result {
        panic!("{report}");
    }
}
