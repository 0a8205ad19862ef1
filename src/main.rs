//! `rvjit`: the command-line front end. Each subcommand lives in its own
//! module; this file only parses arguments and reports errors on one line.
#![forbid(unsafe_code)]

mod fsck;
mod mkfs;
mod run;
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
    /// Run a bare-metal RV32 ELF program (or a kernel built for QEMU virt).
    Run(run::RunArgs),
    /// Build a file-system image from a host folder.
    Mkfs(mkfs::MkfsArgs),
    /// Check a file-system image; exits 1 if it has problems.
    Fsck(fsck::FsckArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run::run(args),
        Command::Mkfs(args) => mkfs::mkfs(args),
        Command::Fsck(args) => fsck::fsck(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(run::EXIT_HOST_ERROR)
        }
    }
}
