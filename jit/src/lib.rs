//! The JIT engine: guest basic blocks translated to host code with
//! Cranelift, over the same `soc::machine::Machine` the interpreter runs.
//!
//! - [`engine`]: `Jit`, soc's `Engine` — block lookup, tiering, the
//!   deadline rule, invalidation, the interpreter as fallback.
//! - [`translate`]: guest instructions to Cranelift IR to machine code.
//! - [`exec`]: code memory (W^X) and the calls into generated code and
//!   back (the helper table); the crate's only `unsafe`.
//! - [`chain`]: chain slots and the jump cache, how blocks reach each
//!   other without Rust (and why that is sound).
//! - [`helpers`]: the safe side of the helpers (loads and stores).
//! - [`perf_map`]: `/tmp/perf-PID.map`, names of generated code for host
//!   profilers.
//! - [`lockstep`]: the interpreter and the JIT side by side, compared at
//!   block boundaries; [`randprog`]: random integer programs for it.

mod chain;
pub mod engine;
mod exec;
mod helpers;
pub mod lockstep;
pub mod perf_map;
pub mod randprog;
mod translate;

pub use engine::{DEFAULT_THRESHOLD, Jit, JitStats};
pub use perf_map::PerfMap;
