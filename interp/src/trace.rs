//! The commit log written by `rvjit run --trace`: one line per retired
//! instruction, in the spirit of Spike's `--log-commits`:
//!
//! ```text
//! M 0x80000000 (0x00000297) auipc t0,0x0 x5 0x80000000
//! S 0x80001004 (0x00a5a023) sw a0,0(a1) mem 0x80002000 0x00000001
//! ```
//!
//! Privilege, pc, raw encoding, disassembly, then the integer and FP
//! registers the instruction changed and the memory it wrote. Traps get a
//! line of their own.

use std::io::Write;

use soc::isa::{Insn, Op, disasm};
use soc::machine::Machine;
use soc::trap::Exception;

/// Register state before an instruction, and the store it is about to do.
pub struct Before {
    x: [u32; 32],
    f: [u64; 32],
    prv: char,
    store: Option<(u32, u64, usize)>,
}

/// Writes commit-log lines. A write error does not change the guest's run:
/// the tracer stops writing and keeps the error for [`Tracer::finish`].
pub struct Tracer {
    out: Box<dyn Write + Send>,
    error: Option<std::io::Error>,
}

impl Tracer {
    /// A tracer writing to `out`.
    pub fn new(out: Box<dyn Write + Send>) -> Tracer {
        Tracer { out, error: None }
    }

    /// Flushes the log; returns the first error writing it met.
    pub fn finish(mut self) -> std::io::Result<()> {
        let flushed = self.out.flush();
        match self.error.take() {
            Some(e) => Err(e),
            None => flushed,
        }
    }

    /// Snapshot taken before executing `insn`.
    pub fn before(&mut self, m: &Machine, insn: &Insn) -> Before {
        let h = &m.hart;
        Before {
            x: h.x,
            f: h.f,
            prv: h.prv.letter(),
            store: store_of(m, insn),
        }
    }

    /// Writes the line for `insn` at `pc`, which has just retired.
    pub fn after(&mut self, m: &Machine, insn: &Insn, pc: u32, before: Before) {
        use std::fmt::Write as _;
        let mut line = format!(
            "{} 0x{pc:08x} (0x{:08x}) {}",
            before.prv,
            insn.raw,
            disasm(insn, pc)
        );
        let h = &m.hart;
        for r in 1..32 {
            if h.x[r] != before.x[r] {
                let _ = write!(line, " x{r} 0x{:08x}", h.x[r]);
            }
        }
        for r in 0..32 {
            if h.f[r] != before.f[r] {
                let _ = write!(line, " f{r} 0x{:016x}", h.f[r]);
            }
        }
        let sc_failed = insn.op == Op::ScW && h.xreg(insn.rd) != 0;
        if let (Some((addr, value, bytes)), false) = (before.store, sc_failed) {
            let _ = write!(
                line,
                " mem 0x{addr:08x} 0x{value:0width$x}",
                width = bytes * 2
            );
        }
        self.emit(&line);
    }

    /// Writes the line for a trap taken at `hart.pc`.
    pub fn trap(&mut self, m: &Machine, e: Exception) {
        let line = format!(
            "{} 0x{:08x} trap cause {} tval 0x{:08x}",
            m.hart.prv.letter(),
            m.hart.pc,
            e.cause(),
            e.tval()
        );
        self.emit(&line);
    }

    fn emit(&mut self, line: &str) {
        if self.error.is_none()
            && let Err(e) = writeln!(self.out, "{line}")
        {
            self.error = Some(e);
        }
    }
}

impl Drop for Tracer {
    fn drop(&mut self) {
        // Reached only without `finish`, which reports errors: best effort.
        let _ = self.out.flush();
    }
}

/// The (address, value, size) `insn` will store, if it is a store or
/// `sc.w` (AMOs are logged by their register result only).
fn store_of(m: &Machine, insn: &Insn) -> Option<(u32, u64, usize)> {
    use Op::*;
    let h = &m.hart;
    let addr = h.xreg(insn.rs1).wrapping_add(insn.imm as u32);
    let x2 = u64::from(h.xreg(insn.rs2));
    let f2 = h.freg(insn.rs2);
    Some(match insn.op {
        Sb => (addr, x2 & 0xff, 1),
        Sh => (addr, x2 & 0xffff, 2),
        Sw | ScW => (addr, x2, 4),
        Fsw => (addr, f2 & 0xffff_ffff, 4),
        Fsd => (addr, f2, 8),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails every write, as `/dev/full` does.
    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::from_raw_os_error(28))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_first_write_error_is_reported_at_the_end() {
        let mut t = Tracer::new(Box::new(Full));
        t.emit("one");
        t.emit("two");
        let err = t.finish().unwrap_err();
        assert_eq!(err.raw_os_error(), Some(28));
        assert!(Tracer::new(Box::new(Vec::new())).finish().is_ok());
    }
}
