//! `raytrace-bench [--size N] [--precision f32|f64] [SCENE.sld] > out.ppm`:
//! renders an SLD scene natively (f32 by default; standard input when no
//! scene is given) and writes the P3 PPM to standard output.
//!
//! With `--baremetal OUT.elf` it writes the bare-metal RV32 program of that
//! precision with the scene and size in its header instead, for `rvjit run`
//! or `qemu-system-riscv32 -machine virt -bios none -kernel OUT.elf`.
#![forbid(unsafe_code)]

use std::io::{Read, Write};

use anyhow::{Context, Result};
use minrt::{Options, Precision, Real};
use raytrace_bench::baremetal;

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e:#}");
        std::process::exit(2);
    }
}

fn run() -> Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let baremetal = match args.iter().position(|a| a == "--baremetal") {
        Some(i) if i + 1 < args.len() => Some(args.drain(i..i + 2).nth(1).unwrap_or_default()),
        Some(_) => anyhow::bail!("--baremetal needs a file name"),
        None => None,
    };
    let opts = minrt::args::parse(args.iter().map(String::as_str)).map_err(|e| {
        anyhow::anyhow!(
            "{e}\nusage: raytrace-bench {} [--baremetal OUT.elf]",
            minrt::args::USAGE
        )
    })?;
    let text = match opts.scene {
        Some(path) => std::fs::read(path).with_context(|| format!("cannot read {path}"))?,
        None => {
            let mut t = Vec::new();
            std::io::stdin()
                .read_to_end(&mut t)
                .context("cannot read the scene from standard input")?;
            t
        }
    };
    if let Some(path) = baremetal {
        let elf = baremetal::with_scene(baremetal::elf(opts.precision), opts.size, &text)
            .map_err(anyhow::Error::msg)?;
        return std::fs::write(&path, elf).with_context(|| format!("cannot write {path}"));
    }
    match opts.precision {
        Precision::F32 => render::<f32>(&text, &opts),
        Precision::F64 => render::<f64>(&text, &opts),
    }
}

fn render<R: Real>(text: &[u8], opts: &Options) -> Result<()> {
    let scene = minrt::load::<R>(text)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    minrt::render(&scene, opts.size, &mut |bytes| out.write_all(bytes))
        .and_then(|()| out.flush())
        .context("cannot write the image")
}
