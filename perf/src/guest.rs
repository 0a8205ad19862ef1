//! Running a guest ELF to its end on an in-process engine, timed, with its
//! UART output streamed to the caller slice by slice (for progress bars).
//!
//! This is the bench's only contact with an engine: the caller passes any
//! [`Engine`], which soc's run loop drives one slice at a time.

use soc::machine::{Engine, RunLimits, Stop};

use crate::clock::{Cpu, Stopwatch};
use crate::workload::machine;
use crate::{BenchError, Measured};

/// Instructions per slice: output is handed on between slices.
const SLICE_INSNS: u64 = 1 << 22;

/// Runs `elf` on the virt machine (deterministic time, 64 MiB of RAM) with
/// `engine` until the guest exits, handing new UART output to `on_output`
/// after each slice of at most [`SLICE_INSNS`] instructions.
pub fn run(
    elf: &[u8],
    engine: &mut dyn Engine,
    on_output: &mut dyn FnMut(&[u8]),
) -> Result<Measured, BenchError> {
    let watch = Stopwatch::start(Cpu::Thread);
    let (mut m, console) = machine(elf)?;
    let mut output = Vec::new();
    let stop = loop {
        let limits = RunLimits {
            max_insns: Some(SLICE_INSNS),
            ..RunLimits::default()
        };
        let stop = m.run(engine, &limits);
        let new = console.take_output();
        if !new.is_empty() {
            on_output(&new);
            output.extend_from_slice(&new);
        }
        if stop != Stop::InsnLimit {
            break stop;
        }
    };
    let times = watch.stop();
    let exit = match stop {
        Stop::Exit(code) => Ok(code),
        other => Err(format!("the guest did not exit: {other:?}")),
    };
    Ok(Measured {
        times,
        insns: Some(m.hart.retired),
        output,
        exit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use interp::Interp;

    #[test]
    fn streams_the_output_of_the_integer_workload() {
        let elf = crate::workload::INTBENCH;
        let mut pieces = Vec::new();
        let run = run(elf, &mut Interp::new(), &mut |b| {
            pieces.extend_from_slice(b)
        })
        .unwrap();
        assert_eq!(run.exit, Ok(0));
        assert_eq!(pieces, run.output);
        assert!(run.insns.unwrap() > 50_000_000);
    }
}
