//! usertests: the kernel survives whatever a program does. Bad pointers
//! and numbers to system calls give errors; faults in children (null and
//! kernel pointers, writes to code, jumps into nowhere, illegal
//! instructions, stack overflow) kill just the child with the right status;
//! fork until it fails, then reap them all; run out of memory with sbrk
//! and mmap; and at the end usertests and its children have freed as many
//! frames as they allocated (the kernel's frame account counts only
//! theirs, so the check holds while other programs run).
#![no_std]
#![no_main]

extern crate alloc;

use abi::{
    Errno, MAP_PRIVATE, Message, NONBLOCK, PROT_READ, PROT_WRITE, STATUS_ILLEGAL, STATUS_KILLED,
    STATUS_SEGV, Sysno, USER_STACK_TOP, WNOHANG,
};
use alloc::vec::Vec;
use core::arch::asm;
use ulib::{println, sys};

ulib::entry!(main);

/// An address in the kernel's image (mapped, but not for U-mode).
const KERNEL: usize = 0x8020_0000;

struct Tests {
    failed: u32,
}

impl Tests {
    fn check(&mut self, name: &str, ok: bool, detail: core::fmt::Arguments) {
        if ok {
            println!("usertests: {}: ok ({})", name, detail);
        } else {
            println!("usertests: {}: FAILED ({})", name, detail);
            self.failed += 1;
        }
    }

    /// A raw system call must fail with one of `want`.
    fn expect(&mut self, name: &str, ret: isize, want: &[Errno]) {
        let got = sys::check(ret);
        let ok = matches!(got, Err(e) if want.contains(&e));
        self.check(name, ok, format_args!("got {:?}", got));
    }
}

fn bad_pointers(t: &mut Tests) {
    let me = sys::getpid();
    let w = Sysno::Write as usize;
    t.expect(
        "write from a null pointer",
        sys::raw(w, 1, 0, 16, 0),
        &[Errno::EFAULT],
    );
    t.expect(
        "write from kernel memory",
        sys::raw(w, 1, KERNEL, 16, 0),
        &[Errno::EFAULT],
    );
    t.expect(
        "write running off the stack's top",
        sys::raw(w, 1, USER_STACK_TOP - 8, 64, 0),
        &[Errno::EFAULT],
    );
    t.expect(
        "write with a range that wraps around",
        sys::raw(w, 1, 0xffff_f000, 0x2000, 0),
        &[Errno::EFAULT],
    );
    t.expect(
        "send from a null pointer",
        sys::raw(Sysno::Send as usize, me, 0x10, NONBLOCK, 0),
        &[Errno::EFAULT],
    );
    // A message is waiting, so only the pointer can make recv fail.
    let _ = sys::send(me, &Message::default(), NONBLOCK);
    t.expect(
        "recv into kernel memory",
        sys::raw(Sysno::Recv as usize, KERNEL, NONBLOCK, 0, 0),
        &[Errno::EFAULT],
    );
    let mut m = Message::default();
    while sys::recv(&mut m, NONBLOCK).is_ok() {}
    t.expect(
        "ps into kernel memory",
        sys::raw(Sysno::Ps as usize, KERNEL, 4, 0, 0),
        &[Errno::EFAULT],
    );
    t.expect(
        "ps into code",
        sys::raw(Sysno::Ps as usize, main as *const () as usize, 1, 0, 0),
        &[Errno::EFAULT],
    );
    let argv: [*const u8; 2] = [c"x".as_ptr().cast(), core::ptr::null()];
    let argv_p = argv.as_ptr() as usize;
    t.expect(
        "exec of an image in kernel memory",
        sys::raw(Sysno::Exec as usize, KERNEL, 4096, argv_p, 0),
        &[Errno::EFAULT],
    );
    let junk = [0x55u8; 256];
    t.expect(
        "exec with argv in kernel memory",
        sys::raw(
            Sysno::Exec as usize,
            junk.as_ptr() as usize,
            junk.len(),
            KERNEL,
            0,
        ),
        &[Errno::EFAULT, Errno::ENOEXEC],
    );
    t.expect(
        "exec of a non-ELF image",
        sys::raw(
            Sysno::Exec as usize,
            junk.as_ptr() as usize,
            junk.len(),
            argv_p,
            0,
        ),
        &[Errno::ENOEXEC],
    );
    // wait's status pointer, with a child that has ended.
    if let Ok(pid) = ulib::fork() {
        if pid == 0 {
            sys::exit(0);
        }
        t.expect(
            "wait with a status pointer in kernel memory",
            sys::raw(Sysno::Wait as usize, pid, KERNEL, 0, 0),
            &[Errno::EFAULT],
        );
        let _ = sys::wait(pid as isize, 0);
    }
    t.expect(
        "an unknown system call",
        sys::raw(999, 0, 0, 0, 0),
        &[Errno::ENOSYS],
    );
    t.expect(
        "fd_get of fd 1000",
        sys::raw(Sysno::FdGet as usize, 1000, 0, 0, 0),
        &[Errno::EBADF, Errno::EINVAL],
    );
    t.expect(
        "kill of no process",
        sys::raw(Sysno::Kill as usize, 99_999, 0, 0, 0),
        &[Errno::ESRCH],
    );
    t.expect(
        "shm_map of no region",
        sys::raw(Sysno::ShmMap as usize, 99_999, 0, 0, 0),
        &[Errno::EINVAL, Errno::ENOENT],
    );
    t.expect(
        "wait with no children",
        sys::raw(Sysno::Wait as usize, usize::MAX, 0, WNOHANG, 0),
        &[Errno::ECHILD],
    );
}

#[inline(never)]
fn recurse(n: u32) -> u32 {
    let mut frame = [0u8; 1024];
    frame[n as usize % 1024] = n as u8;
    core::hint::black_box(&mut frame);
    if n == u32::MAX {
        return 0;
    }
    recurse(n + 1).wrapping_add(frame[7] as u32)
}

/// Runs `f` in a child and returns its exit status.
fn in_child(f: fn()) -> Option<i32> {
    match ulib::fork() {
        Ok(0) => {
            f();
            sys::exit(0)
        }
        Ok(pid) => ulib::wait(pid as isize).ok().map(|(_, s)| s),
        Err(_) => None,
    }
}

// Each of these faults on purpose. SAFETY (for every asm block below): the
// instruction traps, the kernel kills this child, and nothing runs after it.
fn load_null() {
    // SAFETY: see above.
    unsafe { asm!("lw t0, 0(zero)", out("t0") _) }
}
fn store_null() {
    // SAFETY: see above.
    unsafe { asm!("sw zero, 0(zero)") }
}
fn load_kernel() {
    // SAFETY: see above.
    unsafe { asm!("lw {0}, 0({0})", inout(reg) KERNEL => _) }
}
fn store_code() {
    // SAFETY: see above (the text segment is mapped read-execute).
    unsafe { asm!("sw zero, 0({0})", in(reg) main as *const () as usize) }
}
fn jump_null() {
    // SAFETY: see above.
    unsafe { asm!("jr zero") }
}
fn jump_kernel() {
    // SAFETY: see above.
    unsafe { asm!("jr {0}", in(reg) KERNEL) }
}
fn illegal() {
    // SAFETY: see above.
    unsafe { asm!("unimp") }
}
fn supervisor_csr() {
    // SAFETY: see above.
    unsafe { asm!("csrr t0, sstatus", out("t0") _) }
}
fn overflow_stack() {
    recurse(0);
}

fn faults(t: &mut Tests) {
    let cases: [(&str, fn(), i32); 9] = [
        ("load from null", load_null, STATUS_SEGV),
        ("store to null", store_null, STATUS_SEGV),
        ("load from the kernel", load_kernel, STATUS_SEGV),
        ("store into code", store_code, STATUS_SEGV),
        ("jump to null", jump_null, STATUS_SEGV),
        ("jump into the kernel", jump_kernel, STATUS_SEGV),
        ("illegal instruction", illegal, STATUS_ILLEGAL),
        (
            "supervisor CSR from user mode",
            supervisor_csr,
            STATUS_ILLEGAL,
        ),
        ("stack overflow", overflow_stack, STATUS_SEGV),
    ];
    for (name, f, want) in cases {
        let got = in_child(f);
        t.check(
            name,
            got == Some(want),
            format_args!("child status {:?}, want {}", got, want),
        );
    }
    let got = in_child(|| sys::exit(42));
    t.check(
        "exit status",
        got == Some(42),
        format_args!("child status {:?}", got),
    );
    match ulib::fork() {
        Ok(0) => loop {
            sys::sleep(1000);
        },
        Ok(pid) => {
            let killed = sys::kill(pid);
            let got = ulib::wait(pid as isize).map(|(_, s)| s);
            t.check(
                "kill",
                killed.is_ok() && got == Ok(STATUS_KILLED),
                format_args!("kill {:?}, status {:?}", killed, got),
            );
        }
        Err(e) => t.check("kill", false, format_args!("fork: {:?}", e)),
    }
}

fn fork_until_it_fails(t: &mut Tests, pids: &mut Vec<usize>) {
    let err = loop {
        if pids.len() == pids.capacity() {
            break None;
        }
        match sys::fork() {
            Ok(0) => loop {
                sys::sleep(1000);
            },
            Ok(pid) => pids.push(pid),
            Err(e) => break Some(e),
        }
    };
    let n = pids.len();
    let mut reaped = 0;
    for &pid in pids.iter() {
        let _ = sys::kill(pid);
        if let Ok((_, STATUS_KILLED)) = ulib::wait(pid as isize) {
            reaped += 1;
        }
    }
    pids.clear();
    t.check(
        "fork until it fails",
        err.is_some() && n > 0 && reaped == n,
        format_args!(
            "{} children, then {:?}; {} killed and reaped",
            n, err, reaped
        ),
    );
}

fn out_of_memory(t: &mut Tests) {
    let huge = sys::sbrk(0x7000_0000);
    t.check(
        "sbrk beyond memory",
        huge == Err(Errno::ENOMEM),
        format_args!("{:?}", huge),
    );
    let zero = sys::mmap(0, 0, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    t.check(
        "mmap of zero bytes",
        zero.is_err(),
        format_args!("{:?}", zero),
    );
    // Exhaust memory in children; each must end cleanly with ENOMEM (exit
    // 0) or be killed for memory (SEGV) — never take the kernel down.
    let sbrk_child = in_child(|| {
        let step = 64 * 1024;
        while let Ok(old) = sys::sbrk(step as isize) {
            for page in (old..old + step).step_by(4096) {
                // SAFETY: sbrk just made [old, old+step) ours.
                unsafe { (page as *mut u8).write_volatile(1) };
            }
        }
    });
    t.check(
        "sbrk until out of memory",
        matches!(sbrk_child, Some(0 | STATUS_SEGV)),
        format_args!("child status {:?}", sbrk_child),
    );
    let mmap_child = in_child(|| {
        let step = 256 * 1024;
        while let Ok(addr) = sys::mmap(0, step, PROT_READ | PROT_WRITE, MAP_PRIVATE) {
            for page in (addr..addr + step).step_by(4096) {
                // SAFETY: mmap just mapped [addr, addr+step) for us.
                unsafe { (page as *mut u8).write_volatile(1) };
            }
        }
    });
    t.check(
        "mmap until out of memory",
        matches!(mmap_child, Some(0 | STATUS_SEGV)),
        format_args!("child status {:?}", mmap_child),
    );
    // And memory is usable again.
    let again = sys::mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    let ok = match again {
        Ok(a) => {
            // SAFETY: a fresh private page of ours.
            unsafe { (a as *mut u32).write_volatile(7) };
            sys::munmap(a, 4096).is_ok()
        }
        Err(_) => false,
    };
    t.check("mmap after out of memory", ok, format_args!("{:?}", again));
}

fn main(_args: &[&str]) -> i32 {
    let mut t = Tests { failed: 0 };
    let mut pids: Vec<usize> = Vec::with_capacity(1024);
    ulib::process::prefault_for_counting();
    println!(
        "usertests: starting with {} free frames",
        sys::free_frames()
    );
    sys::frame_account_start();
    bad_pointers(&mut t);
    faults(&mut t);
    fork_until_it_fails(&mut t, &mut pids);
    out_of_memory(&mut t);
    let held = sys::frame_account_balance();
    t.check(
        "no frames leaked",
        held == 0,
        format_args!("{} frames allocated and not freed during the tests", held),
    );
    if t.failed == 0 {
        println!("usertests: all passed");
        0
    } else {
        println!("usertests: {} FAILED", t.failed);
        1
    }
}
