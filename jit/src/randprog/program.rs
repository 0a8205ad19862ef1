//! The generator's state: the image being written, the random source and
//! the program's configuration, with the emit and patch primitives the
//! other files build on, and [`program`], which puts a program together.

use soc::csr::state::MEDELEG_MASK;
use soc::elf::{EM_RISCV, minimal_image};
use soc::hart::Privilege;
use soc::memmap::RAM_BASE;

use super::Rng;
use super::irq::Interrupts;
use super::layout::{self, BODY_BYTES, BODY_OFFSET, IMAGE_BYTES};
use super::{enc, values};

/// Bytes kept free at the end of the body for the finishing sequence and
/// the longest item.
const BODY_SLACK_BYTES: u32 = 0x200;

/// What is fixed for one program.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// The privilege the body runs in.
    pub body_privilege: Privilege,
    /// Whether Sv32 is on when the body starts.
    pub sv32: bool,
    /// `medeleg`: which exceptions from S and U go to the S handler.
    pub medeleg: u32,
    /// `mstatus.FS` at the start (Initial or Dirty).
    pub fs: u32,
    /// `mcounteren`, fixed at setup (which counters S and U may read).
    pub mcounteren: u32,
    /// The interrupts the program takes, in some programs.
    pub interrupts: Option<Interrupts>,
}

/// A forward branch or jump emitted before its target is known; [`Gen::land`]
/// aims it at the next instruction.
#[must_use]
pub struct Forward {
    at: u32,
    kind: ForwardKind,
}

/// What a [`Forward`] becomes.
#[derive(Clone, Copy)]
pub enum ForwardKind {
    /// A conditional branch with this funct3 comparing `rs1` with zero.
    Branch { f3: u32, rs1: u32 },
    /// `jal x0`.
    Jump,
}

impl ForwardKind {
    /// `beqz rs1`.
    pub fn beqz(rs1: u32) -> ForwardKind {
        ForwardKind::Branch { f3: 0, rs1 }
    }

    /// `bnez rs1`.
    pub fn bnez(rs1: u32) -> ForwardKind {
        ForwardKind::Branch { f3: 1, rs1 }
    }

    /// `bltz rs1`.
    pub fn bltz(rs1: u32) -> ForwardKind {
        ForwardKind::Branch { f3: 4, rs1 }
    }
}

/// One program being generated.
pub struct Gen {
    /// The random source.
    pub rng: Rng,
    /// The configuration.
    pub config: Config,
    /// The RAM image from offset 0, `IMAGE_BYTES` long.
    image: Vec<u8>,
    /// RAM offset of the next instruction.
    pos: u32,
}

impl Gen {
    /// RAM offset of the next instruction.
    pub fn pos(&self) -> u32 {
        self.pos
    }

    /// Appends a 32-bit instruction.
    pub fn emit(&mut self, word: u32) {
        self.patch(self.pos, word);
        self.pos += 4;
    }

    /// Appends 32-bit instructions.
    pub fn emit_all(&mut self, words: &[u32]) {
        for &w in words {
            self.emit(w);
        }
    }

    /// Appends a 16-bit instruction.
    pub fn emit16(&mut self, half: u16) {
        self.patch16(self.pos, half);
        self.pos += 2;
    }

    /// Overwrites the 32-bit instruction at RAM offset `at`.
    pub fn patch(&mut self, at: u32, word: u32) {
        let at = at as usize;
        self.image[at..at + 4].copy_from_slice(&word.to_le_bytes());
    }

    /// Overwrites the 16-bit instruction at RAM offset `at`.
    pub fn patch16(&mut self, at: u32, half: u16) {
        let at = at as usize;
        self.image[at..at + 2].copy_from_slice(&half.to_le_bytes());
    }

    /// Pads with `c.nop` to a 4-byte boundary.
    pub fn align4(&mut self) {
        if !self.pos.is_multiple_of(4) {
            self.emit16(enc::C_NOP);
        }
    }

    /// Emits a placeholder for a forward branch or jump of `kind`.
    pub fn forward(&mut self, kind: ForwardKind) -> Forward {
        let at = self.pos;
        self.emit(enc::NOP);
        Forward { at, kind }
    }

    /// Aims `f` at the next instruction.
    pub fn land(&mut self, f: Forward) {
        let offset = (self.pos - f.at) as i32;
        let word = match f.kind {
            ForwardKind::Branch { f3, rs1 } => enc::b_type(offset, 0, rs1, f3),
            ForwardKind::Jump => enc::jal(offset, 0),
        };
        self.patch(f.at, word);
    }

    /// Continues at RAM offset `pos` (setup code lives in page 0, the
    /// body after it).
    pub fn seek(&mut self, pos: u32) {
        self.pos = pos;
    }
}

/// The random program for `seed`: an ELF image loading at `RAM_BASE`,
/// whose body holds at most `items` items. It ends by writing the
/// finisher's pass code, unless a trap loop, WFI or the caller's
/// instruction budget ends it first.
pub fn program(seed: u64, items: u32) -> Vec<u8> {
    let g = generate(seed, items);
    minimal_image(RAM_BASE, &g.image, IMAGE_BYTES, EM_RISCV)
}

/// The generator after writing the program for `seed`.
fn generate(seed: u64, items: u32) -> Gen {
    let mut rng = Rng::new(seed);
    let body_privilege =
        [Privilege::Machine, Privilege::Supervisor, Privilege::User][rng.below(3) as usize];
    let sv32 = rng.below(2) == 0;
    let medeleg = rng.word() & MEDELEG_MASK;
    let fs = [1, 3][rng.below(2) as usize];
    let interrupts = (rng.below(2) == 0).then(|| Interrupts::choose(&mut rng));
    let mcounteren = rng.word() | interrupts.as_ref().map_or(0, Interrupts::mcounteren_needed);
    let config = Config {
        body_privilege,
        sv32,
        medeleg,
        fs,
        mcounteren,
        interrupts,
    };
    let mut image = vec![0; IMAGE_BYTES as usize];
    let fp_values = values::fp_table(&mut rng);
    let user_body = body_privilege == Privilege::User;
    layout::fill(&mut image, &mut rng, &fp_values, user_body);
    let mut g = Gen {
        rng,
        config,
        image,
        pos: 0,
    };
    g.boot(fp_values.len() as u32);
    g.seek(BODY_OFFSET);
    for _ in 0..items {
        if g.pos() > BODY_OFFSET + BODY_BYTES - BODY_SLACK_BYTES {
            break;
        }
        g.item();
    }
    g.emit_all(&enc::li(28, layout::FINISHER));
    g.emit_all(&enc::li(29, 0x5555));
    g.emit(enc::sw(29, 28, 0));
    g
}

#[cfg(test)]
mod tests {
    use super::*;
    use soc::isa::{Op, decode, insn_len};
    use std::collections::BTreeSet;

    /// Every operation of the table, and every quadrant/funct3 slot of the
    /// compressed map, appears in the bodies of a few programs.
    #[test]
    fn bodies_cover_every_instruction() {
        let (mut ops, mut compressed) = (BTreeSet::new(), BTreeSet::new());
        for seed in 0..60 {
            let g = generate(seed, 80);
            let mut at = BODY_OFFSET as usize;
            while at < g.pos() as usize {
                let half = u16::from_le_bytes([g.image[at], g.image[at + 1]]);
                let len = usize::from(insn_len(half));
                let mut raw = [0; 4];
                raw[..len].copy_from_slice(&g.image[at..at + len]);
                ops.insert(decode(u32::from_le_bytes(raw)).op);
                if len == 2 {
                    compressed.insert((half & 3, half >> 13));
                }
                at += len;
            }
        }
        let missing: Vec<Op> = Op::ALL.into_iter().filter(|op| !ops.contains(op)).collect();
        assert!(missing.is_empty(), "never generated: {missing:?}");
        assert_eq!(compressed.len(), 24, "compressed slots: {compressed:?}");
    }
}
