//! Links every program at 0x0001_0000 (abi::USER_BASE) with `user.ld`,
//! when building for the guest, with its symbols: rvjit's build keeps
//! this ELF for `rvjit profile` and puts a copy without them in the disk
//! image (`rvbuild::elf::strip`), since `exec` reads the whole file through
//! the file server and the symbol tables would be four fifths of it.

fn main() {
    println!("cargo:rerun-if-changed=user.ld");
    if std::env::var("TARGET").is_ok_and(|t| t.starts_with("riscv32")) {
        let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
        println!("cargo:rustc-link-arg-bins=-T{dir}/user.ld");
    }
}
