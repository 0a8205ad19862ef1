# The trap registers as plain storage (Privileged ISA 3.1.14-3.1.16,
# 4.1.6-4.1.9): mscratch/sscratch and mtval/stval hold any 32-bit value,
# mcause/scause hold every legal cause, mepc/sepc hold any 2-byte aligned
# address. Bit 0 of mepc/sepc is always zero per the spec; QEMU 7.2 keeps
# a written 1 there (so bit 0 is checked only when not PRIV_IS_QEMU,
# s11 = 1 on QEMU). S-mode reaches the S registers but not the M ones.

# Writes val to an epc register and checks it reads val & ~1 (bits 31:1
# only on QEMU, see above).
.macro EPC_RW n, csr, val
    SET_TEST \n
    li a1, \val
    csrw \csr, a1
    csrr a0, \csr
    PRIV_CHECK_MASK a0, ~1, (\val) & ~1
    bnez s11, .Lq\@
    CHECK_EQ a0, (\val) & ~1
.Lq\@:
.endm

TEST_BEGIN
    PRIV_PMP_OPEN
    PRIV_IS_QEMU s11
    .irp csr, mscratch, sscratch, mtval, stval
    PRIV_CSR_RW 1, \csr, 0xffffffff
    PRIV_CSR_RW 2, \csr, 0
    PRIV_CSR_RW 3, \csr, 0xa5a5a5a5
    PRIV_CSR_RW 4, \csr, 0x5a5a5a5a
    PRIV_CSR_RW 5, \csr, 0x80000001
    .endr

    .irp csr, mcause, scause
    .irp cause, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 15
    PRIV_CSR_RW 10, \csr, \cause
    .endr
    .irp irq, 1, 5, 9
    PRIV_CSR_RW 11, \csr, 0x80000000 | \irq
    .endr
    .endr
    .irp irq, 3, 7, 11
    PRIV_CSR_RW 12, mcause, 0x80000000 | \irq
    .endr
    PRIV_CSR_RW 13, mcause, CAUSE_ECALL_M

    .irp csr, mepc, sepc
    EPC_RW 20, \csr, 0x80000000
    EPC_RW 21, \csr, 0x80000002
    EPC_RW 22, \csr, 0xfffffffe
    EPC_RW 23, \csr, 0x00000000
    EPC_RW 24, \csr, 0x12345676
    EPC_RW 25, \csr, 0xffffffff
    EPC_RW 26, \csr, 0x80000003
    .endr

    # the M and S registers are separate
    SET_TEST 30
    li a1, 0x111
    csrw mscratch, a1
    li a1, 0x222
    csrw sscratch, a1
    li a1, 0x334
    csrw mepc, a1
    li a1, 0x444
    csrw sepc, a1
    li a1, 0x555
    csrw mtval, a1
    li a1, 0x666
    csrw stval, a1
    li a1, 7
    csrw mcause, a1
    li a1, 5
    csrw scause, a1
    csrr a0, sscratch
    CHECK_EQ a0, 0x222
    csrr a0, mepc
    CHECK_EQ a0, 0x334
    csrr a0, sepc
    CHECK_EQ a0, 0x444
    csrr a0, mtval
    CHECK_EQ a0, 0x555
    csrr a0, stval
    CHECK_EQ a0, 0x666
    csrr a0, mcause
    CHECK_EQ a0, 7
    csrr a0, scause
    CHECK_EQ a0, 5

    # S-mode reads and writes its own
    SET_TEST 31
    PRIV_GOTO PRV_S
    li a1, 0x1234
    csrw sscratch, a1
    li a1, 0x8000abce
    csrw sepc, a1
    li a1, 13
    csrw scause, a1
    li a1, 0xdeadbeef
    csrw stval, a1
    csrr s1, sscratch
    csrr s2, sepc
    csrr s3, scause
    csrr s4, stval
    PRIV_RETURN
    CHECK_EQ s1, 0x1234
    CHECK_EQ s2, 0x8000abce
    CHECK_EQ s3, 13
    CHECK_EQ s4, 0xdeadbeef
    csrr a0, sepc
    CHECK_EQ a0, 0x8000abce
    # but not the M ones
    PRIV_TEST_TRAP_TVAL 32, PRV_S, CAUSE_ILLEGAL_INSN, 0x34102573, csrr a0, mepc
    PRIV_TEST_TRAP_TVAL 33, PRV_S, CAUSE_ILLEGAL_INSN, 0x34202573, csrr a0, mcause
    PRIV_TEST_TRAP_TVAL 34, PRV_S, CAUSE_ILLEGAL_INSN, 0x34302573, csrr a0, mtval
    PRIV_TEST_TRAP_TVAL 35, PRV_S, CAUSE_ILLEGAL_INSN, 0x34002573, csrr a0, mscratch
    # and U-mode none of them
    PRIV_TEST_TRAP_TVAL 36, PRV_U, CAUSE_ILLEGAL_INSN, 0x14002573, csrr a0, sscratch
    PRIV_TEST_TRAP_TVAL 37, PRV_U, CAUSE_ILLEGAL_INSN, 0x14102573, csrr a0, sepc
    PRIV_TEST_TRAP_TVAL 38, PRV_U, CAUSE_ILLEGAL_INSN, 0x14202573, csrr a0, scause
    PRIV_TEST_TRAP_TVAL 39, PRV_U, CAUSE_ILLEGAL_INSN, 0x14302573, csrr a0, stval
TEST_END
