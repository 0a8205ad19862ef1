//! cat: copies files (or standard input) to standard output.
#![no_std]
#![no_main]

use abi::{Errno, O_READ};
use ulib::{eprintln, fs};

ulib::entry!(main);

/// Copies `fd` to standard output.
fn copy(fd: usize) -> Result<(), Errno> {
    let mut buf = [0u8; 4096];
    loop {
        let n = fs::read(fd, &mut buf)?;
        if n == 0 {
            return Ok(());
        }
        fs::write(1, &buf[..n])?;
    }
}

fn main(args: &[&str]) -> i32 {
    if args.len() < 2 {
        return match copy(0) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("cat: {}", e.message());
                1
            }
        };
    }
    let mut status = 0;
    for path in &args[1..] {
        let r = fs::open(path, O_READ).and_then(|fd| {
            let r = copy(fd);
            let _ = fs::close(fd);
            r
        });
        if let Err(e) = r {
            eprintln!("cat: {}: {}", path, e.message());
            status = 1;
        }
    }
    status
}
