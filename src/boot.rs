//! `rvjit boot`: boot the guest OS from a disk image.
//!
//! The firmware (built into rvjit, or `--bios FILE`) starts from the boot
//! ROM, reads the kernel from the image's file system and enters it. With
//! no image, rvjit boots the default image it carries, on a private copy
//! that is deleted at exit; with an image path, writes persist there.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use rvjit::guest;

use crate::session::{self, MachineArgs};
use crate::term::InputEnd;

/// Arguments of `rvjit boot`.
#[derive(clap::Args)]
pub struct BootArgs {
    /// Disk image to boot (raw, with our file system); writes persist in it.
    /// Without it, the default image on a private copy.
    image: Option<PathBuf>,
    /// Firmware ELF to run instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    bios: Option<PathBuf>,
    #[command(flatten)]
    machine: MachineArgs,
}

/// Boots the guest; returns the process exit status.
pub fn boot(args: BootArgs) -> Result<ExitCode> {
    let (firmware, name): (Cow<[u8]>, &Path) = match &args.bios {
        Some(path) => (
            std::fs::read(path)
                .with_context(|| format!("cannot read {}", path.display()))?
                .into(),
            path,
        ),
        None => (guest::FIRMWARE.into(), Path::new("the built-in firmware")),
    };
    // The private copy lives until the run ends.
    let private;
    let image = match &args.image {
        Some(path) => path.as_path(),
        None => {
            private = guest::default_image_file()?;
            private.path()
        }
    };
    session::run(&firmware, name, Some(image), &args.machine, InputEnd::CtrlD)
        .map(|outcome| outcome.status)
}
