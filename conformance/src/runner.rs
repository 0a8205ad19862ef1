//! Runs conformance programs under an emulator with a per-program timeout
//! and collects every failure into one report.
//!
//! Both the QEMU suite (`tests/qemu.rs`) and the `rvjit` suite use
//! [`check_all`]; they differ only in the command that runs one program.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crate::{Machine, Program, describe_exit};

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The process exited with this status.
    Exited(i32),
    /// The process was ended by a signal it did not ask for.
    Signalled,
    /// The process outlived the timeout and was killed.
    TimedOut,
}

/// The result of one run: how it ended and what it printed.
#[derive(Clone, Debug)]
pub struct Run {
    /// How the process ended.
    pub outcome: Outcome,
    /// Everything written to standard output (the guest's UART).
    pub stdout: String,
    /// Everything written to standard error.
    pub stderr: String,
}

/// Runs `cmd` with standard input closed, killing it after `timeout`.
/// Returns an error only when the process cannot be started.
pub fn run(mut cmd: Command, timeout: Duration) -> std::io::Result<Run> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let outcome = match wait_until(&mut child, Instant::now() + timeout)? {
        Some(status) => exit_outcome(status),
        None => {
            // The child may have exited in between; either way it is gone after wait.
            let _ = child.kill();
            child.wait()?;
            Outcome::TimedOut
        }
    };
    Ok(Run {
        outcome,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

/// Reads a pipe to its end on a thread, so a chatty child never blocks.
fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Polls `child` until it exits (`Some`) or `deadline` passes (`None`).
fn wait_until(child: &mut Child, deadline: Instant) -> std::io::Result<Option<ExitStatus>> {
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            return Ok(None);
        }
        thread::sleep(Duration::from_millis(5));
    }
}

fn exit_outcome(status: ExitStatus) -> Outcome {
    status.code().map_or(Outcome::Signalled, Outcome::Exited)
}

/// The QEMU command line that runs `program` on its machine.
pub fn qemu_command(qemu: &str, program: &Program) -> Command {
    let mut cmd = Command::new(qemu);
    cmd.args(["-machine", program.machine.qemu_name()]).args([
        "-bios",
        "none",
        "-nographic",
        "-kernel",
        program.elf,
    ]);
    cmd
}

/// Looks `name` up in the directories of `PATH`.
pub fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// Runs every program with the command `make` builds for it (several at a
/// time), and checks each one ends with its expected exit status.
/// Returns `Err` with one line (plus the program's output) per failure.
pub fn check_all<F>(programs: &[Program], timeout: Duration, make: F) -> Result<(), String>
where
    F: Fn(&Program) -> Command + Sync,
{
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let jobs = thread::available_parallelism().map_or(2, |n| n.get());
    thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(program) = programs.get(i) else {
                        break;
                    };
                    if let Some(failure) = check_one(program, timeout, &make) {
                        failures
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .push((program.name, failure));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap_or_else(|p| p.into_inner());
    if failures.is_empty() {
        return Ok(());
    }
    failures.sort();
    let mut report = format!(
        "{} of {} programs failed:\n",
        failures.len(),
        programs.len()
    );
    for (_, failure) in failures {
        report.push_str(&failure);
        report.push('\n');
    }
    Err(report)
}

/// Runs one program; `None` when it ended as expected, else a description.
fn check_one<F>(program: &Program, timeout: Duration, make: &F) -> Option<String>
where
    F: Fn(&Program) -> Command,
{
    let run = match run(make(program), timeout) {
        Ok(run) => run,
        Err(e) => return Some(format!("{}: cannot start: {e}", program.name)),
    };
    let expected = i32::from(program.expected_exit);
    // A passing virt program prints PASS on the UART before it exits.
    let needs_pass_line = program.machine == Machine::Virt && expected == 0;
    let verdict = match run.outcome {
        Outcome::Exited(code) if code == expected => {
            if !needs_pass_line || run.stdout.lines().any(|l| l.trim_end() == "PASS") {
                return None;
            }
            format!("exit status {code} but no PASS line on the UART (stdout)")
        }
        Outcome::Exited(code) => format!(
            "exit status {code}: {} (expected {expected}: {})",
            describe_exit(code),
            describe_exit(expected)
        ),
        Outcome::Signalled => "killed by a signal".to_owned(),
        Outcome::TimedOut => format!("timed out after {} s", timeout.as_secs_f32()),
    };
    let mut text = format!("{}: {verdict}", program.name);
    for (label, out) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        let out = out.trim();
        if !out.is_empty() {
            text.push_str(&format!("\n    {label}: {}", out.replace('\n', "\n    ")));
        }
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_reports_exit_status_and_output() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "echo out; echo err >&2; exit 3"]);
        let run = run(cmd, Duration::from_secs(10)).expect("sh runs");
        assert_eq!(run.outcome, Outcome::Exited(3));
        assert_eq!(run.stdout, "out\n");
        assert_eq!(run.stderr, "err\n");
    }

    #[test]
    fn run_kills_after_timeout() {
        let mut cmd = Command::new("sleep");
        cmd.arg("30");
        let start = Instant::now();
        let run = run(cmd, Duration::from_millis(200)).expect("sleep runs");
        assert_eq!(run.outcome, Outcome::TimedOut);
        assert!(start.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn run_reports_signals() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "kill -9 $$"]);
        let run = run(cmd, Duration::from_secs(10)).expect("sh runs");
        assert_eq!(run.outcome, Outcome::Signalled);
    }

    #[test]
    fn check_all_lists_every_failure() {
        // Here `elf` is the shell script standing in for the emulator run.
        let prog = |name, elf, machine, expected_exit| Program {
            name,
            elf,
            machine,
            expected_exit,
        };
        let programs = [
            prog("a/ok", "echo PASS; exit 0", Machine::Virt, 0),
            prog("a/bad", "echo uart-5; exit 5", Machine::Virt, 0),
            prog("a/neg", "exit 7", Machine::Virt, 7),
            prog("a/trap", "exit 226", Machine::Virt, 0),
            prog("a/silent", "echo hello; exit 0", Machine::Virt, 0),
            prog("a/htif", "exit 0", Machine::Spike, 0),
        ];
        let err = check_all(&programs, Duration::from_secs(10), |p| {
            let mut cmd = Command::new("sh");
            cmd.args(["-c", p.elf]);
            cmd
        })
        .expect_err("three programs fail");
        assert!(err.starts_with("3 of 6 programs failed:\n"), "{err}");
        assert!(
            err.contains("a/bad: exit status 5: failed test 5 (expected 0: passed)"),
            "{err}"
        );
        assert!(err.contains("stdout: uart-5"), "{err}");
        assert!(
            err.contains("a/trap: exit status 226: unexpected exception, mcause 2"),
            "{err}"
        );
        assert!(
            err.contains("a/silent: exit status 0 but no PASS line"),
            "{err}"
        );
        assert!(!err.contains("a/ok"), "{err}");
        assert!(!err.contains("a/neg"), "{err}");
        assert!(!err.contains("a/htif"), "{err}");
    }

    #[test]
    fn finds_sh_on_path() {
        assert!(find_on_path("sh").is_some());
        assert!(find_on_path("no-such-program-rvjit").is_none());
    }
}
