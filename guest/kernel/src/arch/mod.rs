//! Everything that touches the hart directly: the entry point, the trap
//! vector and the return to user mode ([`entry`]), CSR access ([`csr`]),
//! device registers ([`mmio`]), the ecall into the firmware ([`ecall`]),
//! what the boot hands over ([`boot`]) and the stack walk of a panic
//! ([`backtrace`]). With page-table frames (`vm`), the only unsafe code.

pub mod backtrace;
pub mod boot;
pub mod csr;
pub mod ecall;
pub mod entry;
pub mod mmio;

pub use entry::{TrapFrame, fault_on_purpose, return_to_user};
