//! The RV32GC instruction set: encodings as data, decoding, RVC expansion
//! and disassembly. No execution happens here.
//!
//! - `table.rs`: the one instruction table (mnemonic, match, mask, format,
//!   extension, flags) that [`Op`] and its queries derive from.
//! - `fields.rs`: [`Raw`], field and immediate extraction.
//! - `decode.rs`: [`decode`] to the 16-byte [`Insn`], table-driven.
//! - `rvc.rs`: compressed instructions expanded to their base [`Op`]
//!   (`len = 2`), so engines never see RVC.
//! - `disasm.rs`: [`disasm`] in objdump syntax.
//!
//! Engines pre-decode once per instruction and use [`Op::flags`]
//! (`ENDS_BLOCK`, `MAY_TRAP`, `MEM`, ...) to form blocks. Reserved
//! encodings are an ordinary value, [`Op::Illegal`].

mod decode;
mod disasm;
mod fields;
mod rvc;
mod table;
#[cfg(test)]
mod test_utils;

pub use decode::{Insn, decode, decode32, insn_len};
pub use disasm::{csr_name, disasm, freg_name, xreg_name};
pub use fields::Raw;
pub use rvc::expand as expand_rvc;
pub use table::{Ext, Flags, Format, Op, ROWS, Row};
