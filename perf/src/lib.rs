//! The rvjit performance lab: the benchmark workloads built for RV32 by
//! `build.rs` ([`workload`]), running them on an in-process engine
//! ([`guest`]) or on QEMU ([`qemu`]) with wall and CPU time ([`clock`]),
//! the harness behind `rvjit bench` ([`bench`], with [`progress`] bars),
//! and its report as a table, CSV or JSON ([`report`]) and an SVG chart
//! ([`chart`]); the timing model of the course's 210 MHz pipeline
//! ([`pipeline`]) and the guest profiler ([`profile`]).
#![forbid(unsafe_code)]

pub mod bench;
pub mod chart;
pub mod clock;
pub mod guest;
pub mod pipeline;
pub mod profile;
pub mod progress;
pub mod qemu;
pub mod report;
pub mod workload;

/// One timed run of a workload, on any engine, QEMU or natively.
#[derive(Clone, Debug)]
pub struct Measured {
    /// Wall and CPU time.
    pub times: clock::Times,
    /// Guest instructions retired, where the engine counts them.
    pub insns: Option<u64>,
    /// What the program wrote (the UART, or the native build's output).
    pub output: Vec<u8>,
    /// The guest's exit status, or how it failed to exit.
    pub exit: Result<u32, String>,
}

/// Why a benchmark could not run.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// QEMU was asked for but is not on `PATH`.
    #[error("{} is not installed (not found on PATH)", qemu::QEMU)]
    QemuMissing,
    /// A file or process could not be used.
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    /// The workload's ELF does not load on the virt machine.
    #[error("cannot load the workload: {0}")]
    Board(#[from] soc::board::BoardError),
    /// The workload's input (a scene, a size) is not usable.
    #[error("{0}")]
    Input(String),
}
