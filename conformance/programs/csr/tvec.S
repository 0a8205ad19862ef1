# mtvec and stvec (Privileged ISA 3.1.7, 4.1.2): BASE and MODE; MODE 0
# (direct) and 1 (vectored) are kept, the reserved modes 2 and 3 are not:
# the field is WARL, and rvjit, like QEMU 7.2, then ignores the whole
# write. Where traps actually go is in trap/vectored.

TEST_BEGIN
    PRIV_PMP_OPEN
    # mtvec is only changed between instructions that cannot trap; the
    # framework's handler is restored at the end of each group
    PRIV_CSR_RW 1, mtvec, 0x80000100, 0x80000100
    PRIV_CSR_RW 2, mtvec, 0x80000101, 0x80000101
    PRIV_CSR_RW 3, mtvec, 0x80000004, 0x80000004
    PRIV_CSR_RW 4, mtvec, 0xfffffffc, 0xfffffffc
    PRIV_CSR_RW 5, mtvec, 0xfffffffd, 0xfffffffd
    PRIV_CSR_RW 6, mtvec, 0x00000000, 0x00000000
    PRIV_CSR_RW 7, mtvec, 0x80000200, 0x80000200
    # reserved modes: the old value stays
    PRIV_CSR_RW 8, mtvec, 0x80000302, 0x80000200
    PRIV_CSR_RW 9, mtvec, 0x80000403, 0x80000200
    PRIV_CSR_RW 10, mtvec, 0x80000105, 0x80000105
    PRIV_CSR_RW 11, mtvec, 0x80000006, 0x80000105
    # csrs/csrc that would form a reserved mode are ignored too
    SET_TEST 12
    li a1, 2
    csrs mtvec, a1
    csrr a0, mtvec
    CHECK_EQ a0, 0x80000105
    li a1, 1
    csrc mtvec, a1
    csrr a0, mtvec
    CHECK_EQ a0, 0x80000104
    TRAP_DISARM

    PRIV_CSR_RW 20, stvec, 0x80000100, 0x80000100
    PRIV_CSR_RW 21, stvec, 0x80000101, 0x80000101
    PRIV_CSR_RW 22, stvec, 0xfffffffc, 0xfffffffc
    PRIV_CSR_RW 23, stvec, 0xfffffffd, 0xfffffffd
    PRIV_CSR_RW 24, stvec, 0x00000000, 0x00000000
    PRIV_CSR_RW 25, stvec, 0x80000200, 0x80000200
    PRIV_CSR_RW 26, stvec, 0x80000302, 0x80000200
    PRIV_CSR_RW 27, stvec, 0x80000403, 0x80000200
    PRIV_CSR_RW 28, stvec, 0x80000105, 0x80000105
    PRIV_CSR_RW 29, stvec, 0x80000006, 0x80000105
    # the two are separate registers
    SET_TEST 30
    csrr a0, mtvec
    la a1, __trap_unexpected
    CHECK_EQ_REG a0, a1

    # S-mode writes stvec, not mtvec
    SET_TEST 31
    PRIV_GOTO PRV_S
    li a1, 0x80000441
    csrw stvec, a1
    csrr s1, stvec
    PRIV_RETURN
    CHECK_EQ s1, 0x80000441
    csrr a0, stvec
    CHECK_EQ a0, 0x80000441
    PRIV_TEST_TRAP_TVAL 32, PRV_S, CAUSE_ILLEGAL_INSN, 0x30502573, csrr a0, mtvec
    PRIV_TEST_TRAP_TVAL 33, PRV_U, CAUSE_ILLEGAL_INSN, 0x10559073, csrw stvec, a1
    SET_TEST 34
    csrr a0, stvec
    CHECK_EQ a0, 0x80000441
TEST_END
