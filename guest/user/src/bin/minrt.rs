//! minrt [--size N] [--precision f32|f64] [SCENE.sld]: the CPU course's ray
//! tracer (the `minrt` crate of raytrace-bench). Reads the scene (standard
//! input when none is named; the course scene is /etc/minrt/contest.sld)
//! and writes the P3 PPM to standard output, one row at a time, so
//! `minrt scene.sld > out.ppm` stores it. f64 runs on the D extension.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::vec::Vec;
use minrt::{Options, Precision, Real};
use ulib::{eprintln, fs};

ulib::entry!(main);

/// Everything on standard input.
fn read_stdin() -> Result<Vec<u8>, abi::Errno> {
    let mut text = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = fs::read(0, &mut buf)?;
        if n == 0 {
            return Ok(text);
        }
        text.extend_from_slice(&buf[..n]);
    }
}

fn render<R: Real>(text: &[u8], opts: &Options) -> i32 {
    let scene = match minrt::load::<R>(text) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("minrt: {}", e);
            return 1;
        }
    };
    let written = minrt::render(&scene, opts.size, &mut |bytes| match fs::write(1, bytes) {
        Ok(n) if n == bytes.len() => Ok(()),
        Ok(_) => Err(abi::Errno::ENOSPC),
        Err(e) => Err(e),
    });
    match written {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("minrt: cannot write the image: {}", e.message());
            1
        }
    }
}

fn main(args: &[&str]) -> i32 {
    let opts = match minrt::args::parse(args.iter().skip(1).copied()) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("minrt: {}\nusage: minrt {}", e, minrt::args::USAGE);
            return 2;
        }
    };
    let text = match opts.scene {
        Some(path) => fs::read_file(path),
        None => read_stdin(),
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            eprintln!("minrt: {}: {}", opts.scene.unwrap_or("standard input"), e.message());
            return 1;
        }
    };
    match opts.precision {
        Precision::F32 => render::<f32>(&text, &opts),
        Precision::F64 => render::<f64>(&text, &opts),
    }
}
