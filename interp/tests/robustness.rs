//! A guest can never crash the emulator: random code (32-bit and compressed
//! words, so random CSR writes, page tables, MMIO stores, FP operations,
//! traps) runs for a while under every seed and ends in an orderly `Stop`.
//! Built in debug mode, any arithmetic overflow on a guest value panics, so
//! this also checks that guest values only meet wrapping arithmetic.

use interp::Interp;
use soc::board::{VirtConfig, virt};
use soc::dev::console::BufferConsole;
use soc::elf::{EM_RISCV, minimal_image};
use soc::machine::RunLimits;
use soc::memmap::RAM_BASE;

const CODE_BYTES: usize = 64 << 10;

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 16) as u32
    }
}

/// Random code, after a prologue that installs a trap handler skipping the
/// faulting instruction (so traps keep running random code) and turns the
/// FPU on.
fn random_program(seed: u64) -> Vec<u8> {
    let mut rng = XorShift(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let prologue: [u32; 12] = [
        0x0000_0297, // 0x00 auipc t0, 0
        0x0202_8293, // 0x04 addi t0, t0, 0x20
        0x3052_9073, // 0x08 csrw mtvec, t0
        0x0000_62b7, // 0x0c lui t0, 0x6   (mstatus.FS = Dirty)
        0x3002_a073, // 0x10 csrs mstatus, t0
        0x01c0_006f, // 0x14 j 0x30
        0x0000_0013, // 0x18 nop
        0x0000_0013, // 0x1c nop
        0x3410_2ff3, // 0x20 handler: csrr t6, mepc
        0x004f_8f93, // 0x24 addi t6, t6, 4
        0x341f_9073, // 0x28 csrw mepc, t6
        0x3020_0073, // 0x2c mret
    ];
    let mut code: Vec<u8> = prologue.iter().flat_map(|w| w.to_le_bytes()).collect();
    while code.len() < CODE_BYTES {
        let word = rng.next();
        // Bias towards real opcodes: keep the low two bits 11 or use the
        // word as two compressed instructions.
        let word = match rng.next() % 4 {
            0 => word,
            1 => word | 3,
            _ => {
                (word & !0x7f)
                    | [
                        0x03, 0x13, 0x23, 0x33, 0x37, 0x63, 0x6f, 0x73, 0x2f, 0x07, 0x27, 0x53,
                    ][rng.next() as usize % 12]
            }
        };
        code.extend_from_slice(&word.to_le_bytes());
    }
    minimal_image(RAM_BASE, &code, code.len() as u32, EM_RISCV)
}

#[test]
fn random_code_never_crashes_the_emulator() {
    for seed in 0..64 {
        let config = VirtConfig {
            deterministic: true,
            ..VirtConfig::new(4 << 20, Box::new(BufferConsole::new()))
        };
        let (mut m, _) = virt(config, &random_program(seed)).unwrap();
        // Any Stop is fine; a panic fails the test.
        let stop = Interp::new().run(
            &mut m,
            RunLimits {
                max_insns: Some(200_000),
                ..RunLimits::default()
            },
        );
        assert!(m.hart.retired > 0, "seed {seed}: {stop:?}");
    }
}
