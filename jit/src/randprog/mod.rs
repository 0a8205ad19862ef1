//! Random RV32GC programs for lockstep testing: a seeded generator of
//! whole-machine programs as ELF images loading at `RAM_BASE`.
//!
//! A program sets up trap handlers that skip the faulting instruction (so
//! random faults continue the program), PMP, delegation, Sv32 page tables
//! (on or off), FP state and edge values in every register, then enters
//! its body in M, S or U. The body draws on every row of soc's instruction
//! table and on compressed instructions; it loads and stores to valid,
//! read-only, invalid and device pages, misaligned and across pages,
//! traps (ecall, ebreak, illegal instructions, page and access faults,
//! fetch faults), moves CSRs, toggles Sv32, returns with `mret`/`sret`, and
//! rewrites its own code, with and without `fence.i`. Half the programs
//! also take timer and software interrupts. It ends by writing the
//! finisher's pass code (unless a trap loop, a WFI or the caller's
//! instruction budget ends it).
//!
//! - `layout.rs`: addresses, data pages, the page tables.
//! - `boot.rs`: page 0 — handlers, setup, entry into the body.
//! - `pick.rs`: straight-line instructions from the table.
//! - `flow.rs`: body items (control flow, loops, CSR traffic).
//! - `smc.rs`: self-modifying code.
//! - `irq.rs`: interrupts (setup, the handlers' interrupt path, items).
//! - `values.rs`: integer and FP edge values.
//! - `enc.rs`: encoders (public, for hand-written test programs);
//!   `program.rs`: the generator's state.
//! - `fp.rs`: the FP-only programs and edge programs (`fp_program`,
//!   `fp_edge_programs`), tested in `jit/tests/fp.rs`.
//!
//! Registers the body never writes at random: `x27` (kept for the
//! handlers), `x28` (values passed to a store, preserved by the handlers),
//! `x29` (addresses, links of fetch-fault jumps), `x30` (loop counter),
//! `x31` (the read-write data page + 0x800).

mod boot;
pub mod enc;
mod flow;
mod fp;
mod irq;
mod layout;
mod pick;
mod program;
mod smc;
mod values;

pub use fp::{DATA_BYTES, DATA_OFFSET, EdgeProgram, fp_edge_programs, fp_program};
pub use layout::IMAGE_BYTES;
pub use program::program;

/// A xorshift64* generator: small, seeded, reproducible.
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    /// The next 32 random bits.
    pub fn word(&mut self) -> u32 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 32) as u32
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u32) -> u32 {
        self.word() % n
    }
}
