//! The rvjit performance lab. For now: the benchmark workloads built for
//! RV32 by `build.rs`, and a runner that times them on an engine.
#![forbid(unsafe_code)]

pub mod workload;
