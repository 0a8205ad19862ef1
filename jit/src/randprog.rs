//! Random integer programs for lockstep testing: a seeded generator of
//! RV32IM sequences over a data area, as a raw M-mode image at `RAM_BASE`.
//!
//! A program starts with a trap handler that skips the faulting
//! instruction (so random faults continue the program) and sets every
//! register from a pool of edge values (0, ±1, `INT_MIN`, `INT_MAX`, random
//! words). The body mixes register and immediate ALU and M operations,
//! LUI/AUIPC, loads and stores at random (often misaligned) offsets into
//! the data area, accesses through arbitrary register values (faults, MMIO,
//! now and then code), forward branches and jumps, JALR, counted loops, and
//! the odd CSR access or `ecall` for the interpreter to run. It ends by
//! writing the finisher's pass code. Registers: `x31` holds the data
//! area's base, `x30` counts loops, `x29` is scratch for JALR and `x28` is
//! the trap handler's.

use soc::memmap::RAM_BASE;

/// RAM offset of the data area.
pub const DATA_OFFSET: u32 = 0x1_0000;
/// Bytes of the data area.
pub const DATA_BYTES: u32 = 0x1000;
/// The SiFive test finisher's address (QEMU `virt`).
const FINISHER: u32 = 0x10_0000;

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

fn r_type(f7: u32, rs2: u32, rs1: u32, f3: u32, rd: u32, op: u32) -> u32 {
    f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op
}

fn i_type(imm: i32, rs1: u32, f3: u32, rd: u32, op: u32) -> u32 {
    ((imm as u32) & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op
}

fn s_type(imm: i32, rs2: u32, rs1: u32, f3: u32) -> u32 {
    let imm = imm as u32;
    (imm >> 5 & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (imm & 0x1f) << 7 | 0x23
}

fn b_type(imm: i32, rs2: u32, rs1: u32, f3: u32) -> u32 {
    let imm = imm as u32;
    (imm >> 12 & 1) << 31
        | (imm >> 5 & 0x3f) << 25
        | rs2 << 20
        | rs1 << 15
        | f3 << 12
        | (imm >> 1 & 0xf) << 8
        | (imm >> 11 & 1) << 7
        | 0x63
}

fn u_type(imm: u32, rd: u32, op: u32) -> u32 {
    imm & 0xffff_f000 | rd << 7 | op
}

fn j_type(imm: i32, rd: u32) -> u32 {
    let imm = imm as u32;
    (imm >> 20 & 1) << 31
        | (imm >> 1 & 0x3ff) << 21
        | (imm >> 11 & 1) << 20
        | (imm >> 12 & 0xff) << 12
        | rd << 7
        | 0x6f
}

/// `rd = value` as LUI + ADDI.
fn li(rd: u32, value: u32) -> [u32; 2] {
    let hi = value.wrapping_add(0x800) & 0xffff_f000;
    let lo = value.wrapping_sub(hi) as i32;
    [u_type(hi, rd, 0x37), i_type(lo, rd, 0, rd, 0x13)]
}

/// Builds one program.
struct Gen {
    rng: Rng,
    code: Vec<u32>,
}

impl Gen {
    /// A destination register the body may write (not x28–x31).
    fn rd(&mut self) -> u32 {
        1 + self.rng.below(27)
    }

    /// Any source register.
    fn rs(&mut self) -> u32 {
        self.rng.below(32)
    }

    fn edge_value(&mut self) -> u32 {
        const EDGES: [u32; 6] = [0, 1, u32::MAX, 0x8000_0000, 0x7fff_ffff, 0x8000_0001];
        match self.rng.below(8) {
            n @ 0..6 => EDGES[n as usize],
            6 => self.rng.below(64),
            _ => self.rng.word(),
        }
    }

    fn imm12(&mut self) -> i32 {
        (self.rng.word() as i32) >> 20
    }

    /// One ALU, M, LUI or AUIPC instruction.
    fn compute(&mut self) -> u32 {
        let (rd, rs1, rs2) = (self.rd(), self.rs(), self.rs());
        match self.rng.below(6) {
            0 | 1 => {
                const F3_F7: [(u32, u32); 10] = [
                    (0, 0),
                    (0, 0x20),
                    (1, 0),
                    (2, 0),
                    (3, 0),
                    (4, 0),
                    (5, 0),
                    (5, 0x20),
                    (6, 0),
                    (7, 0),
                ];
                let (f3, f7) = F3_F7[self.rng.below(10) as usize];
                r_type(f7, rs2, rs1, f3, rd, 0x33)
            }
            2 => r_type(1, rs2, rs1, self.rng.below(8), rd, 0x33),
            3 => {
                let f3 = [0, 2, 3, 4, 6, 7][self.rng.below(6) as usize];
                i_type(self.imm12(), rs1, f3, rd, 0x13)
            }
            4 => {
                let shamt = self.rng.below(32) as i32;
                let (f3, hi) = [(1, 0), (5, 0), (5, 0x400)][self.rng.below(3) as usize];
                i_type(hi | shamt, rs1, f3, rd, 0x13)
            }
            _ => u_type(
                self.rng.word(),
                rd,
                [0x37, 0x17][self.rng.below(2) as usize],
            ),
        }
    }

    /// A load or store into the data area, or now and then through an
    /// arbitrary register.
    fn access(&mut self) -> u32 {
        let (base, off) = if self.rng.below(8) == 0 {
            (self.rs(), self.imm12())
        } else {
            (31, self.rng.below(DATA_BYTES - 0x10) as i32 - 0x7f0)
        };
        if self.rng.below(2) == 0 {
            let f3 = [0, 1, 2, 4, 5][self.rng.below(5) as usize];
            i_type(off, base, f3, self.rd(), 0x03)
        } else {
            s_type(off, self.rs(), base, self.rng.below(3))
        }
    }

    /// A random straight-line instruction.
    fn straight(&mut self) -> u32 {
        match self.rng.below(16) {
            0..8 => self.compute(),
            8..14 => self.access(),
            14 => i_type(0x340, self.rs(), 1 + self.rng.below(2), self.rd(), 0x73), // mscratch
            _ => 0x0000_0073, // ecall: the handler skips it
        }
    }

    /// One item of the body (a few instructions).
    fn item(&mut self) {
        match self.rng.below(12) {
            0 => {
                // A forward branch over 1..=3 instructions.
                let skip = 1 + self.rng.below(3);
                let f3 = [0, 1, 4, 5, 6, 7][self.rng.below(6) as usize];
                let (rs1, rs2) = (self.rs(), self.rs());
                self.code.push(b_type(4 * (skip as i32 + 1), rs2, rs1, f3));
                self.straights(skip);
            }
            1 => {
                let skip = self.rng.below(3);
                let rd = self.rd();
                self.code.push(j_type(4 * (skip as i32 + 1), rd));
                self.straights(skip);
            }
            2 => {
                // auipc x29, 0; jalr rd, 12(x29): skips one instruction.
                let rd = self.rd();
                self.code.push(u_type(0, 29, 0x17));
                self.code.push(i_type(12, 29, 0, rd, 0x67));
                self.straights(1);
            }
            3 => {
                // A loop of 1..=8 iterations over 1..=6 instructions.
                let iterations = 1 + self.rng.below(8) as i32;
                self.code.push(i_type(iterations, 0, 0, 30, 0x13));
                let top = self.code.len();
                let body = 1 + self.rng.below(6);
                self.straights(body);
                self.code.push(i_type(-1, 30, 0, 30, 0x13));
                let back = -4 * (self.code.len() - top) as i32;
                self.code.push(b_type(back, 0, 30, 1));
            }
            _ => self.straights(1),
        }
    }

    fn straights(&mut self, n: u32) {
        for _ in 0..n {
            let insn = self.straight();
            self.code.push(insn);
        }
    }
}

/// The code of the program for `seed`, with `items` body items, to be
/// loaded at `RAM_BASE`.
pub fn program(seed: u64, items: u32) -> Vec<u8> {
    let mut g = Gen {
        rng: Rng::new(seed),
        code: Vec::new(),
    };
    // 0: j main; 4: the handler (mepc += 4; mret).
    g.code.push(j_type(20, 0));
    g.code.push(i_type(0x341, 0, 2, 28, 0x73)); // csrr x28, mepc
    g.code.push(i_type(4, 28, 0, 28, 0x13));
    g.code.push(i_type(0x341, 28, 1, 0, 0x73)); // csrw mepc, x28
    g.code.push(0x3020_0073); // mret
    g.code.extend(li(28, RAM_BASE + 4));
    g.code.push(i_type(0x305, 28, 1, 0, 0x73)); // csrw mtvec, x28
    for rd in 1..31 {
        let v = g.edge_value();
        g.code.extend(li(rd, v));
    }
    g.code.extend(li(31, RAM_BASE + DATA_OFFSET + 0x7f0));
    for _ in 0..items {
        g.item();
    }
    g.code.extend(li(28, FINISHER));
    g.code.extend(li(29, 0x5555));
    g.code.push(s_type(0, 29, 28, 2));
    g.code.iter().flat_map(|w| w.to_le_bytes()).collect()
}
