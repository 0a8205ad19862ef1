//! A timing model of the course's in-order pipeline (the seed's 210 MHz
//! CPU): it counts cycles from the retired-instruction stream.
//!
//! The model is single-issue and has no instruction-level parallelism: an
//! instruction enters execute one cycle after the one before it, or later
//! when it must wait for an operand, for a multi-cycle unit (multiply,
//! divide, each FPU class: the unit holds execute until it is done), or
//! after a taken branch, a jump or a trap redirect. Results are forwarded
//! (or, with `forwarding = false`, readable a few cycles later), and loads
//! complete out of order: the instructions after a load go on, and only
//! one that reads the loaded register waits (`load_use`). Caches are
//! perfect and the pipeline fill (a few cycles per run) is left out.
//!
//! Feed it with [`Pipeline::retire`] once per retired instruction, in
//! order; [`Pipeline::estimate`] gives cycles, CPI and seconds at the
//! clock. The latencies are a [`PipelineConfig`] (`perf/pipeline.toml`).

mod config;
mod unit;

pub use config::{DEFAULT_TOML, PipelineConfig};
pub use unit::Unit;

use soc::isa::Insn;

/// The seed's figures for min-rt on its CPU: about 1.88 G instructions in
/// 20.7 s at 210 MHz (CPI about 2.3).
pub const SEED_INSTRUCTIONS: f64 = 1.88e9;
/// The seed's run time, in seconds.
pub const SEED_SECONDS: f64 = 20.7;
/// The seed's clock, in MHz.
pub const SEED_CLOCK_MHZ: f64 = 210.0;
/// The course's records for min-rt: (year, seconds).
pub const COURSE_RECORDS: [(u32, f64); 2] = [(2006, 18.8), (2016, 4.0)];

/// Stall cycles by cause, beyond one cycle per instruction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stalls {
    /// Waiting for a value a load fetched.
    pub load_use: u64,
    /// Waiting for another result (only without forwarding: with it,
    /// multi-cycle units hold execute instead).
    pub operand: u64,
    /// Multi-cycle units holding execute.
    pub execute: u64,
    /// Taken branches, jumps and trap redirects.
    pub control: u64,
}

/// The model's estimate for the instructions retired so far.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// Instructions retired.
    pub instructions: u64,
    /// Cycles until the last of them completed.
    pub cycles: u64,
    /// Cycles per instruction.
    pub cpi: f64,
    /// Run time at the configured clock.
    pub seconds: f64,
    /// Where the cycles beyond one per instruction went.
    pub stalls: Stalls,
}

/// When a register's latest value can be read, and whether a load made it.
#[derive(Clone, Copy, Default)]
struct Ready {
    cycle: u64,
    loaded: bool,
}

/// The pipeline state: see the module docs.
pub struct Pipeline {
    config: PipelineConfig,
    /// Cycle at which the next instruction may enter execute.
    next_issue: u64,
    /// x0..x31, then f0..f31.
    ready: [Ready; 64],
    /// Where the last instruction went: another pc means a trap redirect.
    expected_pc: Option<u32>,
    instructions: u64,
    end: u64,
    stalls: Stalls,
}

impl Pipeline {
    /// An empty pipeline with `config`'s timing.
    pub fn new(config: PipelineConfig) -> Pipeline {
        Pipeline {
            config,
            next_issue: 0,
            ready: [Ready::default(); 64],
            expected_pc: None,
            instructions: 0,
            end: 0,
            stalls: Stalls::default(),
        }
    }

    /// The configuration in use.
    pub fn config(&self) -> &PipelineConfig {
        &self.config
    }

    /// Accounts for `insn`, which retired at `pc` and was followed by the
    /// instruction at `next_pc` (a branch is taken when that is not the
    /// next instruction in memory).
    pub fn retire(&mut self, insn: &Insn, pc: u32, next_pc: u32) {
        let c = &self.config;
        let mut start = self.next_issue;
        if self.expected_pc.is_some_and(|expected| expected != pc) {
            start += u64::from(c.trap);
            self.stalls.control += u64::from(c.trap);
        }
        let waits = unit::sources(insn)
            .into_iter()
            .flatten()
            .filter(|&r| r != 0)
            .map(|r| self.ready[r])
            .max_by_key(|r| r.cycle);
        if let Some(wait) = waits.filter(|r| r.cycle > start) {
            let stall = wait.cycle - start;
            if wait.loaded {
                self.stalls.load_use += stall;
            } else {
                self.stalls.operand += stall;
            }
            start = wait.cycle;
        }
        let unit = Unit::of(insn.op);
        let busy = u64::from(unit.busy(c));
        self.stalls.execute += busy - 1;
        let forward = if c.forwarding {
            0
        } else {
            u64::from(c.no_forwarding_delay)
        };
        let result = match unit {
            Unit::Load => start + 1 + u64::from(c.load_use),
            _ => start + busy,
        };
        if let Some(rd) = unit::destination(insn) {
            self.ready[rd] = Ready {
                cycle: result + forward,
                loaded: unit == Unit::Load,
            };
        }
        let taken = next_pc != pc.wrapping_add(u32::from(insn.len));
        let penalty = u64::from(match unit {
            Unit::Branch if taken => c.branch_taken,
            Unit::Jump => c.jump,
            Unit::JumpRegister => c.jump_register,
            Unit::System if taken => c.trap,
            _ => 0,
        });
        self.stalls.control += penalty;
        self.next_issue = start + busy + penalty;
        self.end = self.end.max(start + busy).max(result);
        self.expected_pc = Some(next_pc);
        self.instructions += 1;
    }

    /// Cycles, CPI and seconds for everything retired so far.
    pub fn estimate(&self) -> Estimate {
        let cpi = if self.instructions == 0 {
            0.0
        } else {
            self.end as f64 / self.instructions as f64
        };
        Estimate {
            instructions: self.instructions,
            cycles: self.end,
            cpi,
            seconds: self.end as f64 / (self.config.clock_mhz * 1e6),
            stalls: self.stalls,
        }
    }
}

/// The model fed by the interpreter (which then runs one instruction at a
/// time).
impl interp::observe::Observer for Pipeline {
    fn retired(&mut self, m: &soc::machine::Machine, insn: &Insn, pc: u32) {
        self.retire(insn, pc, m.hart.pc);
    }
}

impl Estimate {
    /// A few lines for a person: the estimate, its stalls, and the seed's
    /// figures and the course's records beside it.
    pub fn report(&self, clock_mhz: f64) -> String {
        let s = &self.stalls;
        let mut out = format!(
            "pipeline model: {} instructions, {} cycles, CPI {:.3}, {:.3} s at {clock_mhz} MHz\n\
             stall cycles: load-use {}, operands {}, multi-cycle units {}, control {}\n\
             seed: {:.2} G instructions in {SEED_SECONDS} s (CPI {:.2} at {SEED_CLOCK_MHZ} MHz)",
            self.instructions,
            self.cycles,
            self.cpi,
            self.seconds,
            s.load_use,
            s.operand,
            s.execute,
            s.control,
            SEED_INSTRUCTIONS / 1e9,
            SEED_SECONDS * SEED_CLOCK_MHZ * 1e6 / SEED_INSTRUCTIONS,
        );
        for (year, seconds) in COURSE_RECORDS {
            out.push_str(&format!("; course record {year}: {seconds} s"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use soc::isa::Op;

    /// A 4-byte instruction `op rd, rs1, rs2`.
    fn i(op: Op, rd: u8, rs1: u8, rs2: u8) -> Insn {
        Insn {
            op,
            rd,
            rs1,
            rs2,
            rs3: 0,
            rm: 0,
            len: 4,
            imm: 0,
            raw: 0,
        }
    }

    /// Runs `insns` at consecutive pcs from 0 (each falling through, except
    /// those listed in `taken`, which go to 0x100 past themselves) and
    /// returns the estimate.
    fn run_with(config: PipelineConfig, insns: &[Insn], taken: &[usize]) -> Estimate {
        let mut p = Pipeline::new(config);
        let mut pc = 0u32;
        for (n, insn) in insns.iter().enumerate() {
            let next = if taken.contains(&n) {
                pc + 0x100
            } else {
                pc + 4
            };
            p.retire(insn, pc, next);
            pc = next;
        }
        p.estimate()
    }

    fn run(insns: &[Insn]) -> Estimate {
        run_with(PipelineConfig::default(), insns, &[])
    }

    #[test]
    fn independent_simple_instructions_take_one_cycle_each() {
        let e = run(&[
            i(Op::Addi, 5, 0, 0),
            i(Op::Add, 6, 0, 0),
            i(Op::Sw, 0, 2, 5),
            i(Op::Xor, 7, 5, 6),
        ]);
        assert_eq!((e.instructions, e.cycles, e.cpi), (4, 4, 1.0));
        assert_eq!(e.stalls, Stalls::default());
        assert_eq!(e.seconds, 4.0 / 210e6);
    }

    #[test]
    fn a_load_stalls_only_the_instruction_that_uses_it() {
        // lw at 0 (value at 2); add at 1 must wait to 2: 3 cycles.
        let e = run(&[i(Op::Lw, 5, 2, 0), i(Op::Add, 6, 5, 5)]);
        assert_eq!((e.cycles, e.stalls.load_use), (3, 1));
        // An independent instruction in between hides the stall.
        let e = run(&[
            i(Op::Lw, 5, 2, 0),
            i(Op::Addi, 7, 0, 0),
            i(Op::Add, 6, 5, 5),
        ]);
        assert_eq!((e.cycles, e.stalls.load_use), (3, 0));
        // FP loads write f registers: fcvt.w.s x5, f5 waits for flw f5,
        // an integer reader of x5 does not.
        let e = run(&[i(Op::Flw, 5, 2, 0), i(Op::FcvtWS, 6, 5, 0)]);
        assert_eq!(e.stalls.load_use, 1);
        let e = run(&[i(Op::Flw, 5, 2, 0), i(Op::Addi, 6, 5, 0)]);
        assert_eq!(e.stalls.load_use, 0);
        // x0 is always ready.
        let e = run(&[i(Op::Lw, 0, 2, 0), i(Op::Add, 6, 0, 0)]);
        assert_eq!(e.cycles, 2);
    }

    #[test]
    fn multi_cycle_units_hold_execute() {
        // Two independent fadds: 4 + 4 cycles, no overlap.
        let e = run(&[i(Op::FaddS, 1, 2, 3), i(Op::FaddS, 4, 5, 6)]);
        assert_eq!((e.cycles, e.stalls.execute), (8, 6));
        // fdiv (12), then a dependent fmul (3): 15; fsqrt 14; div 34; mul 3.
        let e = run(&[i(Op::FdivS, 1, 2, 3), i(Op::FmulS, 4, 1, 1)]);
        assert_eq!(e.cycles, 15);
        assert_eq!(
            e.stalls.operand, 0,
            "the unit held execute: no operand wait"
        );
        assert_eq!(run(&[i(Op::FsqrtD, 1, 2, 0)]).cycles, 14);
        assert_eq!(run(&[i(Op::Div, 1, 2, 3), i(Op::Mul, 4, 1, 1)]).cycles, 37);
        let fma = Insn {
            rs3: 7,
            ..i(Op::FmaddS, 1, 2, 3)
        };
        let e = run(&[
            fma,
            i(Op::FcvtSW, 4, 5, 0),
            i(Op::FeqS, 6, 1, 4),
            i(Op::FsgnjS, 8, 1, 1),
        ]);
        assert_eq!(e.cycles, 6 + 2 + 1 + 1);
    }

    #[test]
    fn taken_branches_and_jumps_pay_their_penalties() {
        let beq = i(Op::Beq, 0, 5, 6);
        let addi = i(Op::Addi, 7, 0, 0);
        // Not taken: 2 cycles; taken: + 2.
        assert_eq!(run(&[beq, addi]).cycles, 2);
        let e = run_with(PipelineConfig::default(), &[beq, addi], &[0]);
        assert_eq!((e.cycles, e.stalls.control), (4, 2));
        let e = run_with(
            PipelineConfig::default(),
            &[i(Op::Jal, 1, 0, 0), addi],
            &[0],
        );
        assert_eq!(e.cycles, 3);
        let e = run_with(
            PipelineConfig::default(),
            &[i(Op::Jalr, 0, 1, 0), addi],
            &[0],
        );
        assert_eq!(e.cycles, 4);
    }

    #[test]
    fn a_trap_redirect_costs_the_trap_penalty() {
        let mut p = Pipeline::new(PipelineConfig::default());
        let addi = i(Op::Addi, 7, 0, 0);
        p.retire(&addi, 0x0, 0x4);
        // An interrupt: the next instruction retired is the handler's.
        p.retire(&addi, 0x800, 0x804);
        // mret back to 0x4.
        p.retire(&i(Op::Mret, 0, 0, 0), 0x804, 0x4);
        p.retire(&addi, 0x4, 0x8);
        let e = p.estimate();
        assert_eq!((e.cycles, e.stalls.control), (4 + 4 + 4, 8));
    }

    #[test]
    fn without_forwarding_dependents_wait_for_write_back() {
        let config = PipelineConfig {
            forwarding: false,
            ..PipelineConfig::default()
        };
        let e = run_with(
            config.clone(),
            &[i(Op::Addi, 5, 0, 0), i(Op::Add, 6, 5, 5)],
            &[],
        );
        assert_eq!((e.cycles, e.stalls.operand), (4, 2));
        let e = run_with(config, &[i(Op::Lw, 5, 2, 0), i(Op::Add, 6, 5, 5)], &[]);
        assert_eq!((e.cycles, e.stalls.load_use), (5, 3));
    }

    #[test]
    fn the_interpreter_feeds_the_model_every_instruction_of_a_run() {
        use std::sync::{Arc, Mutex};
        let elf = std::fs::read(crate::workload::INTBENCH_ELF).unwrap();
        let (mut m, _console) = crate::workload::machine(&elf).unwrap();
        let model = Arc::new(Mutex::new(Pipeline::new(PipelineConfig::default())));
        let mut interp = interp::Interp::new();
        interp.set_observer(Box::new(model.clone()));
        let limits = soc::machine::RunLimits {
            max_insns: Some(2_000_000),
            ..Default::default()
        };
        let stop = interp.run(&mut m, limits);
        assert_eq!(stop, soc::machine::Stop::InsnLimit);
        let e = model.lock().unwrap().estimate();
        assert_eq!(e.instructions, 2_000_000);
        let s = e.stalls;
        // Every cycle beyond one per instruction has a cause, up to the
        // last instruction's latency or penalty.
        let accounted = e.instructions + s.load_use + s.operand + s.execute + s.control;
        assert!(e.cycles.abs_diff(accounted) <= 40, "{e:?}");
        assert!(s.load_use > 0 && s.execute > 0 && s.control > 0, "{e:?}");
    }

    #[test]
    fn the_report_shows_the_seed_beside_the_estimate() {
        let e = run(&[i(Op::Addi, 5, 0, 0)]);
        let text = e.report(210.0);
        assert!(text.contains("CPI 1.000"), "{text}");
        assert!(
            text.contains("1.88 G instructions in 20.7 s (CPI 2.31"),
            "{text}"
        );
        assert!(text.contains("course record 2016: 4 s"), "{text}");
    }
}
