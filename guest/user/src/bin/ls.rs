//! ls: lists directories (the current one by default) or names files.
#![no_std]
#![no_main]

extern crate alloc;

use abi::KIND_DIR;
use alloc::vec::Vec;
use ulib::{eprintln, fs, println};

ulib::entry!(main);

fn list(path: &str, header: bool) -> Result<(), abi::Errno> {
    let st = fs::stat(path)?;
    if st.kind != KIND_DIR {
        println!("{:>8} {}", st.size, path);
        return Ok(());
    }
    let mut entries = fs::list_dir(path)?;
    entries.sort_by(|a, b| fs::entry_name(a).cmp(fs::entry_name(b)));
    if header {
        println!("{}:", path);
    }
    for e in &entries {
        let name = fs::entry_name(e);
        if name == "." || name == ".." {
            continue;
        }
        if e.kind == KIND_DIR {
            println!("{:>8} {}/", "-", name);
        } else {
            let child = if path.ends_with('/') {
                alloc::format!("{}{}", path, name)
            } else {
                alloc::format!("{}/{}", path, name)
            };
            let size = fs::stat(&child).map(|s| s.size).unwrap_or(0);
            println!("{:>8} {}", size, name);
        }
    }
    Ok(())
}

fn main(args: &[&str]) -> i32 {
    let paths: Vec<&str> = if args.len() < 2 {
        alloc::vec!["."]
    } else {
        args[1..].to_vec()
    };
    let mut status = 0;
    for p in &paths {
        if let Err(e) = list(p, paths.len() > 1) {
            eprintln!("ls: {}: {}", p, e.message());
            status = 1;
        }
    }
    status
}
