//! Interpreter throughput on the integer workload, and on a store-heavy
//! loop whose data shares a page with its code against the same loop laid
//! out apart (the two must stay within 2× of each other). Criterion reports
//! time per run; the throughput line gives guest instructions per second.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use interp::Interp;
use perf::workload;
use soc::machine::{RunLimits, Stop};

/// Benchmarks workload `path` as `name` in a group of its own.
fn bench(c: &mut Criterion, name: &str, path: &str) {
    let elf = std::fs::read(path).expect("workload ELFs are built by perf/build.rs");
    // Count the instructions once; deterministic mode makes every run equal.
    let (mut m, _) = workload::machine(&elf);
    assert_eq!(
        Interp::new().run(&mut m, RunLimits::default()),
        Stop::Exit(0)
    );
    let insns = m.hart.retired;

    let mut group = c.benchmark_group("interp");
    group.sample_size(10);
    group.throughput(Throughput::Elements(insns));
    group.bench_function(name, |b| {
        b.iter(|| {
            let (mut m, _) = workload::machine(&elf);
            let stop = Interp::new().run(&mut m, RunLimits::default());
            assert_eq!(stop, Stop::Exit(0));
        })
    });
    group.finish();
}

fn workloads(c: &mut Criterion) {
    bench(c, "intbench", workload::INTBENCH_ELF);
    bench(c, "codedata_near", workload::CODEDATA_NEAR_ELF);
    bench(c, "codedata_apart", workload::CODEDATA_APART_ELF);
}

criterion_group!(benches, workloads);
criterion_main!(benches);
