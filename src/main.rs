//! `rvjit`: the command-line front end. Each subcommand lives in its own
//! module; this file only parses arguments and reports errors on one line.
#![forbid(unsafe_code)]

mod bench;
mod boot;
mod fsck;
mod fuzz;
mod mkfs;
mod output;
mod profile;
mod run;
mod session;
mod term;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// RISC-V RV32GC system emulator.
#[derive(Parser)]
#[command(name = "rvjit", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Boot the guest OS (the built-in image, or a disk image).
    Boot(boot::BootArgs),
    /// Run a bare-metal RV32 ELF program (or a kernel built for QEMU virt).
    Run(run::RunArgs),
    /// Profile a guest (an RV32 ELF, or the guest OS on a disk image): a
    /// flamegraph of where its instructions go.
    Profile(profile::ProfileArgs),
    /// Build a file-system image from a host folder (or the default image).
    Mkfs(mkfs::MkfsArgs),
    /// Check a file-system image; exits 1 if it has problems.
    Fsck(fsck::FsckArgs),
    /// Compare the engines, QEMU and native code on a workload.
    Bench(bench::BenchArgs),
    /// Run random programs on the interpreter and the JIT in lockstep;
    /// exits 1 on any difference.
    Fuzz(fuzz::FuzzArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return output::bad_args::<Cli>(&e),
    };
    let result = match cli.command {
        Command::Boot(args) => boot::boot(args),
        Command::Run(args) => run::run(args),
        Command::Profile(args) => profile::profile(args),
        Command::Mkfs(args) => mkfs::mkfs(args),
        Command::Fsck(args) => fsck::fsck(args),
        Command::Bench(args) => bench::bench(args),
        Command::Fuzz(args) => fuzz::fuzz(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => output::fail(&e),
    }
}
