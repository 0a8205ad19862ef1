//! Both engines, the interpreter and the JIT, on the same guests, through
//! one function ([`run`]): perf's integer workload, the FP workload in f32
//! and f64, min-rt (contest.sld at 32x32, f32), a store-heavy loop whose
//! data shares a page with its code against the same loop laid out apart,
//! and booting our guest OS to the shell's first prompt. Criterion reports
//! time per run; the throughput line gives guest instructions per second.
//!
//! This bench belongs to the rvjit package, not to perf, because the guest
//! OS (firmware and default disk image) is built by rvjit's build script.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use interp::Interp;
use jit::Jit;
use perf::workload::{self, CONTEST_SLD, Length, Precision, Workload};
use rvjit::guest;
use soc::board::{self, VirtConfig};
use soc::dev::console::BufferConsole;
use soc::dev::virtio::blk::MemBackend;
use soc::machine::{Engine, Machine, RunLimits, Stop};

/// Instructions per slice: the boot's console is checked between slices.
const SLICE_INSNS: u64 = 1 << 20;
/// RAM of the booted machine (`rvjit boot`'s default).
const BOOT_RAM_BYTES: u64 = 128 << 20;

/// The engines compared.
#[derive(Clone, Copy)]
enum EngineKind {
    Interp,
    Jit,
}

impl EngineKind {
    const ALL: [EngineKind; 2] = [EngineKind::Interp, EngineKind::Jit];

    fn name(self) -> &'static str {
        match self {
            EngineKind::Interp => "interp",
            EngineKind::Jit => "jit",
        }
    }

    /// A fresh engine of this kind.
    fn start(self) -> Box<dyn Engine> {
        match self {
            EngineKind::Interp => Box::new(Interp::new()),
            EngineKind::Jit => {
                Box::new(Jit::new(jit::DEFAULT_THRESHOLD, None).expect("the JIT starts"))
            }
        }
    }
}

/// What runs, and when it is done.
enum Guest {
    /// A bare-metal ELF, run until it exits.
    Program(Vec<u8>),
    /// The guest OS from a disk image, booted by the firmware until the
    /// shell prints its prompt.
    Boot(Vec<u8>),
}

impl Guest {
    /// A fresh machine with the guest loaded, and its console.
    fn machine(&self) -> (Machine, BufferConsole) {
        match self {
            Guest::Program(elf) => workload::machine(elf).expect("workloads load"),
            Guest::Boot(image) => {
                let console = BufferConsole::new();
                let config = VirtConfig {
                    deterministic: true,
                    drive: Some(Box::new(MemBackend::new(image.clone()))),
                    ..VirtConfig::new(BOOT_RAM_BYTES, Box::new(console.clone()))
                };
                let (m, _) = board::virt(config, guest::FIRMWARE).expect("the firmware loads");
                (m, console)
            }
        }
    }

    /// Whether the run is over after `stop` with `output` written so far.
    fn is_done(&self, stop: Stop, output: &[u8]) -> bool {
        match self {
            Guest::Program(_) => {
                assert!(matches!(stop, Stop::InsnLimit | Stop::Exit(0)), "{stop:?}");
                stop != Stop::InsnLimit
            }
            Guest::Boot(_) => {
                assert_eq!(stop, Stop::InsnLimit, "the boot stopped early");
                output.windows(2).any(|w| w == b"$ ")
            }
        }
    }
}

/// Runs `guest` on a fresh machine `m` with a fresh `engine` until it is
/// done; returns the instructions retired.
fn run(engine: EngineKind, guest: &Guest, (mut m, console): (Machine, BufferConsole)) -> u64 {
    let mut engine = engine.start();
    let mut output = Vec::new();
    let limits = RunLimits {
        max_insns: Some(SLICE_INSNS),
        ..RunLimits::default()
    };
    loop {
        let stop = m.run(engine.as_mut(), &limits);
        output.extend(console.take_output());
        if guest.is_done(stop, &output) {
            return m.hart.retired;
        }
    }
}

/// The ELF at `path`, built by perf/build.rs.
fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).expect("workload ELFs are built by perf/build.rs")
}

fn engines(c: &mut Criterion) {
    let minrt = Workload::raytrace("contest.sld", CONTEST_SLD.to_vec(), 32, Precision::F32)
        .expect("the course scene renders");
    let image = guest::default_image(guest::DEFAULT_IMAGE_BYTES).expect("the default image");
    let guests = [
        ("intbench", Guest::Program(Workload::int(Length::Short).elf)),
        (
            "fpbench-f64",
            Guest::Program(Workload::fp(Precision::F64, Length::Short).elf),
        ),
        (
            "fpbench-f32",
            Guest::Program(Workload::fp(Precision::F32, Length::Short).elf),
        ),
        ("minrt-32", Guest::Program(minrt.elf)),
        (
            "codedata_near",
            Guest::Program(read(workload::CODEDATA_NEAR_ELF)),
        ),
        (
            "codedata_apart",
            Guest::Program(read(workload::CODEDATA_APART_ELF)),
        ),
        ("boot-to-prompt", Guest::Boot(image)),
    ];
    for engine in EngineKind::ALL {
        let mut group = c.benchmark_group(engine.name());
        group.sample_size(10);
        for (name, guest) in &guests {
            // Deterministic time makes every run retire the same instructions.
            group.throughput(Throughput::Elements(run(engine, guest, guest.machine())));
            group.bench_function(*name, |b| {
                b.iter_batched(
                    || guest.machine(),
                    |m| run(engine, guest, m),
                    BatchSize::LargeInput,
                )
            });
        }
        group.finish();
    }
}

criterion_group!(benches, engines);
criterion_main!(benches);
