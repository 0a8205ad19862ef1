//! forktest: shows copy-on-write. A 16-page buffer is shared by parent and
//! child after fork (free frames barely move), copied page by page when the
//! child writes it (free frames drop by about 16), and the parent still
//! sees its own data; after the child is reaped every frame is back.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::vec;
use ulib::{eprintln, println, sys};

ulib::entry!(main);

const PAGES: usize = 16;
const PAGE: usize = 4096;

fn main(_args: &[&str]) -> i32 {
    let mut buf = vec![b'P'; PAGES * PAGE];
    core::hint::black_box(&mut buf);
    ulib::process::prefault_for_counting();
    let before = sys::free_frames();
    println!(
        "forktest: parent has {} pages of 'P'; free frames before fork: {}",
        PAGES, before
    );
    let pid = match ulib::fork() {
        Ok(0) => {
            let after_fork = sys::free_frames();
            println!(
                "forktest: child: free frames after fork: {} (fork took {}: pages shared, not copied)",
                after_fork,
                before.saturating_sub(after_fork)
            );
            for page in buf.chunks_mut(PAGE) {
                page[0] = b'C';
            }
            core::hint::black_box(&mut buf);
            let after_write = sys::free_frames();
            let copied = after_fork.saturating_sub(after_write);
            println!(
                "forktest: child: wrote one byte in each of {} pages; free frames now {} ({} copied on write)",
                PAGES, after_write, copied
            );
            let shared_at_fork = before.saturating_sub(after_fork) < PAGES;
            let copied_on_write = copied >= PAGES;
            let sees_own = buf.chunks(PAGE).all(|p| p[0] == b'C');
            ulib::exit(if shared_at_fork && copied_on_write && sees_own {
                0
            } else {
                1
            });
        }
        Ok(pid) => pid,
        Err(e) => {
            eprintln!("forktest: fork: {}", e.message());
            return 1;
        }
    };
    let status = match ulib::wait(pid as isize) {
        Ok((_, s)) => s,
        Err(e) => {
            eprintln!("forktest: wait: {}", e.message());
            return 1;
        }
    };
    let unchanged = buf.iter().all(|&b| b == b'P');
    println!(
        "forktest: parent: child exited {}; parent's buffer {}",
        status,
        if unchanged {
            "unchanged (still all 'P')"
        } else {
            "CHANGED"
        }
    );
    let after = sys::free_frames();
    println!(
        "forktest: free frames after the child was reaped: {} (before fork: {})",
        after, before
    );
    if status == 0 && unchanged && after == before {
        println!("forktest: ok");
        0
    } else {
        println!("forktest: FAILED");
        1
    }
}
