//! ps: lists the processes.
#![no_std]
#![no_main]

use abi::{ProcInfo, STATE_RUNNABLE, STATE_RUNNING, STATE_SLEEPING, STATE_ZOMBIE};
use ulib::{eprintln, println, sys};

ulib::entry!(main);

fn main(_args: &[&str]) -> i32 {
    let mut rows = [ProcInfo::default(); 64];
    let n = match sys::ps(&mut rows) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("ps: {}", e.message());
            return 1;
        }
    };
    println!("  PID  PPID STATE    FRAMES NAME");
    for p in &rows[..n] {
        let state = match p.state {
            STATE_RUNNABLE => "runnable",
            STATE_RUNNING => "running",
            STATE_SLEEPING => "sleeping",
            STATE_ZOMBIE => "zombie",
            _ => "?",
        };
        let len = p.name.iter().position(|&b| b == 0).unwrap_or(p.name.len());
        let name = core::str::from_utf8(&p.name[..len]).unwrap_or("?");
        println!(
            "{:>5} {:>5} {:<8} {:>6} {}",
            p.pid, p.ppid, state, p.frames, name
        );
    }
    0
}
