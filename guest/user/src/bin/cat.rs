//! cat: copies files (or standard input) to standard output. A failed
//! write (a full disk) ends it with status 1.
#![no_std]
#![no_main]

use abi::{Errno, O_READ};
use ulib::{eprintln, fs};

ulib::entry!(main);

/// Why a copy stopped.
enum Failure {
    /// Reading the input (open or read).
    Read(Errno),
    /// Writing standard output.
    Write(Errno),
}

/// Copies `fd` to standard output.
fn copy(fd: usize) -> Result<(), Failure> {
    let mut buf = [0u8; 4096];
    loop {
        let n = fs::read(fd, &mut buf).map_err(Failure::Read)?;
        if n == 0 {
            return Ok(());
        }
        fs::write(1, &buf[..n]).map_err(Failure::Write)?;
    }
}

fn main(args: &[&str]) -> i32 {
    let inputs: &[&str] = if args.len() < 2 { &["-"] } else { &args[1..] };
    let mut status = 0;
    for &path in inputs {
        let r = if path == "-" {
            copy(0)
        } else {
            fs::open(path, O_READ)
                .map_err(Failure::Read)
                .and_then(|fd| {
                    let r = copy(fd);
                    let _ = fs::close(fd);
                    r
                })
        };
        match r {
            Ok(()) => {}
            Err(Failure::Read(e)) => {
                eprintln!("cat: {}: {}", path, e.message());
                status = 1;
            }
            Err(Failure::Write(e)) => {
                eprintln!("cat: write error: {}", e.message());
                return 1;
            }
        }
    }
    status
}
