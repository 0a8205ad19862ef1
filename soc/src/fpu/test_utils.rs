//! Test helpers shared by the FPU tests: a deterministic xorshift generator
//! biased towards the interesting encodings, and short names for flags and
//! modes.

use super::flags::{Fflags, RoundingMode};

pub(crate) const NONE: Fflags = Fflags::NONE;
pub(crate) const NX: Fflags = Fflags::NX;
pub(crate) const UF: Fflags = Fflags::UF;
pub(crate) const OF: Fflags = Fflags::OF;
pub(crate) const DZ: Fflags = Fflags::DZ;
pub(crate) const NV: Fflags = Fflags::NV;

pub(crate) const ALL_MODES: [RoundingMode; 5] = [
    RoundingMode::Rne,
    RoundingMode::Rtz,
    RoundingMode::Rdn,
    RoundingMode::Rup,
    RoundingMode::Rmm,
];

/// Single encoding of an `f32` literal.
pub(crate) fn s(x: f32) -> u32 {
    x.to_bits()
}

/// Double encoding of an `f64` literal.
pub(crate) fn d(x: f64) -> u64 {
    x.to_bits()
}

/// Marsaglia's xorshift64 with a fixed seed.
pub(crate) struct XorShift(u64);

impl XorShift {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed | 1)
    }

    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A value below `n`.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A random encoding with `exp_bits` exponent and `frac_bits` fraction
    /// bits, biased towards the exponent extremes (zero, subnormals, huge,
    /// infinities, NaNs), exponents near the bias, and fractions with few or
    /// many trailing ones or zeros (ties and exact results).
    pub(crate) fn encoding(&mut self, exp_bits: u32, frac_bits: u32) -> u64 {
        let max_exp = (1u64 << exp_bits) - 1;
        let bias = max_exp >> 1;
        let sign = self.below(2) << (exp_bits + frac_bits);
        let mut frac = self.next() & ((1 << frac_bits) - 1);
        match self.below(8) {
            0 => frac &= !((1 << self.below(u64::from(frac_bits))) - 1),
            1 => frac |= (1 << self.below(u64::from(frac_bits))) - 1,
            2 => frac = 0,
            _ => {}
        }
        let exp = match self.below(10) {
            0 => self.below(3),
            1 => max_exp - 1 - self.below(3),
            2 => max_exp,
            3 => bias - 8 + self.below(16),
            4 => self.below(u64::from(frac_bits) + 4),
            5 => bias + self.below(40) - 20,
            _ => self.below(max_exp + 1),
        };
        sign | (exp << frac_bits) | frac
    }

    /// A random single encoding.
    pub(crate) fn single(&mut self) -> u32 {
        self.encoding(8, 23) as u32
    }

    /// A random double encoding.
    pub(crate) fn double(&mut self) -> u64 {
        self.encoding(11, 52)
    }
}
