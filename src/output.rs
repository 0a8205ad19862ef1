//! The command's own output (not the guest's console) and how its failures
//! end the process, as Unix tools do: a closed pipe ends rvjit quietly
//! (status [`EXIT_BROKEN_PIPE`], what a shell reports for a tool that
//! SIGPIPE killed), any other error is one line `error: …` on stderr and
//! status 2, and nothing here panics when stdout or stderr cannot be
//! written (`println!` and `eprintln!` would).

use std::fmt;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::CommandFactory;
use clap::error::ErrorKind;

use crate::session::EXIT_HOST_ERROR;

/// Exit status when stdout or stderr is a pipe whose reader has gone.
pub const EXIT_BROKEN_PIPE: u8 = 141;

/// Writes one line to stdout.
pub fn line(args: fmt::Arguments) -> anyhow::Result<()> {
    writeln!(io::stdout().lock(), "{args}")
        .map_err(|e| anyhow::Error::new(e).context("cannot write to standard output"))
}

/// Writes one line to stderr.
pub fn note(args: fmt::Arguments) -> anyhow::Result<()> {
    writeln!(io::stderr().lock(), "{args}")
        .map_err(|e| anyhow::Error::new(e).context("cannot write to standard error"))
}

/// Writes one line to stderr where the exit status already tells the
/// outcome: if stderr cannot take it, there is nowhere left to say so.
pub fn note_best_effort(args: fmt::Arguments) {
    let _ = writeln!(io::stderr().lock(), "{args}");
}

/// Ends the process for a failed command: quietly when a pipe closed,
/// otherwise with `error: …` on one line.
pub fn fail(e: &anyhow::Error) -> ExitCode {
    let broken_pipe = e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    });
    if broken_pipe {
        return ExitCode::from(EXIT_BROKEN_PIPE);
    }
    note_best_effort(format_args!("error: {e:#}"));
    ExitCode::from(EXIT_HOST_ERROR)
}

/// Ends the process for arguments clap did not accept: `--help` and
/// `--version` print as usual; a bad flag is one line naming the problem,
/// with clap's suggestion, if it has one, on the same line.
pub fn bad_args<C: CommandFactory>(e: &clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            match write!(io::stdout().lock(), "{}", e.render()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(io) => fail(&anyhow::Error::new(io).context("cannot write to standard output")),
            }
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let command = C::command();
            let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
            note_best_effort(format_args!(
                "error: {} needs a command: {} (see '{} --help')",
                command.get_name(),
                names.join(", "),
                command.get_name()
            ));
            ExitCode::from(EXIT_HOST_ERROR)
        }
        _ => {
            note_best_effort(format_args!("{}", one_line(&e.render().to_string())));
            ExitCode::from(EXIT_HOST_ERROR)
        }
    }
}

/// clap's message for a bad argument on one line: the error and its
/// details and tips, without the usage and the pointer to `--help`.
fn one_line(rendered: &str) -> String {
    let mut out = String::new();
    let parts = rendered
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty());
    for part in parts {
        if !out.is_empty() {
            out.push_str(if part.starts_with("tip:") { "; " } else { " " });
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn clap_errors_become_one_line_with_the_tip() {
        let rendered = "error: unexpected argument '--max-insn' found\n\n  tip: a similar argument exists: '--max-insns'\n\nUsage: rvjit run --max-insns <N> <PROGRAM>\n\nFor more information, try '--help'.\n";
        assert_eq!(
            one_line(rendered),
            "error: unexpected argument '--max-insn' found; tip: a similar argument exists: '--max-insns'"
        );
        let rendered = "error: the following required arguments were not provided:\n  <PROGRAM>\n\nUsage: rvjit run <PROGRAM>\n\nFor more information, try '--help'.\n";
        assert_eq!(
            one_line(rendered),
            "error: the following required arguments were not provided: <PROGRAM>"
        );
    }
}
