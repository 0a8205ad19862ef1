//! Boots the guest OS on rvjit and, when it is installed, on
//! qemu-system-riscv32, and drives the shell through the UART with the same
//! scripted session on both: programs with arguments, redirection, files
//! that persist across boots, the fork/IPC demos, usertests, preemption, and
//! the machine powering off when the shell's input ends; FP registers
//! across traps and `/bin/minrt` in a second session. Then, on rvjit, the
//! guest under stress: a kernel fault, a full disk, a missing shell.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The shell's prompt.
const PROMPT: &str = "$ ";
/// How long one step of the script may take (debug-build rvjit is slow).
const STEP_TIMEOUT: Duration = Duration::from_secs(120);

/// A running emulator whose console we drive, in the manner of `expect`.
struct Console {
    child: Child,
    output: Arc<Mutex<Vec<u8>>>,
    /// The thread copying the emulator's stdout into `output`; joined once
    /// the emulator has exited, so its last bytes are not lost in the pipe.
    reader: Option<JoinHandle<()>>,
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
        let reader = std::thread::spawn(move || {
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
            reader: Some(reader),
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

    /// Waits for the emulator to exit; its status.
    fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + STEP_TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // The pipe reaches end-of-file now that its writer is gone.
                if let Some(reader) = self.reader.take() {
                    reader.join().expect("the output reader ends");
                }
                return status;
            }
            if Instant::now() > deadline {
                panic!("the emulator did not exit; output:\n{}", self.all_output());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Everything the guest printed so far.
    fn all_output(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    fn send(&mut self, text: &str) {
        let stdin = self.child.stdin.as_mut().expect("stdin is piped");
        stdin.write_all(text.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }

    /// Ends the emulator's standard input, as the end of a piped script does.
    fn close_input(&mut self) {
        drop(self.child.stdin.take());
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

/// `rvjit boot IMAGE` with `args` after it.
fn rvjit_boot(image: &Path, args: &[&str]) -> Command {
    let mut cmd = rvjit();
    cmd.arg("boot").arg(image).args(args);
    cmd
}

/// A fresh copy of the default image in a scratch file; `args` go to
/// `rvjit mkfs` (e.g. a size).
fn default_image(test: &str, args: &[&str]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("rvjit-boot-{}-{test}.img", std::process::id()));
    let status = rvjit()
        .args(["mkfs", "--out"])
        .arg(&path)
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "rvjit mkfs --out {}", path.display());
    path
}

/// Changes the file system in `image` with `f`.
fn edit_image(image: &Path, f: impl FnOnce(&mut rvfs::FileSystem<rvfs::MemDevice>)) {
    let bytes = std::fs::read(image).unwrap();
    let mut fs = rvfs::FileSystem::mount(rvfs::MemDevice::from_bytes(bytes)).unwrap();
    f(&mut fs);
    fs.sync().unwrap();
    std::fs::write(image, fs.into_device().into_bytes()).unwrap();
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
    // The line discipline: backspace erases.
    assert_eq!(c.run("echo abX\x7fc"), "abc\n");
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
    // (The line echoed, then the answer and the prompt.)
    let before = c.expect("shell alive") + &c.expect("shell alive") + &c.expect(PROMPT);
    assert!(
        !before.contains("done"),
        "a spin ended before the shell answered:\n{before}"
    );
    // usertests' leak check counts only its own frames: it holds while a
    // spin starts and ends beside it.
    let out = c.run("usertests");
    assert!(out.contains("usertests: all passed"), "{out}");
    let mut all = before + &out;
    while all.matches("done (").count() < 2 {
        all += &c.expect("done (");
    }
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
    // Ctrl-D on an empty line ends the shell's input: the shell exits and
    // init powers the machine off, so the emulator exits with status 0.
    c.send("\x04");
    c.expect("init: sh exited; powering off");
    assert!(c.wait_exit().success(), "{}", c.all_output());

    // The file written above is still there in the next boot; `exit` ends
    // the shell, and the machine, too.
    let mut c = Console::spawn(boot(image));
    c.expect(PROMPT);
    assert_eq!(c.run("cat /tmp/note"), "persisted text\n");
    c.send("exit 3\n");
    assert!(c.wait_exit().success(), "{}", c.all_output());
}

/// The scripted session on `rvjit boot --engine <engine>`.
fn scripted_session_on(engine: &str) {
    let image = default_image(engine, &[]);
    session(&|img| rvjit_boot(img, &["--engine", engine]), &image);
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
fn deterministic_boot_is_the_same_under_both_engines() {
    let run = |engine: &str| {
        let image = default_image(&format!("det-{engine}"), &[]);
        let args = [
            "--deterministic",
            "--max-insns",
            "40000000",
            "--engine",
            engine,
        ];
        let (status, out) = boot_until_it_stops(&image, &args, "echo same\n");
        let _ = std::fs::remove_file(image);
        (status.code(), out)
    };
    let (interp, jit) = (run("interp"), run("jit"));
    assert!(interp.1.contains("$ same"), "{interp:?}");
    assert_eq!(
        interp, jit,
        "exit status or console output differ between the engines"
    );
}

#[test]
fn scripted_session_on_qemu() {
    let Some(qemu) = qemu_boot() else {
        eprintln!("qemu-system-riscv32 not found: skipping the guest session on QEMU");
        return;
    };
    let image = default_image("qemu", &[]);
    session(&qemu, &image);
    let _ = std::fs::remove_file(image);
}

/// How to boot an image on QEMU with our firmware, if QEMU is installed.
fn qemu_boot() -> Option<impl Fn(&Path) -> Command> {
    let qemu = conformance::runner::find_on_path("qemu-system-riscv32")?;
    let firmware = Path::new(env!("GUEST_BIN_DIR")).join("firmware");
    Some(move |img: &Path| {
        let mut cmd = Command::new(&qemu);
        cmd.args(["-machine", "virt", "-nographic", "-bios"])
            .arg(&firmware)
            .arg("-drive")
            .arg(format!("file={},format=raw,if=none,id=d0", img.display()))
            .args(["-device", "virtio-blk-device,drive=d0"]);
        cmd
    })
}

#[test]
fn a_kernel_fault_is_a_panic_that_stops_the_machine() {
    kernel_fault_panics(&|img| rvjit_boot(img, &[]), "panic-rvjit");
    match qemu_boot() {
        Some(qemu) => kernel_fault_panics(&qemu, "panic-qemu"),
        None => eprintln!("qemu-system-riscv32 not found: skipping the kernel panic on QEMU"),
    }
}

/// `poweroff --crash` faults the kernel: a report, and a failed stop.
fn kernel_fault_panics(boot: &dyn Fn(&Path) -> Command, test: &str) {
    let image = default_image(test, &[]);
    let mut c = Console::spawn(boot(&image));
    c.expect(PROMPT);
    // The fault happens inside a system call, with the kernel lock held.
    c.send("poweroff --crash\n");
    c.expect("kernel panic: load page fault in the kernel (cause 13) at pc 0x");
    let report = c.expect("\n") + &c.expect("\n");
    assert!(report.contains("tval 0x0"), "{report}");
    let backtrace = report.split_once("backtrace:").map_or("", |(_, b)| b);
    assert!(
        backtrace.split_whitespace().count() >= 2,
        "pc and return addresses: {report}"
    );
    let status = c.wait_exit();
    assert!(!status.success(), "{status:?}");
    let _ = std::fs::remove_file(image);
}

#[test]
fn writes_to_a_full_disk_fail_with_a_message_and_a_status() {
    let image = default_image("full", &["--size", "2M"]);
    let mut c = Console::spawn(rvjit_boot(&image, &[]));
    c.expect(PROMPT);
    // Fill the disk with copies of the kernel; the copy that does not fit
    // says so and fails.
    let mut failed = None;
    for i in 0..64 {
        let out = c.run(&format!("cat /boot/kernel > /fill{i}"));
        if c.run("echo $?") != "0\n" {
            failed = Some(out);
            break;
        }
    }
    let out = failed.expect("the disk filled up");
    assert!(out.contains("cat: write error: no space left"), "{out}");
    // echo through shell redirection, and any program's standard output.
    let out = c.run("echo some data > /note");
    assert!(out.contains("echo: write error: no space left"), "{out}");
    assert_eq!(c.run("echo $?"), "1\n");
    let out = c.run("ls /bin > /listing");
    assert!(out.contains("ls: write error: no space left"), "{out}");
    assert_eq!(c.run("echo $?"), "1\n");
    // Room again: the same write works.
    assert_eq!(c.run("rm /fill0"), "");
    assert_eq!(c.run("echo some data > /note"), "");
    assert_eq!(c.run("cat /note"), "some data\n");
    let _ = std::fs::remove_file(image);
}

#[test]
fn init_gives_up_on_a_shell_that_cannot_start() {
    let image = default_image("nosh", &[]);
    edit_image(&image, |fs| fs.unlink("/bin/sh").unwrap());
    // Guest time from instructions: the 5 failures fall within 10 s
    // however busy the host is.
    let mut c = Console::spawn(rvjit_boot(&image, &["--deterministic"]));
    c.expect("giving up");
    let status = c.wait_exit();
    assert!(!status.success(), "{status:?}");
    let out = c.all_output();
    assert_eq!(out.matches("init: exec /bin/sh").count(), 5, "{out}");
    assert_eq!(out.matches("giving up").count(), 1, "{out}");
    let _ = std::fs::remove_file(image);
}

/// Boots `image` with `args` and waits for the machine to stop; its output.
fn boot_until_it_stops(image: &Path, args: &[&str], input: &str) -> (ExitStatus, String) {
    let mut c = Console::spawn(rvjit_boot(image, args));
    c.send(input);
    let status = c.wait_exit();
    (status, c.all_output())
}

#[test]
fn the_smallest_ram_boots_and_less_is_refused_with_a_message() {
    let image = default_image("ram", &[]);
    // 12 MiB, the stated minimum, and 16 MiB boot and pass usertests.
    for ram in ["12M", "16M"] {
        let mut c = Console::spawn(rvjit_boot(&image, &["-m", ram]));
        c.expect(PROMPT);
        let out = c.run("usertests");
        assert!(out.contains("usertests: all passed"), "-m {ram}:\n{out}");
        c.send("exit\n");
        assert!(c.wait_exit().success(), "-m {ram}");
    }
    // Below: the kernel does not fit with its device tree (firmware), or
    // too little RAM is left for processes (kernel).
    for (ram, says) in [
        (
            "10M",
            "firmware: cannot boot: the kernel and the device tree need RAM up to",
        ),
        ("11M", "kernel: cannot boot: RAM ends at 0x80b00000"),
    ] {
        let (status, out) = boot_until_it_stops(&image, &["-m", ram], "");
        assert!(
            !status.success() && out.contains(says),
            "-m {ram}: {status:?}\n{out}"
        );
    }
    let _ = std::fs::remove_file(image);
}

#[test]
fn the_firmware_refuses_a_damaged_kernel() {
    let kernel = |fs: &mut rvfs::FileSystem<rvfs::MemDevice>| fs.read_file("/boot/kernel").unwrap();
    let replace = |fs: &mut rvfs::FileSystem<rvfs::MemDevice>, bytes: &[u8], sum: bool| {
        fs.unlink("/boot/kernel").unwrap();
        let ino = fs.create("/boot/kernel").unwrap();
        fs.write_at(ino, 0, bytes).unwrap();
        if sum {
            fs.write_sum("/boot/kernel").unwrap();
        }
    };
    type Damage = Box<dyn Fn(&mut rvfs::FileSystem<rvfs::MemDevice>)>;
    let cases: Vec<(&str, Damage)> = vec![
        (
            "/boot/kernel does not match its checksum",
            Box::new(move |fs| {
                let mut k = kernel(fs);
                k[0x1234] ^= 0x40;
                replace(fs, &k, false);
            }),
        ),
        (
            "/boot/kernel.crc32 is missing",
            Box::new(|fs| fs.unlink("/boot/kernel.crc32").unwrap()),
        ),
        (
            "/boot/kernel is not an RV32 little-endian ELF executable",
            Box::new(move |fs| {
                let mut k = kernel(fs);
                k[4] = 2; // ELFCLASS64
                replace(fs, &k, true);
            }),
        ),
        (
            "/boot/kernel has its entry point outside its code",
            Box::new(move |fs| {
                let mut k = kernel(fs);
                k[24..28].copy_from_slice(&0x9000_0000u32.to_le_bytes());
                replace(fs, &k, true);
            }),
        ),
        (
            "the kernel and the device tree need RAM up to",
            Box::new(move |fs| {
                // The last program header's memory size: 1 GiB.
                let mut k = kernel(fs);
                let phoff = u32::from_le_bytes(k[28..32].try_into().unwrap()) as usize;
                let phnum = u16::from_le_bytes(k[44..46].try_into().unwrap()) as usize;
                let last_load = (0..phnum)
                    .rev()
                    .map(|i| phoff + 32 * i)
                    .find(|&ph| k[ph..ph + 4] == [1, 0, 0, 0])
                    .unwrap();
                k[last_load + 20..last_load + 24].copy_from_slice(&(1u32 << 30).to_le_bytes());
                replace(fs, &k, true);
            }),
        ),
    ];
    for (says, damage) in cases {
        let image = default_image("damaged", &[]);
        edit_image(&image, |fs| damage(fs));
        let (status, out) = boot_until_it_stops(&image, &[], "");
        assert!(
            !status.success() && out.contains(&format!("firmware: cannot boot: {says}")),
            "{says}: {status:?}\n{out}"
        );
        let _ = std::fs::remove_file(image);
    }
}

/// `/bin/fpregs` (all 64 bits of the FP registers and fcsr survive timer
/// traps) and `/bin/minrt`: the images it writes to the file system, read
/// back from the disk image, are the native ones.
fn minrt_session(boot: &dyn Fn(&Path) -> Command, image: &Path) {
    use minrt::Precision;
    let mut c = Console::spawn(boot(image));
    c.expect(PROMPT);
    let out = c.run("fpregs");
    assert!(out.contains("fpregs: ok"), "{out}");
    let runs = [
        (
            "--size 12 --precision f64 /etc/minrt/spheres.sld",
            "/m64.ppm",
            "spheres.sld",
            Precision::F64,
            12,
        ),
        (
            "--size 12 /etc/minrt/spheres.sld",
            "/m32.ppm",
            "spheres.sld",
            Precision::F32,
            12,
        ),
        (
            "--size 8 --precision f64 < /etc/minrt/csg.sld",
            "/stdin.ppm",
            "csg.sld",
            Precision::F64,
            8,
        ),
    ];
    for (args, file, ..) in runs {
        assert_eq!(c.run(&format!("minrt {args} > {file}")), "", "minrt {args}");
    }
    assert!(c.run("minrt /no/such.sld").contains("minrt: /no/such.sld"));
    drop(c);
    let dev = rvfs::FileDevice::open_read_only(image).unwrap();
    let mut fs = rvfs::FileSystem::mount(dev).unwrap();
    for (args, file, scene, precision, size) in runs {
        let text = std::fs::read(format!("{}/{scene}", raytrace_bench::SCENES_DIR)).unwrap();
        let native = raytrace_bench::render_ppm(&text, precision, size).unwrap();
        let got = fs.read_file(file).unwrap();
        assert!(
            got == native,
            "minrt {args}: the image differs from the native one"
        );
    }
}

#[test]
fn minrt_and_fp_registers_on_rvjit() {
    let image = default_image("minrt-rvjit", &[]);
    minrt_session(&|img| rvjit_boot(img, &[]), &image);
    let _ = std::fs::remove_file(image);
}

#[test]
fn minrt_and_fp_registers_on_qemu() {
    let Some(qemu) = qemu_boot() else {
        eprintln!("qemu-system-riscv32 not found: skipping minrt on QEMU");
        return;
    };
    let image = default_image("minrt-qemu", &[]);
    minrt_session(&qemu, &image);
    let _ = std::fs::remove_file(image);
}

/// `rvjit boot < script`: the script runs from its first byte, its end is
/// the shell's end of input, and the machine powers off with status 0.
#[test]
fn a_piped_script_runs_and_its_end_powers_off() {
    let image = default_image("script", &[]);
    let mut c = Console::spawn(rvjit_boot(&image, &[]));
    c.send("ls /bin\necho script-done\n");
    c.close_input();
    let status = c.wait_exit();
    let out = c.all_output();
    assert!(status.success(), "{status:?}\n{out}");
    // ls's lines are "size name"; the motd lists no fpregs.
    assert!(
        out.lines().any(|l| l.trim_end().ends_with(" fpregs")),
        "ls /bin ran:\n{out}"
    );
    assert!(out.contains("$ script-done"), "{out}");
    assert!(
        !out.contains("no such file"),
        "no byte of the script lost:\n{out}"
    );
    assert!(out.contains("init: sh exited; powering off"), "{out}");
    let _ = std::fs::remove_file(image);
}
