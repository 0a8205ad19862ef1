//! The list of programs `build.rs` built: their names, ELF paths, and the
//! machine each one reports through.

/// Which machine a program expects, i.e. how it reports its result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Machine {
    /// QEMU `virt`: reports through the SiFive test finisher at 0x10_0000
    /// and prints failure details on the NS16550A UART at 0x1000_0000.
    Virt,
    /// QEMU `spike`: reports through HTIF, a write to the `tohost` symbol.
    Spike,
}

impl Machine {
    /// The QEMU `-machine` name.
    pub fn qemu_name(self) -> &'static str {
        match self {
            Machine::Virt => "virt",
            Machine::Spike => "spike",
        }
    }
}

/// One built conformance program.
#[derive(Clone, Copy, Debug)]
pub struct Program {
    /// `group/name`, the path of the source under `programs/` without `.S`.
    pub name: &'static str,
    /// Absolute path of the built ELF.
    pub elf: &'static str,
    /// The machine the program reports through.
    pub machine: Machine,
    /// The exit status a correct emulator ends the run with: 0 for every
    /// ordinary program; the framework's negative tests expect a failure code.
    pub expected_exit: u8,
}

include!(concat!(env!("OUT_DIR"), "/programs.rs"));

/// Every program built from `programs/`, sorted by name.
pub fn programs() -> &'static [Program] {
    PROGRAMS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programs_are_built_and_named_uniquely() {
        let all = programs();
        assert!(all.len() > 10, "only {} programs built", all.len());
        for pair in all.windows(2) {
            assert!(
                pair[0].name < pair[1].name,
                "{} / {}",
                pair[0].name,
                pair[1].name
            );
        }
        for p in all {
            let meta = std::fs::metadata(p.elf).expect("built ELF exists");
            assert!(meta.len() > 0, "{} is empty", p.elf);
        }
        assert!(all.iter().any(|p| p.machine == Machine::Spike));
        assert!(all.iter().any(|p| p.machine == Machine::Virt));
    }
}
