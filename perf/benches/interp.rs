//! Interpreter throughput on the benchmark workloads: the integer one, the
//! FP one in both precisions, and min-rt (contest.sld at 32x32, f32). Criterion reports time per run; the
//! throughput line gives guest instructions per second (the integer
//! workload's target: at least 300 MIPS).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use interp::{Interp, RunLimits};
use perf::workload::{CONTEST_SLD, Precision, Workload};

/// Runs `elf` to its end on a fresh interpreter; returns the instructions.
fn run(elf: &[u8]) -> u64 {
    let mut interp = Interp::new();
    let run = perf::guest::run(
        elf,
        &mut |m, n| interp.run(m, RunLimits { max_insns: Some(n) }),
        &mut |_| {},
    )
    .expect("workloads load");
    assert_eq!(run.exit, Ok(0));
    run.insns.unwrap_or(0)
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
