//! `rvjit`: the command-line front end. Each subcommand lives in its own
//! module; this file only parses arguments and reports errors on one line.
#![forbid(unsafe_code)]

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
    /// Run a bare-metal RV32 ELF program (or a kernel built for QEMU virt).
    Run(run::RunArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(session::EXIT_HOST_ERROR)
        }
    }
}
