//! Whole-machine behaviour of the interpreter that the spec does not pin
//! down tightly enough for QEMU to check: exact instruction counts inside
//! blocks, code rewritten by a store being seen without `fence.i`, WFI, and
//! more code than the block cache holds.

use interp::Interp;
use soc::board::{VirtConfig, virt};
use soc::dev::console::BufferConsole;
use soc::elf::{EM_RISCV, minimal_image};
use soc::machine::{RunLimits, Stop};
use soc::memmap::RAM_BASE;

/// Runs hand-assembled `words` at the start of RAM; returns how it stopped.
fn run(words: &[u32]) -> Stop {
    let code: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
    let config = VirtConfig {
        deterministic: true,
        ..VirtConfig::new(1 << 20, Box::new(BufferConsole::new()))
    };
    let (mut m, _) = virt(
        config,
        &minimal_image(RAM_BASE, &code, code.len() as u32, EM_RISCV),
    )
    .unwrap();
    Interp::new().run(
        &mut m,
        RunLimits {
            max_insns: Some(1_000_000),
            ..RunLimits::default()
        },
    )
}

/// Ends the run with exit status a0 through the finisher.
const EXIT_WITH_A0: [u32; 6] = [
    0x0105_1513, // slli a0, a0, 16
    0x0000_3337, // lui t1, 0x3
    0x3333_0313, // addi t1, t1, 0x333
    0x0065_6533, // or a0, a0, t1
    0x0010_02b7, // lui t0, 0x100
    0x00a2_a023, // sw a0, 0(t0)
];

#[test]
fn minstret_counts_every_instruction_inside_a_block() {
    let mut words = vec![
        0xb020_2573, // csrr a0, minstret
        0x0012_8293, // addi t0, t0, 1  (five times)
        0x0012_8293,
        0x0012_8293,
        0x0012_8293,
        0x0012_8293,
        0xb020_25f3, // csrr a1, minstret
        0x40a5_8533, // sub a0, a1, a0
    ];
    words.extend(EXIT_WITH_A0);
    // The first csrr and the five addi retired between the two reads.
    assert_eq!(run(&words), Stop::Exit(6));
}

#[test]
fn a_store_over_cached_code_is_seen_without_fence_i() {
    let mut words = vec![
        0x0000_0417, // 0x00 auipc s0, 0
        0x0000_0513, // 0x04 li a0, 0
        0x0000_0393, // 0x08 li t2, 0
        0x0015_0513, // 0x0c loop: addi a0, a0, 1   (rewritten to addi a0, a0, 16)
        0x0003_9c63, // 0x10 bnez t2, done
        0x0105_0337, // 0x14 lui t1, 0x1050
        0x5133_0313, // 0x18 addi t1, t1, 0x513    (t1 = addi a0, a0, 16)
        0x0064_2623, // 0x1c sw t1, 12(s0)
        0x0010_0393, // 0x20 li t2, 1
        0xfe9f_f06f, // 0x24 j loop
    ];
    words.extend(EXIT_WITH_A0); // 0x28 done
    assert_eq!(run(&words), Stop::Exit(17));
}

#[test]
fn a_store_into_the_running_block_is_seen_at_the_next_instruction() {
    // In the store's own 64-byte line (QEMU runs the old instruction here).
    let mut words = vec![
        0x0000_0417, // 0x00 auipc s0, 0
        0x0020_0337, // 0x04 lui t1, 0x200
        0x5133_0313, // 0x08 addi t1, t1, 0x513  (t1 = li a0, 2)
        0x0064_2a23, // 0x0c sw t1, 20(s0)
        0x0000_0013, // 0x10 nop
        0x0010_0513, // 0x14 li a0, 1            (rewritten)
    ];
    words.extend(EXIT_WITH_A0);
    assert_eq!(run(&words), Stop::Exit(2));
    // In the next line of the same block.
    let mut words = vec![
        0x0000_0417, // 0x00 auipc s0, 0
        0x0030_0337, // 0x04 lui t1, 0x300
        0x5133_0313, // 0x08 addi t1, t1, 0x513  (t1 = li a0, 3)
        0x0464_2023, // 0x0c sw t1, 64(s0)
    ];
    words.extend([0x0000_0013; 12]); // 0x10..0x40 nop
    words.push(0x0010_0513); // 0x40 li a0, 1    (rewritten)
    words.extend(EXIT_WITH_A0);
    assert_eq!(run(&words), Stop::Exit(3));
}

#[test]
fn wfi_with_only_software_interrupts_enabled_completes() {
    let mut words = vec![
        0x0080_0293, // li t0, 8       (MSIE)
        0x3042_a073, // csrs mie, t0
        0x1050_0073, // wfi
        0x0050_0513, // li a0, 5
    ];
    words.extend(EXIT_WITH_A0);
    assert_eq!(run(&words), Stop::Exit(5));
}

#[test]
fn wfi_waits_for_an_enabled_timer_even_with_interrupts_off() {
    let mut words = vec![
        0x0200_42b7, // lui t0, 0x2004   (CLINT mtimecmp)
        0x3e80_0313, // li t1, 1000
        0x0002_a223, // sw zero, 4(t0)
        0x0062_a023, // sw t1, 0(t0)
        0x0800_0293, // li t0, 0x80    (MTIE)
        0x3042_a073, // csrs mie, t0
        0x1050_0073, // wfi             (mstatus.MIE is 0: no trap)
        0x3440_2573, // csrr a0, mip
        0x0805_7513, // andi a0, a0, 0x80
    ];
    words.extend(EXIT_WITH_A0);
    assert_eq!(run(&words), Stop::Exit(0x80));
}

#[test]
fn more_blocks_than_the_cache_holds() {
    // Each `j .+4` is a block of its own, and there are more of them than
    // the block cache keeps before it starts over.
    let mut words = vec![0x0040_006f; 70_000]; // j .+4
    words.push(0x0070_0513); // li a0, 7
    words.extend(EXIT_WITH_A0);
    assert_eq!(run(&words), Stop::Exit(7));
}
