//! Runs conformance programs under an emulator with a per-program timeout
//! and collects every failure into one report.
//!
//! Both the QEMU suite (`tests/qemu.rs`) and the `rvjit` suite use
//! [`check_all`]; they differ only in the command that runs one program.
//! For a program with a `# drive:` directive, [`check_all`] creates a
//! [`DiskImage`] for the run and hands its path to the command builder.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
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

/// The QEMU command line that runs `program` on its machine, with `drive`
/// (the program's disk image) as the virtio block device on the first
/// virtio-mmio transport, version 2 or legacy as the program asks.
pub fn qemu_command(qemu: &str, program: &Program, drive: Option<&Path>) -> Command {
    let mut cmd = Command::new(qemu);
    cmd.args(["-machine", program.machine.qemu_name()]).args([
        "-bios",
        "none",
        "-nographic",
        "-kernel",
        program.elf,
    ]);
    if let (Some(image), Some(spec)) = (drive, program.drive) {
        let legacy = if spec.legacy { "true" } else { "false" };
        let mut file = std::ffi::OsString::from("file=");
        file.push(image);
        file.push(",format=raw,if=none,id=d0");
        cmd.args(["-global", &format!("virtio-mmio.force-legacy={legacy}")])
            .arg("-drive")
            .arg(file)
            .args([
                "-device",
                "virtio-blk-device,drive=d0,bus=virtio-mmio-bus.0",
            ]);
    }
    cmd
}

/// A raw disk image in the temporary directory, filled with
/// [`crate::disk_pattern`]; the file is deleted when this is dropped.
#[derive(Debug)]
pub struct DiskImage {
    path: PathBuf,
}

impl DiskImage {
    /// Creates a fresh image of `size` bytes for `program` (its name is
    /// part of the file name, with the process id and a counter).
    pub fn create(program: &Program, size: u64) -> std::io::Result<DiskImage> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let name = program.name.replace(['/', '\\'], "-");
        let path =
            std::env::temp_dir().join(format!("conformance-{}-{n}-{name}.img", std::process::id()));
        let image = DiskImage { path };
        let mut file = std::io::BufWriter::new(std::fs::File::create(&image.path)?);
        let mut chunk = Vec::with_capacity(crate::SECTOR_BYTES as usize);
        for sector in 0..size.div_ceil(crate::SECTOR_BYTES) {
            let start = sector * crate::SECTOR_BYTES;
            let end = (start + crate::SECTOR_BYTES).min(size);
            chunk.clear();
            chunk.extend((start..end).map(crate::disk_pattern));
            file.write_all(&chunk)?;
        }
        file.flush()?;
        Ok(image)
    }

    /// Where the image is.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for DiskImage {
    fn drop(&mut self) {
        // Best effort: a leftover file in the temporary directory is harmless.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Looks `name` up in the directories of `PATH`.
pub fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// Runs every program with the command `make` builds for it (several at a
/// time), and checks each one ends with its expected exit status and, if
/// it names one, prints its expected output. `make` gets the path of the
/// program's fresh [`DiskImage`] when it has a `# drive:` directive.
/// Returns `Err` with one line (plus the program's output) per failure.
pub fn check_all<F>(programs: &[Program], timeout: Duration, make: F) -> Result<(), String>
where
    F: Fn(&Program, Option<&Path>) -> Command + Sync,
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
    F: Fn(&Program, Option<&Path>) -> Command,
{
    let image = match program.drive.map(|d| DiskImage::create(program, d.size)) {
        Some(Ok(image)) => Some(image),
        Some(Err(e)) => {
            return Some(format!(
                "{}: cannot create its disk image: {e}",
                program.name
            ));
        }
        None => None,
    };
    let run = match run(make(program, image.as_ref().map(DiskImage::path)), timeout) {
        Ok(run) => run,
        Err(e) => return Some(format!("{}: cannot start: {e}", program.name)),
    };
    drop(image);
    let expected = i32::from(program.expected_exit);
    // A passing virt program prints PASS on the UART before it exits.
    let needs_pass_line = program.machine == Machine::Virt && expected == 0;
    let verdict = match run.outcome {
        Outcome::Exited(code) if code == expected => {
            if needs_pass_line && !run.stdout.lines().any(|l| l.trim_end() == "PASS") {
                format!("exit status {code} but no PASS line on the UART (stdout)")
            } else {
                match program.expected_output {
                    Some(text) if !run.stdout.contains(text) => {
                        format!("passed, but its output lacks {text:?}")
                    }
                    _ => return None,
                }
            }
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
            machine,
            ..program(name, elf, expected_exit)
        };
        let programs = [
            prog("a/ok", "echo PASS; exit 0", Machine::Virt, 0),
            prog("a/bad", "echo uart-5; exit 5", Machine::Virt, 0),
            prog("a/neg", "exit 7", Machine::Virt, 7),
            prog("a/trap", "exit 226", Machine::Virt, 0),
            prog("a/silent", "echo hello; exit 0", Machine::Virt, 0),
            prog("a/htif", "exit 0", Machine::Spike, 0),
            Program {
                expected_output: Some("other"),
                ..prog("a/quiet", "echo PASS; exit 0", Machine::Virt, 0)
            },
        ];
        let err = check_all(&programs, Duration::from_secs(10), |p, drive| {
            assert!(drive.is_none());
            let mut cmd = Command::new("sh");
            cmd.args(["-c", p.elf]);
            cmd
        })
        .expect_err("four programs fail");
        assert!(err.starts_with("4 of 7 programs failed:\n"), "{err}");
        assert!(
            err.contains("a/quiet: passed, but its output lacks \"other\""),
            "{err}"
        );
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

    fn program(name: &'static str, elf: &'static str, expected_exit: u8) -> Program {
        Program {
            name,
            elf,
            machine: crate::Machine::Virt,
            expected_exit,
            expected_output: None,
            drive: None,
        }
    }

    #[test]
    fn disk_images_hold_the_pattern_and_vanish() {
        let p = program("dev/disk", "0", 0);
        let image = DiskImage::create(&p, 1536).expect("image created");
        let path = image.path().to_owned();
        let bytes = std::fs::read(&path).expect("image readable");
        assert_eq!(bytes.len(), 1536);
        assert!(
            bytes
                .iter()
                .enumerate()
                .all(|(i, &b)| b == crate::disk_pattern(i as u64))
        );
        drop(image);
        assert!(!path.exists());
    }

    #[test]
    fn check_all_hands_the_image_to_the_command() {
        let p = Program {
            drive: Some(crate::Drive {
                size: 1024,
                legacy: false,
            }),
            ..program("dev/disk", "0", 0)
        };
        // The command succeeds only if the image exists with its pattern.
        check_all(&[p], Duration::from_secs(10), |_, drive| {
            let mut cmd = Command::new("sh");
            let path = drive.expect("an image for a program with a drive");
            cmd.arg("-c")
                .arg("test $(wc -c < \"$1\") -eq 1024 && test $(od -An -tx1 -j512 -N5 \"$1\" | tr -d ' ') = 0100000004 && echo PASS")
                .arg("sh")
                .arg(path);
            cmd
        })
        .expect("the image was there");
    }

    #[test]
    fn qemu_gets_the_drive_arguments() {
        let modern = Program {
            drive: Some(crate::Drive {
                size: 1024,
                legacy: false,
            }),
            ..program("dev/disk", "x.elf", 0)
        };
        let args = |p: &Program| -> Vec<String> {
            qemu_command("qemu", p, Some(Path::new("/tmp/d.img")))
                .get_args()
                .map(|a| a.to_string_lossy().into_owned())
                .collect()
        };
        let a = args(&modern);
        assert!(
            a.windows(2)
                .any(|w| w == ["-global", "virtio-mmio.force-legacy=false"]),
            "{a:?}"
        );
        assert!(
            a.windows(2)
                .any(|w| w == ["-drive", "file=/tmp/d.img,format=raw,if=none,id=d0"])
        );
        assert!(a.windows(2).any(|w| {
            w == [
                "-device",
                "virtio-blk-device,drive=d0,bus=virtio-mmio-bus.0",
            ]
        }));
        let legacy = Program {
            drive: Some(crate::Drive {
                size: 1024,
                legacy: true,
            }),
            ..modern
        };
        assert!(
            args(&legacy)
                .iter()
                .any(|a| a == "virtio-mmio.force-legacy=true")
        );
        assert!(
            !args(&program("a/b", "x.elf", 0))
                .iter()
                .any(|a| a == "-drive")
        );
    }

    #[test]
    fn finds_sh_on_path() {
        assert!(find_on_path("sh").is_some());
        assert!(find_on_path("no-such-program-rvjit").is_none());
    }
}
