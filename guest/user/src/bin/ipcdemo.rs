//! ipcdemo: a mailbox ping-pong between parent and child, then a counter
//! in shared memory incremented by several processes at once.
#![no_std]
#![no_main]

use abi::Message;
use core::sync::atomic::{AtomicU32, Ordering};
use ulib::{eprintln, ipc, println, sys};

ulib::entry!(main);

const ROUNDS: u32 = 5;
const WORKERS: usize = 4;
const INCREMENTS: u32 = 1000;

fn ping_pong() -> Result<bool, abi::Errno> {
    let parent = sys::getpid();
    let child = ulib::fork()?;
    if child == 0 {
        for _ in 0..ROUNDS {
            let mut m = Message::default();
            let from = ipc::recv(&mut m, 0).unwrap_or(0);
            if from != parent {
                ulib::exit(1);
            }
            m.words[1] += 1;
            if ipc::send(parent, &m).is_err() {
                ulib::exit(1);
            }
        }
        ulib::exit(0);
    }
    let mut ok = true;
    for i in 0..ROUNDS {
        let mut m = Message::default();
        m.words[1] = i * 10;
        ipc::send(child, &m)?;
        let from = ipc::recv(&mut m, 0)?;
        println!(
            "ipcdemo: ping {} -> pong {} (from pid {})",
            i * 10,
            m.words[1],
            from
        );
        ok &= from == child && m.words[1] == i * 10 + 1;
    }
    let (_, status) = ulib::wait(child as isize)?;
    Ok(ok && status == 0)
}

/// The counter at the start of a mapped region.
fn counter(addr: usize) -> &'static AtomicU32 {
    // SAFETY: addr is a live shared-memory mapping (4096 bytes, page
    // aligned) that stays mapped while the process uses the counter; all
    // access to it is atomic.
    unsafe { &*(addr as *const AtomicU32) }
}

fn shared_counter() -> Result<bool, abi::Errno> {
    let id = sys::shm_create(4096)?;
    let addr = sys::shm_map(id)?;
    counter(addr).store(0, Ordering::SeqCst);
    let mut pids = [0usize; WORKERS];
    for p in pids.iter_mut() {
        *p = ulib::fork()?;
        if *p == 0 {
            // Each worker maps the region itself, as an unrelated process would.
            let Ok(mine) = sys::shm_map(id) else {
                ulib::exit(1)
            };
            for i in 0..INCREMENTS {
                counter(mine).fetch_add(1, Ordering::SeqCst);
                if i % 100 == 0 {
                    sys::yield_now();
                }
            }
            let _ = sys::shm_unmap(mine);
            ulib::exit(0);
        }
    }
    let mut ok = true;
    for p in pids {
        let (_, status) = ulib::wait(p as isize)?;
        ok &= status == 0;
    }
    let total = counter(addr).load(Ordering::SeqCst);
    let want = WORKERS as u32 * INCREMENTS;
    println!(
        "ipcdemo: shared counter = {} ({} processes x {} increments, expected {})",
        total, WORKERS, INCREMENTS, want
    );
    sys::shm_unmap(addr)?;
    Ok(ok && total == want)
}

fn main(_args: &[&str]) -> i32 {
    ulib::process::prefault_for_counting();
    let before = sys::free_frames();
    let results = [
        ("mailbox ping-pong", ping_pong()),
        ("shared-memory counter", shared_counter()),
    ];
    let mut all = true;
    for (name, r) in results {
        match r {
            Ok(true) => println!("ipcdemo: {}: ok", name),
            Ok(false) => {
                println!("ipcdemo: {}: FAILED", name);
                all = false;
            }
            Err(e) => {
                eprintln!("ipcdemo: {}: {}", name, e.message());
                all = false;
            }
        }
    }
    println!(
        "ipcdemo: free frames {} before, {} after",
        before,
        sys::free_frames()
    );
    if all { 0 } else { 1 }
}
