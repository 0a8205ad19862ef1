# mstatus and sstatus (Privileged ISA 3.1.6, 4.1.1): writable fields, MPP
# legalization, SD as the summary of FS, sstatus as a restricted view of the
# same bits, FS=Off making FP instructions and fflags/frm/fcsr illegal, and
# FS becoming Dirty after FP state is written. mstatush (RV32) reads zero.
#
# Masked out of the checks: VS (bits 10:9), which QEMU 7.2 keeps writable
# although misa.V is clear (the spec allows a writable VS with S-mode).

.equ VS_MASK, 0x600
.equ NOT_VS, ~0x600
# Every field of RV32 mstatus that this hart implements (MIE excluded, so
# that a test never enables interrupts by accident): SIE SPIE MPIE SPP MPP
# FS MPRV SUM MXR TVM TW TSR, and SD because FS = Dirty.
.equ ALL_FIELDS, 0x807e79a2
# The sstatus view: SIE SPIE SPP FS SUM MXR SD.
.equ S_FIELDS, 0x800c6122

# Writes mstatus = val and checks (mstatus & ~VS) == expect.
.macro MSTATUS_RW n, val, expect
    SET_TEST \n
    li a1, \val
    csrw mstatus, a1
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, NOT_VS, \expect
.endm

TEST_BEGIN
    PRIV_PMP_OPEN
    # ---- writable fields: all of them set, then all cleared
    MSTATUS_RW 1, ~MSTATUS_MIE, ALL_FIELDS
    MSTATUS_RW 2, 0, 0
    # WPRI bits, UBE (bit 6, little-endian only) and XS (no custom
    # extension) stay zero when written with ones
    MSTATUS_RW 3, 0x7f818055, 0
    # MIE alone (mie is 0, so no interrupt can be taken)
    MSTATUS_RW 4, MSTATUS_MIE, MSTATUS_MIE
    MSTATUS_RW 5, 0, 0
    # every field is independent: one at a time
    MSTATUS_RW 6, MSTATUS_SIE, MSTATUS_SIE
    MSTATUS_RW 7, MSTATUS_SPIE, MSTATUS_SPIE
    MSTATUS_RW 8, MSTATUS_MPIE, MSTATUS_MPIE
    MSTATUS_RW 9, MSTATUS_SPP, MSTATUS_SPP
    MSTATUS_RW 10, MSTATUS_SUM, MSTATUS_SUM
    MSTATUS_RW 11, MSTATUS_MXR, MSTATUS_MXR
    MSTATUS_RW 12, MSTATUS_TVM, MSTATUS_TVM
    MSTATUS_RW 13, MSTATUS_TW, MSTATUS_TW
    MSTATUS_RW 14, MSTATUS_TSR, MSTATUS_TSR
    MSTATUS_RW 15, MSTATUS_MPRV|MSTATUS_MPP, MSTATUS_MPRV|MSTATUS_MPP

    # ---- MPP holds U (0), S (1) and M (3)
    MSTATUS_RW 16, 0x0000, 0x0000
    MSTATUS_RW 17, 0x0800, 0x0800
    MSTATUS_RW 18, 0x1800, 0x1800
    # MPP = 2 is reserved (WARL): a legal level (U, S, M) must read back,
    # and the other fields written at the same time are written. QEMU 7.2
    # keeps the 2 (so that part is skipped when PRIV_IS_QEMU); rvjit keeps
    # the old level (M here).
    SET_TEST 19
    li a1, 0x1000 | MSTATUS_SIE
    csrw mstatus, a1
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, NOT_VS & ~MSTATUS_MPP, MSTATUS_SIE
    PRIV_IS_QEMU a1
    bnez a1, 1f
    srli a0, a0, MSTATUS_MPP_SHIFT
    andi a0, a0, 3
    li t6, 2
    bne a0, t6, 1f
    FAIL
1:
    # and a legal value can be written again after it
    MSTATUS_RW 20, 0x0800, 0x0800
    # csrs/csrc act on the fields too
    SET_TEST 21
    csrw mstatus, zero
    li a1, MSTATUS_MPP
    csrs mstatus, a1
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, NOT_VS, 0x1800
    li a1, 0x1000
    csrc mstatus, a1
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, NOT_VS, 0x0800

    # ---- SD summarizes FS: set only for Dirty
    MSTATUS_RW 22, 0x0000, 0
    MSTATUS_RW 23, 0x2000, 0x2000
    MSTATUS_RW 24, 0x4000, 0x4000
    MSTATUS_RW 25, 0x6000, 0x80006000
    # SD itself is read-only: writing it with FS = Off leaves it clear
    MSTATUS_RW 26, MSTATUS_SD, 0
    # the same through sstatus
    SET_TEST 27
    li a1, 0x6000
    csrw mstatus, a1
    csrr a0, sstatus
    PRIV_CHECK_MASK a0, NOT_VS, 0x80006000
    li a1, 0x4000
    csrw mstatus, a1
    csrr a0, sstatus
    PRIV_CHECK_MASK a0, NOT_VS, 0x4000

    # ---- sstatus is a view of the S fields of mstatus
    SET_TEST 28
    li a1, ~MSTATUS_MIE
    csrw mstatus, a1
    csrr a0, sstatus
    PRIV_CHECK_MASK a0, NOT_VS, S_FIELDS
    # writing sstatus with all ones sets only the S fields of mstatus
    SET_TEST 29
    csrw mstatus, zero
    li a1, -1
    csrw sstatus, a1
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, NOT_VS, S_FIELDS
    # writing sstatus with zero leaves the M-only fields alone
    SET_TEST 30
    li a1, ~MSTATUS_MIE
    csrw mstatus, a1
    csrw sstatus, zero
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, NOT_VS, ALL_FIELDS & ~S_FIELDS
    # csrs/csrc on sstatus change mstatus
    SET_TEST 31
    csrw mstatus, zero
    li a1, MSTATUS_SUM | MSTATUS_SIE
    csrs sstatus, a1
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, NOT_VS, MSTATUS_SUM | MSTATUS_SIE
    li a1, MSTATUS_SIE | MSTATUS_MPIE
    csrc sstatus, a1
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, NOT_VS, MSTATUS_SUM
    # an M field written through sstatus is ignored
    SET_TEST 32
    csrw mstatus, zero
    li a1, MSTATUS_MPIE | MSTATUS_TVM | MSTATUS_MPRV | MSTATUS_MPP
    csrs sstatus, a1
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, NOT_VS, 0
    # S-mode reads and writes sstatus itself
    SET_TEST 33
    csrw mstatus, zero
    PRIV_GOTO PRV_S
    li a1, MSTATUS_SUM
    csrs sstatus, a1
    csrr s1, sstatus
    PRIV_RETURN
    PRIV_CHECK_MASK s1, NOT_VS, MSTATUS_SUM
    # back in M-mode after the mret of PRIV_RETURN: MPP = U, MPIE = 1
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, NOT_VS, MSTATUS_SUM | MSTATUS_MPIE

    # ---- mstatush: little-endian only, MBE/SBE read zero
    SET_TEST 34
    csrr a0, mstatush
    CHECK_EQ a0, 0
    li a1, 0x30
    csrw mstatush, a1
    csrr a0, mstatush
    CHECK_EQ a0, 0

    # ---- FS = Off: every FP instruction and FP CSR access is illegal,
    # with mtval = the instruction bits
    csrw mstatus, zero
    TEST_TRAP_TVAL 40, CAUSE_ILLEGAL_INSN, 0x00c5f553, fadd.s fa0, fa1, fa2
    TEST_TRAP_TVAL 41, CAUSE_ILLEGAL_INSN, 0x02c5f553, fadd.d fa0, fa1, fa2
    TEST_TRAP_TVAL 42, CAUSE_ILLEGAL_INSN, 0xe0058553, fmv.x.w a0, fa1
    TEST_TRAP_TVAL 43, CAUSE_ILLEGAL_INSN, 0xf0058553, fmv.w.x fa0, a1
    # (base s2 keeps the assembler from compressing these)
    la s0, fpdata
    mv s2, s0
    TEST_TRAP_TVAL 44, CAUSE_ILLEGAL_INSN, 0x00092507, flw fa0, 0(s2)
    TEST_TRAP_TVAL 45, CAUSE_ILLEGAL_INSN, 0x00a92027, fsw fa0, 0(s2)
    TEST_TRAP_TVAL 46, CAUSE_ILLEGAL_INSN, 0x00093507, fld fa0, 0(s2)
    # 16-bit FP loads and stores: mtval holds the 16 bits
    TEST_TRAP_TVAL 47, CAUSE_ILLEGAL_INSN, 0x6008, c.flw fa0, 0(s0)
    TEST_TRAP_TVAL 48, CAUSE_ILLEGAL_INSN, 0xa008, c.fsd fa0, 0(s0)
    TEST_TRAP_TVAL 49, CAUSE_ILLEGAL_INSN, 0x00102573, csrr a0, fflags
    TEST_TRAP_TVAL 50, CAUSE_ILLEGAL_INSN, 0x00202573, csrr a0, frm
    TEST_TRAP_TVAL 51, CAUSE_ILLEGAL_INSN, 0x00302573, csrr a0, fcsr
    TEST_TRAP_TVAL 52, CAUSE_ILLEGAL_INSN, 0x00105073, csrwi fflags, 0
    TEST_TRAP_TVAL 53, CAUSE_ILLEGAL_INSN, 0xa0b52553, feq.s a0, fa0, fa1
    TEST_TRAP_TVAL 54, CAUSE_ILLEGAL_INSN, 0xd005f553, fcvt.s.w fa0, a1
    # FS stays Off after the illegal attempts
    SET_TEST 55
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, MSTATUS_FS | MSTATUS_SD, 0

    # ---- FS = Initial or Clean becomes Dirty when FP state is written
    SET_TEST 60
    li a1, 0x2000
    csrw mstatus, a1
    li a1, 0x3f800000
    fmv.w.x fa0, a1
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, MSTATUS_FS | MSTATUS_SD, 0x80006000
    SET_TEST 61
    li a1, 0x4000
    csrw mstatus, a1
    fadd.s fa1, fa0, fa0
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, MSTATUS_FS | MSTATUS_SD, 0x80006000
    SET_TEST 62
    li a1, 0x4000
    csrw mstatus, a1
    csrwi fflags, 1
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, MSTATUS_FS | MSTATUS_SD, 0x80006000
    SET_TEST 63
    li a1, 0x2000
    csrw mstatus, a1
    csrwi frm, 0
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, MSTATUS_FS | MSTATUS_SD, 0x80006000
    SET_TEST 64
    li a1, 0x4000
    csrw mstatus, a1
    flw fa2, 0(s0)
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, MSTATUS_FS | MSTATUS_SD, 0x80006000
    SET_TEST 65
    li a1, 0x4000
    csrw mstatus, a1
    fsflags a0, zero
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, MSTATUS_FS | MSTATUS_SD, 0x80006000
    # an instruction that writes only an integer register but raises a
    # flag changes fflags: Dirty too (QEMU 7.2 misses this one: skipped
    # when PRIV_IS_QEMU)
    PRIV_IS_QEMU s11
    SET_TEST 75
    li a1, 0x7f800001              # signalling NaN
    fmv.w.x fa3, a1
    li a1, 0x4000
    csrw mstatus, a1
    feq.s a0, fa3, fa3
    csrr a0, mstatus
    bnez s11, 1f
    PRIV_CHECK_MASK a0, MSTATUS_FS | MSTATUS_SD, 0x80006000
1:  csrr a0, fflags
    CHECK_EQ a0, NV
    SET_TEST 76
    li a1, 0x2000
    csrw mstatus, a1
    fcvt.w.s a0, fa3, rtz
    csrr a0, mstatus
    bnez s11, 1f
    PRIV_CHECK_MASK a0, MSTATUS_FS | MSTATUS_SD, 0x80006000
1:
    # the FP registers kept their values while FS was Off (fa0 = 1.0 from
    # test 60 survives a round trip through Off)
    SET_TEST 66
    csrw mstatus, zero
    li a1, 0x4000
    csrw mstatus, a1
    fmv.x.w a0, fa0
    CHECK_EQ a0, 0x3f800000
    # and the sstatus view of FS is writable too: Off through sstatus
    SET_TEST 67
    csrw sstatus, zero
    TRAP_ARM
    fmv.x.w a0, fa0
    TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_ILLEGAL_INSN
    li a1, 0x2000
    csrs sstatus, a1
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, MSTATUS_FS, 0x2000
    fmv.x.w a0, fa0
    CHECK_EQ a0, 0x3f800000
    # FS = Off also makes FP instructions illegal in S and U mode
    csrw mstatus, zero
    PRIV_TEST_TRAP_TVAL 68, PRV_S, CAUSE_ILLEGAL_INSN, 0x00c5f553, fadd.s fa0, fa1, fa2
    PRIV_TEST_TRAP_TVAL 69, PRV_U, CAUSE_ILLEGAL_INSN, 0x00302573, csrr a0, fcsr
    # and FS = Dirty lets U-mode use them
    SET_TEST 70
    li a1, 0x6000
    csrw mstatus, a1
    PRIV_GOTO PRV_U
    fmv.x.w s1, fa0
    csrr s2, fcsr
    PRIV_RETURN
    CHECK_EQ s1, 0x3f800000
TEST_END

.data
.p2align 3
fpdata:
    .word 0x40000000, 0
