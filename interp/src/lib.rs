//! The interpreter engine.
//!
//! Code is decoded once into blocks cached by physical address
//! ([`cache`]); [`run`] executes them with one `match` arm per instruction
//! ([`exec`]), counts instructions per block, and takes interrupts and polls
//! devices only at block boundaries. [`trace`] is the one-instruction path
//! that writes a Spike-style commit log.
#![forbid(unsafe_code)]

pub mod cache;
pub mod exec;
pub mod run;
pub mod trace;

pub use run::{Interp, RunLimits, Stop};
