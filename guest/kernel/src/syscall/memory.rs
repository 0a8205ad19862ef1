//! Memory system calls: sbrk, mmap/munmap (anonymous, private or shared),
//! shared-memory regions, and the frame account.

use abi::{Errno, MAP_PRIVATE, MAP_SHARED, MMAP_BASE, PROT_EXEC, PROT_WRITE};

use super::{Args, Outcome, aspace};
use crate::elf_load::{HEAP_LIMIT, STACK_BOTTOM};
use crate::proc::{Kernel, Pid};
use crate::vm::address_space::ShmMapping;
use crate::vm::page_table::{R, SHARED, W, X};
use crate::vm::{PAGE_SIZE, frames, page_up};

/// mmap and shared memory live in [MMAP_BASE, MMAP_END); the stack's guard
/// page and a gap stay below the stack.
const MMAP_END: usize = STACK_BOTTOM - 16 * PAGE_SIZE;

pub fn sbrk(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    let incr = a[0] as isize;
    let Ok(space) = aspace(k, pid) else {
        return Outcome::Exited;
    };
    let old = space.brk;
    let Some(new) = old.checked_add_signed(incr) else {
        return Outcome::from(Err(Errno::ENOMEM));
    };
    if new < space.heap_start || new > HEAP_LIMIT {
        return Outcome::from(Err(Errno::ENOMEM));
    }
    let (old_top, new_top) = (page_up(old), page_up(new));
    if new_top > old_top {
        let mut va = old_top;
        while va < new_top {
            if space.map_zeroed(va, R | W).is_err() {
                space.unmap_range(old_top, (va - old_top) / PAGE_SIZE);
                return Outcome::from(Err(Errno::ENOMEM));
            }
            va += PAGE_SIZE;
        }
    } else if new_top < old_top {
        space.unmap_range(new_top, (old_top - new_top) / PAGE_SIZE);
        crate::arch::csr::sfence_vma();
    }
    space.brk = new;
    Outcome::Return(old as isize)
}

/// Finds `pages` free pages in the mmap area (at `hint` if it is usable).
fn find_free(
    space: &mut crate::vm::address_space::AddressSpace,
    hint: usize,
    pages: usize,
) -> Option<usize> {
    let bytes = pages.checked_mul(PAGE_SIZE)?;
    let fits = |va: usize| va >= MMAP_BASE && va.checked_add(bytes).is_some_and(|e| e <= MMAP_END);
    if hint != 0 && hint.is_multiple_of(PAGE_SIZE) && fits(hint) && space.is_free(hint, pages) {
        return Some(hint);
    }
    let mut va = MMAP_BASE;
    while fits(va) {
        match (0..pages).find(|i| space.lookup(va + i * PAGE_SIZE) != 0) {
            None => return Some(va),
            Some(used) => va += (used + 1) * PAGE_SIZE,
        }
    }
    None
}

pub fn mmap(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    let (hint, len, prot, flags) = (a[0], a[1], a[2], a[3]);
    let shared = flags & MAP_SHARED != 0;
    if len == 0 || (flags & (MAP_SHARED | MAP_PRIVATE)) == 0 || len > MMAP_END - MMAP_BASE {
        return Outcome::from(Err(Errno::EINVAL));
    }
    let pages = page_up(len) / PAGE_SIZE;
    let mut pte_flags = R;
    if prot & PROT_WRITE != 0 {
        pte_flags |= W;
    }
    if prot & PROT_EXEC != 0 {
        pte_flags |= X;
    }
    if shared {
        pte_flags |= SHARED;
    }
    let Ok(space) = aspace(k, pid) else {
        return Outcome::Exited;
    };
    let Some(start) = find_free(space, hint, pages) else {
        return Outcome::from(Err(Errno::ENOMEM));
    };
    for i in 0..pages {
        if space.map_zeroed(start + i * PAGE_SIZE, pte_flags).is_err() {
            space.unmap_range(start, i);
            return Outcome::from(Err(Errno::ENOMEM));
        }
    }
    Outcome::Return(start as isize)
}

pub fn munmap(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    let (addr, len) = (a[0], a[1]);
    let Some(end) = addr.checked_add(page_up(len)) else {
        return Outcome::from(Err(Errno::EINVAL));
    };
    if addr % PAGE_SIZE != 0 || len == 0 || addr < MMAP_BASE || end > MMAP_END {
        return Outcome::from(Err(Errno::EINVAL));
    }
    let Ok(space) = aspace(k, pid) else {
        return Outcome::Exited;
    };
    // Shared-memory regions go through shm_unmap.
    if space
        .shm
        .iter()
        .any(|m| m.start < end && addr < m.start + m.pages * PAGE_SIZE)
    {
        return Outcome::from(Err(Errno::EINVAL));
    }
    space.unmap_range(addr, (end - addr) / PAGE_SIZE);
    crate::arch::csr::sfence_vma();
    Outcome::Return(0)
}

pub fn shm_create(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    let pages = page_up(a[0]) / PAGE_SIZE;
    if pages == 0 || pages > crate::shm::MAX_PAGES {
        return Outcome::from(Err(Errno::EINVAL));
    }
    match k.shm.create(pid, pages) {
        Some(id) => Outcome::Return(id as isize),
        None => Outcome::from(Err(Errno::ENOMEM)),
    }
}

pub fn shm_map(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    let id = a[0] as u32;
    let Some(p) = k.procs.get_mut(&pid) else {
        return Outcome::Exited;
    };
    let Some(space) = p.aspace.as_mut() else {
        return Outcome::Exited;
    };
    let Some(region) = k.shm.map(id).map(|r| r.to_vec()) else {
        return Outcome::from(Err(Errno::EINVAL));
    };
    let pages = region.len();
    let Some(start) = find_free(space, 0, pages) else {
        k.shm.unmapped(id);
        return Outcome::from(Err(Errno::ENOMEM));
    };
    for (i, &pa) in region.iter().enumerate() {
        frames::incref(pa);
        if space
            .map_frame(start + i * PAGE_SIZE, pa, R | W | SHARED)
            .is_err()
        {
            frames::decref(pa);
            space.unmap_range(start, i);
            k.shm.unmapped(id);
            return Outcome::from(Err(Errno::ENOMEM));
        }
    }
    space.shm.push(ShmMapping { start, pages, id });
    Outcome::Return(start as isize)
}

pub fn shm_unmap(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    let Some(p) = k.procs.get_mut(&pid) else {
        return Outcome::Exited;
    };
    let Some(space) = p.aspace.as_mut() else {
        return Outcome::Exited;
    };
    let Some(i) = space.shm.iter().position(|m| m.start == a[0]) else {
        return Outcome::from(Err(Errno::EINVAL));
    };
    let m = space.shm.remove(i);
    space.unmap_range(m.start, m.pages);
    crate::arch::csr::sfence_vma();
    k.shm.unmapped(m.id);
    Outcome::Return(0)
}

/// a0 = 1: the caller (and the children it forks from now on) become the
/// frame account, which starts at 0; any earlier account ends. a0 = 0:
/// the frames they allocated minus those they freed since.
pub fn frame_account(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    match a[0] {
        1 => {
            for p in k.procs.values_mut() {
                p.accounted = p.pid == pid;
            }
            frames::start_account();
            frames::set_charging(true);
            Outcome::Return(0)
        }
        0 => Outcome::Return(frames::account_balance()),
        _ => Outcome::from(Err(Errno::EINVAL)),
    }
}
