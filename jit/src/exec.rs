//! Host code memory and the calls across the boundary between Rust and
//! generated code; the only module of the JIT with `unsafe`.
//!
//! Code lives in one anonymous mapping that is never writable and
//! executable at once: [`CodeBuffer::install`] flips the pages a compiled
//! function goes to (only those: a flip costs time for every page of code
//! it covers) to read-write, copies it in and flips them back. Links
//! between blocks live in data memory (`chain.rs`), so code is never
//! written to link. The first functions installed (the trampoline and the
//! dispatch stub, see `translate/flow.rs`) stay; when the buffer is full
//! the engine drops every translation and starts over after them
//! ([`CodeBuffer::clear`]), as QEMU does. Functions are
//! position-independent but for absolute addresses of data and of the
//! stub: they reach the helpers below through the table that
//! `hart.helpers` points to ([`Helpers`], offsets from `offset_of!`),
//! whose entries are thunks in code memory that call the Rust functions.
//!
//! Block functions take `(*mut Hart, *mut Machine)` in Cranelift's `tail`
//! convention; Rust calls them only through the trampoline, an `extern "C"
//! fn(*mut Hart, *mut Machine, entry) -> u64`. The hart pointer is the
//! machine's own `hart` field, and helpers get the machine pointer back.

use core::mem::offset_of;
use core::ops::Range;
use std::io;

use memmap2::{MmapMut, MmapRaw};
use rustix::mm::MprotectFlags;
use soc::hart::Hart;
use soc::machine::Machine;

use crate::helpers;

/// Bytes of code memory.
const CODE_BYTES: usize = 32 << 20;
/// Alignment of each function in code memory.
const FUNC_ALIGN: usize = 16;

/// The host address of a compiled function in the code buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry(pub u64);

/// The code memory, read-execute but for the pages
/// [`CodeBuffer::install`] writes.
pub struct CodeBuffer {
    map: MmapRaw,
    used: usize,
    /// Bytes kept by [`CodeBuffer::clear`] (the stubs).
    kept: usize,
    /// The table `hart.helpers` points to while generated code runs.
    helpers: Box<Helpers>,
}

impl CodeBuffer {
    /// A buffer holding `trampoline` (see the module docs), which is kept.
    pub fn new(trampoline: &[u8]) -> io::Result<CodeBuffer> {
        let map = MmapMut::map_anon(CODE_BYTES)?.make_exec()?.into();
        let mut code = CodeBuffer {
            map,
            used: 0,
            kept: 0,
            helpers: Box::default(),
        };
        match code.install(trampoline) {
            Some(entry) if entry == code.trampoline() => Ok(code),
            _ => Err(io::Error::other("cannot install the trampoline")),
        }
    }

    /// Copies `code` (a complete function) in; `None` when it does not fit
    /// (the caller clears the buffer and its translations) or its pages
    /// cannot be made writable. Panics if they cannot be made executable
    /// again, as the code already there would be lost.
    pub fn install(&mut self, code: &[u8]) -> Option<Entry> {
        let start = self.used.next_multiple_of(FUNC_ALIGN);
        let end = start.checked_add(code.len()).filter(|&e| e <= CODE_BYTES)?;
        let page = rustix::param::page_size();
        let pages = start / page * page..end.next_multiple_of(page);
        self.protect(pages.clone(), MprotectFlags::READ | MprotectFlags::WRITE)
            .ok()?;
        let base = self.map.as_mut_ptr();
        // SAFETY: `start..end` lies in the mapping, in pages that are
        // writable now; `code` is not in the mapping, and there are no
        // references into it (`MmapRaw` hands out pointers only).
        unsafe { core::ptr::copy_nonoverlapping(code.as_ptr(), base.add(start), code.len()) };
        self.protect(pages, MprotectFlags::READ | MprotectFlags::EXEC)
            .expect("JIT code pages cannot be made executable again");
        self.used = end;
        Some(Entry(base as u64 + start as u64))
    }

    /// Sets the protection of the pages at byte offsets `pages`, whole
    /// pages inside the mapping (`CODE_BYTES` is a multiple of any page
    /// size).
    fn protect(&self, pages: Range<usize>, flags: MprotectFlags) -> rustix::io::Result<()> {
        // SAFETY: `pages.start` is inside the mapping.
        let start = unsafe { self.map.as_mut_ptr().add(pages.start) };
        // SAFETY: the pages are ours (no Rust object lives in them), and
        // only `install` changes them, in Rust: no generated code runs from
        // them meanwhile.
        unsafe { rustix::mm::mprotect(start.cast(), pages.len(), flags) }
    }

    /// The trampoline's entry: the first function installed.
    pub fn trampoline(&self) -> Entry {
        Entry(self.map.as_ptr() as u64)
    }

    /// Sets the helper table (the thunks' entries) blocks call through.
    pub fn set_helpers(&mut self, helpers: Helpers) {
        *self.helpers = helpers;
    }

    /// The host address of the helper table (it stays put: it is boxed).
    pub fn helper_table(&self) -> u64 {
        (&raw const *self.helpers) as u64
    }

    /// Keeps everything installed so far across [`CodeBuffer::clear`].
    pub fn keep(&mut self) {
        self.kept = self.used;
    }

    /// Forgets every function installed after [`CodeBuffer::keep`] (their
    /// entries must no longer be called or linked).
    pub fn clear(&mut self) {
        self.used = self.kept;
    }

    /// Runs the block function (or stub) at `entry` on `m`; returns its
    /// code (`chain::ret`).
    pub fn call(&self, entry: Entry, m: &mut Machine) -> u64 {
        m.hart.helpers = (&raw const *self.helpers).cast();
        let machine: *mut Machine = m;
        // SAFETY: `machine` comes from a live `&mut Machine` that is not
        // used again until the call returns, so the hart pointer derived
        // from it and the machine pointer the helpers get back are the only
        // ways the machine is reached meanwhile.
        let hart = unsafe { &raw mut (*machine).hart };
        // SAFETY: the trampoline was installed first and is never cleared;
        // it is a complete System V function `(ptr, ptr, ptr) -> i64`
        // Cranelift compiled for this host, and code pages are read-execute
        // outside `install`. `entry` was returned by `install` since the
        // last `clear` (the engine drops every entry it remembered, in the
        // jump cache and the chain slots too, when it clears), so it is a
        // complete `tail` block function `(ptr, ptr) -> i64`, and the
        // helper table holds thunks the engine installed before its first
        // block and keeps, of the signatures blocks call them with; so is
        // every function it chains to.
        let f: extern "C" fn(*mut Hart, *mut Machine, u64) -> u64 =
            unsafe { core::mem::transmute::<u64, _>(self.trampoline().0) };
        f(hart, machine, entry.0)
    }
}

/// The helper table generated code calls through (`hart.helpers`): the
/// entry of each helper's thunk in code memory. A thunk (see
/// `translate::Translator::thunk`) is called in Cranelift's `preserve_all`
/// convention without parameters and calls the Rust function (see
/// [`rust_helpers`]) with the arguments from [`Helpers::args`], so that a
/// slow-path call clobbers no register of the block around it.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct Helpers {
    /// Loads of 1, 2 and 4 bytes: `(machine, vaddr, pc, next pc, retired)
    /// -> status << 32 | zero-extended value` (see [`helpers::Status`]).
    pub load: [u64; 3],
    /// Stores of 1, 2 and 4 bytes: `(machine, vaddr, value, pc, next pc,
    /// retired) -> status`.
    pub store: [u64; 3],
    /// Any instruction through the interpreter: `(machine, raw, pc,
    /// retired) -> status` (see [`helpers::interpret`]).
    pub interpret: u64,
    /// Where a thunk leaves the helper's result (zero-extended): Cranelift's
    /// `preserve_all` functions restore every register, the return
    /// registers too, so a thunk cannot return the result in one.
    pub result: u64,
    /// The helper's arguments, stored by the block before the call (each
    /// in the low bytes of its slot, at its own width): a thunk takes none
    /// in registers, so that a call pins none of the block's values to an
    /// argument register, which would make the register allocator move and
    /// spill values on the fast path too.
    pub args: [u64; 6],
}

impl Helpers {
    /// Offset of the load helper for `log2` of the access size.
    pub const fn load_offset(log2: usize) -> usize {
        offset_of!(Helpers, load) + log2 * size_of::<u64>()
    }

    /// Offset of the store helper for `log2` of the access size.
    pub const fn store_offset(log2: usize) -> usize {
        offset_of!(Helpers, store) + log2 * size_of::<u64>()
    }

    /// Offset of the interpreter helper.
    pub const INTERPRET_OFFSET: usize = offset_of!(Helpers, interpret);

    /// Offset of the result.
    pub const RESULT_OFFSET: usize = offset_of!(Helpers, result);

    /// Offset of the `n`th argument.
    pub const fn arg_offset(n: usize) -> usize {
        offset_of!(Helpers, args) + n * size_of::<u64>()
    }

    /// The table with `entry(kind, rust_function)` in each place, in the
    /// order of [`rust_helpers`].
    pub fn build(mut entry: impl FnMut(HelperKind, u64) -> Option<u64>) -> Option<Helpers> {
        let mut table = Helpers::default();
        let places = table
            .load
            .iter_mut()
            .chain(&mut table.store)
            .chain([&mut table.interpret]);
        for (place, (kind, f)) in places.zip(rust_helpers()) {
            *place = entry(kind, f)?;
        }
        Some(table)
    }
}

/// The signature a helper has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelperKind {
    /// `(machine, vaddr, pc, next pc, retired) -> u64`.
    Load,
    /// `(machine, vaddr, value, pc, next pc, retired) -> u32`.
    Store,
    /// `(machine, raw, pc, retired) -> u32`.
    Interpret,
}

/// The Rust helpers (System V) and their addresses, in [`Helpers`] order.
fn rust_helpers() -> [(HelperKind, u64); 7] {
    type Load = extern "C" fn(*mut Machine, u32, u32, u32, u64) -> u64;
    type Store = extern "C" fn(*mut Machine, u32, u32, u32, u32, u64) -> u32;
    type Interpret = extern "C" fn(*mut Machine, u32, u32, u64) -> u32;
    let l = |f: Load| (HelperKind::Load, f as usize as u64);
    let s = |f: Store| (HelperKind::Store, f as usize as u64);
    let i = |f: Interpret| (HelperKind::Interpret, f as usize as u64);
    [
        l(load::<1>),
        l(load::<2>),
        l(load::<4>),
        s(store::<1>),
        s(store::<2>),
        s(store::<4>),
        i(interpret),
    ]
}

extern "C" fn load<const N: usize>(
    m: *mut Machine,
    vaddr: u32,
    pc: u32,
    next: u32,
    retired: u64,
) -> u64 {
    // SAFETY: generated code passes on the pointer `CodeBuffer::call` gave
    // it, which is the only live access path to the machine during the call.
    let m = unsafe { &mut *m };
    helpers::load::<N>(m, vaddr, pc, next, retired)
}

extern "C" fn store<const N: usize>(
    m: *mut Machine,
    vaddr: u32,
    value: u32,
    pc: u32,
    next: u32,
    retired: u64,
) -> u32 {
    // SAFETY: as in `load`.
    let m = unsafe { &mut *m };
    helpers::store::<N>(m, vaddr, value, pc, next, retired)
}

extern "C" fn interpret(m: *mut Machine, raw: u32, pc: u32, retired: u64) -> u32 {
    // SAFETY: as in `load`.
    let m = unsafe { &mut *m };
    helpers::interpret(m, raw, pc, retired) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The permissions `/proc/self/maps` shows for the mapping holding
    /// `addr` (such as `r-xp`).
    fn permissions(addr: u64) -> String {
        let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
        maps.lines()
            .find_map(|line| {
                let (range, rest) = line.split_once(' ')?;
                let (lo, hi) = range.split_once('-')?;
                let lo = u64::from_str_radix(lo, 16).ok()?;
                let hi = u64::from_str_radix(hi, 16).ok()?;
                (lo..hi).contains(&addr).then(|| rest[..4].to_string())
            })
            .unwrap()
    }

    #[test]
    fn fills_up_read_execute_and_clear_starts_after_the_kept_code() {
        // The trampoline stand-in is never run.
        let mut code = CodeBuffer::new(&[0xc3]).unwrap();
        code.keep();
        // An odd size, so most functions straddle a page boundary.
        let function: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
        let stride = function.len().next_multiple_of(FUNC_ALIGN);
        let first = code.install(&function).unwrap();
        assert_eq!(first.0, code.trampoline().0 + FUNC_ALIGN as u64);
        let mut last = first;
        let mut installed = 1;
        while let Some(entry) = code.install(&function) {
            assert_eq!(entry.0, last.0 + stride as u64);
            last = entry;
            installed += 1;
        }
        assert_eq!(
            installed,
            (CODE_BYTES - FUNC_ALIGN - function.len()) / stride + 1
        );
        // SAFETY: `last` starts a function of `function.len()` bytes just
        // installed, in pages that stay readable and are not written while
        // the slice lives.
        let copied = unsafe { core::slice::from_raw_parts(last.0 as *const u8, function.len()) };
        assert_eq!(copied, &function[..]);
        for entry in [code.trampoline(), first, last] {
            assert_eq!(permissions(entry.0), "r-xp", "at {:#x}", entry.0);
        }
        code.clear();
        assert_eq!(code.install(&function), Some(first));
    }
}
