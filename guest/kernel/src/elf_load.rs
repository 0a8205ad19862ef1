//! Loading a static RV32 ELF executable into a fresh address space, and the
//! initial user stack of abi's "Initial user stack" section.

use abi::{Errno, USER_BASE, USER_STACK_TOP};
use alloc::vec::Vec;

use crate::vm::address_space::AddressSpace;
use crate::vm::page_table::{R, W, X};
use crate::vm::{PAGE_SIZE, frames, page_down, page_up};

/// Pages of user stack mapped at exec (the page below is the guard).
pub const STACK_PAGES: usize = 16;
/// The lowest stack address; the guard page is just below.
pub const STACK_BOTTOM: usize = USER_STACK_TOP - STACK_PAGES * PAGE_SIZE;
/// Program and heap must end below the kernel's MMIO windows (0x0C00_0000).
pub const HEAP_LIMIT: usize = 0x0c00_0000;
/// Longest argument list (strings and pointers) exec accepts.
pub const ARGS_MAX_BYTES: usize = 8192;

const PT_LOAD: u32 = 1;
const PF_X: u32 = 1;
const PF_W: u32 = 2;
const PF_R: u32 = 4;

fn u16_at(b: &[u8], off: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes(
        b.get(off..off.checked_add(2)?)?.try_into().ok()?,
    )))
}

fn u32_at(b: &[u8], off: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(off..off.checked_add(4)?)?.try_into().ok()?,
    ))
}

struct Segment {
    vaddr: usize,
    offset: usize,
    file_bytes: usize,
    mem_bytes: usize,
    flags: u32,
}

/// The entry and the PT_LOAD segments, checked against the file and the
/// user range; None if malformed.
fn parse(image: &[u8]) -> Option<(usize, Vec<Segment>)> {
    if image.get(0..6)? != b"\x7fELF\x01\x01"
        || u16_at(image, 16)? != 2
        || u16_at(image, 18)? != 0xf3
    {
        return None;
    }
    let entry = u32_at(image, 24)? as usize;
    let phoff = u32_at(image, 28)? as usize;
    let phentsize = u16_at(image, 42)? as usize;
    let phnum = u16_at(image, 44)? as usize;
    let mut segs = Vec::new();
    for i in 0..phnum {
        let ph = phoff.checked_add(i.checked_mul(phentsize)?)?;
        if u32_at(image, ph)? != PT_LOAD {
            continue;
        }
        let s = Segment {
            offset: u32_at(image, ph + 4)? as usize,
            vaddr: u32_at(image, ph + 8)? as usize,
            file_bytes: u32_at(image, ph + 16)? as usize,
            mem_bytes: u32_at(image, ph + 20)? as usize,
            flags: u32_at(image, ph + 24)?,
        };
        let file_end = s.offset.checked_add(s.file_bytes)?;
        let mem_end = s.vaddr.checked_add(s.mem_bytes)?;
        if file_end > image.len()
            || s.file_bytes > s.mem_bytes
            || s.vaddr < USER_BASE
            || mem_end > HEAP_LIMIT
        {
            return None;
        }
        segs.push(s);
    }
    (!segs.is_empty()).then_some((entry, segs))
}

/// A new address space holding `image` and a stack with `args`; returns
/// it, the entry point and the initial sp. ENOEXEC for a bad image, ENOMEM
/// when memory runs out (nothing leaks either way).
pub fn load(image: &[u8], args: &[Vec<u8>]) -> Result<(AddressSpace, usize, usize), Errno> {
    let (entry, segs) = parse(image).ok_or(Errno::ENOEXEC)?;
    let mut aspace = AddressSpace::new().ok_or(Errno::ENOMEM)?;
    match fill(&mut aspace, image, &segs, args) {
        Ok(sp) => Ok((aspace, entry, sp)),
        Err(e) => {
            aspace.free();
            Err(e)
        }
    }
}

fn fill(
    aspace: &mut AddressSpace,
    image: &[u8],
    segs: &[Segment],
    args: &[Vec<u8>],
) -> Result<usize, Errno> {
    let mut top = 0;
    for s in segs {
        let mut flags = 0;
        if s.flags & PF_R != 0 {
            flags |= R;
        }
        if s.flags & PF_W != 0 {
            flags |= R | W;
        }
        if s.flags & PF_X != 0 {
            flags |= X;
        }
        let end = s.vaddr + s.mem_bytes;
        top = top.max(end);
        let mut va = page_down(s.vaddr);
        while va < end {
            let e = aspace.lookup(va);
            if e == 0 {
                aspace.map_zeroed(va, flags).map_err(|_| Errno::ENOMEM)?;
            } else {
                // Two segments share this page: it gets both permissions.
                let pa = crate::vm::page_table::pte_pa(e);
                aspace
                    .page_table()
                    .update(va, crate::vm::page_table::pte(pa, e & 0x3ff | flags));
            }
            va += PAGE_SIZE;
        }
        // Copy the file bytes page by page through the frames' mapping.
        let mut done = 0;
        while done < s.file_bytes {
            let va = s.vaddr + done;
            let off = va % PAGE_SIZE;
            let n = (PAGE_SIZE - off).min(s.file_bytes - done);
            let pa = crate::vm::page_table::pte_pa(aspace.lookup(page_down(va)));
            frames::bytes_mut(pa)[off..off + n]
                .copy_from_slice(&image[s.offset + done..s.offset + done + n]);
            done += n;
        }
    }
    aspace.heap_start = page_up(top);
    aspace.brk = aspace.heap_start;
    for i in 0..STACK_PAGES {
        aspace
            .map_zeroed(STACK_BOTTOM + i * PAGE_SIZE, R | W)
            .map_err(|_| Errno::ENOMEM)?;
    }
    build_stack(aspace, args)
}

/// Writes argc, argv[] (NULL-terminated) and the strings at the stack top;
/// returns sp (16-byte aligned, pointing at argc).
fn build_stack(aspace: &mut AddressSpace, args: &[Vec<u8>]) -> Result<usize, Errno> {
    let strings: usize = args.iter().map(|a| a.len() + 1).sum();
    let words = 2 + args.len();
    if strings + 4 * words > ARGS_MAX_BYTES {
        return Err(Errno::E2BIG);
    }
    let str_base = USER_STACK_TOP - strings;
    let sp = (str_base - 4 * words) & !15;
    let mut block = alloc::vec![0u8; USER_STACK_TOP - sp];
    let put = |block: &mut Vec<u8>, at: usize, bytes: &[u8]| {
        block[at - sp..at - sp + bytes.len()].copy_from_slice(bytes);
    };
    put(&mut block, sp, &(args.len() as u32).to_le_bytes());
    let mut at = str_base;
    for (i, a) in args.iter().enumerate() {
        put(&mut block, sp + 4 + 4 * i, &(at as u32).to_le_bytes());
        put(&mut block, at, a);
        at += a.len() + 1; // the NUL is already zero
    }
    crate::user_ptr::copy_out(aspace, sp, &block)?;
    Ok(sp)
}
