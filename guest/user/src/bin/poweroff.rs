//! poweroff: powers the machine off (rvjit exits with status 0).
//! `poweroff --crash` instead makes the kernel fault on purpose, to show
//! its panic report (as Linux's SysRq-c): the machine stops as failed.
#![no_std]
#![no_main]

use ulib::{eprintln, sys};

ulib::entry!(main);

fn main(args: &[&str]) -> i32 {
    let e = match args.get(1).copied() {
        None => sys::power_off(false),
        Some("--crash") => sys::crash_kernel(),
        Some(other) => {
            eprintln!("poweroff: unknown option {other} (usage: poweroff [--crash])");
            return 2;
        }
    };
    eprintln!("poweroff: {}", e.message());
    1
}
