//! init (pid 1): waits for the file service, shows /etc/motd, then forever
//! starts the shell and waits for it, reaping orphans on the way.
#![no_std]
#![no_main]

use abi::{Errno, FdKind, SERVICE_FS};
use ulib::{eprintln, print, println, sys};

ulib::entry!(main);

fn main(_args: &[&str]) -> i32 {
    // The console on 0, 1, 2 for us and everything we start.
    for fd in 0..3 {
        if matches!(sys::fd_get(fd), Ok((FdKind::Closed, _))) {
            let _ = sys::fd_set(fd, FdKind::Console, 0);
        }
    }
    while sys::lookup(SERVICE_FS).is_err() {
        sys::sleep(10);
    }
    if let Ok(motd) = ulib::fs::read_file("/etc/motd") {
        print!("{}", core::str::from_utf8(&motd).unwrap_or(""));
    }
    loop {
        let sh = match ulib::fork() {
            Ok(0) => {
                let e = ulib::exec("/bin/sh", &["sh"]);
                eprintln!("init: exec /bin/sh: {}", e.message());
                ulib::exit(127);
            }
            Ok(pid) => pid,
            Err(e) => {
                eprintln!("init: fork: {}", e.message());
                sys::sleep(1000);
                continue;
            }
        };
        // Reap every child (orphans are re-parented to us) until the shell ends.
        loop {
            match ulib::wait(-1) {
                Ok((pid, status)) if pid == sh => {
                    println!("init: sh exited with status {}; restarting", status);
                    break;
                }
                Ok(_) => {}
                Err(Errno::ECHILD) => break,
                Err(_) => sys::sleep(100),
            }
        }
    }
}
