//! Benchmark workloads: guest programs built by `build.rs`, run on the
//! virt machine with an in-memory console.

use soc::board::{self, VirtConfig};
use soc::dev::console::BufferConsole;
use soc::machine::Machine;

/// The integer workload (CRC-32, FNV-1a, heap sort, matrix multiply, sieve).
pub const INTBENCH_ELF: &str = env!("INTBENCH_ELF");
/// A store-heavy loop whose counters share a page with its code (in lines
/// of their own).
pub const CODEDATA_NEAR_ELF: &str = env!("CODEDATA_NEAR_ELF");
/// The same loop with its counters on a page of their own.
pub const CODEDATA_APART_ELF: &str = env!("CODEDATA_APART_ELF");

/// A virt machine with `elf` loaded, deterministic time, 64 MiB of RAM,
/// and a console whose output can be read back.
pub fn machine(elf: &[u8]) -> (Machine, BufferConsole) {
    let console = BufferConsole::new();
    let config = VirtConfig {
        deterministic: true,
        ..VirtConfig::new(64 << 20, Box::new(console.clone()))
    };
    let (m, _) = board::virt(config, elf).expect("workload ELFs are built for the virt machine");
    (m, console)
}

#[cfg(test)]
mod tests {
    use super::*;
    use interp::Interp;
    use soc::machine::{RunLimits, Stop};

    /// Runs workload `elf` to its end; returns its console output and
    /// retired instructions.
    fn run(elf: &str) -> (String, u64) {
        let (mut m, console) = machine(&std::fs::read(elf).unwrap());
        let stop = Interp::new().run(
            &mut m,
            RunLimits {
                max_insns: Some(2_000_000_000),
                ..RunLimits::default()
            },
        );
        let out = String::from_utf8_lossy(&console.output()).into_owned();
        assert_eq!(stop, Stop::Exit(0), "console: {out}");
        (out, m.hart.retired)
    }

    #[test]
    fn intbench_passes_its_own_checksum() {
        let (out, _) = run(INTBENCH_ELF);
        assert!(out.starts_with("intbench checksum "), "{out}");
    }

    #[test]
    fn codedata_builds_agree() {
        let (near, near_insns) = run(CODEDATA_NEAR_ELF);
        let (apart, apart_insns) = run(CODEDATA_APART_ELF);
        assert!(near.starts_with("codedata checksum "), "{near}");
        assert_eq!((near, near_insns), (apart, apart_insns));
    }
}
