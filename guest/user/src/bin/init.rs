//! init (pid 1): waits for the file service, shows /etc/motd, starts the
//! shell and waits for it, reaping orphans on the way.
//!
//! When the shell exits (`exit`, or the end of its input: Ctrl-D on an
//! empty line), init powers the machine off, so `rvjit boot < script`
//! ends with status 0. A shell that did not start (exec failed) or was
//! killed is started again, unless that happened [`MAX_FAILURES`] times
//! within [`FAILURE_WINDOW_MS`]: then init says so once and powers off as
//! a failure (as sysvinit's "respawning too fast" and systemd's start
//! limit stop restarting; with no shell, this machine has nothing left to
//! do on its one console).
#![no_std]
#![no_main]

use abi::{Errno, FdKind, Message, NONBLOCK, SERVICE_FS};
use ulib::{eprintln, ipc, print, println, sys};

ulib::entry!(main);

const SHELL: &str = "/bin/sh";
/// Failed starts of the shell that make init give up...
const MAX_FAILURES: usize = 5;
/// ... when they all happen within this many milliseconds.
const FAILURE_WINDOW_MS: usize = 10_000;
/// What a child sends init when it could not exec the shell.
const EXEC_FAILED: u32 = 0x6578_6563;

/// Starts the shell; its pid.
fn start_shell() -> Result<usize, Errno> {
    let init = sys::getpid();
    match ulib::fork()? {
        0 => {
            let e = ulib::exec(SHELL, &["sh"]);
            eprintln!("init: exec {SHELL}: {}", e.message());
            let mut m = Message::default();
            m.words[0] = EXEC_FAILED;
            let _ = sys::send(init, &m, NONBLOCK);
            ulib::exit(127)
        }
        pid => Ok(pid),
    }
}

/// Reaps every child (orphans are re-parented to us) until the shell
/// `sh` ends; its status, or None if it is gone some other way.
fn wait_for(sh: usize) -> Option<i32> {
    loop {
        match ulib::wait(-1) {
            Ok((pid, status)) if pid == sh => return Some(status),
            Ok(_) => {}
            Err(Errno::ECHILD) => return None,
            Err(_) => sys::sleep(100),
        }
    }
}

/// Whether the shell `sh` reported that its exec failed.
fn exec_failed(sh: usize) -> bool {
    let mut failed = false;
    while let Some((from, m)) = ipc::try_recv() {
        failed |= from == sh && m.words[0] == EXEC_FAILED;
    }
    failed
}

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
    // When the last MAX_FAILURES failed starts were (uptime), oldest first.
    let mut failures: [Option<usize>; MAX_FAILURES] = [None; MAX_FAILURES];
    loop {
        let sh = match start_shell() {
            Ok(pid) => pid,
            Err(e) => {
                eprintln!("init: fork: {}", e.message());
                sys::sleep(1000);
                continue;
            }
        };
        let status = wait_for(sh);
        // Never started, or killed (128 + a signal): a failed start.
        let failed = exec_failed(sh) || status.is_none_or(|s| s > 128);
        if !failed {
            println!("init: sh exited; powering off");
            let e = sys::power_off(false);
            eprintln!("init: power off: {}", e.message());
            return 1;
        }
        failures.rotate_left(1);
        let now = sys::uptime();
        failures[MAX_FAILURES - 1] = Some(now);
        if failures[0].is_some_and(|first| now - first < FAILURE_WINDOW_MS) {
            eprintln!(
                "init: {SHELL} failed {MAX_FAILURES} times in {} s; giving up",
                FAILURE_WINDOW_MS / 1000
            );
            let e = sys::power_off(true);
            eprintln!("init: power off: {}", e.message());
            return 1;
        }
        println!("init: sh ended with status {:?}; restarting", status);
    }
}
