//! mkdir: makes directories.
#![no_std]
#![no_main]

use ulib::{eprintln, fs};

ulib::entry!(main);

fn main(args: &[&str]) -> i32 {
    if args.len() < 2 {
        eprintln!("usage: mkdir DIR...");
        return 2;
    }
    let mut status = 0;
    for p in &args[1..] {
        if let Err(e) = fs::mkdir(p) {
            eprintln!("mkdir: {}: {}", p, e.message());
            status = 1;
        }
    }
    status
}
