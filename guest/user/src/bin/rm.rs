//! rm: removes files, and empty directories.
#![no_std]
#![no_main]

use abi::Errno;
use ulib::{eprintln, fs};

ulib::entry!(main);

fn main(args: &[&str]) -> i32 {
    if args.len() < 2 {
        eprintln!("usage: rm PATH...");
        return 2;
    }
    let mut status = 0;
    for p in &args[1..] {
        let r = match fs::unlink(p) {
            Err(Errno::EISDIR) => fs::rmdir(p),
            r => r,
        };
        if let Err(e) = r {
            eprintln!("rm: {}: {}", p, e.message());
            status = 1;
        }
    }
    status
}
