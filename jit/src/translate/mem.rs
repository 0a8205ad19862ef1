//! Loads and stores: the TLB fast path inline, the helpers in `exec.rs`
//! behind it.
//!
//! The fast path indexes the current table of the access kind
//! (`hart.tlb[kind]`, 1024 `{vpn, addend}` entries, see `soc::mmu::tlb`)
//! with the virtual page number and compares one key: the page number with
//! the address's low misalignment bits above it (`rotr(vaddr, 12)` masked),
//! so that a misaligned access never matches. On a hit the access is one
//! host load or store at `ram_base + (vaddr + addend)`: soc enters a page
//! only when all of it is RAM and allowed (so an aligned access inside it
//! stays in RAM), and never enters pages with translated code, the HTIF
//! mailbox or MMIO in a write table, so a store hit needs no other check.
//! Everything else (a miss, a misaligned or page-crossing access, MMIO, a
//! fault, a store into code) calls the helper for the access size, which
//! takes the exact pc and retired count, so a fault or a device access
//! leaves the block precisely, as the interpreter does. FP loads and
//! stores (`flw`, `fld` as one 8-byte access, `fsw`, `fsd`) share the fast
//! path; off it the interpreter runs them.
//!
//! Loads of a region found while they were untranslated and unrestricted
//! (M-mode data privilege, no locked PMP entry: bare-metal programs and
//! firmware) try the direct RAM window first (`hart.ram_window`, kept by
//! soc): `vaddr - RAM_BASE` below it is the RAM offset itself. That keeps
//! the TLB entry's load off the path from the address to the data, which
//! loops that chase loaded indices wait on. When the window is closed at
//! run time (0: MPRV, a locked PMP entry) they go through the TLB as above.

use core::mem::offset_of;

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{Block, BlockArg, Endianness, InstBuilder, MemFlagsData, Value, types};
use cranelift_frontend::FunctionBuilder;
use soc::hart::Hart;
use soc::isa::{Insn, Op};
use soc::machine::CODE_LINE_SHIFT;
use soc::memmap::RAM_BASE;
use soc::mmu::AccessKind;
use soc::mmu::tlb::{self, TlbEntry};

use super::{Emitter, hart_field, hart_flags};
use crate::exec::{HelperKind, Helpers};

/// Memory flags of a guest RAM access on the fast path: in bounds,
/// little-endian, not always aligned (a load through the direct window
/// may be misaligned; TLB hits are aligned).
fn ram_flags() -> MemFlagsData {
    MemFlagsData::new()
        .with_notrap()
        .with_endianness(Endianness::Little)
}

const _: () = assert!(size_of::<TlbEntry>().is_power_of_two());

/// The address of the entry of TLB `table` that a virtual page number
/// indexes, as `tlb::index` does (only `vpn`'s low bits are used, so the
/// address rotated right by 12 will do). The translator's IR is compiled
/// without Cranelift's optimizer, so it shifts where a multiply would need
/// simplifying.
pub(super) fn tlb_entry(
    b: &mut FunctionBuilder<'_>,
    ptr: types::Type,
    table: Value,
    vpn: Value,
) -> Value {
    let index = b.ins().band_imm_u(vpn, tlb::ENTRIES as i64 - 1);
    let index = b.ins().uextend(ptr, index);
    let off = b
        .ins()
        .ishl_imm_u(index, i64::from(size_of::<TlbEntry>().ilog2()));
    b.ins().iadd(table, off)
}

impl Emitter<'_> {
    /// The effective address `rs1 + imm`.
    fn access_addr(&mut self, i: &Insn) -> Value {
        let base = self.get(i.rs1);
        self.add_imm(base, i.imm)
    }

    /// `addr`, the pc of the `idx`th instruction `i`, the next pc and the
    /// retired count before it, as slow-path helper arguments (made on the
    /// slow path, so that the fast path keeps no more values live).
    fn slow_args(&mut self, addr: Value, i: &Insn, pc: u32, idx: usize) -> [Value; 4] {
        let next = self.konst(pc.wrapping_add(u32::from(i.len)));
        let pc = self.konst(pc);
        let retired = self.b.ins().iadd_imm_s(self.start, idx as i64);
        [addr, pc, next, retired]
    }

    /// `hart.tlb[kind]` (loaded once per block) and `hart.ram_base`: soc
    /// changes neither while a block runs (only CSR instructions and traps
    /// do, and a block ends at a trap).
    fn tlb_and_ram(&mut self, kind: AccessKind) -> (Value, Value) {
        let k = kind as usize;
        let (b, hart, ptr) = (&mut self.b, self.hart, self.ptr);
        let off = Hart::TLB_OFFSET + k * size_of::<usize>();
        let table = hart_field(b, hart, &mut self.mem.tlb[k], ptr, off);
        let ram = hart_field(b, hart, &mut self.mem.ram_base, ptr, Hart::RAM_BASE_OFFSET);
        (table, ram)
    }

    /// Branches to `miss` unless the access of `1 << log2` bytes at `addr`
    /// hits the `kind` table; on a hit continues in a new block and returns
    /// the host address.
    fn tlb_hit(&mut self, kind: AccessKind, addr: Value, log2: u32, miss: Block) -> Value {
        let (table, ram) = self.tlb_and_ram(kind);
        if kind != AccessKind::Read || !self.direct_reads {
            let offset = self.lookup(table, addr, log2, miss);
            return self.host_address(ram, offset);
        }
        // The window first (see `Hart::ram_window`): it holds only while
        // loads are untranslated and unrestricted, and RAM is RAM to a
        // host load there, misaligned or not.
        let offset = self.b.ins().iadd_imm_s(addr, -i64::from(RAM_BASE));
        let window = self.ram_window();
        let inside = self.b.ins().icmp(IntCC::UnsignedLessThan, offset, window);
        let [direct, translated, done] = [(); 3].map(|_| self.b.create_block());
        self.b.set_cold_block(translated);
        let host = self.b.append_block_param(done, self.ptr);
        self.b.ins().brif(inside, direct, &[], translated, &[]);
        self.b.switch_to_block(direct);
        self.b.seal_block(direct);
        let direct_host = self.host_address(ram, offset);
        self.b.ins().jump(done, &[BlockArg::Value(direct_host)]);
        self.b.switch_to_block(translated);
        self.b.seal_block(translated);
        let offset = self.lookup(table, addr, log2, miss);
        let translated_host = self.host_address(ram, offset);
        self.b.ins().jump(done, &[BlockArg::Value(translated_host)]);
        self.b.switch_to_block(done);
        self.b.seal_block(done);
        host
    }

    /// `hart.ram_window` (loaded once per block).
    fn ram_window(&mut self) -> Value {
        let (b, cache) = (&mut self.b, &mut self.mem.ram_window);
        hart_field(b, self.hart, cache, types::I32, Hart::RAM_WINDOW_OFFSET)
    }

    /// Branches to `miss` unless the access of `1 << log2` bytes at `addr`
    /// hits TLB `table`; on a hit continues in a new block and returns the
    /// RAM offset.
    fn lookup(&mut self, table: Value, addr: Value, log2: u32, miss: Block) -> Value {
        let rotated = self.b.ins().rotr_imm_u(addr, 12);
        let key_mask = 0x000f_ffff | ((1i64 << log2) - 1) << 20;
        let key = self.b.ins().band_imm_u(rotated, key_mask);
        let entry = tlb_entry(&mut self.b, self.ptr, table, rotated);
        let vpn_off = offset_of!(TlbEntry, vpn) as i32;
        let vpn = self.b.ins().load(types::I32, hart_flags(), entry, vpn_off);
        let hit = self.b.ins().icmp(IntCC::Equal, key, vpn);
        let fast = self.b.create_block();
        self.b.ins().brif(hit, fast, &[], miss, &[]);
        self.b.switch_to_block(fast);
        self.b.seal_block(fast);
        let addend_off = offset_of!(TlbEntry, addend) as i32;
        let addend = self
            .b
            .ins()
            .load(types::I32, hart_flags(), entry, addend_off);
        self.b.ins().iadd(addr, addend)
    }

    /// The host address of RAM offset `offset`.
    fn host_address(&mut self, ram: Value, offset: Value) -> Value {
        let offset = self.b.ins().uextend(self.ptr, offset);
        self.b.ins().iadd(ram, offset)
    }

    /// On a store's slow path: branches to `helper` unless the store of `1
    /// << log2` bytes at `addr` hits the code-write table (a page with
    /// translated code) in a line the code watch does not hold, as soc's
    /// `store_slow` would find; then continues in a new block and returns
    /// the host address. A store next to code so stays in generated code.
    /// An aligned store of up to 4 bytes touches one line.
    fn code_write_hit(&mut self, addr: Value, log2: u32, ram: Value, helper: Block) -> Value {
        let off = Hart::CODE_WRITE_TLB_OFFSET as i32;
        let table = self.b.ins().load(self.ptr, hart_flags(), self.hart, off);
        let offset = self.lookup(table, addr, log2, helper);
        let line = self.b.ins().ushr_imm_u(offset, i64::from(CODE_LINE_SHIFT));
        let word = self.b.ins().ushr_imm_u(line, 6);
        let word = self.b.ins().uextend(self.ptr, word);
        let word = self.b.ins().ishl_imm_u(word, 3);
        let off = Hart::CODE_LINES_OFFSET as i32;
        let lines = self.b.ins().load(self.ptr, hart_flags(), self.hart, off);
        let at = self.b.ins().iadd(lines, word);
        let bits = self.b.ins().load(types::I64, hart_flags(), at, 0);
        let bit = self.b.ins().band_imm_u(line, 63);
        let bit = self.b.ins().uextend(types::I64, bit);
        let bits = self.b.ins().ushr(bits, bit);
        let watched = self.b.ins().band_imm_u(bits, 1);
        let free = self.b.create_block();
        self.b.ins().brif(watched, helper, &[], free, &[]);
        self.b.switch_to_block(free);
        self.b.seal_block(free);
        self.host_address(ram, offset)
    }

    /// A new cold block for a slow path.
    pub(super) fn slow_block(&mut self) -> Block {
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        slow
    }

    pub(super) fn load(&mut self, i: &Insn, pc: u32, idx: usize) {
        self.flush();
        use Op::*;
        let (log2, signed) = match i.op {
            Lb => (0, true),
            Lbu => (0, false),
            Lh => (1, true),
            Lhu => (1, false),
            _ => (2, false),
        };
        let addr = self.access_addr(i);
        let slow = self.slow_block();
        let merge = self.b.create_block();
        let loaded = self.b.append_block_param(merge, types::I32);
        let host = self.tlb_hit(AccessKind::Read, addr, log2, slow);
        let fast = match (log2, signed) {
            (0, true) => self.b.ins().sload8(types::I32, ram_flags(), host, 0),
            (0, false) => self.b.ins().uload8(types::I32, ram_flags(), host, 0),
            (1, true) => self.b.ins().sload16(types::I32, ram_flags(), host, 0),
            (1, false) => self.b.ins().uload16(types::I32, ram_flags(), host, 0),
            _ => self.b.ins().load(types::I32, ram_flags(), host, 0),
        };
        self.b.ins().jump(merge, &[BlockArg::Value(fast)]);

        self.b.switch_to_block(slow);
        self.b.seal_block(slow);
        let [addr, pcv, next, retired] = self.slow_args(addr, i, pc, idx);
        let args = [self.machine, addr, pcv, next, retired];
        let offset = Helpers::load_offset(log2 as usize);
        let result = self.call_helper(HelperKind::Load, offset, &args);
        let low = self.b.ins().ireduce(types::I32, result);
        let value = match (log2, signed) {
            (0, true) => {
                let v = self.b.ins().ireduce(types::I8, low);
                self.b.ins().sextend(types::I32, v)
            }
            (1, true) => {
                let v = self.b.ins().ireduce(types::I16, low);
                self.b.ins().sextend(types::I32, v)
            }
            _ => low,
        };
        let high = self.b.ins().ushr_imm_u(result, 32);
        let status = self.b.ins().ireduce(types::I32, high);
        let before = self.regs;
        self.check(status, &before, Some((i.rd, value)));
        self.b.ins().jump(merge, &[BlockArg::Value(value)]);

        self.b.switch_to_block(merge);
        self.b.seal_block(merge);
        self.set(i.rd, loaded);
    }

    /// Stores the low `1 << log2` bytes of `value` at host address `host`.
    fn store_to(&mut self, log2: u32, value: Value, host: Value) {
        match log2 {
            0 => self.b.ins().istore8(ram_flags(), value, host, 0),
            1 => self.b.ins().istore16(ram_flags(), value, host, 0),
            _ => self.b.ins().store(ram_flags(), value, host, 0),
        };
    }

    pub(super) fn store(&mut self, i: &Insn, pc: u32, idx: usize) {
        self.flush();
        let log2 = match i.op {
            Op::Sb => 0,
            Op::Sh => 1,
            _ => 2,
        };
        let value = self.get(i.rs2);
        let addr = self.access_addr(i);
        let slow = self.slow_block();
        let merge = self.b.create_block();
        let host = self.tlb_hit(AccessKind::Write, addr, log2, slow);
        self.store_to(log2, value, host);
        self.b.ins().jump(merge, &[]);

        self.b.switch_to_block(slow);
        self.b.seal_block(slow);
        let ram = self.tlb_and_ram(AccessKind::Write).1;
        let helper = self.slow_block();
        let host = self.code_write_hit(addr, log2, ram, helper);
        self.store_to(log2, value, host);
        self.b.ins().jump(merge, &[]);

        self.b.switch_to_block(helper);
        self.b.seal_block(helper);
        let [addr, pcv, next, retired] = self.slow_args(addr, i, pc, idx);
        let args = [self.machine, addr, value, pcv, next, retired];
        let offset = Helpers::store_offset(log2 as usize);
        let status = self.call_helper(HelperKind::Store, offset, &args);
        let regs = self.regs;
        self.check(status, &regs, None);
        self.b.ins().jump(merge, &[]);

        self.b.switch_to_block(merge);
        self.b.seal_block(merge);
    }
}

impl Emitter<'_> {
    /// `flw`/`fld`: the same fast path, 4 or 8 bytes into `f[rd]` (a
    /// single NaN-boxed); off it, the block leaves for the interpreter to
    /// run the instruction.
    pub(super) fn fp_load(&mut self, i: &Insn, pc: u32, idx: usize) {
        self.require_fpu(i, pc, idx);
        let double = i.op == Op::Fld;
        let (host, miss) = self.fp_hit(i, AccessKind::Read, double);
        let ty = if double { types::F64 } else { types::F32 };
        let value = self.b.ins().load(ty, ram_flags(), host, 0);
        self.fp_miss(miss, pc, idx);
        if double {
            self.fset_d(i.rd, value, None);
        } else {
            self.fset_s(i.rd, value);
        }
        self.fpu_dirty();
    }

    /// `fsw`/`fsd`: the low 4 or all 8 bytes of `f[rs2]`, as `fp_load`.
    pub(super) fn fp_store(&mut self, i: &Insn, pc: u32, idx: usize) {
        self.require_fpu(i, pc, idx);
        let double = i.op == Op::Fsd;
        let value = self.stored_bytes(i.rs2, double);
        let (host, miss) = self.fp_hit(i, AccessKind::Write, double);
        self.b.ins().store(ram_flags(), value, host, 0);
        self.fp_miss(miss, pc, idx);
    }

    /// The host address of an FP access of 4 or 8 (`double`) bytes at
    /// `rs1 + imm` that hits the `kind` table (the code continues on the
    /// hit), and the block a miss goes to (see [`Emitter::fp_miss`]).
    fn fp_hit(&mut self, i: &Insn, kind: AccessKind, double: bool) -> (Value, Block) {
        let base = self.get(i.rs1);
        let addr = self.b.ins().iadd_imm_s(base, i64::from(i.imm));
        let miss = self.slow_block();
        let host = self.tlb_hit(kind, addr, if double { 3 } else { 2 }, miss);
        (host, miss)
    }

    /// Ends the hit path of the `idx`th instruction, at `pc`; its `miss`
    /// leaves the block for the interpreter.
    fn fp_miss(&mut self, miss: Block, pc: u32, idx: usize) {
        let cont = self.b.create_block();
        self.b.ins().jump(cont, &[]);
        self.b.switch_to_block(miss);
        self.b.seal_block(miss);
        self.interpret_from(pc, idx);
        self.b.switch_to_block(cont);
        self.b.seal_block(cont);
    }
}
