//! The list of programs `build.rs` built: their names, ELF paths, the
//! machine each one reports through, and the disk or output they expect.

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
    /// Text the run's standard output must contain (`# expect-output:`).
    pub expected_output: Option<&'static str>,
    /// The block device the program drives (`# drive:`), if any.
    pub drive: Option<Drive>,
}

/// A virtio-mmio block device for a program (the `# drive:` directive):
/// the runner creates a raw image of `size` bytes filled by
/// [`disk_pattern`] and attaches it as the first virtio-mmio transport
/// (0x1000_1000, PLIC source 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Drive {
    /// Image size in bytes, a positive multiple of [`SECTOR_BYTES`].
    pub size: u64,
    /// Present the legacy (version 1) virtio-mmio interface instead of
    /// version 2.
    pub legacy: bool,
}

/// Sector size of the virtio block device.
pub const SECTOR_BYTES: u64 = 512;

/// The byte at `offset` of a fresh drive image: the first four bytes of
/// each 512-byte sector hold the sector number (little-endian), every other
/// byte is `offset & 0xff`. Programs check what they read against this.
pub fn disk_pattern(offset: u64) -> u8 {
    let in_sector = offset % SECTOR_BYTES;
    if in_sector < 4 {
        let sector = (offset / SECTOR_BYTES) as u32;
        sector.to_le_bytes()[in_sector as usize]
    } else {
        offset as u8
    }
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

    #[test]
    fn disk_pattern_numbers_sectors() {
        let bytes: Vec<u8> = (0..1030).map(disk_pattern).collect();
        assert_eq!(bytes[..8], [0, 0, 0, 0, 4, 5, 6, 7]);
        assert_eq!(bytes[511], 0xff);
        assert_eq!(bytes[512..518], [1, 0, 0, 0, 4, 5]);
        assert_eq!(bytes[1024..1030], [2, 0, 0, 0, 4, 5]);
        assert_eq!(disk_pattern(300 * 512 + 1), 1);
        assert_eq!(disk_pattern(300 * 512 + 2), 0);
    }

    #[test]
    fn directives_reach_the_table() {
        let all = programs();
        assert!(all.iter().any(|p| {
            p.drive
                .is_some_and(|d| !d.legacy && d.size % SECTOR_BYTES == 0)
        }));
        assert!(all.iter().any(|p| p.drive.is_some_and(|d| d.legacy)));
        assert!(all.iter().any(|p| p.expected_output.is_some()));
    }
}
