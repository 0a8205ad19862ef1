//! Control and status registers (Privileged ISA chapters 2–3, Sstc).
//!
//! `table.rs` is the one list of implemented CSR numbers; `state.rs` holds
//! their storage and field masks; `access.rs` does privilege checks and the
//! WARL read/write rules. Unknown numbers raise illegal instruction.

mod access;
pub mod state;
pub mod table;

pub use access::CsrOp;
pub use state::Csrs;
