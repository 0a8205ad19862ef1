//! The floating-point programs of the JIT's FP work, kept beside the
//! RV32GC generator: M-mode images over one data area whose bodies mix
//! F and D computation with a small integer backdrop, and the systematic
//! edge programs (one operation over every pair of edge values).
//!
//! FP programs turn the FPU on, fill the `f` registers with edge values
//! (zeros, infinities, NaNs with and without payload, signalling NaNs,
//! subnormals, extreme normals, integer limits, singles badly NaN-boxed,
//! random normals of moderate magnitude, for the host fast paths) and mix
//! F and D computation in every rounding mode (reserved ones included),
//! moves and conversions, FP loads and stores (often misaligned), writes
//! of `frm`, clears and reads of `fflags`, and now and then `mstatus.FS`
//! turned off (every FP instruction then traps) and on again. The integer
//! items: ALU and M operations, loads and stores into the data area,
//! forward branches and jumps, counted loops. The trap handler at offset 4
//! skips a faulting 4-byte instruction. Registers: `x31` holds the data
//! area's base, `x30` counts loops, `x29` is scratch, `x28` the handler's.

use soc::memmap::RAM_BASE;

use super::Rng;
use super::enc::{b_type, i_type, jal as j_type, li, r_type, u_type};

/// RAM offset of the data area.
pub const DATA_OFFSET: u32 = 0x1_0000;
/// Bytes of the data area.
pub const DATA_BYTES: u32 = 0x1000;
/// The SiFive test finisher's address (QEMU `virt`).
const FINISHER: u32 = 0x10_0000;

/// A store (`sb`/`sh`/`sw`, or with bit 2 set the FP ones).
fn s_type(imm: i32, rs2: u32, rs1: u32, f3: u32) -> u32 {
    super::enc::s_type(imm, rs2, rs1, f3, 0x23)
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
        if self.rng.below(4) != 0 {
            return self.fp_straight();
        }
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

/// The floating-point program for `seed` (see the module docs).
pub fn fp_program(seed: u64, items: u32) -> Vec<u8> {
    let mut g = Gen::start(seed);
    for f in 0..32 {
        let v = g.fp_value();
        g.load_f(f, v);
    }
    for _ in 0..items {
        g.item();
    }
    g.finish()
}

impl Gen {
    /// The trap handler, the registers set, the FPU on.
    fn start(seed: u64) -> Gen {
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
        g.code.push(u_type(FS_BITS, 29, 0x37));
        g.code.push(i_type(0x300, 29, 2, 0, 0x73)); // csrs mstatus, x29
        g
    }

    /// The finisher's pass code, and the program's bytes.
    fn finish(mut self) -> Vec<u8> {
        self.code.extend(li(28, FINISHER));
        self.code.extend(li(29, 0x5555));
        self.code.push(s_type(0, 29, 28, 2));
        self.code.iter().flat_map(|w| w.to_le_bytes()).collect()
    }
}

/// `mstatus.FS` (all ones: Dirty), as LUI's immediate.
const FS_BITS: u32 = 0x6000;

/// Double edge values.
const EDGE_D: [u64; 18] = [
    0,
    0x8000_0000_0000_0000, // -0
    0x3ff0_0000_0000_0000, // 1
    0xbff8_0000_0000_0000, // -1.5
    0x7ff0_0000_0000_0000, // inf
    0xfff0_0000_0000_0000, // -inf
    0x7ff8_0000_0000_0000, // canonical NaN
    0x7ff8_0000_0000_0123, // quiet NaN with payload
    0xfff0_0000_0000_0001, // signalling NaN
    0x0000_0000_0000_0001, // least subnormal
    0x000f_ffff_ffff_ffff, // greatest subnormal
    0x0010_0000_0000_0000, // least normal
    0x7fef_ffff_ffff_ffff, // greatest normal
    0x3fd5_5555_5555_5555, // 1/3
    0x41df_ffff_ffc0_0000, // 2^31 - 1
    0xc1e0_0000_0000_0000, // -2^31
    0x41ef_ffff_ffe0_0000, // 2^32 - 1
    0xc1e0_0000_0010_0000, // just below -2^31
];

/// Single edge values (NaN-boxed unless noted).
const EDGE_S: [u64; 12] = [
    0xffff_ffff_3f80_0000, // 1
    0xffff_ffff_8000_0000, // -0
    0xffff_ffff_7f80_0000, // inf
    0xffff_ffff_7fc0_0000, // canonical NaN
    0xffff_ffff_7fc0_1234, // quiet NaN with payload
    0xffff_ffff_ff80_0001, // signalling NaN
    0xffff_ffff_0000_0001, // least subnormal
    0xffff_ffff_0080_0000, // least normal
    0xffff_ffff_7f7f_ffff, // greatest normal
    0xffff_ffff_4f00_0000, // 2^31
    0x0000_0000_3f80_0000, // 1, not boxed
    0x1234_5678_3eaa_aaab, // 1/3, not boxed
];

impl Gen {
    /// Any `f` register.
    fn freg(&mut self) -> u32 {
        self.rng.below(32)
    }

    /// A 64-bit `f` register value: an edge value, or a random normal
    /// double or single of moderate magnitude (for the host fast paths).
    fn fp_value(&mut self) -> u64 {
        match self.rng.below(6) {
            0 => EDGE_D[self.rng.below(EDGE_D.len() as u32) as usize],
            1 => EDGE_S[self.rng.below(EDGE_S.len() as u32) as usize],
            2 | 3 => {
                let sign = u64::from(self.rng.below(2)) << 63;
                let exp = u64::from(1023 - 20 + self.rng.below(40)) << 52;
                let frac = (u64::from(self.rng.word()) << 32 | u64::from(self.rng.word())) >> 12;
                sign | exp | frac
            }
            _ => {
                let sign = self.rng.below(2) << 31;
                let exp = (127 - 10 + self.rng.below(20)) << 23;
                let frac = self.rng.word() >> 9;
                0xffff_ffff_0000_0000 | u64::from(sign | exp | frac)
            }
        }
    }

    /// `f[f] = value`, through the data area.
    fn load_f(&mut self, f: u32, value: u64) {
        self.code.extend(li(1, value as u32));
        self.code.extend(li(2, (value >> 32) as u32));
        self.code.push(s_type(0, 1, 31, 2));
        self.code.push(s_type(4, 2, 31, 2));
        self.code.push(i_type(0, 31, 3, f, 0x07)); // fld
    }

    /// A rounding-mode field: mostly dynamic or RNE, sometimes another
    /// mode, rarely a reserved one.
    fn rm(&mut self) -> u32 {
        match self.rng.below(20) {
            0..9 => 7,
            9..14 => 0,
            14..19 => 1 + self.rng.below(4),
            _ => 5 + self.rng.below(2),
        }
    }

    /// One F or D instruction, an FP load or store, or FP CSR traffic.
    fn fp_straight(&mut self) -> u32 {
        let (fd, f1, f2) = (self.freg(), self.freg(), self.freg());
        let (xd, x1) = (self.rd(), self.rs());
        // The format bit of OP-FP's funct7 and of the fused ops.
        let d = self.rng.below(2);
        let rm = self.rm();
        let op_fp =
            |f7: u32, rs2: u32, rs1: u32, f3: u32, rd: u32| r_type(f7 | d, rs2, rs1, f3, rd, 0x53);
        match self.rng.below(24) {
            // fadd, fsub, fmul, fdiv
            0..6 => op_fp(self.rng.below(4) << 2, f2, f1, rm, fd),
            6 => op_fp(0x2c, 0, f1, rm, fd), // fsqrt
            7..9 => {
                // fmadd, fmsub, fnmsub, fnmadd
                let op = 0x43 | self.rng.below(4) << 2;
                let f3 = self.freg();
                f3 << 27 | d << 25 | f2 << 20 | f1 << 15 | rm << 12 | fd << 7 | op
            }
            9 => op_fp(0x10, f2, f1, self.rng.below(3), fd), // fsgnj[n|x]
            10 => op_fp(0x14, f2, f1, self.rng.below(2), fd), // fmin, fmax
            11 => op_fp(0x50, f2, f1, self.rng.below(3), xd), // fle, flt, feq
            12 => op_fp(0x70, 0, f1, 1, xd),                 // fclass
            13 | 14 => op_fp(0x60, self.rng.below(2), f1, rm, xd), // fcvt.w[u]
            15 => op_fp(0x68, self.rng.below(2), x1, rm, fd), // fcvt.{s,d}.w[u]
            16 => op_fp(0x20, 1 - d, f1, rm, fd),            // fcvt.s.d, fcvt.d.s
            17 => r_type(0x70, 0, f1, 0, xd, 0x53),          // fmv.x.w
            18 => r_type(0x78, 0, x1, 0, fd, 0x53),          // fmv.w.x
            19 | 20 => self.fp_access(),
            21 => i_type(2, self.rng.below(8), 5, 0, 0x73), // csrwi frm, 0..7
            22 => i_type(1, 0, 1, xd, 0x73),                // csrrw xd, fflags, x0: read and clear
            _ => {
                // mstatus.FS off now and then, else on.
                let f3 = if self.rng.below(4) == 0 { 3 } else { 2 };
                self.code.push(u_type(FS_BITS, 29, 0x37));
                i_type(0x300, 29, f3, 0, 0x73)
            }
        }
    }

    /// `flw`, `fld`, `fsw` or `fsd` in the data area, mostly aligned.
    fn fp_access(&mut self) -> u32 {
        let mut off = self.rng.below(DATA_BYTES - 0x10) as i32 - 0x7f0;
        if self.rng.below(4) != 0 {
            off &= !7;
        }
        let f3 = 2 + self.rng.below(2);
        if self.rng.below(2) == 0 {
            i_type(off, 31, f3, self.freg(), 0x07)
        } else {
            // OP 0x27 is STORE-FP: s_type's 0x23 with bit 2 set.
            s_type(off, self.freg(), 31, f3) | 0x04
        }
    }
}

/// Integer edge values for conversions to floating point (`x10` up).
const EDGE_X: [u32; 10] = [
    0,
    1,
    u32::MAX,
    0x8000_0000,
    0x7fff_ffff,
    0x8000_0001,
    0x0100_0001, // 2^24 + 1: inexact as a single
    0x00ff_ffff,
    0xfeff_ffff,
    0x4000_0040,
];

/// The `f` registers (indices into the edge values, doubles then singles)
/// that instructions with two or three operands combine: the doubles but
/// the integer limits, and the singles 1, -0, the NaNs with payload and
/// signalling, the least subnormal and an unboxed one.
const PAIR_EDGES: [u32; 20] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 18, 19, 22, 23, 24, 28,
];

/// One instruction an edge program applies to the edge values.
#[derive(Clone, Copy)]
struct EdgeOp {
    /// The encoding with `rd`, `rs1`, `rs2` (unless fixed), `rs3` and (if
    /// it rounds) `rm` zero.
    bits: u32,
    /// Source operands (1 to 3).
    sources: u32,
    /// Whether `rm` is a rounding mode.
    rounds: bool,
    /// Whether the result goes to an `x` register.
    x_result: bool,
    /// Whether the source is an `x` register.
    x_source: bool,
}

/// Edge programs, one per F or D instruction (and format): each applies
/// it to every pair (or every one, or every pair with a third) of the
/// edge values, rounding modes rotating through dynamic and every static
/// one, `frm` set at random (reserved values too); after each instruction
/// `fflags` is read, then cleared or left with only NX (so that both the
/// exact path and the host fast path run), and an `f` result is stored in
/// the data area.
pub fn fp_edge_programs() -> Vec<EdgeProgram> {
    let edge = |bits, sources, rounds, x_result, x_source| EdgeOp {
        bits,
        sources,
        rounds,
        x_result,
        x_source,
    };
    let mut ops = Vec::new();
    for d in 0..2 {
        let op = |f7: u32, rs2: u32, f3: u32| r_type(f7 | d, rs2, 0, f3, 0, 0x53);
        for f7 in [0x00, 0x04, 0x08, 0x0c] {
            ops.push(edge(op(f7, 0, 0), 2, true, false, false)); // fadd..fdiv
        }
        ops.push(edge(op(0x2c, 0, 0), 1, true, false, false)); // fsqrt
        for f3 in 0..3 {
            ops.push(edge(op(0x10, 0, f3), 2, false, false, false)); // fsgnj[n|x]
            ops.push(edge(op(0x50, 0, f3), 2, false, true, false)); // fle, flt, feq
        }
        for f3 in 0..2 {
            ops.push(edge(op(0x14, 0, f3), 2, false, false, false)); // fmin, fmax
        }
        ops.push(edge(op(0x70, 0, 1), 1, false, true, false)); // fclass
        for rs2 in 0..2 {
            ops.push(edge(op(0x60, rs2, 0), 1, true, true, false)); // fcvt.w[u]
            ops.push(edge(op(0x68, rs2, 0), 1, true, false, true)); // fcvt.*.w[u]
        }
        ops.push(edge(op(0x20, 1 - d, 0), 1, true, false, false)); // fcvt.s.d, fcvt.d.s
        for k in 0..4 {
            ops.push(edge((0x43 | k << 2) | d << 25, 3, true, false, false)); // fused
        }
    }
    ops.push(edge(r_type(0x70, 0, 0, 0, 0, 0x53), 1, false, true, false)); // fmv.x.w
    ops.push(edge(r_type(0x78, 0, 0, 0, 0, 0x53), 1, false, false, true)); // fmv.w.x
    ops.into_iter().map(edge_program).collect()
}

/// An edge program (see [`fp_edge_programs`]).
pub struct EdgeProgram {
    /// The code, to be loaded at `RAM_BASE`.
    pub code: Vec<u8>,
    /// How many times it applies its instruction, each in a block of its
    /// own (ended by the `fflags` access).
    pub cases: u64,
}

/// The edge program for `op` (see [`fp_edge_programs`]).
fn edge_program(op: EdgeOp) -> EdgeProgram {
    let mut g = Gen::start(u64::from(op.bits));
    let edges: Vec<u64> = EDGE_D.iter().chain(&EDGE_S).copied().collect();
    for (f, &v) in edges.iter().enumerate() {
        g.load_f(f as u32, v);
    }
    for (k, &v) in EDGE_X.iter().enumerate() {
        g.code.extend(li(10 + k as u32, v));
    }
    let (firsts, seconds): (Vec<u32>, Vec<u32>) = if op.x_source {
        ((10..10 + EDGE_X.len() as u32).collect(), vec![0])
    } else if op.sources >= 2 {
        (PAIR_EDGES.to_vec(), PAIR_EDGES.to_vec())
    } else {
        ((0..edges.len() as u32).collect(), vec![0])
    };
    let mut n = 0;
    for &a in &firsts {
        for &b in &seconds {
            let rm = if op.rounds {
                [7, 0, 1, 2, 3, 4][n % 6]
            } else {
                0
            };
            if rm == 7 {
                g.code.push(i_type(2, g.rng.below(8), 5, 0, 0x73)); // csrwi frm
            }
            let rs3 = if op.sources == 3 {
                (a + b) % edges.len() as u32
            } else {
                0
            };
            let rd = if op.x_result { 5 } else { 30 };
            g.code
                .push(op.bits | rs3 << 27 | b << 20 | a << 15 | rm << 12 | rd << 7);
            if !op.x_result {
                let off = (n % 256) as i32 * 8 - 0x7f0;
                g.code.push(s_type(off, 30, 31, 3) | 0x04); // fsd f30
            }
            let nx = g.rng.below(2);
            g.code.push(i_type(1, nx, 5, 6, 0x73)); // csrrwi x6, fflags, nx
            n += 1;
        }
    }
    EdgeProgram {
        code: g.finish(),
        cases: n as u64,
    }
}
