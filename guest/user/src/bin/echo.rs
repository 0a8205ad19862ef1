//! echo: prints its arguments separated by spaces.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::string::String;
use ulib::println;

ulib::entry!(main);

fn main(args: &[&str]) -> i32 {
    let mut line = String::new();
    for (i, a) in args.iter().skip(1).enumerate() {
        if i > 0 {
            line.push(' ');
        }
        line.push_str(a);
    }
    println!("{}", line);
    0
}
