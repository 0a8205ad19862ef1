//! The rvjit machine: everything about an RV32GC system that does not depend
//! on how instructions are executed.
//!
//! Engines (the interpreter, the JIT) drive a [`machine::Machine`]; nothing
//! here knows which engine runs it. See `../shared/DESIGN.md` for the map.
#![deny(missing_docs)]

pub mod bus;
pub mod fpu;
pub mod mem;
pub mod memmap;
pub mod trap;
