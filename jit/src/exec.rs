//! Host code memory and the calls across the boundary between Rust and
//! generated code; the only module of the JIT with `unsafe`.
//!
//! Code lives in one anonymous mapping that is never writable and
//! executable at once: [`CodeBuffer::install`] flips it to read-write,
//! copies a compiled function in and flips it back to read-execute. Links
//! between blocks live in data memory (`chain.rs`), so code is never
//! written to link. The first functions installed (the trampoline and the
//! dispatch stub, see `translate/flow.rs`) stay; when the buffer is full
//! the engine drops every translation and starts over after them
//! ([`CodeBuffer::clear`]), as QEMU does. Functions are
//! position-independent but for absolute addresses of data and of the
//! stub: they reach the helpers below through the table that
//! `hart.helpers` points to ([`HELPERS`], offsets from `offset_of!`).
//!
//! Block functions take `(*mut Hart, *mut Machine)` in Cranelift's `tail`
//! convention; Rust calls them only through the trampoline, an `extern "C"
//! fn(*mut Hart, *mut Machine, entry) -> u64`. The hart pointer is the
//! machine's own `hart` field, and helpers get the machine pointer back.

use core::mem::offset_of;

use memmap2::{Mmap, MmapMut};
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

/// The code memory, read-execute except inside [`CodeBuffer::install`].
pub struct CodeBuffer {
    map: Option<Mmap>,
    used: usize,
    /// Bytes kept by [`CodeBuffer::clear`] (the stubs).
    kept: usize,
    trampoline: Option<Entry>,
}

impl CodeBuffer {
    /// A buffer holding `trampoline` (see the module docs), which is kept.
    pub fn new(trampoline: &[u8]) -> std::io::Result<CodeBuffer> {
        let map = MmapMut::map_anon(CODE_BYTES)?.make_exec()?;
        let mut code = CodeBuffer {
            map: Some(map),
            used: 0,
            kept: 0,
            trampoline: None,
        };
        code.trampoline = code.install(trampoline);
        if code.trampoline.is_none() {
            return Err(std::io::Error::other("cannot install the trampoline"));
        }
        Ok(code)
    }

    /// Copies `code` (a complete function) in; `None` when it does not fit
    /// (the caller clears the buffer and its translations) or the
    /// protection could not be changed.
    pub fn install(&mut self, code: &[u8]) -> Option<Entry> {
        let start = self.used.next_multiple_of(FUNC_ALIGN);
        if start + code.len() > CODE_BYTES {
            return None;
        }
        let mut rw = self.map.take()?.make_mut().ok()?;
        rw[start..start + code.len()].copy_from_slice(code);
        let map = rw.make_exec().ok()?;
        let base = map.as_ptr() as u64;
        self.map = Some(map);
        self.used = start + code.len();
        Some(Entry(base + start as u64))
    }

    /// The trampoline's entry.
    pub fn trampoline(&self) -> Option<Entry> {
        self.trampoline
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
        let (Some(_), Some(trampoline)) = (self.map.as_ref(), self.trampoline) else {
            return crate::chain::ret::MISS;
        };
        m.hart.helpers = (&raw const HELPERS).cast();
        let machine: *mut Machine = m;
        // SAFETY: `machine` comes from a live `&mut Machine` that is not
        // used again until the call returns, so the hart pointer derived
        // from it and the machine pointer the helpers get back are the only
        // ways the machine is reached meanwhile.
        let hart = unsafe { &raw mut (*machine).hart };
        // SAFETY: the trampoline was installed first and is never cleared;
        // it is a complete System V function `(ptr, ptr, ptr) -> i64`
        // Cranelift compiled for this host, and the mapping is read-execute
        // now. `entry` was returned by `install` since the last `clear` (the
        // engine drops every entry it remembered, in the jump cache and the
        // chain slots too, when it clears), so it is a complete `tail`
        // block function `(ptr, ptr) -> i64`, as is every function it
        // chains to.
        let f: extern "C" fn(*mut Hart, *mut Machine, u64) -> u64 =
            unsafe { core::mem::transmute::<u64, _>(trampoline.0) };
        f(hart, machine, entry.0)
    }
}

/// The helper table generated code calls through (`hart.helpers`).
#[repr(C)]
pub struct Helpers {
    /// Loads of 1, 2 and 4 bytes: `(machine, vaddr, pc, retired) -> status <<
    /// 32 | zero-extended value` (see [`helpers::Status`]).
    pub load: [extern "C" fn(*mut Machine, u32, u32, u64) -> u64; 3],
    /// Stores of 1, 2 and 4 bytes: `(machine, vaddr, value, pc, retired) ->
    /// status`.
    pub store: [extern "C" fn(*mut Machine, u32, u32, u32, u64) -> u32; 3],
    /// Any instruction through the interpreter: `(machine, raw, pc,
    /// retired) -> status` (see [`helpers::interpret`]).
    pub interpret: extern "C" fn(*mut Machine, u32, u32, u64) -> u32,
}

impl Helpers {
    /// Offset of the load helper for `log2` of the access size.
    pub const fn load_offset(log2: usize) -> usize {
        offset_of!(Helpers, load) + log2 * size_of::<usize>()
    }

    /// Offset of the store helper for `log2` of the access size.
    pub const fn store_offset(log2: usize) -> usize {
        offset_of!(Helpers, store) + log2 * size_of::<usize>()
    }

    /// Offset of the interpreter helper.
    pub const INTERPRET_OFFSET: usize = offset_of!(Helpers, interpret);
}

/// The one helper table.
pub static HELPERS: Helpers = Helpers {
    load: [load::<1>, load::<2>, load::<4>],
    store: [store::<1>, store::<2>, store::<4>],
    interpret,
};

extern "C" fn load<const N: usize>(m: *mut Machine, vaddr: u32, pc: u32, retired: u64) -> u64 {
    // SAFETY: generated code passes on the pointer `CodeBuffer::call` gave
    // it, which is the only live access path to the machine during the call.
    let m = unsafe { &mut *m };
    helpers::load::<N>(m, vaddr, pc, retired)
}

extern "C" fn store<const N: usize>(
    m: *mut Machine,
    vaddr: u32,
    value: u32,
    pc: u32,
    retired: u64,
) -> u32 {
    // SAFETY: as in `load`.
    let m = unsafe { &mut *m };
    helpers::store::<N>(m, vaddr, value, pc, retired)
}

extern "C" fn interpret(m: *mut Machine, raw: u32, pc: u32, retired: u64) -> u32 {
    // SAFETY: as in `load`.
    let m = unsafe { &mut *m };
    helpers::interpret(m, raw, pc, retired) as u32
}
