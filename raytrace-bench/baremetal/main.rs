//! min-rt on bare metal: the QEMU virt machine (or `rvjit run`) with no
//! firmware. It renders the scene of its header, [`MINRT_HEADER`], and
//! writes the P3 PPM to the UART, then exits through the SiFive test
//! finisher (pass; fail code 1 for a bad header or scene, 2 for a panic, 3
//! for a trap).
//!
//! Built by build.rs twice from this file and the `minrt` rlib: for
//! riscv32imafc in f32, and with `-C target-feature=+d` (ilp32f ABI) in
//! f64, with real D instructions; `--cfg minrt_f64` selects the precision
//! (rustc does not set `cfg(target_feature = "d")` on this target). The header holds contest.sld at 128x128 when built; the host
//! puts another scene and size into a copy of the ELF
//! (`raytrace-bench --baremetal`).
#![no_std]
#![no_main]

extern crate alloc;

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::panic::PanicInfo;
use core::ptr::{read_volatile, write_volatile};

use minrt::ImageSize;

const UART: *mut u8 = 0x1000_0000 as *mut u8;
const UART_LSR: *const u8 = 0x1000_0005 as *const u8;
const FINISHER: *mut u32 = 0x0010_0000 as *mut u32;

/// Room for the scene text in the header.
const SCENE_CAPACITY: usize = 16 * 1024;

/// What to render. Layout shared with the host's patcher
/// (`raytrace_bench::baremetal`): magic, width, height, scene length (all
/// little-endian u32 after the 8-byte magic), then the scene text.
#[repr(C)]
pub struct Header {
    magic: [u8; 8],
    width: u32,
    height: u32,
    scene_len: u32,
    scene: [u8; SCENE_CAPACITY],
}

const fn padded(text: &[u8]) -> [u8; SCENE_CAPACITY] {
    let mut out = [0; SCENE_CAPACITY];
    let mut i = 0;
    while i < text.len() {
        out[i] = text[i];
        i += 1;
    }
    out
}

const CONTEST: &[u8] = include_bytes!("../scenes/contest.sld");

/// The header, found by the host through this symbol. Mutable so that the
/// compiler reads the bytes from memory instead of folding in the values
/// it was built with; nothing writes it.
#[unsafe(no_mangle)]
#[unsafe(link_section = ".minrt_header")]
pub static mut MINRT_HEADER: Header = Header {
    magic: *b"MINRTHDR",
    width: 128,
    height: 128,
    scene_len: CONTEST.len() as u32,
    scene: padded(CONTEST),
};

// The entry point every bare-metal program shares: stack, FPU on, a trap
// fails with code 3 (see the file).
core::arch::global_asm!(include_str!("../../rvbuild/start.s"), options(raw));

/// A bump allocator over a static arena: the renderer allocates a few
/// buffers once, so nothing is ever freed.
struct Arena {
    memory: UnsafeCell<[u8; ARENA_BYTES]>,
    used: UnsafeCell<usize>,
}

const ARENA_BYTES: usize = 24 << 20;

// SAFETY: one hart and no interrupts: the arena is never used concurrently.
unsafe impl Sync for Arena {}

// SAFETY: each allocation is a fresh, suitably aligned range of the arena
// that no earlier allocation overlaps (`used` only grows); an exhausted
// arena returns null, as GlobalAlloc requires.
unsafe impl GlobalAlloc for Arena {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let base = self.memory.get().cast::<u8>();
        // SAFETY: single-threaded (see `Sync`), so no other reference to
        // `used` is alive.
        let used = unsafe { &mut *self.used.get() };
        let start = (base as usize + *used).next_multiple_of(layout.align()) - base as usize;
        match start.checked_add(layout.size()) {
            Some(end) if end <= ARENA_BYTES => {
                *used = end;
                // SAFETY: start + size <= ARENA_BYTES, inside the arena.
                unsafe { base.add(start) }
            }
            _ => core::ptr::null_mut(),
        }
    }

    unsafe fn dealloc(&self, _: *mut u8, _: Layout) {}
}

#[global_allocator]
static ARENA: Arena = Arena {
    memory: UnsafeCell::new([0; ARENA_BYTES]),
    used: UnsafeCell::new(0),
};

fn putc(c: u8) {
    // SAFETY: UART0 of the virt machine is mapped at this address; volatile
    // accesses reach the device registers in order.
    unsafe {
        while read_volatile(UART_LSR) & 0x20 == 0 {}
        write_volatile(UART, c);
    }
}

fn print(bytes: &[u8]) {
    bytes.iter().for_each(|&c| putc(c));
}

struct Uart;

impl core::fmt::Write for Uart {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        print(s.as_bytes());
        Ok(())
    }
}

fn finish(value: u32) -> ! {
    // SAFETY: the SiFive test finisher of the virt machine; the write ends the run.
    unsafe { write_volatile(FINISHER, value) };
    loop {}
}

fn fail(code: u32, args: core::fmt::Arguments) -> ! {
    let _ = core::fmt::write(&mut Uart, args);
    finish(0x3333 | (code << 16))
}

#[panic_handler]
fn panic(info: &PanicInfo) -> ! {
    fail(2, format_args!("minrt: {info}\n"))
}

#[cfg(minrt_f64)]
type Precision = f64;
#[cfg(not(minrt_f64))]
type Precision = f32;

#[unsafe(no_mangle)]
extern "C" fn main() -> ! {
    // SAFETY: nothing writes the header (see MINRT_HEADER); this is the
    // only reference to it.
    let header = unsafe { &*(&raw const MINRT_HEADER) };
    let (width, height) = (header.width, header.height);
    let Some(size) = ImageSize::new(width, height) else {
        fail(1, format_args!("minrt: bad size {width}x{height}\n"))
    };
    let Some(text) = header.scene.get(..header.scene_len as usize) else {
        fail(1, format_args!("minrt: the scene is longer than the header\n"))
    };
    let scene = match minrt::load::<Precision>(text) {
        Ok(s) => s,
        Err(e) => fail(1, format_args!("minrt: {e}\n")),
    };
    let done: Result<(), core::convert::Infallible> = minrt::render(&scene, size, &mut |b| {
        print(b);
        Ok(())
    });
    match done {
        Ok(()) => finish(0x5555),
    }
}
