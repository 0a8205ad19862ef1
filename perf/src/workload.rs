//! Benchmark workloads: guest programs built by `build.rs` (or min-rt's
//! bare-metal ELF with a scene and size in its header), each with its
//! native build's output to compare against and, where the program
//! reports it, a measure of its progress.
//!
//! | name | what | native |
//! |---|---|---|
//! | `raytrace` | min-rt (raytrace-bench), a scene at a size, f32 or f64 | `raytrace_bench::render_ppm` |
//! | `int` | CRC-32, FNV-1a, heap sort, matrix multiply, sieve | the same source on the host |
//! | `fp` | an n-body simulation, f32 or f64 | the same source on the host |

use minrt::ImageSize;
pub use minrt::Precision;
use raytrace_bench::baremetal;
use soc::board::{self, BoardError, VirtConfig};
use soc::dev::console::BufferConsole;
use soc::machine::Machine;

use crate::BenchError;

#[path = "../workloads/intbench_work.rs"]
mod intbench_work;

#[path = "../workloads/fpbench_work.rs"]
mod fpbench_work;

/// Where the integer workload's ELF is (CRC-32, FNV-1a, heap sort, matrix multiply, sieve).
pub const INTBENCH_ELF: &str = env!("INTBENCH_ELF");
/// A store-heavy loop whose counters share a page with its code (in lines
/// of their own).
pub const CODEDATA_NEAR_ELF: &str = env!("CODEDATA_NEAR_ELF");
/// The same loop with its counters on a page of their own.
pub const CODEDATA_APART_ELF: &str = env!("CODEDATA_APART_ELF");
/// The integer workload's ELF.
pub static INTBENCH: &[u8] = include_bytes!(env!("INTBENCH_ELF"));
/// The FP workload's ELF in single precision (riscv32imafc).
pub static FPBENCH_F32: &[u8] = include_bytes!(env!("FPBENCH_F32_ELF"));
/// The FP workload's ELF in double precision (with D).
pub static FPBENCH_F64: &[u8] = include_bytes!(env!("FPBENCH_F64_ELF"));
/// The integer workload's long build.
pub static INTBENCH_LONG: &[u8] = include_bytes!(env!("INTBENCH_LONG_ELF"));
/// The FP workload's long build in single precision.
pub static FPBENCH_F32_LONG: &[u8] = include_bytes!(env!("FPBENCH_F32_LONG_ELF"));
/// The FP workload's long build in double precision.
pub static FPBENCH_F64_LONG: &[u8] = include_bytes!(env!("FPBENCH_F64_LONG_ELF"));

/// How long the integer and FP workloads run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Length {
    /// About 100 M instructions: what tests run.
    Short,
    /// About 1 G instructions: what benchmarks run, so that the JIT's
    /// compile time and QEMU's start-up are small shares of the run, as in
    /// min-rt's 2 G.
    Long,
}

/// The course scene, min-rt's default.
pub static CONTEST_SLD: &[u8] = include_bytes!("../../raytrace-bench/scenes/contest.sld");

/// The workloads `rvjit bench` knows, with a line about each.
pub const LIST: [(&str, &str); 3] = [
    (
        "raytrace",
        "min-rt, the CPU course's ray tracer (contest.sld at 128x128, f32, unless --scene/--size/--precision say otherwise)",
    ),
    (
        "int",
        "integer kernels: CRC-32, FNV-1a, heap sort, matrix multiply, sieve (about 1 G instructions; --short: 100 M)",
    ),
    (
        "fp",
        "an n-body simulation in f32 or f64 (--precision; about 1 G instructions; --short: 100 M)",
    ),
];

/// How far a program is, read from the lines it has written: after
/// `header` lines, every `per_unit` lines are one unit done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lines {
    /// Lines before the first unit.
    pub header: u64,
    /// Lines per unit.
    pub per_unit: u64,
    /// Units in the whole run.
    pub units: u64,
    /// What a unit is ("rows").
    pub unit: &'static str,
}

impl Lines {
    /// Units done after `newlines` lines.
    pub fn done(&self, newlines: u64) -> u64 {
        (newlines.saturating_sub(self.header) / self.per_unit.max(1)).min(self.units)
    }
}

/// One benchmark: a guest ELF and what its native build writes.
pub struct Workload {
    /// What runs, for titles: "min-rt contest.sld 128x128 f32".
    pub title: String,
    /// The guest program.
    pub elf: Vec<u8>,
    /// Runs the native build; returns what it wrote.
    pub native: Box<dyn Fn() -> Vec<u8>>,
    /// Progress from the output's lines, where the program reports it.
    pub progress: Option<Lines>,
}

impl Workload {
    /// min-rt rendering `scene` (named `name`) at `size`² in `precision`;
    /// the progress unit is rows of the image.
    pub fn raytrace(
        name: &str,
        scene: Vec<u8>,
        size: u32,
        precision: Precision,
    ) -> Result<Workload, BenchError> {
        let image = ImageSize::new(size, size).ok_or_else(|| {
            BenchError::Input(format!(
                "invalid size {size} (use 1 to {})",
                minrt::MAX_SIZE
            ))
        })?;
        minrt::load::<f32>(&scene).map_err(|e| BenchError::Input(format!("{name}: {e}")))?;
        let elf = baremetal::with_scene(baremetal::elf(precision), image, &scene)
            .map_err(|e| BenchError::Input(format!("{name}: {e}")))?;
        let bits = match precision {
            Precision::F32 => "f32",
            Precision::F64 => "f64",
        };
        Ok(Workload {
            title: format!("min-rt {name} {size}x{size} {bits}"),
            elf,
            native: Box::new(move || {
                raytrace_bench::render_ppm(&scene, precision, size).unwrap_or_default()
            }),
            progress: Some(Lines {
                header: 2,
                per_unit: u64::from(size),
                units: u64::from(size),
                unit: "rows",
            }),
        })
    }

    /// The integer workload, run for `length`.
    pub fn int(length: Length) -> Workload {
        let (elf, rounds, title) = match length {
            Length::Short => (INTBENCH, intbench_work::ROUNDS, "intbench"),
            Length::Long => (INTBENCH_LONG, intbench_work::LONG_ROUNDS, "intbench long"),
        };
        Workload {
            title: title.into(),
            elf: elf.to_vec(),
            native: Box::new(move || {
                let sum = intbench_work::run(rounds);
                format!("intbench checksum {sum:08x}\n").into_bytes()
            }),
            progress: None,
        }
    }

    /// The floating-point workload in `precision`, run for `length`.
    pub fn fp(precision: Precision, length: Length) -> Workload {
        let (elf, bits) = match (precision, length) {
            (Precision::F32, Length::Short) => (FPBENCH_F32, "f32"),
            (Precision::F64, Length::Short) => (FPBENCH_F64, "f64"),
            (Precision::F32, Length::Long) => (FPBENCH_F32_LONG, "f32"),
            (Precision::F64, Length::Long) => (FPBENCH_F64_LONG, "f64"),
        };
        let (steps, long) = match length {
            Length::Short => (fpbench_work::STEPS, ""),
            Length::Long => (fpbench_work::LONG_STEPS, " long"),
        };
        Workload {
            title: format!("fpbench n-body {bits}{long}"),
            elf: elf.to_vec(),
            native: Box::new(move || {
                let sum = match precision {
                    Precision::F32 => fpbench_work::run::<f32>(steps),
                    Precision::F64 => fpbench_work::run::<f64>(steps),
                };
                format!("fpbench {bits} checksum {sum:016x}\n").into_bytes()
            }),
            progress: None,
        }
    }
}

/// A virt machine with `elf` loaded, deterministic time, 64 MiB of RAM,
/// and a console whose output can be read back.
pub fn machine(elf: &[u8]) -> Result<(Machine, BufferConsole), BoardError> {
    let console = BufferConsole::new();
    let config = VirtConfig {
        deterministic: true,
        ..VirtConfig::new(64 << 20, Box::new(console.clone()))
    };
    let (m, _) = board::virt(config, elf)?;
    Ok((m, console))
}

#[cfg(test)]
mod tests {
    use super::*;
    use interp::Interp;
    use soc::machine::{RunLimits, Stop};

    #[test]
    fn intbench_passes_its_own_checksum() {
        let (mut m, console) = machine(INTBENCH).unwrap();
        let stop = Interp::new().run(
            &mut m,
            RunLimits {
                max_insns: Some(2_000_000_000),
                ..RunLimits::default()
            },
        );
        let out = console.output();
        assert_eq!(stop, Stop::Exit(0), "{}", String::from_utf8_lossy(&out));
        assert_eq!(out, (Workload::int(Length::Short).native)());
    }

    #[test]
    fn fpbench_passes_its_own_checksum_in_both_precisions() {
        for precision in [Precision::F32, Precision::F64] {
            let w = Workload::fp(precision, Length::Short);
            let (mut m, console) = machine(&w.elf).unwrap();
            let stop = Interp::new().run(&mut m, RunLimits::default());
            let out = console.output();
            assert_eq!(stop, Stop::Exit(0), "{}", String::from_utf8_lossy(&out));
            assert_eq!(out, (w.native)());
        }
    }

    /// The FP builds do their arithmetic in F and D instructions: no
    /// soft-float routine (`__addsf3`, `__divdf3` and kin) is linked in.
    #[test]
    fn fpbench_builds_have_no_soft_float() {
        for elf in [FPBENCH_F32, FPBENCH_F64, FPBENCH_F32_LONG, FPBENCH_F64_LONG] {
            assert_eq!(baremetal::soft_float_routines(elf), Ok(vec![]));
        }
    }

    #[test]
    fn raytrace_progress_counts_rows() {
        let scene = std::fs::read(format!("{}/spheres.sld", raytrace_bench::SCENES_DIR)).unwrap();
        let w = Workload::raytrace("spheres.sld", scene, 4, Precision::F32).unwrap();
        let lines = w.progress.unwrap();
        assert_eq!(w.title, "min-rt spheres.sld 4x4 f32");
        let native = (w.native)();
        let newlines = native.iter().filter(|&&b| b == b'\n').count() as u64;
        assert_eq!(lines.done(newlines), 4);
        assert_eq!(lines.done(2 + 7), 1);
        assert_eq!(lines.done(1), 0);
    }

    #[test]
    fn raytrace_refuses_bad_input() {
        let bad = |scene: &[u8], size| {
            Workload::raytrace("x.sld", scene.to_vec(), size, Precision::F64)
                .err()
                .unwrap()
                .to_string()
        };
        assert!(bad(b"0 0 0 0 0 1 x", 8).starts_with("x.sld: scene line 1"));
        assert_eq!(bad(b"", 0), "invalid size 0 (use 1 to 8192)");
    }

    #[test]
    fn codedata_builds_agree() {
        let run = |path: &str| {
            let elf = std::fs::read(path).unwrap();
            let run = crate::guest::run(&elf, &mut Interp::new(), &mut |_| {}).unwrap();
            let out = String::from_utf8_lossy(&run.output).into_owned();
            assert_eq!(run.exit, Ok(0), "console: {out}");
            (out, run.insns)
        };
        let (near, near_insns) = run(CODEDATA_NEAR_ELF);
        let (apart, apart_insns) = run(CODEDATA_APART_ELF);
        assert!(near.starts_with("codedata checksum "), "{near}");
        assert_eq!((near, near_insns), (apart, apart_insns));
    }
}
