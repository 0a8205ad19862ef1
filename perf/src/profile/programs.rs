//! User programs of our guest OS in profiles. The programs are linked at
//! the same address, so a U-mode pc alone does not say whose function it
//! is: the kernel publishes the name of the program it returns to in
//! `kernel::running::RUNNING_PROGRAM` (guest/kernel/src/running.rs: the
//! process name, NUL-padded to 16 bytes), and the sampler reads it from
//! guest memory, at the address the kernel's symbol table gives, to pick
//! that program's symbols (kept host-side: the disk image's copies are
//! stripped).

use goblin::elf::Elf;
use goblin::elf::sym::STT_OBJECT;
use soc::machine::Machine;

use super::sampler::peek;
use super::symbols::Symbols;

/// The kernel's symbol holding the running program's name.
pub const RUNNING_PROGRAM: &str = "kernel::running::RUNNING_PROGRAM";
/// Bytes of the name, NUL-padded.
const NAME_BYTES: u32 = 16;

/// The user programs a kernel runs, and where it names the running one.
pub struct UserPrograms {
    /// The virtual address of [`RUNNING_PROGRAM`].
    name_at: u32,
    /// (process name, its program's symbols).
    programs: Vec<(String, Symbols)>,
}

impl UserPrograms {
    /// The programs `(name, ELF with symbols)` run by the kernel `kernel`
    /// (an ELF with its symbol table). Fails when the kernel has no
    /// [`RUNNING_PROGRAM`] or a program's ELF does not parse.
    pub fn new(kernel: &[u8], programs: &[(&str, &[u8])]) -> Result<UserPrograms, String> {
        let name_at = object_address(kernel, RUNNING_PROGRAM)?
            .ok_or_else(|| format!("the kernel has no symbol {RUNNING_PROGRAM}"))?;
        let programs = programs
            .iter()
            .map(|&(name, elf)| {
                let symbols = Symbols::from_elf(elf).map_err(|e| format!("{name}: {e}"))?;
                Ok((name.to_owned(), symbols))
            })
            .collect::<Result<_, String>>()?;
        Ok(UserPrograms { name_at, programs })
    }

    /// The program the kernel last returned to in `m`, with its symbols:
    /// `None` when its name cannot be read or is not one of the programs.
    pub fn running(&self, m: &Machine) -> Option<(&str, &Symbols)> {
        let mut name = Vec::with_capacity(NAME_BYTES as usize);
        for offset in (0..NAME_BYTES).step_by(4) {
            let word = peek(m, self.name_at.checked_add(offset)?)?;
            name.extend_from_slice(&word.to_le_bytes());
        }
        let len = name.iter().position(|&b| b == 0).unwrap_or(name.len());
        let name = std::str::from_utf8(&name[..len]).ok()?;
        self.programs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(n, s)| (n.as_str(), s))
    }
}

/// The address of the data symbol of `elf` whose demangled name is `name`.
fn object_address(elf: &[u8], name: &str) -> Result<Option<u32>, String> {
    let parsed = Elf::parse(elf).map_err(|e| format!("not an ELF file: {e}"))?;
    Ok(parsed
        .syms
        .iter()
        .filter(|s| s.st_type() == STT_OBJECT)
        .find(|s| {
            parsed
                .strtab
                .get_at(s.st_name)
                .is_some_and(|n| format!("{:#}", rustc_demangle::demangle(n)) == name)
        })
        .and_then(|s| u32::try_from(s.st_value).ok()))
}
