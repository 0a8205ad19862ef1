//! The `rvjit` command line: the default engine, exit statuses, one-line
//! errors on bad input and bad flags, failures to write rvjit's own
//! output, `--trace`, `--signature`, `--stats`, `--max-insns`,
//! `--perf-map`, disk-image locks, ELF segments that reach outside RAM,
//! Ctrl-A x, console input across guest resets, and a small `rvjit fuzz`
//! campaign.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use soc::dev::console::{INPUT_BUFFER_BYTES, OVERRUN_BUFFER_BYTES};
use soc::elf::{EM_RISCV, image, minimal_image};
use soc::memmap::RAM_BASE;

/// A scratch directory for this test's files, removed when dropped.
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // Best effort: a leftover directory in the temporary directory is harmless.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(test: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("rvjit-cli-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

fn program(words: &[u32]) -> Vec<u8> {
    let code: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
    minimal_image(RAM_BASE, &code, code.len() as u32, EM_RISCV)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn rvjit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rvjit"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts a bad-input failure: status 2 and exactly one line `error: …`
/// mentioning `needle`, no panic.
fn assert_one_line_error(o: &Output, needle: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert_eq!(err.lines().count(), 1, "stderr: {err}");
    assert!(
        err.starts_with("error: ") && err.contains(needle),
        "stderr: {err}"
    );
    assert!(!err.contains("panicked"), "stderr: {err}");
}

// Hand-assembled instructions.
const LI_A0_42: u32 = 0x02a0_0513; // addi a0, zero, 42
const LUI_T0_FINISHER: u32 = 0x0010_02b7; // lui t0, 0x100
const LUI_T1_5: u32 = 0x0000_5337; // lui t1, 0x5
const ADDI_T1_555: u32 = 0x5553_0313; // addi t1, t1, 0x555
const SW_T1_T0: u32 = 0x0062_a023; // sw t1, 0(t0)
const CSRW_MTVEC_ZERO: u32 = 0x3050_1073; // csrw mtvec, zero
const CSRW_MIE_ZERO: u32 = 0x3040_1073; // csrw mie, zero
const ECALL: u32 = 0x0000_0073;
const WFI: u32 = 0x1050_0073;
const JUMP_SELF: u32 = 0x0000_006f; // j .

#[test]
fn pass_through_the_finisher_with_trace_and_stats() {
    let dir = scratch("pass");
    let elf = write(
        &dir,
        "pass.elf",
        &program(&[LI_A0_42, LUI_T0_FINISHER, LUI_T1_5, ADDI_T1_555, SW_T1_T0]),
    );
    let trace = dir.join("trace.log");
    let o = rvjit(&[
        "run",
        elf.to_str().unwrap(),
        "--trace",
        trace.to_str().unwrap(),
        "--stats",
    ]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    assert!(stderr(&o).contains("MIPS"), "{}", stderr(&o));
    let log = std::fs::read_to_string(&trace).unwrap();
    // The boot ROM's six instructions run first, then ours.
    assert!(
        log.contains("M 0x00001000 (0x00000297) auipc t0,0x0 x5 0x00001000"),
        "{log}"
    );
    assert!(
        log.contains("M 0x80000000 (0x02a00513) li a0,42 x10 0x0000002a"),
        "{log}"
    );
    assert!(
        log.contains("M 0x80000010 (0x0062a023) sw t1,0(t0) mem 0x00100000 0x00005555"),
        "{log}"
    );
}

#[test]
fn signature_dump_is_one_hex_word_per_line() {
    let dir = scratch("signature");
    let program = conformance::programs()
        .iter()
        .find(|p| p.name == "engine/signature")
        .expect("engine/signature is built by the conformance crate");
    let sig = dir.join("out.sig");
    let o = rvjit(&["run", program.elf, "--signature", sig.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&sig).unwrap();
    assert_eq!(text, "12345678\nfffffffe\ndead0abc\ncafef00d\n");
    let o = rvjit(&[
        "run",
        program.elf,
        "--signature",
        sig.to_str().unwrap(),
        "--signature-granularity",
        "8",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&sig).unwrap();
    assert_eq!(text, "fffffffe12345678\ncafef00ddead0abc\n");
}

#[test]
fn piped_stdin_reaches_the_uart() {
    let program = conformance::programs()
        .iter()
        .find(|p| p.name == "engine/uart_echo")
        .expect("engine/uart_echo is built by the conformance crate");
    let mut child = Command::new(env!("CARGO_BIN_EXE_rvjit"))
        .args(["run", program.elf])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"hello, uart\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "HELLO, UART\nPASS\n");
}

#[test]
fn exit_statuses_for_limits_loops_and_halts() {
    let dir = scratch("stops");
    let spin = write(&dir, "spin.elf", &program(&[JUMP_SELF]));
    let o = rvjit(&["run", spin.to_str().unwrap(), "--max-insns", "100000"]);
    assert_eq!(o.status.code(), Some(124), "{}", stderr(&o));
    assert!(stderr(&o).contains("--max-insns"));

    let trap_loop = write(&dir, "loop.elf", &program(&[CSRW_MTVEC_ZERO, ECALL]));
    let o = rvjit(&["run", trap_loop.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(125), "{}", stderr(&o));
    assert!(stderr(&o).contains("trap loop"));

    let halt = write(&dir, "halt.elf", &program(&[CSRW_MIE_ZERO, WFI]));
    let o = rvjit(&["run", halt.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(126), "{}", stderr(&o));
    assert!(stderr(&o).contains("wfi"));
}

#[test]
fn malformed_inputs_get_one_line_errors() {
    let dir = scratch("bad");
    let o = rvjit(&["run", dir.join("missing.elf").to_str().unwrap()]);
    assert_one_line_error(&o, "cannot read");

    let text = write(&dir, "text.elf", b"this is not an ELF file at all");
    assert_one_line_error(&rvjit(&["run", text.to_str().unwrap()]), "not a valid ELF");

    let mut rv64 = program(&[JUMP_SELF]);
    rv64[4] = 2;
    let rv64 = write(&dir, "rv64.elf", &rv64);
    assert_one_line_error(&rvjit(&["run", rv64.to_str().unwrap()]), "64-bit");

    let code = JUMP_SELF.to_le_bytes();
    let arm = write(&dir, "arm.elf", &minimal_image(RAM_BASE, &code, 4, 40));
    assert_one_line_error(&rvjit(&["run", arm.to_str().unwrap()]), "not RISC-V");

    let mut truncated = program(&[JUMP_SELF; 64]);
    truncated.truncate(120);
    let truncated = write(&dir, "truncated.elf", &truncated);
    assert_one_line_error(&rvjit(&["run", truncated.to_str().unwrap()]), "truncated");

    let low = write(&dir, "low.elf", &minimal_image(0x1000, &code, 4, EM_RISCV));
    assert_one_line_error(
        &rvjit(&["run", low.to_str().unwrap()]),
        "overlap the boot ROM's reset vector",
    );

    let nowhere = write(
        &dir,
        "nowhere.elf",
        &image(
            RAM_BASE,
            &[(RAM_BASE, &code, 4), (0x2000_0000, &code, 4)],
            EM_RISCV,
        ),
    );
    assert_one_line_error(
        &rvjit(&["run", nowhere.to_str().unwrap()]),
        "segment at 0x20000000 size 0x4 lies outside memory",
    );

    let entry_outside = write(
        &dir,
        "entry.elf",
        &image(0x2000_0000, &[(RAM_BASE, &code, 4)], EM_RISCV),
    );
    assert_one_line_error(
        &rvjit(&["run", entry_outside.to_str().unwrap()]),
        "entry point 0x20000000 lies outside memory",
    );

    let ok = write(&dir, "ok.elf", &program(&[JUMP_SELF]));
    let o = rvjit(&["run", ok.to_str().unwrap(), "-m", "12X"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid size"));
    let o = rvjit(&["run", ok.to_str().unwrap(), "-m", "0"]);
    assert_one_line_error(&o, "invalid RAM size");
    let o = rvjit(&[
        "run",
        ok.to_str().unwrap(),
        "--drive",
        dir.join("nodisk.img").to_str().unwrap(),
    ]);
    assert_one_line_error(&o, "cannot open drive");
    let err = stderr(&o);
    assert_eq!(err.matches("nodisk.img").count(), 1, "{err}");
    assert_eq!(err.matches("os error").count(), 1, "the cause once: {err}");
    // The missing symbols are reported before the program runs: no stats.
    let o = rvjit(&[
        "run",
        ok.to_str().unwrap(),
        "--signature",
        dir.join("sig").to_str().unwrap(),
        "--max-insns",
        "10",
        "--stats",
    ]);
    assert_one_line_error(&o, "begin_signature");
}

#[test]
fn a_bad_flag_is_one_line_with_the_suggestion() {
    let o = rvjit(&["run", "--max-insn", "5", "x.elf"]);
    assert_one_line_error(&o, "unexpected argument '--max-insn'");
    assert!(stderr(&o).contains("tip: a similar argument exists: '--max-insns'"));
    assert_one_line_error(&rvjit(&["bot"]), "'boot'");
    assert_one_line_error(&rvjit(&["run"]), "<PROGRAM>");
    assert_one_line_error(&rvjit(&[]), "boot, run, profile, mkfs, fsck");
    let o = rvjit(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("rvjit "));
}

/// Runs rvjit with stdout and stderr sent where the test says.
fn rvjit_to(args: &[&str], stdout: impl Into<Stdio>, stderr: impl Into<Stdio>) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rvjit"))
        .args(args)
        .stdout(stdout)
        .stderr(stderr)
        .output()
        .unwrap()
}

fn dev_full() -> std::fs::File {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap()
}

#[test]
fn output_errors_end_in_one_line_or_quietly_never_a_panic() {
    let dir = scratch("output");
    let img = dir.join("fs.img");
    assert_eq!(
        rvjit(&["mkfs", "--out", img.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let img = img.to_str().unwrap();

    // A pipe whose reader has gone: quiet, with the status of SIGPIPE.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let o = rvjit_to(&["fsck", img], writer, Stdio::piped());
    assert_eq!(o.status.code(), Some(141), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");

    let o = rvjit_to(&["fsck", img], dev_full(), Stdio::piped());
    assert_one_line_error(&o, "cannot write to standard output");

    // With stderr full nothing can be said; the status still tells.
    let o = rvjit_to(&["run", "/nonexistent"], Stdio::null(), dev_full());
    assert_eq!(o.status.code(), Some(2));
    let pass = write(
        &dir,
        "pass.elf",
        &program(&[LUI_T0_FINISHER, LUI_T1_5, ADDI_T1_555, SW_T1_T0]),
    );
    let pass = pass.to_str().unwrap();
    let o = rvjit_to(&["run", pass, "--stats"], Stdio::null(), dev_full());
    assert_eq!(o.status.code(), Some(2));

    assert_one_line_error(
        &rvjit(&["run", pass, "--trace", "/dev/full"]),
        "cannot write the trace to /dev/full",
    );
    let signature = conformance::programs()
        .iter()
        .find(|p| p.name == "engine/signature")
        .expect("engine/signature is built by the conformance crate");
    assert_one_line_error(
        &rvjit(&["run", signature.elf, "--signature", "/dev/full"]),
        "cannot write /dev/full",
    );

    // The guest's console (its PASS line) on a full disk or a closed pipe.
    let o = rvjit_to(&["run", signature.elf], dev_full(), Stdio::piped());
    assert_one_line_error(&o, "cannot write the console to standard output");
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let o = rvjit_to(&["run", signature.elf], writer, Stdio::piped());
    assert_eq!(o.status.code(), Some(141), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

#[test]
fn a_disk_image_has_one_writer_at_a_time() {
    let dir = scratch("lock");
    let img = write(&dir, "disk.img", &[0; 4096]);
    let img = img.to_str().unwrap();
    let spin = write(&dir, "spin.elf", &program(&[JUMP_SELF]));
    let spin = spin.to_str().unwrap();
    let mut first = Command::new(env!("CARGO_BIN_EXE_rvjit"))
        .args(["run", spin, "--drive", img])
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the first run holds the lock.
    let probe = std::fs::File::open(img).unwrap();
    while probe.try_lock_shared().is_ok() {
        probe.unlock().unwrap();
        assert!(first.try_wait().unwrap().is_none(), "the first run ended");
        std::thread::yield_now();
    }
    let o = rvjit(&["run", spin, "--drive", img, "--max-insns", "1000"]);
    assert_one_line_error(&o, "is in use by another process");
    let o = rvjit(&["boot", img]);
    assert_one_line_error(&o, "is in use by another process");
    first.kill().unwrap();
    first.wait().unwrap();
    // Released at exit.
    let o = rvjit(&["run", spin, "--drive", img, "--max-insns", "1000"]);
    assert_eq!(o.status.code(), Some(124), "{}", stderr(&o));
}

#[test]
fn segments_reaching_outside_memory_load_what_lands_in_memory() {
    let dir = scratch("partial");
    // As `gcc -nostdlib -Wl,-Ttext=0x80000000` links it: the ELF header in
    // a segment starting below RAM, in front of the code.
    let mut bytes = vec![0u8; 16];
    for w in [LUI_T0_FINISHER, LUI_T1_5, ADDI_T1_555, SW_T1_T0] {
        bytes.extend_from_slice(&w.to_le_bytes());
    }
    let len = bytes.len() as u32;
    let elf = write(
        &dir,
        "partial.elf",
        &image(RAM_BASE, &[(RAM_BASE - 16, &bytes, len)], EM_RISCV),
    );
    let o = rvjit(&["run", elf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("warning: ") && err.contains("0x10 bytes not loaded"),
        "{err}"
    );
    // Code in the boot ROM's window, past the reset vector, runs there.
    let rom = write(
        &dir,
        "rom.elf",
        &image(0x2000, &[(0x2000, &bytes[16..], len - 16)], EM_RISCV),
    );
    let o = rvjit(&["run", rom.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

/// Starts rvjit with `args` and all three standard streams piped.
fn spawn_piped(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_rvjit"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Runs rvjit with `input` on its standard input; fails the test if it has
/// not ended after a minute (the behaviours tested here used to hang).
fn rvjit_with_input(args: &[&str], input: &[u8]) -> Output {
    let mut child = spawn_piped(args);
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input).unwrap();
    let output = wait_or_kill(child, args);
    drop(stdin);
    output
}

/// Waits for `child` (rvjit run with `args`) to end; kills it and fails the
/// test if it has not after a minute.
fn wait_or_kill(mut child: Child, args: &[&str]) -> Output {
    for _ in 0..600 {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.kill().unwrap();
    panic!("rvjit {args:?} did not end within a minute");
}

// The finisher's reset request, in a loop.
const LUI_T1_7: u32 = 0x0000_7337; // lui t1, 0x7
const ADDI_T1_777: u32 = 0x7773_0313; // addi t1, t1, 0x777
const RESET_LOOP: [u32; 4] = [LUI_T0_FINISHER, LUI_T1_7, ADDI_T1_777, SW_T1_T0];

#[test]
fn max_insns_counts_across_resets() {
    let dir = scratch("reset-limit");
    let elf = write(&dir, "reset.elf", &program(&RESET_LOOP));
    let o = rvjit_with_input(
        &["run", elf.to_str().unwrap(), "--max-insns", "100000"],
        b"",
    );
    assert_eq!(o.status.code(), Some(124), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("after 100000 instructions"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn ctrl_a_x_quits_a_reset_loop_and_a_waiting_hart() {
    let dir = scratch("quit");
    let resets = write(&dir, "reset.elf", &program(&RESET_LOOP));
    let o = rvjit_with_input(&["run", resets.to_str().unwrap()], b"\x01x");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // mtimecmp about 430 s ahead, MTIE on: wfi really waits.
    let waits = write(
        &dir,
        "wfi.elf",
        &program(&[
            0x0200_42b7, // lui t0, 0x2004 (mtimecmp)
            0x0010_0313, // li t1, 1
            0x0062_a223, // sw t1, 4(t0)
            0x0002_a023, // sw zero, 0(t0)
            0x0800_0393, // li t2, MTIE
            0x3043_9073, // csrw mie, t2
            WFI,
            0xffdf_f06f, // j .-4
        ]),
    );
    let o = rvjit_with_input(&["run", waits.to_str().unwrap()], b"\x01x");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn ctrl_a_x_quits_however_much_input_the_guest_left_unread() {
    use nix::sys::termios::{self, SetArg};
    let dir = scratch("pty-quit");
    let spin = write(&dir, "spin.elf", &program(&[JUMP_SELF]));
    let args = ["run", spin.to_str().unwrap()];
    let pty = nix::pty::openpty(None, None).unwrap();
    // Raw from the start, so that the line discipline neither echoes nor
    // holds back lines before rvjit sets raw mode itself.
    let mut raw = termios::tcgetattr(&pty.slave).unwrap();
    termios::cfmakeraw(&mut raw);
    termios::tcsetattr(&pty.slave, SetArg::TCSANOW, &raw).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_rvjit"))
        .args(args)
        .stdin(Stdio::from(pty.slave))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // More than rvjit holds for a guest that reads nothing, then the
    // escape. From a thread: the terminal blocks the writer while rvjit
    // does not read, and is left to it if rvjit never reads on.
    let mut master = std::fs::File::from(pty.master);
    std::thread::spawn(move || {
        let mut input = vec![b'a'; OVERRUN_BUFFER_BYTES + 8192];
        input.extend_from_slice(b"\x01x");
        let _ = master.write_all(&input);
        master
    });
    let o = wait_or_kill(child, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// A child's standard output, read on a thread so that a test can wait for
/// some of it without hanging when it never comes.
struct OutputWatch {
    chunks: mpsc::Receiver<Vec<u8>>,
    seen: Vec<u8>,
}

impl OutputWatch {
    fn new(mut stdout: ChildStdout) -> OutputWatch {
        let (tx, chunks) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = stdout.read(&mut buf) {
                if tx.send(buf[..n].to_vec()).is_err() {
                    return;
                }
            }
        });
        OutputWatch {
            chunks,
            seen: Vec::new(),
        }
    }

    /// Waits until the output so far satisfies `done`; fails the test if
    /// it has not within a minute or the output ended.
    fn wait_until(&mut self, what: &str, done: impl Fn(&[u8]) -> bool) {
        while !done(&self.seen) {
            match self.chunks.recv_timeout(Duration::from_secs(60)) {
                Ok(chunk) => self.seen.extend(chunk),
                Err(e) => panic!(
                    "no {what} in the output ({e}): {}",
                    String::from_utf8_lossy(&self.seen)
                ),
            }
        }
    }

    /// All the output, once it has ended; fails the test if it has not
    /// within a minute.
    fn until_end(mut self) -> Vec<u8> {
        loop {
            match self.chunks.recv_timeout(Duration::from_secs(60)) {
                Ok(chunk) => self.seen.extend(chunk),
                Err(mpsc::RecvTimeoutError::Disconnected) => return self.seen,
                Err(e) => panic!("the output did not end: {e}"),
            }
        }
    }
}

// The UART: its base, and printing `t0`.
const LUI_S0_UART: u32 = 0x1000_0437; // lui s0, 0x10000
const SB_T0_S0: u32 = 0x0054_0023; // sb t0, 0(s0)

#[test]
fn console_input_after_a_reset_reaches_the_new_machine_whole() {
    let dir = scratch("reset-input");
    // Turns the receive FIFO on, prints ">" and a newline, then echoes input
    // up to a newline and passes; a "!" resets the machine instead.
    let mut words = vec![
        LUI_S0_UART,
        0x0010_0293, // li t0, FCR_FE
        0x0054_0123, // sb t0, 2(s0) (FCR)
        0x03e0_0293, // li t0, '>'
        SB_T0_S0,
        0x00a0_0293, // li t0, '\n'
        SB_T0_S0,
        0x0054_4283, // 1: lbu t0, 5(s0) (LSR)
        0x0012_f293, // andi t0, t0, 1 (DR)
        0xfe02_8ce3, // beqz t0, 1b
        0x0004_4503, // lbu a0, 0(s0) (RBR)
        0x0210_0313, // li t1, '!'
        0x0265_0063, // beq a0, t1, 2f
        0x00a4_0023, // sb a0, 0(s0)
        0x00a0_0313, // li t1, '\n'
        0xfe65_10e3, // bne a0, t1, 1b
        LUI_T0_FINISHER,
        LUI_T1_5,
        ADDI_T1_555,
        SW_T1_T0,
    ];
    words.extend(RESET_LOOP); // 2:
    let elf = write(&dir, "reset-echo.elf", &program(&words));
    let args = ["run", elf.to_str().unwrap()];
    let mut child = spawn_piped(&args);
    let mut stdin = child.stdin.take().unwrap();
    let mut out = OutputWatch::new(child.stdout.take().unwrap());
    out.wait_until("prompt", |o| o == b">\n");
    stdin.write_all(b"!").unwrap();
    out.wait_until("prompt after the reset", |o| o == b">\n>\n");
    // Longer than the console holds, so that back-pressure takes part.
    let mut line: Vec<u8> = (0..2 * INPUT_BUFFER_BYTES)
        .map(|i| b'a' + (i % 26) as u8)
        .collect();
    line.push(b'\n');
    stdin.write_all(&line).unwrap();
    let o = wait_or_kill(child, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let echo = &out.until_end()[4..];
    assert_eq!(echo.len(), line.len(), "bytes echoed of those sent");
    assert!(echo == line, "the echo differs from the input");
    drop(stdin);
}

#[test]
fn resets_share_one_reader_of_standard_input() {
    let dir = scratch("reset-threads");
    // Prints a dot, then resets.
    let mut words = vec![LUI_S0_UART, 0x02e0_0293 /* li t0, '.' */, SB_T0_S0];
    words.extend(RESET_LOOP);
    let elf = write(&dir, "dots.elf", &program(&words));
    let mut child = Command::new(env!("CARGO_BIN_EXE_rvjit"))
        .args(["run", elf.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = OutputWatch::new(child.stdout.take().unwrap());
    // Standard input stays open and empty: a reader waits on it throughout.
    out.wait_until("200 resets", |o| o.len() >= 200);
    let threads = std::fs::read_dir(format!("/proc/{}/task", child.id()))
        .unwrap()
        .count();
    child.kill().unwrap();
    child.wait().unwrap();
    // The main thread and the console's reader: not one per reset.
    assert_eq!(threads, 2, "threads after 200 resets");
}

#[test]
fn a_finisher_store_ends_the_run_at_that_instruction() {
    let dir = scratch("finisher-stop");
    let elf = write(
        &dir,
        "stop.elf",
        &program(&[
            LUI_T0_FINISHER,
            LUI_T1_5,
            ADDI_T1_555,
            SW_T1_T0,
            0x1000_03b7, // lui t2, 0x10000 (UART)
            0x0580_0e13, // li t3, 'X'
            0x01c3_8023, // sb t3, 0(t2)
            JUMP_SELF,
        ]),
    );
    let o = rvjit(&["run", elf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "", "ran past the exit");
}

#[test]
fn deterministic_mtime_reads_agree_traced_and_untraced() {
    let dir = scratch("mtime");
    // Twenty instructions, then an mtime read in the same block; the exit
    // status is 0x80 | (mtime & 0x7f).
    let mut words = vec![0x0000_0013; 20]; // nop
    words.extend([
        0x0200_c2b7, // lui t0, 0x200c
        0xff82_a503, // lw a0, -8(t0) (mtime, low word)
        0x07f5_7513, // andi a0, a0, 0x7f
        0x0805_6513, // ori a0, a0, 0x80
        0x0105_1513, // slli a0, a0, 16
        0x0000_3337, // lui t1, 0x3
        0x3333_0313, // addi t1, t1, 0x333
        0x0065_6533, // or a0, a0, t1
        LUI_T0_FINISHER,
        0x00a2_a023, // sw a0, 0(t0)
    ]);
    let elf = write(&dir, "mtime.elf", &program(&words));
    let elf = elf.to_str().unwrap();
    let trace = dir.join("trace.log");
    // The interpreter's cached block, and the same block compiled.
    for engine in [&["--engine", "interp"][..], &["--jit-threshold", "0"]] {
        let mut args = vec!["run", elf, "--deterministic"];
        args.extend(engine);
        let plain = rvjit(&args);
        args.extend(["--trace", trace.to_str().unwrap()]);
        let traced = rvjit(&args);
        // Six boot-ROM instructions and 21 of ours retire before the read:
        // 27 instructions are 2 ticks.
        assert_eq!(
            plain.status.code(),
            Some(0x82),
            "{engine:?}: {}",
            stderr(&plain)
        );
        assert_eq!(
            traced.status.code(),
            Some(0x82),
            "{engine:?}: {}",
            stderr(&traced)
        );
    }
}

#[test]
fn the_jit_is_the_default_engine_and_interp_picks_the_interpreter() {
    let dir = scratch("default-engine");
    let pass = write(
        &dir,
        "pass.elf",
        &program(&[LUI_T0_FINISHER, LUI_T1_5, ADDI_T1_555, SW_T1_T0]),
    );
    let pass = pass.to_str().unwrap();
    // Only the JIT adds its own line to `--stats`.
    let jit_line = |o: &Output| stderr(o).lines().any(|l| l.starts_with("rvjit: jit: "));
    let default = rvjit(&["run", pass, "--stats"]);
    assert_eq!(default.status.code(), Some(0), "{}", stderr(&default));
    assert!(jit_line(&default), "{}", stderr(&default));
    let interp = rvjit(&["run", pass, "--stats", "--engine", "interp"]);
    assert_eq!(interp.status.code(), Some(0), "{}", stderr(&interp));
    assert!(stderr(&interp).contains("MIPS"), "{}", stderr(&interp));
    assert!(!jit_line(&interp), "{}", stderr(&interp));
}

#[test]
fn perf_map_names_every_compiled_block() {
    let p = conformance::programs()
        .iter()
        .find(|p| p.name == "engine/jit_mem")
        .expect("the program is built");
    let child = Command::new(env!("CARGO_BIN_EXE_rvjit"))
        .args([
            "run",
            p.elf,
            "--jit-threshold",
            "0",
            "--perf-map",
            "--stats",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let map_path = PathBuf::from(format!("/tmp/perf-{}.map", child.id()));
    let o = child.wait_with_output().unwrap();
    let map = std::fs::read_to_string(&map_path);
    let _ = std::fs::remove_file(&map_path);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let map = map.expect("the perf map exists");
    let compiled: usize = stderr(&o)
        .split_once(" regions (")
        .and_then(|(head, _)| head.rsplit(' ').next()?.parse().ok())
        .expect("--stats counts the regions");
    assert!(compiled > 10, "{}", stderr(&o));
    // `START SIZE name`, hex without 0x, ranges apart.
    let mut ranges = Vec::new();
    let mut blocks = 0;
    for line in map.lines() {
        let mut fields = line.splitn(3, ' ');
        let mut hex = || u64::from_str_radix(fields.next().unwrap_or(""), 16);
        let (start, size) = (hex().expect(line), hex().expect(line));
        let name = fields.next().expect(line);
        assert!(size > 0, "{line}");
        match name.strip_prefix("jit:0x") {
            Some(pc) if u32::from_str_radix(pc, 16).is_ok() => blocks += 1,
            _ => assert!(
                ["jit:trampoline", "jit:dispatch"].contains(&name)
                    || name.starts_with("jit:thunk:"),
                "{line}"
            ),
        }
        ranges.push(start..start + size);
    }
    assert_eq!(blocks, compiled, "{map}");
    ranges.sort_by_key(|r| r.start);
    assert!(ranges.windows(2).all(|w| w[0].end <= w[1].start), "{map}");

    let o = rvjit(&["run", p.elf, "--perf-map", "--engine", "interp"]);
    assert_one_line_error(&o, "--perf-map needs the JIT, not --engine interp");
}

#[test]
fn fuzz_runs_a_small_campaign_and_reports_it() {
    let o = rvjit(&["fuzz", "--programs", "6", "--seed", "40", "--items", "20"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "no mismatch is printed");
    let last = stderr(&o);
    assert!(
        last.trim_end()
            .lines()
            .last()
            .unwrap_or("")
            .starts_with("fuzz: 6/6 programs, 0 mismatches;"),
        "{last}"
    );
    let o = rvjit(&["fuzz", "--jobs", "0"]);
    assert_one_line_error(&o, "--jobs");
}
