//! Interpreter throughput on the integer workload. Criterion reports time
//! per run; the throughput line gives guest instructions per second (the
//! issue's target: at least 300 MIPS).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use interp::Interp;
use perf::workload;
use soc::machine::{RunLimits, Stop};

fn intbench(c: &mut Criterion) {
    let elf =
        std::fs::read(workload::INTBENCH_ELF).expect("intbench ELF is built by perf/build.rs");
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
    group.bench_function("intbench", |b| {
        b.iter(|| {
            let (mut m, _) = workload::machine(&elf);
            let stop = Interp::new().run(&mut m, RunLimits::default());
            assert_eq!(stop, Stop::Exit(0));
        })
    });
    group.finish();
}

criterion_group!(benches, intbench);
criterion_main!(benches);
