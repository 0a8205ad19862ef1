//! `rvjit fsck`: check a file-system image and print what is wrong.
//!
//! Exit status 0 when the image is clean, 1 when problems were found, and
//! [`EXIT_HOST_ERROR`](crate::session::EXIT_HOST_ERROR) when it cannot be read
//! or is not an rvfs image at all.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use rvfs::{FileDevice, FileSystem};

use crate::output;

/// Exit status when the check found problems.
pub const EXIT_PROBLEMS: u8 = 1;

/// Arguments of `rvjit fsck`.
#[derive(clap::Args)]
pub struct FsckArgs {
    /// The image to check (opened read-only).
    image: PathBuf,
}

/// Checks the image and prints the report.
pub fn fsck(args: FsckArgs) -> Result<ExitCode> {
    let name = args.image.display();
    let dev =
        FileDevice::open_read_only(&args.image).with_context(|| format!("cannot open {name}"))?;
    let file_blocks = dev.blocks();
    let mut fs = FileSystem::mount(dev).with_context(|| format!("cannot mount {name}"))?;
    let fs_blocks = fs
        .usage()
        .with_context(|| format!("cannot read {name}"))?
        .total_blocks;
    if file_blocks < fs_blocks {
        bail!("{name} holds {file_blocks} blocks but its file system has {fs_blocks}");
    }
    let report = fs.check().with_context(|| format!("cannot check {name}"))?;
    for p in &report.problems {
        output::line(format_args!("{name}: {p}"))?;
    }
    if report.more_problems > 0 {
        output::line(format_args!(
            "{name}: ... and {} more problems",
            report.more_problems
        ))?;
    }
    output::line(format_args!("{name}: {}", report.summary()))?;
    Ok(if report.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_PROBLEMS)
    })
}
