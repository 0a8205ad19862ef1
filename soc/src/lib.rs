//! The rvjit machine: everything about an RV32GC system that does not depend
//! on how instructions are executed.
//!
//! Engines (the interpreter, the JIT) drive a [`machine::Machine`]; nothing
//! here knows which engine runs it. See `../shared/DESIGN.md` for the map.
#![deny(missing_docs)]

pub mod addr;
pub mod board;
pub mod bus;
pub mod clock;
pub mod csr;
pub mod dev;
pub mod elf;
pub mod fdt;
pub mod fpu;
pub mod hart;
pub mod isa;
pub mod machine;
pub mod mem;
pub mod memmap;
pub mod mmu;
pub mod trap;
