//! The S-mode kernel of the guest OS (see guest/README.md).
//!
//! Boot ([`kmain`]): heap, RAM and timebase from the device tree, frames,
//! the kernel page table (RAM and MMIO one-to-one, superpages), the disk,
//! `/sbin/init` and `/sbin/fsd` read from it with rvfs and started as
//! processes 1 and 2, then interrupts (UART input, disk, 10 ms timer) and
//! the scheduler. From then on the kernel runs only in traps.
#![no_std]
#![no_main]
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]

extern crate alloc;

mod arch;
mod console;
mod elf_load;
mod ipc;
mod panic;
mod plic;
mod proc;
mod running;
mod sbi;
mod sched;
mod shm;
mod syscall;
mod trap;
mod uart;
mod user_ptr;
mod virtio_blk;
mod vm;

use alloc::vec::Vec;
use linked_list_allocator::LockedHeap;

use arch::csr;
use proc::KERNEL;
use vm::page_table::{A, D, G, PageTable, R, V, W, X, pte};

#[global_allocator]
static HEAP: LockedHeap = LockedHeap::empty();

/// 4 MiB: one Sv32 superpage.
const MEGAPAGE: usize = 4 << 20;
/// RAM for frames below which the kernel does not boot: page tables and
/// the first processes (init, fsd, sh) need about this much.
const MIN_FRAME_BYTES: usize = 1 << 20;

/// What the kernel takes from the device tree.
struct BootInfo {
    ram_start: usize,
    ram_end: usize,
    timebase_hz: u64,
    /// Where the device tree itself lies.
    fdt: core::ops::Range<usize>,
}

/// Reads RAM and the timebase from the device tree at `fdt_addr`, the
/// pointer the firmware passed in a1. RAM comes only from there: without
/// a device tree naming it, the kernel does not boot.
fn boot_info(fdt_addr: usize) -> BootInfo {
    let Some(fdt) = arch::boot::device_tree(fdt_addr) else {
        refuse(format_args!(
            "no device tree at {fdt_addr:#x} (the kernel learns its RAM only from one)"
        ))
    };
    let Some(r) = fdt.memory().regions().next() else {
        refuse(format_args!("the device tree names no memory"))
    };
    let ram_start = r.starting_address as usize;
    // The timebase has a default: QEMU's and rvjit's 10 MHz.
    let timebase_hz = fdt
        .find_node("/cpus")
        .and_then(|cpus| cpus.property("timebase-frequency"))
        .and_then(|p| p.as_usize())
        .map_or(10_000_000, |tb| tb as u64);
    BootInfo {
        ram_start,
        ram_end: ram_start.saturating_add(r.size.unwrap_or(0)),
        timebase_hz,
        fdt: fdt_addr..fdt_addr.saturating_add(fdt.total_size()),
    }
}

/// The RAM for frames: past the kernel image, around the device tree (our
/// firmware puts it right after the kernel; another may put it anywhere,
/// QEMU near the top): the larger free piece. Refuses to boot if too
/// little is left.
fn frame_range(info: &BootInfo, kernel_end: usize) -> (usize, usize) {
    let (start, end) = (kernel_end, info.ram_end.max(kernel_end));
    let lo = vm::page_down(info.fdt.start.clamp(start, end));
    let hi = vm::page_up(info.fdt.end.clamp(start, end)).min(end);
    let range = if lo - start >= end - hi {
        (start, lo)
    } else {
        (hi, end)
    };
    let bytes = range.1 - range.0;
    if bytes < MIN_FRAME_BYTES {
        refuse(format_args!(
            "RAM ends at {:#x}: {} KiB are left after the kernel, at least {} KiB are needed",
            info.ram_end,
            bytes / 1024,
            MIN_FRAME_BYTES / 1024
        ))
    }
    range
}

/// Says why the kernel cannot boot and powers off as a failure.
fn refuse(why: core::fmt::Arguments) -> ! {
    println!("kernel: cannot boot: {why}");
    sbi::shutdown(true)
}

/// Builds the kernel's page table and turns paging on.
fn map_kernel(info: &BootInfo) {
    let Some(mut kpt) = PageTable::new() else {
        panic!("no frame for the kernel page table")
    };
    let mut entries = Vec::new();
    let mut pa = info.ram_start & !(MEGAPAGE - 1);
    while pa < info.ram_end && pa >= 0x8000_0000 {
        entries.push((pa >> 22, pte(pa, V | R | W | X | G | A | D)));
        pa = match pa.checked_add(MEGAPAGE) {
            Some(n) => n,
            None => break,
        };
    }
    for io in arch::mmio::WINDOWS {
        entries.push((io >> 22, pte(io, V | R | W | G | A | D)));
    }
    for &(i, e) in &entries {
        kpt.set_root_entry(i, e);
    }
    vm::address_space::set_kernel_entries(entries);
    sched::set_kernel_satp(kpt.satp());
    csr::write_satp(kpt.satp());
}

/// Reads a program from the disk and starts it as a process.
fn start_program(fs: &mut rvfs::FileSystem<virtio_blk::BootDisk<'_>>, path: &str) {
    let image = match fs.read_file(path) {
        Ok(image) => image,
        Err(e) => {
            println!("kernel: cannot read {path}: {e:?}");
            return;
        }
    };
    let args = [Vec::from(path.as_bytes())];
    let (aspace, entry, sp) = match elf_load::load(&image, &args) {
        Ok(loaded) => loaded,
        Err(e) => {
            println!("kernel: cannot load {path}: {}", e.message());
            return;
        }
    };
    let mut x = [0; 32];
    x[2] = sp;
    let frame = arch::TrapFrame {
        x,
        sepc: entry,
        ..Default::default()
    };
    let mut k = KERNEL.lock();
    if let Some(pid) = k.add(0, aspace, frame) {
        if let Some(p) = k.proc(pid) {
            p.set_name(path.as_bytes());
        }
        println!("kernel: started {path} as pid {pid}");
    }
}

/// The kernel's entry from `_start`: a0 = hartid, a1 = device tree.
#[unsafe(no_mangle)]
extern "C" fn kmain(_hartid: usize, fdt_addr: usize) -> ! {
    arch::boot::init_heap(&HEAP);
    // The trap vector saves user FP registers: the FPU must be on in S.
    csr::write_sstatus(csr::sstatus() | csr::SSTATUS_FS_DIRTY);
    println!("rvjit kernel booting");
    let info = boot_info(fdt_addr);
    let (frames_start, frames_end) = frame_range(&info, vm::page_up(arch::boot::kernel_end()));
    vm::frames::init(frames_start, frames_end);
    println!(
        "kernel: RAM {:#x}..{:#x}, {} free frames, timebase {} Hz",
        info.ram_start,
        info.ram_end,
        vm::frames::free_count(),
        info.timebase_hz
    );
    map_kernel(&info);
    csr::write_scounteren(7);
    {
        let mut k = KERNEL.lock();
        k.ticks_per_ms = (info.timebase_hz / 1000).max(1);
        k.boot_time = csr::time();
    }

    match virtio_blk::Disk::probe() {
        Ok(mut disk) => {
            println!(
                "kernel: virtio-blk at transport {} ({}), {} blocks",
                disk.blk().index(),
                if disk.blk().is_legacy() {
                    "legacy"
                } else {
                    "modern"
                },
                disk.blk().capacity_blocks()
            );
            match rvfs::FileSystem::mount(virtio_blk::BootDisk(&mut disk)) {
                Ok(mut fs) => {
                    start_program(&mut fs, "/sbin/init");
                    start_program(&mut fs, "/sbin/fsd");
                }
                Err(e) => println!("kernel: no file system on the disk: {e:?}"),
            }
            plic::enable(disk.blk().irq());
            KERNEL.lock().disk = Some(disk);
        }
        Err(e) => println!("kernel: no disk: {e:?}"),
    }

    uart::enable_rx_interrupt();
    plic::enable(uart::IRQ);
    csr::write_sie(csr::SIE_STIE | csr::SIE_SEIE);
    trap::arm_timer(&KERNEL.lock());
    sched::resume(false)
}
