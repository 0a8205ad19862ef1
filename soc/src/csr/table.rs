//! The implemented CSR numbers and their names, in one list.
//!
//! The lowest privilege that may access a CSR and whether it is read-only
//! follow from the number itself (bits 9:8 and 11:10, Privileged ISA 2.1).

macro_rules! csrs {
    ($($name:ident = $num:expr, $text:literal;)*) => {
        $(
            #[doc = concat!("`", $text, "`")]
            pub const $name: u16 = $num;
        )*

        /// The name of CSR `num`, if it is one we implement by name (the
        /// numbered families — pmp, hpm — are named by the disassembler).
        pub fn name(num: u16) -> Option<&'static str> {
            match num {
                $($num => Some($text),)*
                _ => None,
            }
        }
    };
}

csrs! {
    FFLAGS = 0x001, "fflags";
    FRM = 0x002, "frm";
    FCSR = 0x003, "fcsr";
    CYCLE = 0xc00, "cycle";
    TIME = 0xc01, "time";
    INSTRET = 0xc02, "instret";
    CYCLEH = 0xc80, "cycleh";
    TIMEH = 0xc81, "timeh";
    INSTRETH = 0xc82, "instreth";
    SSTATUS = 0x100, "sstatus";
    SIE = 0x104, "sie";
    STVEC = 0x105, "stvec";
    SCOUNTEREN = 0x106, "scounteren";
    SENVCFG = 0x10a, "senvcfg";
    SSCRATCH = 0x140, "sscratch";
    SEPC = 0x141, "sepc";
    SCAUSE = 0x142, "scause";
    STVAL = 0x143, "stval";
    SIP = 0x144, "sip";
    STIMECMP = 0x14d, "stimecmp";
    STIMECMPH = 0x15d, "stimecmph";
    SATP = 0x180, "satp";
    MVENDORID = 0xf11, "mvendorid";
    MARCHID = 0xf12, "marchid";
    MIMPID = 0xf13, "mimpid";
    MHARTID = 0xf14, "mhartid";
    MCONFIGPTR = 0xf15, "mconfigptr";
    MSTATUS = 0x300, "mstatus";
    MISA = 0x301, "misa";
    MEDELEG = 0x302, "medeleg";
    MIDELEG = 0x303, "mideleg";
    MIE = 0x304, "mie";
    MTVEC = 0x305, "mtvec";
    MCOUNTEREN = 0x306, "mcounteren";
    MENVCFG = 0x30a, "menvcfg";
    MSTATUSH = 0x310, "mstatush";
    MENVCFGH = 0x31a, "menvcfgh";
    MCOUNTINHIBIT = 0x320, "mcountinhibit";
    MSCRATCH = 0x340, "mscratch";
    MEPC = 0x341, "mepc";
    MCAUSE = 0x342, "mcause";
    MTVAL = 0x343, "mtval";
    MIP = 0x344, "mip";
    MCYCLE = 0xb00, "mcycle";
    MINSTRET = 0xb02, "minstret";
    MCYCLEH = 0xb80, "mcycleh";
    MINSTRETH = 0xb82, "minstreth";
    TSELECT = 0x7a0, "tselect";
    TDATA1 = 0x7a1, "tdata1";
    TDATA2 = 0x7a2, "tdata2";
    TDATA3 = 0x7a3, "tdata3";
    TINFO = 0x7a4, "tinfo";
}

// The numbered families, by first and last member. Patterns such as
// `HPMCOUNTER3..=HPMCOUNTER31` need both ends as named constants.

/// `pmpcfg0`: the first of the four `pmpcfg` registers rvjit implements
/// (16 entries on RV32).
pub const PMPCFG0: u16 = 0x3a0;
/// `pmpcfg3`, the last implemented one.
pub const PMPCFG3: u16 = 0x3a3;
/// `pmpcfg4`: entries 16-63, which read zero, start here.
pub const PMPCFG4: u16 = 0x3a4;
/// `pmpcfg15`, the last the spec defines.
pub const PMPCFG15: u16 = 0x3af;
/// `pmpaddr0`: the first of the sixteen implemented `pmpaddr` registers.
pub const PMPADDR0: u16 = 0x3b0;
/// `pmpaddr15`, the last implemented one.
pub const PMPADDR15: u16 = 0x3bf;
/// `pmpaddr16`: the unimplemented ones (reading zero) start here.
pub const PMPADDR16: u16 = 0x3c0;
/// `pmpaddr63`, the last the spec defines.
pub const PMPADDR63: u16 = 0x3ef;
/// `hpmcounter3`, the first of the unprivileged performance counters.
pub const HPMCOUNTER3: u16 = 0xc03;
/// `hpmcounter31`.
pub const HPMCOUNTER31: u16 = 0xc1f;
/// `hpmcounter3h`.
pub const HPMCOUNTER3H: u16 = 0xc83;
/// `hpmcounter31h`.
pub const HPMCOUNTER31H: u16 = 0xc9f;
/// `mhpmcounter3`.
pub const MHPMCOUNTER3: u16 = 0xb03;
/// `mhpmcounter31`.
pub const MHPMCOUNTER31: u16 = 0xb1f;
/// `mhpmcounter3h`.
pub const MHPMCOUNTER3H: u16 = 0xb83;
/// `mhpmcounter31h`.
pub const MHPMCOUNTER31H: u16 = 0xb9f;
/// `mhpmevent3`.
pub const MHPMEVENT3: u16 = 0x323;
/// `mhpmevent31`.
pub const MHPMEVENT31: u16 = 0x33f;

/// Whether CSR `num` is read-only by its number (bits 11:10 = 0b11).
pub fn is_read_only(num: u16) -> bool {
    num >> 10 == 0b11
}

/// The lowest privilege level (0 = U, 1 = S, 3 = M) that may access `num`.
pub fn min_privilege(num: u16) -> u8 {
    ((num >> 8) & 3) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn privilege_and_read_only_follow_the_number() {
        assert!(is_read_only(CYCLE));
        assert!(is_read_only(MHARTID));
        assert!(!is_read_only(MSTATUS));
        assert_eq!(min_privilege(FCSR), 0);
        assert_eq!(min_privilege(SATP), 1);
        assert_eq!(min_privilege(MSTATUS), 3);
        assert_eq!(min_privilege(MCYCLE), 3);
    }

    #[test]
    fn names() {
        assert_eq!(name(0x180), Some("satp"));
        assert_eq!(name(0x7a0), Some("tselect"));
        assert_eq!(name(0x7b0), None);
        assert_eq!(name(0x3a2), None, "families are not listed here");
    }
}
