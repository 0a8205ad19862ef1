//! The interpreter engine.
//!
//! Code is decoded once into blocks cached by physical address
//! ([`cache`]); [`run`] executes them with one `match` arm per instruction
//! ([`exec`]) and counts instructions per block. It implements
//! `soc::machine::Engine`: soc's run loop decides when it stops (events,
//! limits), takes interrupts and waits in WFI. [`trace`] is the
//! one-instruction path that writes a Spike-style commit log; the same
//! path shows each retired instruction to an [`observe::Observer`].
#![forbid(unsafe_code)]

pub mod cache;
pub mod exec;
pub mod observe;
pub mod run;
pub mod trace;

pub use run::Interp;
