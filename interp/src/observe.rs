//! Per-instruction observers: code that sees every retired instruction in
//! order (the pipeline timing model in `perf`). An interpreter with an
//! observer runs one instruction at a time, as with a tracer, so it is
//! several times slower than running cached blocks.

use std::sync::{Arc, Mutex, PoisonError};

use soc::isa::Insn;
use soc::machine::Machine;

/// Sees each retired instruction.
pub trait Observer: Send {
    /// `insn` at `pc` has retired; `m.hart.pc` is where execution goes
    /// next (a trap taken later shows as the next instruction's pc).
    fn retired(&mut self, m: &Machine, insn: &Insn, pc: u32);
}

/// A shared observer, so that its owner can read it after the run.
impl<T: Observer> Observer for Arc<Mutex<T>> {
    fn retired(&mut self, m: &Machine, insn: &Insn, pc: u32) {
        self.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retired(m, insn, pc);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Interp;
    use soc::board::{VirtConfig, virt};
    use soc::dev::console::BufferConsole;
    use soc::elf::{EM_RISCV, minimal_image};
    use soc::isa::Op;
    use soc::machine::{RunLimits, Stop};
    use soc::memmap::RAM_BASE;

    /// (pc, op, next pc) of every instruction seen.
    #[derive(Default)]
    struct Log(Vec<(u32, Op, u32)>);

    impl Observer for Log {
        fn retired(&mut self, m: &Machine, insn: &Insn, pc: u32) {
            self.0.push((pc, insn.op, m.hart.pc));
        }
    }

    const COUNTDOWN: [u32; 4] = [
        0x0030_0293, // addi t0, zero, 3
        0xfff2_8293, // addi t0, t0, -1
        0xfe02_9ee3, // bnez t0, -4
        0x0000_006f, // j . (spins until the limit)
    ];

    /// Runs `words` at RAM_BASE for `max_insns` with an observer (and a
    /// commit log to nowhere when `traced`); returns what it saw and the
    /// instructions retired.
    fn observe(words: &[u32], max_insns: u64, traced: bool) -> (Vec<(u32, Op, u32)>, u64) {
        let code: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
        let config = VirtConfig {
            deterministic: true,
            ..VirtConfig::new(1 << 20, Box::new(BufferConsole::new()))
        };
        let image = minimal_image(RAM_BASE, &code, code.len() as u32, EM_RISCV);
        let (mut m, _) = virt(config, &image).unwrap();
        let log = Arc::new(Mutex::new(Log::default()));
        let mut interp = Interp::new();
        interp.set_observer(Box::new(log.clone()));
        if traced {
            interp.set_trace(Box::new(std::io::sink()));
        }
        let limits = RunLimits {
            max_insns: Some(max_insns),
            ..RunLimits::default()
        };
        assert_eq!(interp.run(&mut m, limits), Stop::InsnLimit);
        let seen = std::mem::take(&mut log.lock().unwrap().0);
        (seen, m.hart.retired)
    }

    #[test]
    fn every_retired_instruction_is_seen_in_order() {
        let (log, retired) = observe(&COUNTDOWN, 100, false);
        assert_eq!(log.len() as u64, retired);
        let ram: Vec<(u32, Op, u32)> = log.iter().copied().filter(|e| e.0 >= RAM_BASE).collect();
        let b = RAM_BASE;
        assert_eq!(
            ram[..8],
            [
                (b, Op::Addi, b + 4),
                (b + 4, Op::Addi, b + 8),
                (b + 8, Op::Bne, b + 4),
                (b + 4, Op::Addi, b + 8),
                (b + 8, Op::Bne, b + 4),
                (b + 4, Op::Addi, b + 8),
                (b + 8, Op::Bne, b + 12),
                (b + 12, Op::Jal, b + 12),
            ]
        );
    }

    /// Cached blocks show the observer what single steps (forced by a
    /// tracer) show, also when the limit splits a block or a trap ends one.
    #[test]
    fn blocks_show_what_single_steps_show() {
        let faulting: [u32; 9] = [
            0x0000_0397, // auipc t2, 0
            0x0143_8393, // addi t2, t2, 20
            0x3053_9073, // csrw mtvec, t2
            0x0000_2303, // lw t1, 0(zero): an access fault
            0xffdf_f06f, // j -4
            0x3410_2e73, // handler: csrr t3, mepc
            0x004e_0e13, // addi t3, t3, 4
            0x341e_1073, // csrw mepc, t3
            0x3020_0073, // mret (to the j)
        ];
        let (log, _) = observe(&faulting, 100, false);
        assert!(log.iter().any(|&(_, op, _)| op == Op::Mret), "{log:x?}");
        for words in [&COUNTDOWN[..], &faulting[..]] {
            for limit in 95..=101 {
                assert_eq!(
                    observe(words, limit, false),
                    observe(words, limit, true),
                    "{words:x?} for {limit}"
                );
            }
        }
    }
}
