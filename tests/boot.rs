//! Boots the guest OS on rvjit and, when it is installed, on
//! qemu-system-riscv32, and drives the shell through the UART with the same
//! scripted session on both: programs with arguments, redirection, files
//! that persist across boots, the fork/IPC demos, usertests, and preemption.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The shell's prompt.
const PROMPT: &str = "$ ";
/// How long one step of the script may take (debug-build rvjit is slow).
const STEP_TIMEOUT: Duration = Duration::from_secs(120);

/// A running emulator whose console we drive, in the manner of `expect`.
struct Console {
    child: Child,
    output: Arc<Mutex<Vec<u8>>>,
    /// Output before this offset has been matched already.
    seen: usize,
}

impl Console {
    fn spawn(mut cmd: Command) -> Console {
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the emulator starts");
        let mut stdout = child.stdout.take().expect("stdout is piped");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = output.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Console {
            child,
            output,
            seen: 0,
        }
    }

    /// Waits for `needle` after what was matched before; returns the text up
    /// to and including it.
    fn expect(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + STEP_TIMEOUT;
        loop {
            {
                let out = self.output.lock().unwrap();
                let text = String::from_utf8_lossy(&out[self.seen..]);
                if let Some(at) = text.find(needle) {
                    let upto = text[..at + needle.len()].to_owned();
                    self.seen += upto.len();
                    return upto;
                }
            }
            if Instant::now() > deadline {
                let out = self.output.lock().unwrap();
                panic!(
                    "timed out waiting for {needle:?}; output so far:\n{}",
                    String::from_utf8_lossy(&out)
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, text: &str) {
        let stdin = self.child.stdin.as_mut().expect("stdin is piped");
        stdin.write_all(text.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }

    /// Runs a shell command line; returns what it printed before the next prompt.
    fn run(&mut self, line: &str) -> String {
        self.send(&format!("{line}\n"));
        let out = self.expect(PROMPT);
        // Drop the echoed command line and the prompt.
        let out = out.strip_suffix(PROMPT).unwrap_or(&out);
        out.split_once('\n')
            .map_or("", |(_, rest)| rest)
            .replace('\r', "")
    }
}

impl Drop for Console {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn rvjit() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rvjit"))
}

/// A fresh copy of the default image in a scratch file.
fn default_image(test: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("rvjit-boot-{}-{test}.img", std::process::id()));
    let status = rvjit().args(["mkfs", "--out"]).arg(&path).status().unwrap();
    assert!(status.success(), "rvjit mkfs --out {}", path.display());
    path
}

/// The scripted session; `boot` starts the emulator on `image`.
fn session(boot: &dyn Fn(&Path) -> Command, image: &Path) {
    let mut c = Console::spawn(boot(image));
    c.expect(PROMPT);
    assert_eq!(c.run("echo hello   world"), "hello world\n");
    assert!(c.run("ls /bin").contains("forktest"));
    assert_eq!(c.run("mkdir /tmp"), "");
    assert_eq!(c.run("echo persisted text > /tmp/note"), "");
    assert_eq!(c.run("cat /tmp/note"), "persisted text\n");
    assert_eq!(c.run("cat < /tmp/note > /tmp/copy"), "");
    assert_eq!(c.run("cat /tmp/copy"), "persisted text\n");
    assert_eq!(c.run("cd /tmp"), "");
    assert_eq!(c.run("pwd"), "/tmp\n");
    assert!(c.run("ls").contains("copy"));
    assert_eq!(c.run("rm copy"), "");
    assert!(!c.run("ls /tmp").contains("copy"));
    assert_eq!(c.run("cd /"), "");
    // The line discipline: backspace erases, Ctrl-D on an empty line ends
    // the shell's input (init starts a new shell).
    assert_eq!(c.run("echo abX\x7fc"), "abc\n");
    c.send("\x04");
    c.expect(PROMPT);
    assert_ne!(c.run("cat /no/such/file"), "");
    assert_ne!(c.run("echo $?"), "0\n");
    assert_eq!(c.run("echo $?"), "0\n");

    let out = c.run("forktest");
    assert!(
        out.contains("pages shared, not copied") && out.contains("forktest: ok"),
        "{out}"
    );
    let out = c.run("ipcdemo");
    assert!(
        out.contains("mailbox ping-pong: ok") && out.contains("shared-memory counter: ok"),
        "{out}"
    );
    let out = c.run("usertests");
    assert!(out.contains("usertests: all passed"), "{out}");

    // Two CPU-bound programs in the background and the shell all make
    // progress: the shell answers while both are still computing.
    c.send("spin &\n");
    c.expect(PROMPT);
    c.send("spin &\n");
    c.expect(PROMPT);
    c.send("echo shell alive\n");
    let before = c.expect("shell alive");
    assert!(
        !before.contains("done"),
        "a spin ended before the shell answered:\n{before}"
    );
    let rest = c.expect("done (") + &c.expect("done (");
    let all = before + &rest;
    // Lines look like "spin[7]: step 3/10 at 750 ms", maybe after a prompt.
    let pids: std::collections::BTreeSet<&str> = all
        .lines()
        .filter_map(|l| l.split_once("spin[")?.1.split_once("]: step"))
        .map(|(pid, _)| pid)
        .collect();
    assert_eq!(pids.len(), 2, "steps from two spins {pids:?}:\n{all}");

    // Ctrl-C interrupts the foreground program, not the shell.
    c.send("spin\n");
    c.expect("step 1/");
    c.send("\x03");
    c.expect(PROMPT);
    assert_eq!(c.run("echo $?"), "130\n");
    drop(c);

    // The file written above is still there in the next boot.
    let mut c = Console::spawn(boot(image));
    c.expect(PROMPT);
    assert_eq!(c.run("cat /tmp/note"), "persisted text\n");
}

/// The scripted session on `rvjit boot --engine <engine>`.
fn scripted_session_on(engine: &str) {
    let image = default_image(engine);
    session(
        &|img| {
            let mut cmd = rvjit();
            cmd.arg("boot").arg(img).args(["--engine", engine]);
            cmd
        },
        &image,
    );
    let _ = std::fs::remove_file(image);
}

#[test]
fn scripted_session_on_the_interpreter() {
    scripted_session_on("interp");
}

#[test]
fn scripted_session_on_the_jit() {
    scripted_session_on("jit");
}

#[test]
fn scripted_session_on_qemu() {
    let Some(qemu) = conformance::runner::find_on_path("qemu-system-riscv32") else {
        eprintln!("qemu-system-riscv32 not found: skipping the guest session on QEMU");
        return;
    };
    let firmware = Path::new(env!("GUEST_BIN_DIR")).join("firmware");
    let image = default_image("qemu");
    session(
        &|img| {
            let mut cmd = Command::new(&qemu);
            cmd.args(["-machine", "virt", "-nographic", "-bios"])
                .arg(&firmware)
                .arg("-drive")
                .arg(format!("file={},format=raw,if=none,id=d0", img.display()))
                .args(["-device", "virtio-blk-device,drive=d0"]);
            cmd
        },
        &image,
    );
    let _ = std::fs::remove_file(image);
}
