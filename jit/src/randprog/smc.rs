//! Self-modifying code: loops that store into their own instructions,
//! behind the pc (the loop's first instruction, rewritten after it ran,
//! with or without `fence.i`) and ahead of it (an instruction further on
//! in the same block, rewritten before every execution, without
//! `fence.i`). soc watches code on both engines, so a store into code
//! takes effect from the next instruction either way; the engines must
//! agree on that exactly, also when the rewritten code is compiled.
//!
//! The stored value passes through `x28`, which the handlers preserve.

use super::enc::{self, addi, auipc0, b_type, li};
use super::flow::LOOP_REG;
use super::pick::{ADDR_REG, is_body_half, is_compute_word};
use super::program::Gen;

/// The register that carries the new instruction to its store.
const VALUE_REG: u32 = 28;
/// The bits an `xori` may flip in an instruction between two iterations:
/// not the length bits, and not the immediate's sign (which would flip
/// every bit above).
const FLIP_BITS: u32 = 0x7fc;

impl Gen {
    /// One self-modifying item.
    pub(super) fn self_modifying(&mut self) {
        match self.rng.below(3) {
            0 => self.rewrite_behind(),
            _ => self.rewrite_ahead(),
        }
    }

    /// A two-iteration loop whose first instruction is rewritten (a store,
    /// then, in half of them, `fence.i`) after the first iteration ran it.
    fn rewrite_behind(&mut self) {
        self.align4();
        self.emit(addi(LOOP_REG, 0, 2));
        let slot = self.pos();
        let original = self.compute_word();
        self.emit(original);
        let replacement = self.compute_word();
        self.emit_all(&li(VALUE_REG, replacement));
        let here = self.pos();
        self.emit(auipc0(ADDR_REG));
        self.emit(enc::sw(VALUE_REG, ADDR_REG, slot as i32 - here as i32));
        if self.rng.below(2) == 0 {
            self.emit(enc::FENCE_I);
        }
        self.emit(addi(LOOP_REG, LOOP_REG, -1));
        let back = slot as i32 - self.pos() as i32;
        self.emit(b_type(back, 0, LOOP_REG, 1));
    }

    /// A loop of 1..=4 iterations that stores an instruction (32-bit, or
    /// compressed with `sh`) into a slot 0..=2 straight items ahead, then
    /// flips a few of its bits for the next iteration: each iteration runs
    /// the instruction it has just written, never the slot's original.
    fn rewrite_ahead(&mut self) {
        let compressed = self.rng.below(3) == 0;
        let (first, flip) = if compressed {
            let half = self.compressed_half();
            (
                u32::from(half),
                self.flip(|m| is_body_half((u32::from(half) ^ m) as u16)),
            )
        } else {
            let word = self.compute_word();
            (word, self.flip(|m| is_compute_word(word ^ m)))
        };
        self.emit_all(&li(VALUE_REG, first));
        let iterations = 1 + self.rng.below(4) as i32;
        self.emit(addi(LOOP_REG, 0, iterations));
        let top = self.pos();
        self.emit(auipc0(ADDR_REG));
        let store = self.pos();
        self.emit(enc::NOP);
        self.emit(enc::xori(VALUE_REG, VALUE_REG, flip as i32));
        let n = self.rng.below(3);
        for _ in 0..n {
            self.straight();
        }
        let offset = (self.pos() - top) as i32;
        if compressed {
            self.patch(store, enc::sh(VALUE_REG, ADDR_REG, offset));
            let original = self.compressed_half();
            self.emit16(original);
        } else {
            self.patch(store, enc::sw(VALUE_REG, ADDR_REG, offset));
            let original = self.compute_word();
            self.emit(original);
        }
        self.emit(addi(LOOP_REG, LOOP_REG, -1));
        let back = top as i32 - self.pos() as i32;
        self.emit(b_type(back, 0, LOOP_REG, 1));
    }

    /// A mask within [`FLIP_BITS`] that `fits` accepts (a few tries;
    /// else 0, and the loop stores the same instruction every time).
    fn flip(&mut self, fits: impl Fn(u32) -> bool) -> u32 {
        (0..8)
            .map(|_| self.rng.word() & FLIP_BITS)
            .find(|&m| m != 0 && fits(m))
            .unwrap_or(0)
    }
}
