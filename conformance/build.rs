//! Builds every conformance program in `programs/` into an ELF in `OUT_DIR`.
//!
//! Each `programs/<group>/<name>.S` becomes `OUT_DIR/elf/<group>/<name>.elf`:
//! a generated one-file `#![no_std] #![no_main]` crate hands the framework
//! (`programs/common/prelude.S`, the machine's reporting file, `start.S`),
//! the files the program includes (`# include:`, below) and the program to
//! `core::arch::global_asm!`, and rustc (the pinned toolchain, from `RUSTC`)
//! compiles it for `riscv32imafc-unknown-none-elf` and links it with
//! rust-lld and `link.ld`. The D extension is switched on by the
//! `.attribute arch` line of the prelude.
//!
//! Directives, read from comment lines anywhere in a program:
//! - `# machine: spike` runs the program on QEMU's `spike` machine and
//!   reports through HTIF `tohost` (default: `virt` and the SiFive test
//!   finisher);
//! - `# expect-exit: N` says the run must end with exit status N (default 0),
//!   for the framework's own negative tests;
//! - `# expect-output: TEXT` says the run's standard output (the UART) must
//!   contain TEXT (the rest of the line, trimmed);
//! - `# drive: SIZE` attaches a virtio-mmio block device at 0x1000_1000 with
//!   a fresh raw image of SIZE bytes (a positive multiple of 512) filled
//!   with the pattern of `conformance::disk_pattern`; `# drive: SIZE legacy`
//!   presents it through the legacy (version 1) virtio-mmio interface
//!   instead of version 2. The runners create the image for each run;
//! - `# include: FILE` (any number of times) assembles `programs/common/FILE`
//!   between the framework and the program, in the order of the directives:
//!   code and macros shared by a few programs of a group (e.g. the virtio
//!   block driver of `dev/virtio_blk*`). Such a file is not a program, is
//!   not read for directives and cannot include others.
//!
//! A program is rebuilt only when it, a common file, the linker script or
//! this build script is newer than its ELF. `src/program.rs` includes the
//! generated `programs.rs`.

use std::env;

use rvbuild::{check_target, fail, mtime};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Common framework files, in the order they are concatenated before a program.
/// `{machine}` is replaced by `virt` or `htif`.
const COMMON: [&str; 3] = ["prelude.S", "{machine}.S", "start.S"];

/// One program found in `programs/`.
struct Source {
    /// `group/name`, e.g. `rv32i/alu`.
    name: String,
    path: PathBuf,
    spike: bool,
    expected_exit: u8,
    expected_output: Option<String>,
    /// `(size, legacy)` from `# drive:`.
    drive: Option<(u64, bool)>,
    /// Files of `programs/common/` named by `# include:`, in order.
    includes: Vec<PathBuf>,
}

fn main() {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default());
    let rustc = rvbuild::rustc();
    let programs_dir = manifest.join("programs");
    let common_dir = programs_dir.join("common");
    let link_script = manifest.join("link.ld");

    println!("cargo::rerun-if-changed=programs");
    println!("cargo::rerun-if-changed=link.ld");

    check_target(&rustc);

    let mut sources = Vec::new();
    collect(&programs_dir, &programs_dir, &mut sources);
    sources.sort_by(|a, b| a.name.cmp(&b.name));

    // Newest input every program depends on (this build script included:
    // a change to how programs are built must rebuild them all).
    let mut common_mtime = mtime(&link_script);
    if let Ok(exe) = env::current_exe() {
        common_mtime = common_mtime.max(mtime(&exe));
    }
    for entry in read_dir(&common_dir) {
        common_mtime = common_mtime.max(mtime(&entry));
    }

    let elf_dir = out_dir.join("elf");
    let next = AtomicUsize::new(0);
    let errors = Mutex::new(Vec::new());
    let jobs = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(src) = sources.get(i) else { break };
                    let elf = elf_dir.join(format!("{}.elf", src.name));
                    if elf.exists() && mtime(&elf) >= common_mtime.max(mtime(&src.path)) {
                        continue;
                    }
                    if let Err(e) = build_one(&rustc, src, &common_dir, &link_script, &elf) {
                        errors.lock().unwrap_or_else(|p| p.into_inner()).push(e);
                    }
                }
            });
        }
    });
    let errors = errors.into_inner().unwrap_or_else(|p| p.into_inner());
    if !errors.is_empty() {
        for e in &errors {
            eprintln!("{e}");
        }
        fail(&format!(
            "{} conformance program(s) failed to build (see stderr above)",
            errors.len()
        ));
    }

    let mut table = String::from(
        "/// Every built program, sorted by name.\nstatic PROGRAMS: &[Program] = &[\n",
    );
    for src in &sources {
        let elf = elf_dir.join(format!("{}.elf", src.name));
        let machine = if src.spike { "Spike" } else { "Virt" };
        let drive = match src.drive {
            Some((size, legacy)) => format!("Some(Drive {{ size: {size}, legacy: {legacy} }})"),
            None => "None".to_owned(),
        };
        writeln!(
            table,
            "    Program {{ name: {:?}, elf: {:?}, machine: Machine::{machine}, expected_exit: {}, \
             expected_output: {:?}, drive: {drive} }},",
            src.name,
            path_str(&elf),
            src.expected_exit,
            src.expected_output.as_deref(),
        )
        .unwrap_or_default();
    }
    table.push_str("];\n");
    write(&out_dir.join("programs.rs"), &table);
}

/// Adds every `*.S` under `dir` (except `common/`) to `out`.
fn collect(root: &Path, dir: &Path, out: &mut Vec<Source>) {
    for path in read_dir(dir) {
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "common") {
                collect(root, &path, out);
            }
            continue;
        }
        if path.extension().is_none_or(|e| e != "S") {
            continue;
        }
        let rel = path.strip_prefix(root).unwrap_or(&path).with_extension("");
        let name = path_str(&rel).replace('\\', "/");
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", path.display())));
        let mut spike = false;
        let mut expected_exit = 0;
        let mut expected_output = None;
        let mut drive = None;
        let mut includes = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if let Some(m) = line.strip_prefix("# machine:") {
                match m.trim() {
                    "spike" => spike = true,
                    "virt" => spike = false,
                    other => fail(&format!("{}: unknown machine `{other}`", path.display())),
                }
            } else if let Some(code) = line.strip_prefix("# expect-exit:") {
                expected_exit = code.trim().parse().unwrap_or_else(|_| {
                    fail(&format!(
                        "{}: bad expect-exit `{}`",
                        path.display(),
                        code.trim()
                    ))
                });
            } else if let Some(text) = line.strip_prefix("# expect-output:") {
                expected_output = Some(text.trim().to_owned());
            } else if let Some(spec) = line.strip_prefix("# drive:") {
                drive = Some(parse_drive(spec).unwrap_or_else(|| {
                    fail(&format!(
                        "{}: bad drive `{}` (want `SIZE` or `SIZE legacy`, SIZE a positive multiple of 512)",
                        path.display(),
                        spec.trim()
                    ))
                }));
            } else if let Some(file) = line.strip_prefix("# include:") {
                let file = file.trim();
                let include = root.join("common").join(file);
                if file.is_empty() || !include.is_file() {
                    fail(&format!(
                        "{}: `# include: {file}` names no file in programs/common/",
                        path.display()
                    ));
                }
                includes.push(include);
            }
        }
        out.push(Source {
            name,
            path,
            spike,
            expected_exit,
            expected_output,
            drive,
            includes,
        });
    }
}

/// Parses the argument of `# drive:`: `SIZE` or `SIZE legacy`.
fn parse_drive(spec: &str) -> Option<(u64, bool)> {
    let mut words = spec.split_whitespace();
    let size: u64 = words.next()?.parse().ok()?;
    let legacy = match words.next() {
        None => false,
        Some("legacy") => true,
        Some(_) => return None,
    };
    if words.next().is_some() || size == 0 || !size.is_multiple_of(512) {
        return None;
    }
    Some((size, legacy))
}

/// Compiles and links one program; on failure returns rustc's diagnostics.
fn build_one(
    rustc: &std::ffi::OsString,
    src: &Source,
    common_dir: &Path,
    link_script: &Path,
    elf: &Path,
) -> Result<(), String> {
    let crate_dir = elf.with_extension("crate");
    fs::create_dir_all(&crate_dir).map_err(|e| format!("{}: {e}", crate_dir.display()))?;
    let machine = if src.spike { "htif" } else { "virt" };
    let mut includes = String::new();
    for file in COMMON {
        let file = common_dir.join(file.replace("{machine}", machine));
        writeln!(includes, "    include_str!({:?}),", path_str(&file)).unwrap_or_default();
    }
    for file in src.includes.iter().chain([&src.path]) {
        writeln!(includes, "    include_str!({:?}),", path_str(file)).unwrap_or_default();
    }
    let main_rs = format!(
        "// Generated by conformance/build.rs for {name}.\n\
         #![no_std]\n#![no_main]\n\
         core::arch::global_asm!(\n{includes}    options(raw)\n);\n\
         #[panic_handler]\nfn panic(_: &core::panic::PanicInfo<'_>) -> ! {{\n    loop {{}}\n}}\n",
        name = src.name
    );
    let main_path = crate_dir.join("main.rs");
    fs::write(&main_path, main_rs).map_err(|e| format!("{}: {e}", main_path.display()))?;
    let program = rvbuild::Program {
        main_rs: &main_path,
        elf,
        link_script,
        opt_level: "0",
        extra_args: &[],
    };
    program.build(rustc).map_err(|e| {
        format!(
            "error: building conformance program {} ({}) failed:\n{e}",
            src.name,
            src.path.display()
        )
    })
}

fn read_dir(dir: &Path) -> Vec<PathBuf> {
    let entries = fs::read_dir(dir)
        .unwrap_or_else(|e| fail(&format!("cannot read directory {}: {e}", dir.display())));
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    paths
}

fn path_str(path: &Path) -> &str {
    path.to_str()
        .unwrap_or_else(|| fail(&format!("path is not UTF-8: {}", path.display())))
}

fn write(path: &Path, text: &str) {
    if fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    fs::write(path, text)
        .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", path.display())));
}
