//! Everything that touches the hart directly: the entry point, the trap
//! vector and the return to user mode ([`entry`]), and CSR access
//! ([`csr`]). With MMIO and page-table frames, the only unsafe code.

pub mod csr;
pub mod entry;

pub use entry::{TrapFrame, return_to_user};
