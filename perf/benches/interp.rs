//! Interpreter throughput on the benchmark workloads: the integer one, the
//! FP one in both precisions, min-rt (contest.sld at 32x32, f32), and a
//! store-heavy loop whose data shares a page with its code against the same
//! loop laid out apart (the two must stay within 2x of each other).
//! Criterion reports time per run; the throughput line gives guest
//! instructions per second.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use interp::Interp;
use perf::workload::{self, CONTEST_SLD, Precision, Workload};

/// Runs `elf` to its end on a fresh interpreter; returns the instructions.
fn run(elf: &[u8]) -> u64 {
    let run = perf::guest::run(elf, &mut Interp::new(), &mut |_| {}).expect("workloads load");
    assert_eq!(run.exit, Ok(0));
    run.insns.unwrap_or(0)
}

/// The ELF at `path`, built by perf/build.rs.
fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).expect("workload ELFs are built by perf/build.rs")
}

fn workloads(c: &mut Criterion) {
    let minrt = Workload::raytrace("contest.sld", CONTEST_SLD.to_vec(), 32, Precision::F32)
        .expect("the course scene renders");
    let mut group = c.benchmark_group("interp");
    group.sample_size(10);
    let cases = [
        ("intbench", Workload::int().elf),
        ("fpbench-f64", Workload::fp(Precision::F64).elf),
        ("fpbench-f32", Workload::fp(Precision::F32).elf),
        ("minrt-32", minrt.elf),
        ("codedata_near", read(workload::CODEDATA_NEAR_ELF)),
        ("codedata_apart", read(workload::CODEDATA_APART_ELF)),
    ];
    for (name, elf) in cases {
        // Deterministic time makes every run retire the same instructions.
        group.throughput(Throughput::Elements(run(&elf)));
        group.bench_function(name, |b| b.iter(|| run(&elf)));
    }
    group.finish();
}

criterion_group!(benches, workloads);
criterion_main!(benches);
