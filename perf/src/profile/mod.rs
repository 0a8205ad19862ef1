//! The guest profiler behind `rvjit profile`: guest pcs sampled every N
//! retired instructions, call stacks rebuilt from frame pointers and named
//! from ELF symbols, written as a flamegraph (inferno) and a top-N text
//! summary.

pub mod report;
pub mod stack;
pub mod symbols;
