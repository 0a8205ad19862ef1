//! Start-up: `_start`, the initial stack, `main`, `exit`, the panic handler.
//!
//! The kernel's `exec` builds the stack described in `abi` ("Initial user
//! stack"): sp → argc, argv[0..argc], NULL, then the strings.

#[cfg(target_arch = "riscv32")]
core::arch::global_asm!(
    ".section .text.entry, \"ax\"",
    ".globl _start",
    "_start:",
    "    mv a0, sp",
    "    andi sp, sp, -16",
    "    call {start}",
    start = sym start,
);

#[cfg(target_arch = "riscv32")]
unsafe extern "Rust" {
    /// The program's entry, defined by [`crate::entry!`].
    fn __ulib_main(args: &[&'static str]) -> i32;
}

/// Called by `_start` with the initial sp.
#[cfg(target_arch = "riscv32")]
extern "C" fn start(sp: *const usize) -> ! {
    crate::heap::init();
    // SAFETY: the kernel's exec built the documented layout at sp.
    let args = unsafe { crate::argv::args_from_stack(sp) };
    // SAFETY: `__ulib_main` is defined by the program through `entry!`
    // with exactly this signature.
    let code = unsafe { __ulib_main(&args) };
    let code = crate::io::check_stdout(args.first().copied().unwrap_or("?"), code);
    crate::exit(code)
}

/// Declares the program's `main(args: &[&str]) -> i32`.
#[macro_export]
macro_rules! entry {
    ($main:path) => {
        #[unsafe(no_mangle)]
        fn __ulib_main(args: &[&'static str]) -> i32 {
            $main(args)
        }
    };
}

#[cfg(all(target_arch = "riscv32", not(test)))]
#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    crate::eprintln!("panic: {}", info);
    crate::exit(101)
}
