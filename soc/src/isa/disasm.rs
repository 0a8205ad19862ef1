//! Disassembly of decoded instructions in GNU objdump's syntax.
//!
//! Output is the mnemonic, one space, and the operands joined by `,`:
//! ABI register names, loads and stores as `lw a0,8(sp)`, branch and jump
//! targets as absolute `0x` addresses, shift amounts and upper immediates in
//! hex, other immediates in decimal, known CSRs by name, and the rounding
//! mode as a last operand when it is not the default. The usual aliases are
//! printed as objdump prints them (`nop`, `li`, `mv`, `ret`, `beqz`, `csrr`,
//! `fmv.s`, `frcsr`, ...). Compressed instructions print as the base
//! instruction they expand to, as objdump does with aliases on (`c.mv` is
//! `mv`, `c.addi16sp` is `addi sp,sp,-16`). [`Op::Illegal`] prints as
//! `unimp` for the all-zero halfword and `.insn <len>, <bits>` otherwise.
//!
//! CSR names come from the one CSR list, `csr::table`; this file adds only
//! the names objdump knows for CSRs rvjit does not implement and for the
//! numbered families (`pmpaddr3`, `mhpmcounter5h`).

use super::decode::Insn;
use super::table::{Flags, Format, Op};
use crate::csr::table::{
    CYCLE, CYCLEH, FCSR, FFLAGS, FRM, HPMCOUNTER3, HPMCOUNTER3H, HPMCOUNTER31, HPMCOUNTER31H,
    INSTRET, INSTRETH, MHPMCOUNTER3, MHPMCOUNTER3H, MHPMCOUNTER31, MHPMCOUNTER31H, MHPMEVENT3,
    MHPMEVENT31, PMPADDR0, PMPADDR63, PMPCFG0, PMPCFG15, TIME, TIMEH,
};

const XREG: [&str; 32] = [
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4",
    "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4",
    "t5", "t6",
];

const FREG: [&str; 32] = [
    "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2",
    "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9",
    "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
];

/// ABI name of integer register `x{r}` (`r` is taken modulo 32).
pub fn xreg_name(r: u8) -> &'static str {
    XREG[usize::from(r & 31)]
}

/// ABI name of floating-point register `f{r}` (`r` is taken modulo 32).
pub fn freg_name(r: u8) -> &'static str {
    FREG[usize::from(r & 31)]
}

/// Names of CSRs objdump knows that rvjit does not implement (the
/// implemented ones come from `csr::table`).
fn unimplemented_csr_name(csr: u16) -> Option<&'static str> {
    Some(match csr {
        0x34a => "mtinst",
        0x34b => "mtval2",
        0x7b0 => "dcsr",
        0x7b1 => "dpc",
        0x7b2 => "dscratch0",
        0x7b3 => "dscratch1",
        _ => return None,
    })
}

/// The CSR number of a CSR instruction (the low 12 bits of `imm`).
fn csr_number(i: &Insn) -> u16 {
    (i.imm & 0xfff) as u16
}

/// A CSR's name: its own, a numbered family member (`pmpaddr3`,
/// `mhpmcounter5h`), or the number in hex.
pub fn csr_name(csr: u16) -> String {
    if let Some(name) = crate::csr::table::name(csr).or_else(|| unimplemented_csr_name(csr)) {
        return name.to_string();
    }
    let n = csr & 0x1f;
    match csr {
        HPMCOUNTER3..=HPMCOUNTER31 => format!("hpmcounter{n}"),
        HPMCOUNTER3H..=HPMCOUNTER31H => format!("hpmcounter{n}h"),
        MHPMCOUNTER3..=MHPMCOUNTER31 => format!("mhpmcounter{n}"),
        MHPMCOUNTER3H..=MHPMCOUNTER31H => format!("mhpmcounter{n}h"),
        MHPMEVENT3..=MHPMEVENT31 => format!("mhpmevent{n}"),
        PMPCFG0..=PMPCFG15 => format!("pmpcfg{}", csr - PMPCFG0),
        PMPADDR0..=PMPADDR63 => format!("pmpaddr{}", csr - PMPADDR0),
        _ => format!("{csr:#x}"),
    }
}

/// The rounding-mode operand, empty for the default: dynamic (7), or for the
/// exact conversions that ignore rm, round-to-nearest-even (0).
fn rm_suffix(insn: &Insn) -> &'static str {
    let exact = matches!(insn.op, Op::FcvtDS | Op::FcvtDW | Op::FcvtDWu);
    match insn.rm {
        0 if exact => "",
        7 if !exact => "",
        0 => ",rne",
        1 => ",rtz",
        2 => ",rdn",
        3 => ",rup",
        4 => ",rmm",
        _ => ",dyn",
    }
}

/// Mnemonic suffix of `aq << 1 | rl`.
fn aqrl_suffix(aqrl: u8) -> &'static str {
    match aqrl & 3 {
        0 => "",
        1 => ".rl",
        2 => ".aq",
        _ => ".aqrl",
    }
}

/// A fence's predecessor or successor set, `iorw` letters, `0` when empty.
fn fence_set(set: i32) -> String {
    let text: String = ['i', 'o', 'r', 'w']
        .iter()
        .enumerate()
        .filter(|(k, _)| set & (8 >> k) != 0)
        .map(|(_, c)| *c)
        .collect();
    if text.is_empty() {
        "0".to_string()
    } else {
        text
    }
}

/// A fence from its `imm` (fm, pred, succ), with the `fence.tso` and
/// `pause` names objdump uses.
fn fence(imm: i32) -> String {
    let (fm, pred, succ) = ((imm >> 8) & 0xf, (imm >> 4) & 0xf, imm & 0xf);
    match (fm, pred, succ) {
        (0, 0xf, 0xf) => "fence".to_string(),
        (8, 3, 3) => "fence.tso".to_string(),
        (0, 1, 0) => "pause".to_string(),
        _ => format!("fence {},{}", fence_set(pred), fence_set(succ)),
    }
}

/// Disassembles `insn`, located at `pc` (for branch and jump targets).
pub fn disasm(insn: &Insn, pc: u32) -> String {
    if insn.op == Op::Illegal {
        return match insn.len {
            2 if insn.raw == 0 => "unimp".to_string(),
            2 => format!(".insn 2, {:#06x}", insn.raw),
            _ => format!(".insn 4, {:#010x}", insn.raw),
        };
    }
    alias(insn, pc)
        .or_else(|| csr_alias(insn))
        .unwrap_or_else(|| plain(insn, pc))
}

/// The objdump alias for `insn`, when one applies.
fn alias(i: &Insn, pc: u32) -> Option<String> {
    use Op::*;
    let x = xreg_name;
    let f = freg_name;
    let (rd, rs1, rs2, imm) = (i.rd, i.rs1, i.rs2, i.imm);
    let target = pc.wrapping_add(imm.cast_unsigned());
    Some(match i.op {
        Addi if rd == 0 && rs1 == 0 && imm == 0 => "nop".to_string(),
        Addi if rs1 == 0 => format!("li {},{imm}", x(rd)),
        Addi if imm == 0 => format!("mv {},{}", x(rd), x(rs1)),
        // objdump prints c.mv as `mv`, but the 32-bit `add rd,zero,rs` as is.
        Add if rs1 == 0 && i.len == 2 => format!("mv {},{}", x(rd), x(rs2)),
        Xori if imm == -1 => format!("not {},{}", x(rd), x(rs1)),
        Sub if rs1 == 0 => format!("neg {},{}", x(rd), x(rs2)),
        Sltiu if imm == 1 => format!("seqz {},{}", x(rd), x(rs1)),
        Sltu if rs1 == 0 => format!("snez {},{}", x(rd), x(rs2)),
        Slt if rs2 == 0 => format!("sltz {},{}", x(rd), x(rs1)),
        Slt if rs1 == 0 => format!("sgtz {},{}", x(rd), x(rs2)),
        Jal if rd == 0 => format!("j {target:#x}"),
        Jal if rd == 1 => format!("jal {target:#x}"),
        Jalr if rd == 0 && rs1 == 1 && imm == 0 => "ret".to_string(),
        Jalr if rd == 0 && imm == 0 => format!("jr {}", x(rs1)),
        Jalr if rd == 0 => format!("jr {imm}({})", x(rs1)),
        Jalr if rd == 1 && imm == 0 => format!("jalr {}", x(rs1)),
        Jalr if rd == 1 => format!("jalr {imm}({})", x(rs1)),
        Jalr if imm == 0 => format!("jalr {},{}", x(rd), x(rs1)),
        Jalr => format!("jalr {},{imm}({})", x(rd), x(rs1)),
        Beq if rs2 == 0 => format!("beqz {},{target:#x}", x(rs1)),
        Bne if rs2 == 0 => format!("bnez {},{target:#x}", x(rs1)),
        Blt if rs2 == 0 => format!("bltz {},{target:#x}", x(rs1)),
        Blt if rs1 == 0 => format!("bgtz {},{target:#x}", x(rs2)),
        Bge if rs2 == 0 => format!("bgez {},{target:#x}", x(rs1)),
        Bge if rs1 == 0 => format!("blez {},{target:#x}", x(rs2)),
        FsgnjS | FsgnjnS | FsgnjxS | FsgnjD | FsgnjnD | FsgnjxD if rs1 == rs2 => {
            let name = match i.op {
                FsgnjS => "fmv.s",
                FsgnjnS => "fneg.s",
                FsgnjxS => "fabs.s",
                FsgnjD => "fmv.d",
                FsgnjnD => "fneg.d",
                _ => "fabs.d",
            };
            format!("{name} {},{}", f(rd), f(rs1))
        }
        Fence => fence(imm),
        SfenceVma if rs1 == 0 && rs2 == 0 => "sfence.vma".to_string(),
        SfenceVma if rs2 == 0 => format!("sfence.vma {}", x(rs1)),
        _ => return None,
    })
}

/// CSR aliases: `unimp`, the FP CSR accessors, counter reads, and the
/// `csrr`/`csrw`/`csrs`/`csrc` (and `*i`) forms.
fn csr_alias(i: &Insn) -> Option<String> {
    use Op::*;
    let x = xreg_name;
    let (rd, rs1) = (i.rd, i.rs1);
    let csr = csr_number(i);
    // `name rs` when rd is zero, `name rd,rs` otherwise.
    let swap = |name: &str, src: String| match rd {
        0 => format!("{name} {src}"),
        _ => format!("{name} {},{src}", x(rd)),
    };
    let read = |name: &str| format!("{name} {}", x(rd));
    Some(match (i.op, csr) {
        (Csrrw, CYCLE) if rd == 0 && rs1 == 0 => "unimp".to_string(),
        (Csrrs, FCSR) if rs1 == 0 => read("frcsr"),
        (Csrrs, FRM) if rs1 == 0 => read("frrm"),
        (Csrrs, FFLAGS) if rs1 == 0 => read("frflags"),
        (Csrrw, FCSR) => swap("fscsr", x(rs1).to_string()),
        (Csrrw, FRM) => swap("fsrm", x(rs1).to_string()),
        (Csrrw, FFLAGS) => swap("fsflags", x(rs1).to_string()),
        (Csrrwi, FRM) => swap("fsrmi", rs1.to_string()),
        (Csrrwi, FFLAGS) => swap("fsflagsi", rs1.to_string()),
        (Csrrs, CYCLE) if rs1 == 0 => read("rdcycle"),
        (Csrrs, TIME) if rs1 == 0 => read("rdtime"),
        (Csrrs, INSTRET) if rs1 == 0 => read("rdinstret"),
        (Csrrs, CYCLEH) if rs1 == 0 => read("rdcycleh"),
        (Csrrs, TIMEH) if rs1 == 0 => read("rdtimeh"),
        (Csrrs, INSTRETH) if rs1 == 0 => read("rdinstreth"),
        (Csrrs, _) if rs1 == 0 => format!("csrr {},{}", x(rd), csr_name(csr)),
        (Csrrw | Csrrs | Csrrc, _) if rd == 0 => {
            let name = match i.op {
                Csrrw => "csrw",
                Csrrs => "csrs",
                _ => "csrc",
            };
            format!("{name} {},{}", csr_name(csr), x(rs1))
        }
        (Csrrwi | Csrrsi | Csrrci, _) if rd == 0 => {
            let name = match i.op {
                Csrrwi => "csrwi",
                Csrrsi => "csrsi",
                _ => "csrci",
            };
            format!("{name} {},{rs1}", csr_name(csr))
        }
        _ => return None,
    })
}

/// The instruction without aliases, laid out by its format.
fn plain(i: &Insn, pc: u32) -> String {
    let mn = i.op.mnemonic();
    let flags = i.op.flags();
    let reg = |r: u8, fp: Flags| {
        if flags.contains(fp) {
            freg_name(r)
        } else {
            xreg_name(r)
        }
    };
    let (rd, rs1, rs2) = (
        reg(i.rd, Flags::FP_RD),
        reg(i.rs1, Flags::FP_RS1),
        reg(i.rs2, Flags::FP_RS2),
    );
    let imm = i.imm;
    let target = pc.wrapping_add(imm.cast_unsigned());
    match i.op.format() {
        Format::R => format!("{mn} {rd},{rs1},{rs2}"),
        Format::RRm => format!("{mn} {rd},{rs1},{rs2}{}", rm_suffix(i)),
        Format::R4 => format!("{mn} {rd},{rs1},{rs2},{}{}", freg_name(i.rs3), rm_suffix(i)),
        Format::R1 => format!("{mn} {rd},{rs1}"),
        Format::R1Rm => format!("{mn} {rd},{rs1}{}", rm_suffix(i)),
        Format::Amo => format!("{mn}{} {rd},{rs2},({rs1})", aqrl_suffix(i.rm)),
        Format::Lr => format!("{mn}{} {rd},({rs1})", aqrl_suffix(i.rm)),
        Format::I if flags.contains(Flags::LOAD) => format!("{mn} {rd},{imm}({rs1})"),
        Format::I => format!("{mn} {rd},{rs1},{imm}"),
        Format::Shift => format!("{mn} {rd},{rs1},{imm:#x}"),
        Format::S => format!("{mn} {rs2},{imm}({rs1})"),
        Format::B => format!("{mn} {rs1},{rs2},{target:#x}"),
        Format::U => format!("{mn} {rd},{:#x}", imm.cast_unsigned() >> 12),
        Format::J => format!("{mn} {rd},{target:#x}"),
        Format::Csr => format!("{mn} {rd},{},{rs1}", csr_name(csr_number(i))),
        Format::CsrI => format!("{mn} {rd},{},{}", csr_name(csr_number(i)), i.rs1),
        Format::Fence => fence(imm),
        Format::Sfence => format!("{mn} {rs1},{rs2}"),
        Format::Sys => mn.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::decode::decode;
    use super::*;

    /// Disassembles `raw` at `pc`.
    fn dis(raw: u32, pc: u32) -> String {
        disasm(&decode(raw), pc)
    }

    /// (word, pc, text): words assembled and texts checked against GNU
    /// objdump 2.40 (`-march=rv32gc`) except where a comment says otherwise.
    #[test]
    fn vectors() {
        #[rustfmt::skip]
        let cases: &[(u32, u32, &str)] = &[
            // Integer register-register and immediates.
            (0x00c5_8533, 0, "add a0,a1,a2"),
            (0x4073_02b3, 0, "sub t0,t1,t2"),
            (0x00c5_9533, 0, "sll a0,a1,a2"),
            (0x40c5_d533, 0, "sra a0,a1,a2"),
            (0x00c5_b533, 0, "sltu a0,a1,a2"),
            (0xffb5_a513, 0, "slti a0,a1,-5"),
            (0x8005_8513, 0, "addi a0,a1,-2048"), // objdump: "add a0,a1,-2048"
            (0x0015_c513, 0, "xori a0,a1,1"),     // objdump: "xor a0,a1,1"
            (0x01f5_9513, 0, "slli a0,a1,0x1f"),  // objdump: "sll a0,a1,0x1f"
            (0x4014_d413, 0, "srai s0,s1,0x1"),
            (0x02c5_a533, 0, "mulhsu a0,a1,a2"),
            (0x03df_7fb3, 0, "remu t6,t5,t4"),
            (0x1234_5537, 0, "lui a0,0x12345"),
            (0x0000_0537, 0, "lui a0,0x0"),
            (0xffff_f517, 0, "auipc a0,0xfffff"),
            // Loads and stores.
            (0x0081_2503, 0, "lw a0,8(sp)"),
            (0xffc4_2583, 0, "lw a1,-4(s0)"),
            (0x7ff1_4503, 0, "lbu a0,2047(sp)"),
            (0xfea1_1f23, 0, "sh a0,-2(sp)"),
            (0x00a1_2423, 0, "sw a0,8(sp)"),
            (0xffc1_2507, 0, "flw fa0,-4(sp)"),
            (0x7ea5_2fa7, 0, "fsw fa0,2047(a0)"),
            (0x8081_3027, 0, "fsd fs0,-2048(sp)"),
            // Branches and jumps: absolute targets.
            (0x00b5_0463, 0x8000_0000, "beq a0,a1,0x80000008"),
            (0xfeb5_7ce3, 0x160, "bgeu a0,a1,0x158"),
            (0x00a5_c063, 0x14e, "blt a1,a0,0x14e"),
            (0x8000_0063, 0, "beqz zero,0xfffff000"),
            (0x0000_056f, 0x15e, "jal a0,0x15e"),
            (0x0080_00ef, 0x100, "jal 0x108"),
            (0xffdf_f06f, 0x100, "j 0xfc"),
            (0x0045_8567, 0, "jalr a0,4(a1)"),
            (0x0005_8567, 0, "jalr a0,a1"),
            (0x0045_80e7, 0, "jalr 4(a1)"),
            (0x0045_8067, 0, "jr 4(a1)"),
            (0x0000_8067, 0, "ret"),
            // Integer aliases.
            (0x0000_0013, 0, "nop"),
            (0xfff0_0513, 0, "li a0,-1"),
            (0x0005_8513, 0, "mv a0,a1"),
            (0xfff5_c513, 0, "not a0,a1"),
            (0x40b0_0533, 0, "neg a0,a1"),
            (0x0015_b513, 0, "seqz a0,a1"),
            (0x00b0_3533, 0, "snez a0,a1"),
            (0x0005_a533, 0, "sltz a0,a1"),
            (0x00b0_2533, 0, "sgtz a0,a1"),
            (0x00b0_0533, 0, "add a0,zero,a1"),
            (0x0005_0063, 0x20, "beqz a0,0x20"),
            (0x0005_1463, 0x20, "bnez a0,0x28"),
            (0x0005_4063, 0x13e, "bltz a0,0x13e"),
            (0x0005_5063, 0x142, "bgez a0,0x142"),
            (0x00a0_4063, 0x146, "bgtz a0,0x146"),
            (0x00a0_5063, 0x14a, "blez a0,0x14a"),
            // System, fences, CSRs.
            (0x0000_0073, 0, "ecall"),
            (0x0010_0073, 0, "ebreak"),
            (0x3020_0073, 0, "mret"),
            (0x1020_0073, 0, "sret"),
            (0x1050_0073, 0, "wfi"),
            (0x0000_100f, 0, "fence.i"),
            (0x1200_0073, 0, "sfence.vma"),
            (0x1205_0073, 0, "sfence.vma a0"),
            (0x12b5_0073, 0, "sfence.vma a0,a1"),
            (0x0ff0_000f, 0, "fence"),
            (0x0330_000f, 0, "fence rw,rw"),
            (0x0840_000f, 0, "fence i,o"),
            (0x8330_000f, 0, "fence.tso"),
            (0x0100_000f, 0, "pause"),
            (0x0300_000f, 0, "fence rw,0"),       // objdump: ".word"
            (0x3005_9573, 0, "csrrw a0,mstatus,a1"),
            (0x140f_d573, 0, "csrrwi a0,sscratch,31"), // objdump: "csrrw a0,sscratch,31"
            (0x3000_2573, 0, "csrr a0,mstatus"),
            (0xfff0_2573, 0, "csrr a0,0xfff"),
            (0x3bf0_2573, 0, "csrr a0,pmpaddr15"),
            (0x3a30_2573, 0, "csrr a0,pmpcfg3"),
            (0xb030_2573, 0, "csrr a0,mhpmcounter3"),
            (0xc9f0_2573, 0, "csrr a0,hpmcounter31h"),
            (0x1805_1073, 0, "csrw satp,a0"),
            (0x1045_2073, 0, "csrs sie,a0"),
            (0x1445_3073, 0, "csrc sip,a0"),
            (0x3004_5073, 0, "csrwi mstatus,8"),  // objdump: "csrw mstatus,8"
            (0x3004_6073, 0, "csrsi mstatus,8"),
            (0x3004_7073, 0, "csrci mstatus,8"),
            (0xc000_1073, 0, "unimp"),
            (0xc010_2573, 0, "rdtime a0"),
            (0xc820_25f3, 0, "rdinstreth a1"),
            (0xc000_2573, 0, "rdcycle a0"),
            (0x0010_2573, 0, "frflags a0"),
            (0x0015_9573, 0, "fsflags a0,a1"),
            (0x0015_9073, 0, "fsflags a1"),
            (0x0011_d573, 0, "fsflagsi a0,3"),
            (0x0011_d073, 0, "fsflagsi 3"),       // objdump: "fsflagsi zero,3"
            (0x0020_2573, 0, "frrm a0"),
            (0x0025_9073, 0, "fsrm a1"),
            (0x0021_5573, 0, "fsrmi a0,2"),
            (0x0030_2573, 0, "frcsr a0"),
            (0x0035_9073, 0, "fscsr a1"),
            (0x0035_9573, 0, "fscsr a0,a1"),
            // Atomics.
            (0x06b6_252f, 0, "amoadd.w.aqrl a0,a1,(a2)"),
            (0x0ab6_252f, 0, "amoswap.w.rl a0,a1,(a2)"),
            (0x40b6_252f, 0, "amoor.w a0,a1,(a2)"),
            (0x1cb6_252f, 0, "sc.w.aq a0,a1,(a2)"),
            (0x1005_a52f, 0, "lr.w a0,(a1)"),
            (0x1405_a52f, 0, "lr.w.aq a0,(a1)"),
            // Floating point, with rounding modes.
            (0x00c5_9553, 0, "fadd.s fa0,fa1,fa2,rtz"),
            (0x00c5_f553, 0, "fadd.s fa0,fa1,fa2"),
            (0x00c5_8553, 0, "fadd.s fa0,fa1,fa2,rne"),
            (0x68c5_9543, 0, "fmadd.s fa0,fa1,fa2,fa3,rtz"),
            (0x68c5_a547, 0, "fmsub.s fa0,fa1,fa2,fa3,rdn"),
            (0x6ac5_f54b, 0, "fnmsub.d fa0,fa1,fa2,fa3"),
            (0x5a05_c553, 0, "fsqrt.d fa0,fa1,rmm"),
            (0x4205_8553, 0, "fcvt.d.s fa0,fa1"),
            (0x4205_f553, 0, "fcvt.d.s fa0,fa1,dyn"), // objdump: ".word"
            (0xd205_0553, 0, "fcvt.d.w fa0,a0"),
            (0x4015_f553, 0, "fcvt.s.d fa0,fa1"),
            (0x4015_8553, 0, "fcvt.s.d fa0,fa1,rne"),
            (0xc205_9553, 0, "fcvt.w.d a0,fa1,rtz"),
            (0xc015_b553, 0, "fcvt.wu.s a0,fa1,rup"),
            (0xd015_a553, 0, "fcvt.s.wu fa0,a1,rdn"),
            (0xe005_9553, 0, "fclass.s a0,fa1"),
            (0xe205_9553, 0, "fclass.d a0,fa1"),
            (0xe005_8553, 0, "fmv.x.w a0,fa1"),
            (0xf005_8553, 0, "fmv.w.x fa0,a1"),
            (0x2ac5_8553, 0, "fmin.d fa0,fa1,fa2"),
            (0x28c5_9553, 0, "fmax.s fa0,fa1,fa2"),
            (0x20c5_8553, 0, "fsgnj.s fa0,fa1,fa2"),
            (0x22c5_9553, 0, "fsgnjn.d fa0,fa1,fa2"),
            (0x20b5_9553, 0, "fneg.s fa0,fa1"),
            (0x22b5_a553, 0, "fabs.d fa0,fa1"),
            (0x22b5_8553, 0, "fmv.d fa0,fa1"),
            (0xa0c5_a553, 0, "feq.s a0,fa1,fa2"),
            (0xa2c5_9553, 0, "flt.d a0,fa1,fa2"),
            (0xa0c5_8553, 0, "fle.s a0,fa1,fa2"),
            // Compressed forms print as their expansion.
            (0x0000_0001, 0, "nop"),
            (0x0000_557d, 0, "li a0,-1"),
            (0x0000_852e, 0, "mv a0,a1"),
            (0x0000_952e, 0, "add a0,a0,a1"),
            (0x0000_8082, 0, "ret"),
            (0x0000_8582, 0, "jr a1"),
            (0x0000_9502, 0, "jalr a0"),
            (0x0000_9002, 0, "ebreak"),
            (0x0000_717d, 0, "addi sp,sp,-16"),   // objdump: "add sp,sp,-16"
            (0x0000_1fe0, 0, "addi s0,sp,1020"),
            (0x0000_6505, 0, "lui a0,0x1"),
            (0x0000_7081, 0, "lui ra,0xfffe0"),
            (0x0000_050e, 0, "slli a0,a0,0x3"),   // objdump: "sll a0,a0,0x3"
            (0x0000_2422, 0, "fld fs0,8(sp)"),
            (0x0000_c006, 0, "sw ra,0(sp)"),
            (0x0000_5c7c, 0, "lw a5,124(s0)"),
            (0x0000_c101, 0x2c, "beqz a0,0x2c"),
            (0x0000_a001, 0x2e, "j 0x2e"),
            (0x0000_2021, 0x4e, "jal 0x56"),
            // Illegal encodings.
            (0x0000_0000, 0, "unimp"),
            (0x0000_9c41, 0, ".insn 2, 0x9c41"),
            (0xffff_ffff, 0, ".insn 4, 0xffffffff"),
            (0x0000_3003, 0, ".insn 4, 0x00003003"),
        ];
        for &(word, pc, want) in cases {
            assert_eq!(dis(word, pc), want, "{word:#010x}");
        }
    }

    #[test]
    fn register_names() {
        assert_eq!(xreg_name(0), "zero");
        assert_eq!(xreg_name(8), "s0");
        assert_eq!(xreg_name(18), "s2");
        assert_eq!(xreg_name(31), "t6");
        assert_eq!(xreg_name(33), "ra");
        assert_eq!(freg_name(0), "ft0");
        assert_eq!(freg_name(9), "fs1");
        assert_eq!(freg_name(17), "fa7");
        assert_eq!(freg_name(31), "ft11");
    }

    /// Every row's base encoding (all operand fields 0) prints as its own
    /// mnemonic or as one of the aliases.
    #[test]
    fn every_op_disassembles_to_its_mnemonic_or_an_alias() {
        let aliases = [
            "nop",
            "li",
            "neg",
            "snez",
            "sltz",
            "j",
            "jr",
            "beqz",
            "bnez",
            "bltz",
            "bgez",
            "fence",
            "sfence.vma",
            "csrr",
            "csrw",
            "csrc",
            "csrwi",
            "csrsi",
            "csrci",
            "fmv.s",
            "fneg.s",
            "fabs.s",
            "fmv.d",
            "fneg.d",
            "fabs.d",
        ];
        for row in super::super::table::ROWS.iter() {
            let text = dis(row.match_bits, 0);
            let first = text.split(' ').next().unwrap_or_default();
            assert!(
                first.starts_with(row.mnemonic) || aliases.contains(&first),
                "{}: {text}",
                row.mnemonic
            );
        }
    }
}
