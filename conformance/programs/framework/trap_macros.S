# Framework self-test: the expected-trap macros. The recording handler skips
# 4- and 2-byte instructions, keeps every register, records mcause, mtval and
# mepc, disarms itself after one trap, and TRAP_ARM_RESUME resumes at a label.
TEST_BEGIN
    # 4-byte ecall is skipped; mepc is its address.
    TEST_TRAP 1, CAUSE_ECALL_M, ecall
    SET_TEST 2
    la a3, 1f
    TRAP_ARM
1:  ecall
    TRAP_DISARM
    TRAP_READ a4, TRAP_MEPC
    bne a3, a4, __fail
    TRAP_READ a4, TRAP_COUNT
    CHECK_EQ a4, 1

    # 2-byte c.ebreak is skipped by 2 bytes: the following c.li must run.
    SET_TEST 3
    li a0, 0
    TRAP_ARM
    c.ebreak
    c.li a0, 5
    TRAP_DISARM
    CHECK_EQ a0, 5
    TRAP_READ a4, TRAP_MCAUSE
    CHECK_EQ a4, CAUSE_BREAKPOINT

    # Every register survives the handler.
    SET_TEST 4
    li t0, 0x1111
    li t1, 0x2222
    li t2, 0x3333
    li a0, 0x4444
    mv s2, sp
    TRAP_ARM
    ecall
    TRAP_DISARM
    CHECK_EQ t0, 0x1111
    CHECK_EQ t1, 0x2222
    CHECK_EQ t2, 0x3333
    CHECK_EQ a0, 0x4444
    bne s2, sp, __fail

    # Without a trap the count stays 0.
    SET_TEST 5
    TRAP_ARM
    nop
    TRAP_DISARM
    TRAP_READ a4, TRAP_COUNT
    CHECK_EQ a4, 0

    # TRAP_ARM_RESUME: execution continues at the label, not after the insn.
    SET_TEST 6
    li a0, 0
    TRAP_ARM_RESUME 2f
    ecall
    li a0, 1
2:  TRAP_DISARM
    CHECK_EQ a0, 0
    TRAP_READ a4, TRAP_MCAUSE
    CHECK_EQ a4, CAUSE_ECALL_M

    # An illegal 2-byte instruction (c.unimp, 0x0000) and a 4-byte one.
    TEST_TRAP 7, CAUSE_ILLEGAL_INSN, .half 0
    TEST_TRAP 8, CAUSE_ILLEGAL_INSN, .word 0xffffffff
    # A load from a misaligned address does not trap (QEMU performs it);
    # a misaligned AMO does (see rv32a).
    TEST_TRAP_TVAL 9, CAUSE_ECALL_M, 0, ecall
TEST_END
