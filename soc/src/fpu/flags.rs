//! Rounding modes and accrued exception flags, with the RISC-V encodings
//! (unprivileged ISA, chapter "F", `fcsr`: `frm` in bits 7:5, `fflags` in 4:0).

/// A static rounding mode, as encoded in an instruction's `rm` field or in
/// `frm`. The dynamic mode (`rm` = 7) is resolved by the caller from `frm`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundingMode {
    /// Round to nearest, ties to even (`rm` = 0).
    Rne,
    /// Round towards zero (`rm` = 1).
    Rtz,
    /// Round down, towards −∞ (`rm` = 2).
    Rdn,
    /// Round up, towards +∞ (`rm` = 3).
    Rup,
    /// Round to nearest, ties to max magnitude (`rm` = 4).
    Rmm,
}

impl RoundingMode {
    /// Decodes `rm` 0..=4; the reserved values 5 and 6 and the dynamic
    /// marker 7 give `None` (an instruction with a reserved mode, or with
    /// `dyn` while `frm` holds 5..=7, is illegal).
    pub fn from_bits(rm: u32) -> Option<Self> {
        match rm {
            0 => Some(Self::Rne),
            1 => Some(Self::Rtz),
            2 => Some(Self::Rdn),
            3 => Some(Self::Rup),
            4 => Some(Self::Rmm),
            _ => None,
        }
    }

    /// The 3-bit encoding of this mode.
    pub fn bits(self) -> u32 {
        self as u32
    }

    /// Whether a value with the given sign, a truncated magnitude whose
    /// lowest kept bit is `odd`, and a discarded part described by `half`
    /// (the first discarded bit) and `sticky` (any later discarded bit),
    /// rounds away from zero (its magnitude is incremented).
    #[inline]
    pub(crate) fn rounds_up(self, negative: bool, odd: bool, half: bool, sticky: bool) -> bool {
        match self {
            Self::Rne => half && (sticky || odd),
            Self::Rtz => false,
            Self::Rdn => negative && (half || sticky),
            Self::Rup => !negative && (half || sticky),
            Self::Rmm => half,
        }
    }
}

/// Accrued exception flags, laid out as the `fflags` CSR.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct Fflags(pub u8);

impl Fflags {
    /// No exception.
    pub const NONE: Self = Self(0);
    /// Inexact (bit 0).
    pub const NX: Self = Self(1 << 0);
    /// Underflow (bit 1): the result is tiny after rounding and inexact.
    pub const UF: Self = Self(1 << 1);
    /// Overflow (bit 2).
    pub const OF: Self = Self(1 << 2);
    /// Divide by zero (bit 3).
    pub const DZ: Self = Self(1 << 3);
    /// Invalid operation (bit 4).
    pub const NV: Self = Self(1 << 4);

    /// The raw 5-bit value.
    pub fn bits(self) -> u32 {
        u32::from(self.0)
    }

    /// Whether every flag set in `other` is set in `self`.
    pub fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether no flag is set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl core::ops::BitOr for Fflags {
    type Output = Self;
    #[inline]
    fn bitor(self, rhs: Self) -> Self {
        Self(self.0 | rhs.0)
    }
}

impl core::ops::BitOrAssign for Fflags {
    #[inline]
    fn bitor_assign(&mut self, rhs: Self) {
        self.0 |= rhs.0;
    }
}

impl core::fmt::Display for Fflags {
    /// Lists the set flags by name, e.g. `NV|NX`, or `-` when none is set.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if self.is_empty() {
            return f.write_str("-");
        }
        let names = [
            (Self::NV, "NV"),
            (Self::DZ, "DZ"),
            (Self::OF, "OF"),
            (Self::UF, "UF"),
            (Self::NX, "NX"),
        ];
        let mut first = true;
        for (flag, name) in names {
            if self.contains(flag) {
                if !first {
                    f.write_str("|")?;
                }
                f.write_str(name)?;
                first = false;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_mode_encodings() {
        let all = [
            RoundingMode::Rne,
            RoundingMode::Rtz,
            RoundingMode::Rdn,
            RoundingMode::Rup,
            RoundingMode::Rmm,
        ];
        for (i, rm) in all.into_iter().enumerate() {
            let bits = u32::try_from(i).unwrap();
            assert_eq!(RoundingMode::from_bits(bits), Some(rm));
            assert_eq!(rm.bits(), bits);
        }
        for bits in [5, 6, 7, 8, u32::MAX] {
            assert_eq!(RoundingMode::from_bits(bits), None);
        }
    }

    #[test]
    fn flag_layout_matches_fflags() {
        assert_eq!(Fflags::NX.bits(), 1);
        assert_eq!(Fflags::UF.bits(), 2);
        assert_eq!(Fflags::OF.bits(), 4);
        assert_eq!(Fflags::DZ.bits(), 8);
        assert_eq!(Fflags::NV.bits(), 16);
        let both = Fflags::NV | Fflags::NX;
        assert!(
            both.contains(Fflags::NV) && both.contains(Fflags::NX) && !both.contains(Fflags::OF)
        );
        assert_eq!(both.to_string(), "NV|NX");
        assert_eq!(Fflags::NONE.to_string(), "-");
        let mut acc = Fflags::default();
        acc |= Fflags::UF;
        assert_eq!(acc, Fflags::UF);
        assert!(Fflags::NONE.is_empty() && !acc.is_empty());
    }

    #[test]
    fn rounding_decisions() {
        use RoundingMode::*;
        // (mode, negative, odd, half, sticky) -> rounds up
        let cases = [
            (Rne, false, false, true, false, false), // tie, even stays
            (Rne, false, true, true, false, true),   // tie, odd goes up
            (Rne, true, false, true, true, true),    // above half
            (Rne, false, true, false, true, false),  // below half
            (Rtz, false, true, true, true, false),
            (Rdn, false, false, true, true, false),
            (Rdn, true, false, false, true, true),
            (Rup, false, false, false, true, true),
            (Rup, true, false, true, true, false),
            (Rmm, false, false, true, false, true),
            (Rmm, true, false, false, true, false),
            (Rup, false, false, false, false, false), // exact never moves
            (Rdn, true, true, false, false, false),
        ];
        for (rm, neg, odd, half, sticky, want) in cases {
            assert_eq!(
                rm.rounds_up(neg, odd, half, sticky),
                want,
                "{rm:?} {neg} {odd} {half} {sticky}"
            );
        }
    }
}
