//! `rvjit fsck`: check a file-system image and print what is wrong.
//!
//! Exit status 0 when the image is clean, 1 when problems were found, and
//! [`EXIT_HOST_ERROR`](crate::run::EXIT_HOST_ERROR) when it cannot be read
//! or is not an rvfs image at all.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use rvfs::{FileDevice, FileSystem};

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
    let mut fs = FileSystem::mount(dev).with_context(|| format!("cannot mount {name}"))?;
    let report = fs.check().with_context(|| format!("cannot check {name}"))?;
    println!("{name}: {report}");
    Ok(if report.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_PROBLEMS)
    })
}
