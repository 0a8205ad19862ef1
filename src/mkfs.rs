//! `rvjit mkfs`: build a file-system image from a host folder, or write the
//! default image (the guest OS built into rvjit) to a file.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::session::parse_size;

/// Arguments of `rvjit mkfs`.
#[derive(clap::Args)]
pub struct MkfsArgs {
    /// The image file to write.
    #[arg(long, value_name = "IMG")]
    out: PathBuf,
    /// Image size: a number of MiB, or with a K/M/G suffix (a multiple of 4K);
    /// also for the default image.
    #[arg(long, default_value = "32M", value_parser = parse_size)]
    size: u64,
    /// The folder copied into the image's root. Without it, the default
    /// image with the built-in guest OS (of the default size).
    dir: Option<PathBuf>,
}

/// Builds the image and writes it to `--out`.
pub fn mkfs(args: MkfsArgs) -> Result<ExitCode> {
    let image = match &args.dir {
        Some(dir) => rvfs::build_image(dir, args.size).context("cannot build the image")?,
        None => rvjit::guest::default_image(args.size)?,
    };
    std::fs::write(&args.out, &image)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    Ok(ExitCode::SUCCESS)
}
