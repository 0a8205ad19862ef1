//! The user runtime of the guest OS: `_start` and argv, a wrapper for every
//! system call, `print!`/`println!`, a heap over `sbrk`, the file API as a
//! client of the file server, and `exec` from a path.
//!
//! A program:
//!
//! ```ignore
//! #![no_std]
//! #![no_main]
//! use ulib::println;
//! ulib::entry!(main);
//! fn main(args: &[&str]) -> i32 {
//!     println!("hello from {}", args[0]);
//!     0
//! }
//! ```
//!
//! On the host only the pure parts (argv parsing, paths) build, for tests.
#![cfg_attr(not(test), no_std)]

extern crate alloc;

pub mod argv;
pub mod path;
#[cfg(target_arch = "riscv32")]
pub mod rt;

#[cfg(target_arch = "riscv32")]
pub mod fs;
#[cfg(target_arch = "riscv32")]
pub mod heap;
#[cfg(target_arch = "riscv32")]
pub mod io;
#[cfg(target_arch = "riscv32")]
pub mod ipc;
#[cfg(target_arch = "riscv32")]
pub mod process;
#[cfg(target_arch = "riscv32")]
pub mod sys;

#[cfg(target_arch = "riscv32")]
pub use process::{exec, exit, fork, wait};

pub use abi;
