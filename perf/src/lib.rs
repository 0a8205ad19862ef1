//! The rvjit performance lab: the benchmark workloads built for RV32 by
//! `build.rs` and a runner that times them on an engine, and the timing
//! model of the course's 210 MHz pipeline ([`pipeline`]).
#![forbid(unsafe_code)]

pub mod pipeline;
pub mod profile;
pub mod workload;
