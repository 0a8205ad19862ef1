//! The pipeline model's parameters: latencies, penalties and the clock,
//! read from a small TOML file. `perf/pipeline.toml` is the documented
//! default (every key, its value and why); [`PipelineConfig::default`] is
//! the same, as a test checks.

use serde::Deserialize;

/// The default configuration, with its comments (`perf/pipeline.toml`).
pub const DEFAULT_TOML: &str = include_str!("../../pipeline.toml");

/// Latencies (in cycles) and the clock of the modelled pipeline. See
/// `perf/pipeline.toml` for what each key means and why it has its default.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PipelineConfig {
    /// The clock, in MHz.
    pub clock_mhz: f64,
    /// Whether results are forwarded to the next instructions.
    pub forwarding: bool,
    /// Extra cycles a dependent instruction waits without forwarding.
    pub no_forwarding_delay: u32,
    /// Stall cycles of an instruction that uses a value just loaded.
    pub load_use: u32,
    /// Cycles an integer multiply holds execute.
    pub mul: u32,
    /// Cycles an integer divide or remainder holds execute.
    pub div: u32,
    /// FP add and subtract.
    pub fadd: u32,
    /// FP multiply.
    pub fmul: u32,
    /// FP fused multiply-add.
    pub fma: u32,
    /// FP divide.
    pub fdiv: u32,
    /// FP square root.
    pub fsqrt: u32,
    /// FP conversions.
    pub fcvt: u32,
    /// FP compares, min/max, classify.
    pub fcmp: u32,
    /// FP moves and sign injection.
    pub fmove: u32,
    /// Penalty of a taken conditional branch.
    pub branch_taken: u32,
    /// Penalty of `jal`.
    pub jump: u32,
    /// Penalty of `jalr`.
    pub jump_register: u32,
    /// Penalty of entering or leaving a trap handler.
    pub trap: u32,
}

impl Default for PipelineConfig {
    fn default() -> PipelineConfig {
        PipelineConfig {
            clock_mhz: 210.0,
            forwarding: true,
            no_forwarding_delay: 2,
            load_use: 1,
            mul: 3,
            div: 34,
            fadd: 4,
            fmul: 3,
            fma: 6,
            fdiv: 12,
            fsqrt: 14,
            fcvt: 2,
            fcmp: 1,
            fmove: 1,
            branch_taken: 2,
            jump: 1,
            jump_register: 2,
            trap: 4,
        }
    }
}

impl PipelineConfig {
    /// Parses a configuration; keys left out keep their defaults.
    pub fn from_toml(text: &str) -> Result<PipelineConfig, String> {
        let config: PipelineConfig = toml::from_str(text).map_err(|e| {
            // toml's messages span several lines (with a source excerpt).
            e.message().to_string()
        })?;
        if !(config.clock_mhz.is_finite() && config.clock_mhz > 0.0) {
            return Err(format!(
                "clock_mhz must be positive, not {}",
                config.clock_mhz
            ));
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_file_is_the_default() {
        assert_eq!(
            PipelineConfig::from_toml(DEFAULT_TOML).unwrap(),
            PipelineConfig::default()
        );
    }

    #[test]
    fn keys_left_out_keep_their_defaults_and_unknown_keys_are_errors() {
        let c = PipelineConfig::from_toml("fdiv = 30\nclock_mhz = 100.0").unwrap();
        assert_eq!(c.fdiv, 30);
        assert_eq!(c.clock_mhz, 100.0);
        assert_eq!(c.fadd, PipelineConfig::default().fadd);
        let e = PipelineConfig::from_toml("fdvi = 30").unwrap_err();
        assert!(e.contains("fdvi"), "{e}");
        assert!(!e.contains('\n'), "{e}");
        assert!(PipelineConfig::from_toml("clock_mhz = 0.0").is_err());
        assert!(PipelineConfig::from_toml("mul = -1").is_err());
    }
}
