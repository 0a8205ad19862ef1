# RV32F floating-point CSRs: fcsr = frm << 5 | fflags (other bits read 0),
# frm and fflags as views of it; csrrw swaps (old value to rd), csrrs/csrrc
# and the immediate forms; the assembler aliases (frcsr, fscsr, frrm, fsrm,
# frflags, fsflags, fsrmi, fsflagsi); flags accumulate until software
# clears them. Invalid frm values (5, 6, 7) can be written and read back,
# and make every instruction with the dynamic rounding mode illegal
# (including the exact fcvt.d.s / fcvt.d.w when encoded with dyn), while
# static modes and instructions without a rounding mode still run; the
# reserved static modes 5 and 6 are illegal whatever frm holds. QEMU 7.2
# reports illegal instructions with mtval = the instruction bits.
# mstatus.FS: FP writes and fcsr writes make it Dirty (and set SD); with
# FS = Off every FP instruction and FP CSR access is illegal.
TEST_BEGIN
    # Only the low 8 bits of fcsr exist.
    SET_TEST 1
    li a1, 0xffffffff
    csrw fcsr, a1
    csrr a0, fcsr
    CHECK_EQ a0, 0xff
    csrr a0, frm
    CHECK_EQ a0, 7
    csrr a0, fflags
    CHECK_EQ a0, 0x1f

    # csrrw swaps.
    SET_TEST 2
    li a1, 0x0a
    csrrw a0, fcsr, a1
    CHECK_EQ a0, 0xff
    csrr a0, fcsr
    CHECK_EQ a0, 0x0a
    csrr a0, frm
    CHECK_EQ a0, 0

    # fflags writes keep frm, frm writes keep fflags, only their bits count.
    SET_TEST 3
    li a1, 0x83
    csrw fcsr, a1
    li a1, 0xffffffe4
    csrrw a0, fflags, a1
    CHECK_EQ a0, 0x03
    csrr a0, fcsr
    CHECK_EQ a0, 0x84
    SET_TEST 4
    li a1, 0xfffffff9
    csrrw a0, frm, a1
    CHECK_EQ a0, 4
    csrr a0, fcsr
    CHECK_EQ a0, 0x24

    # Set / clear, register and immediate forms.
    SET_TEST 5
    csrrsi a0, fflags, 0x11
    CHECK_EQ a0, 0x04
    csrr a0, fflags
    CHECK_EQ a0, 0x15
    csrrci a0, fflags, 0x05
    CHECK_EQ a0, 0x15
    csrr a0, fflags
    CHECK_EQ a0, 0x10
    SET_TEST 6
    li a1, 2
    csrrs a0, frm, a1
    CHECK_EQ a0, 1
    csrr a0, frm
    CHECK_EQ a0, 3
    li a1, 1
    csrrc a0, frm, a1
    CHECK_EQ a0, 3
    csrrwi a0, frm, 4
    CHECK_EQ a0, 2
    csrr a0, fcsr
    CHECK_EQ a0, 0x90
    SET_TEST 7
    csrrwi a0, fcsr, 0x1f
    CHECK_EQ a0, 0x90
    csrr a0, frm
    CHECK_EQ a0, 0
    csrrs a0, fcsr, x0
    CHECK_EQ a0, 0x1f

    # Assembler aliases.
    SET_TEST 8
    li a1, 0x41
    fscsr a0, a1
    CHECK_EQ a0, 0x1f
    frcsr a0
    CHECK_EQ a0, 0x41
    frrm a0
    CHECK_EQ a0, 2
    li a1, 3
    fsrm a0, a1
    CHECK_EQ a0, 2
    frflags a0
    CHECK_EQ a0, 1
    li a1, 0x0c
    fsflags a0, a1
    CHECK_EQ a0, 1
    fsrmi a0, 0
    CHECK_EQ a0, 3
    fsflagsi a0, 0
    CHECK_EQ a0, 0x0c
    frcsr a0
    CHECK_EQ a0, 0

    # Flags accumulate; an exception-free operation leaves them alone.
    SET_TEST 10
    FP_LOAD_S fa1, F_ONE
    FP_LOAD_S fa2, F_ZERO
    FP_LOAD_S fa3, F_INF
    FP_LOAD_S fa4, 0x33000000   # 2^-25
    csrwi fflags, 0
    fdiv.s fa0, fa1, fa2
    frflags a0
    CHECK_EQ a0, DZ
    fadd.s fa0, fa1, fa4
    frflags a0
    CHECK_EQ a0, DZ|NX
    fsub.s fa0, fa3, fa3
    frflags a0
    CHECK_EQ a0, DZ|NX|NV
    fadd.s fa0, fa1, fa1
    frflags a0
    CHECK_EQ a0, DZ|NX|NV
    FP_CHECK_S 10, fa0, F_TWO
    # An integer result does not clear them either, nor does fmv.
    SET_TEST 11
    fcvt.w.s a0, fa1
    fmv.x.w a0, fa1
    frflags a0
    CHECK_EQ a0, DZ|NX|NV

    # Invalid frm values: readable, and dynamic-mode instructions trap.
    FP_LOAD_S fa1, F_ONE
    FP_LOAD_S fa2, F_TWO
    FP_LOAD_S fa3, F_HALF
    FP_LOAD_S fa0, 0x12345678
    csrwi fflags, 0
    csrwi frm, 5
    SET_TEST 20
    frrm a0
    CHECK_EQ a0, 5
    TEST_TRAP_TVAL 21, CAUSE_ILLEGAL_INSN, 0x00c5f553, fadd.s fa0, fa1, fa2
    TEST_TRAP_TVAL 22, CAUSE_ILLEGAL_INSN, 0xc005f553, fcvt.w.s a0, fa1
    TEST_TRAP 23, CAUSE_ILLEGAL_INSN, fmadd.s fa0, fa1, fa2, fa3
    TEST_TRAP 24, CAUSE_ILLEGAL_INSN, fsqrt.s fa0, fa1
    TEST_TRAP 25, CAUSE_ILLEGAL_INSN, fcvt.s.w fa0, a1
    TEST_TRAP 26, CAUSE_ILLEGAL_INSN, fdiv.d fa0, fa1, fa2
    TEST_TRAP_TVAL 27, CAUSE_ILLEGAL_INSN, 0x4205f553, fcvt.d.s fa0, fa1, dyn
    TEST_TRAP_TVAL 28, CAUSE_ILLEGAL_INSN, 0xd205f553, fcvt.d.w fa0, a1, dyn
    # the trapping instructions wrote nothing: no register, no flag
    SET_TEST 29
    fmv.x.w a0, fa0
    CHECK_EQ a0, 0x12345678
    frflags a0
    CHECK_EQ a0, 0
    csrwi frm, 6
    TEST_TRAP 30, CAUSE_ILLEGAL_INSN, fmul.s fa0, fa1, fa2
    TEST_TRAP 31, CAUSE_ILLEGAL_INSN, fnmsub.d fa0, fa1, fa2, fa3
    csrwi frm, 7
    SET_TEST 32
    frrm a0
    CHECK_EQ a0, 7
    TEST_TRAP 33, CAUSE_ILLEGAL_INSN, fsub.s fa0, fa1, fa2
    TEST_TRAP 34, CAUSE_ILLEGAL_INSN, fcvt.wu.d a0, fa1
    TEST_TRAP 35, CAUSE_ILLEGAL_INSN, fcvt.s.d fa0, fa1
    # static modes and rm-less instructions still work with frm = 7
    TEST_FP_OP2_S 40, fadd.s, 0, 0x40400000, F_ONE, F_TWO, rtz
    TEST_FP_OP2_S 41, fmul.s, 0, F_TWO, F_ONE, F_TWO, rne
    TEST_FP_TO_INT_S 42, fcvt.w.s, NX, 1, 0x3fc00000, rdn
    TEST_FP_OP2_S 43, fsgnjn.s, 0, F_NONE, F_ONE, F_ONE
    TEST_FP_OP2_S 44, fmin.s, 0, F_ONE, F_ONE, F_TWO
    TEST_FP_CMP_S 45, flt.s, 0, 1, F_ONE, F_TWO
    TEST_FP_TO_INT_S 46, fclass.s, 0, 0x40, F_ONE
    TEST_INT_TO_FP_S 47, fmv.w.x, 0, F_TWO, F_TWO
    TEST_FP_OP2_D 48, fadd.d, 0, 0x4008000000000000, D_ONE, D_TWO, rup
    TEST_INT_TO_FP_D 49, fcvt.d.w, 0, D_NONE, -1
    # the reserved static modes 5 and 6 are illegal even with a valid frm
    csrwi frm, 0
    TEST_TRAP_TVAL 50, CAUSE_ILLEGAL_INSN, 0x00c5d553, .word 0x00c5d553
    TEST_TRAP_TVAL 51, CAUSE_ILLEGAL_INSN, 0x00c5e553, .word 0x00c5e553
    TEST_TRAP 52, CAUSE_ILLEGAL_INSN, .word 0x02c5d553

    # mstatus.FS: an FP register write makes it Dirty, with SD set.
    SET_TEST 60
    li t0, MSTATUS_FS
    csrc mstatus, t0
    li t0, 0x4000               # Clean
    csrs mstatus, t0
    csrr a0, mstatus
    srli a0, a0, 13
    andi a0, a0, 3
    CHECK_EQ a0, 2
    fadd.s fa0, fa1, fa2
    csrr a0, mstatus
    srli a1, a0, 13
    andi a1, a1, 3
    CHECK_EQ a1, 3
    srli a0, a0, 31
    CHECK_EQ a0, 1
    # ... and so does an fflags write.
    SET_TEST 61
    li t0, MSTATUS_FS
    csrc mstatus, t0
    li t0, 0x4000
    csrs mstatus, t0
    csrwi fflags, 0
    csrr a0, mstatus
    srli a0, a0, 13
    andi a0, a0, 3
    CHECK_EQ a0, 3
    # FS = Off: FP instructions and FP CSRs are illegal.
    li t0, MSTATUS_FS
    csrc mstatus, t0
    TEST_TRAP 62, CAUSE_ILLEGAL_INSN, fadd.s fa0, fa1, fa2
    TEST_TRAP 63, CAUSE_ILLEGAL_INSN, fmv.x.w a0, fa1
    TEST_TRAP 64, CAUSE_ILLEGAL_INSN, fmv.w.x fa0, a0
    TEST_TRAP 65, CAUSE_ILLEGAL_INSN, flw fa0, 0(sp)
    TEST_TRAP 66, CAUSE_ILLEGAL_INSN, fsd fa0, 0(sp)
    TEST_TRAP 67, CAUSE_ILLEGAL_INSN, csrr a0, fcsr
    TEST_TRAP 68, CAUSE_ILLEGAL_INSN, csrwi fflags, 0
    TEST_TRAP 69, CAUSE_ILLEGAL_INSN, csrr a0, frm
    TEST_TRAP 70, CAUSE_ILLEGAL_INSN, c.fld fa0, 0(s0)
    TEST_TRAP 71, CAUSE_ILLEGAL_INSN, c.fswsp fa0, 0(sp)
    # FS back on: FP works again.
    li t0, MSTATUS_FS_INITIAL
    csrs mstatus, t0
    TEST_FP_OP2_S 72, fadd.s, 0, 0x40400000, F_ONE, F_TWO
TEST_END
