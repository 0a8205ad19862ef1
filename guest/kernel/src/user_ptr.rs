//! Reaching user memory from system calls. A pointer from a process is an
//! allegation: each page it spans is looked up in the caller's page table
//! (valid, user, readable; writable or copy-on-write for stores) before a
//! byte moves, and the bytes move through the frames' one-to-one mapping,
//! so a bad pointer is `EFAULT`, never a kernel fault.

use abi::Errno;
use alloc::vec::Vec;

use crate::vm::address_space::AddressSpace;
use crate::vm::page_table::{COW, R, U, V, W, pte_pa};
use crate::vm::{PAGE_SIZE, frames};

/// Splits `[va, va+len)` into (page address, offset, length) pieces, or
/// EFAULT if it wraps or reaches the kernel's half.
fn pieces(va: usize, len: usize) -> Result<impl Iterator<Item = (usize, usize, usize)>, Errno> {
    let end = va.checked_add(len).ok_or(Errno::EFAULT)?;
    if end > 0x8000_0000 {
        return Err(Errno::EFAULT);
    }
    let mut at = va;
    Ok(core::iter::from_fn(move || {
        if at >= end {
            return None;
        }
        let page = at & !(PAGE_SIZE - 1);
        let off = at - page;
        let n = (PAGE_SIZE - off).min(end - at);
        at += n;
        Some((page, off, n))
    }))
}

fn readable(e: u32) -> bool {
    e & (V | U | R) == V | U | R
}

/// Checks that `[va, va+len)` may be written by the process (COW pages
/// count as writable: they are copied when written).
pub fn check_writable(aspace: &mut AddressSpace, va: usize, len: usize) -> Result<(), Errno> {
    for (page, _, _) in pieces(va, len)? {
        let e = aspace.lookup(page);
        if !readable(e) || e & (W | COW) == 0 {
            return Err(Errno::EFAULT);
        }
    }
    Ok(())
}

/// Checks that `[va, va+len)` may be read by the process.
pub fn check_readable(aspace: &mut AddressSpace, va: usize, len: usize) -> Result<(), Errno> {
    for (page, _, _) in pieces(va, len)? {
        if !readable(aspace.lookup(page)) {
            return Err(Errno::EFAULT);
        }
    }
    Ok(())
}

/// Copies user bytes at `va` into `buf`.
pub fn copy_in(aspace: &mut AddressSpace, va: usize, buf: &mut [u8]) -> Result<(), Errno> {
    let mut done = 0;
    for (page, off, n) in pieces(va, buf.len())? {
        let e = aspace.lookup(page);
        if !readable(e) {
            return Err(Errno::EFAULT);
        }
        buf[done..done + n].copy_from_slice(&frames::bytes_mut(pte_pa(e))[off..off + n]);
        done += n;
    }
    Ok(())
}

/// Copies `bytes` to user memory at `va`, breaking copy-on-write sharing.
pub fn copy_out(aspace: &mut AddressSpace, va: usize, bytes: &[u8]) -> Result<(), Errno> {
    check_writable(aspace, va, bytes.len())?;
    let mut done = 0;
    for (page, off, n) in pieces(va, bytes.len())? {
        if aspace.lookup(page) & COW != 0 {
            aspace.resolve_cow(page).map_err(|_| Errno::ENOMEM)?;
        }
        let e = aspace.lookup(page);
        if !readable(e) || e & W == 0 {
            return Err(Errno::EFAULT);
        }
        frames::bytes_mut(pte_pa(e))[off..off + n].copy_from_slice(&bytes[done..done + n]);
        done += n;
    }
    Ok(())
}

/// A user buffer copied into a fresh vector (at most `max` bytes, else
/// `too_big`).
pub fn copy_in_vec(
    aspace: &mut AddressSpace,
    va: usize,
    len: usize,
    max: usize,
    too_big: Errno,
) -> Result<Vec<u8>, Errno> {
    if len > max {
        return Err(too_big);
    }
    // Fallible: a huge length must not exhaust the kernel heap (a panic).
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| Errno::ENOMEM)?;
    v.resize(len, 0);
    copy_in(aspace, va, &mut v)?;
    Ok(v)
}

/// A user word.
pub fn read_u32(aspace: &mut AddressSpace, va: usize) -> Result<u32, Errno> {
    let mut b = [0; 4];
    copy_in(aspace, va, &mut b)?;
    Ok(u32::from_le_bytes(b))
}

/// A NUL-terminated user string of at most `max` bytes (ENAMETOOLONG past it).
pub fn read_cstr(aspace: &mut AddressSpace, va: usize, max: usize) -> Result<Vec<u8>, Errno> {
    let mut out = Vec::new();
    let mut at = va;
    loop {
        let mut b = [0; 1];
        copy_in(aspace, at, &mut b)?;
        if b[0] == 0 {
            return Ok(out);
        }
        if out.len() >= max {
            return Err(Errno::E2BIG);
        }
        out.push(b[0]);
        at = at.checked_add(1).ok_or(Errno::EFAULT)?;
    }
}
