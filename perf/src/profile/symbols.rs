//! Guest symbolization: function symbols from an ELF's symbol table, found
//! by address and demangled (Rust names lose their hash suffix).

use goblin::elf::Elf;
use goblin::elf::sym::{STT_FUNC, STT_NOTYPE};

/// One function: `[start, end)` and its name.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Function {
    start: u32,
    end: u32,
    name: String,
}

/// The functions of one program, sorted by address.
#[derive(Clone, Debug, Default)]
pub struct Symbols {
    functions: Vec<Function>,
}

impl Symbols {
    /// The function symbols of `elf` (an RV32 ELF file). Sized `FUNC`
    /// symbols cover their size; unsized code labels (`_start` in
    /// assembly) reach the next symbol. A stripped ELF gives no symbols.
    pub fn from_elf(elf: &[u8]) -> Result<Symbols, String> {
        let parsed = Elf::parse(elf).map_err(|e| format!("not an ELF file: {e}"))?;
        let executable: Vec<(u64, u64)> = parsed
            .section_headers
            .iter()
            .filter(|s| s.is_executable())
            .map(|s| (s.sh_addr, s.sh_addr + s.sh_size))
            .collect();
        let mut functions: Vec<Function> = parsed
            .syms
            .iter()
            .filter(|s| {
                (s.st_type() == STT_FUNC || s.st_type() == STT_NOTYPE)
                    && s.st_shndx != 0
                    && executable
                        .iter()
                        .any(|&(lo, hi)| (lo..hi).contains(&s.st_value))
            })
            .filter_map(|s| {
                let name = parsed.strtab.get_at(s.st_name)?;
                if name.is_empty() || name.starts_with(".L") || name.starts_with('$') {
                    return None;
                }
                let start = u32::try_from(s.st_value).ok()?;
                let end = u32::try_from(s.st_value + s.st_size).ok()?;
                Some(Function {
                    start,
                    end,
                    name: format!("{:#}", rustc_demangle::demangle(name)),
                })
            })
            .collect();
        // Sized symbols first at an address, so they win over labels.
        functions.sort_by_key(|f| (f.start, f.end == f.start));
        functions.dedup_by_key(|f| f.start);
        let starts: Vec<u32> = functions.iter().map(|f| f.start).skip(1).collect();
        for (f, next) in functions
            .iter_mut()
            .zip(starts.into_iter().map(Some).chain([None]))
        {
            if f.end == f.start {
                f.end = next.unwrap_or(f.start.saturating_add(1));
            }
        }
        Ok(Symbols { functions })
    }

    /// Adds the functions of `other` (another program in the same address
    /// space, such as the firmware beside a kernel).
    pub fn merge(&mut self, other: Symbols) {
        self.functions.extend(other.functions);
        self.functions.sort_by_key(|f| f.start);
    }

    /// True when the ELF had no function symbols (it was stripped).
    pub fn is_empty(&self) -> bool {
        self.functions.is_empty()
    }

    /// The name of the function holding `addr`.
    pub fn lookup(&self, addr: u32) -> Option<&str> {
        let n = self.functions.partition_point(|f| f.start <= addr);
        let f = self.functions.get(n.checked_sub(1)?)?;
        (addr < f.end).then_some(f.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_intbench_functions_are_found_by_address() {
        let elf = std::fs::read(crate::workload::INTBENCH_ELF).unwrap();
        let symbols = Symbols::from_elf(&elf).unwrap();
        let parsed = Elf::parse(&elf).unwrap();
        let entry = parsed.entry as u32;
        assert!(
            symbols.lookup(entry).is_some(),
            "entry {entry:#x} has a name"
        );
        let names: Vec<&str> = symbols.functions.iter().map(|f| f.name.as_str()).collect();
        assert!(names.iter().any(|n| n.contains("crc32")), "{names:?}");
        assert!(
            names.iter().all(|n| !n.contains("17h")),
            "demangled: {names:?}"
        );
        let f = &symbols.functions[0];
        assert_eq!(symbols.lookup(f.start), Some(f.name.as_str()));
        assert_eq!(symbols.lookup(f.start.wrapping_sub(1)), None);
        assert!(Symbols::from_elf(b"not an elf").is_err());
        let mut merged = Symbols::default();
        assert!(merged.is_empty());
        merged.merge(symbols.clone());
        assert_eq!(merged.lookup(f.start), Some(f.name.as_str()));
    }
}
