# Self-test of PRIV_TEST_TRAP_TVAL and PRIV_IRQ_ARM_RESUME: a trap with
# the right cause but the wrong mtval fails (test 3); before that, an
# interrupt is recorded and M-mode resumes with MIE = 0 (tests 1, 2).
# expect-exit: 3
TEST_BEGIN
    PRIV_PMP_OPEN
    SET_TEST 1
    li a1, MIP_SSIP
    csrw mie, a1
    csrs mip, a1
    PRIV_IRQ_ARM_RESUME 1f
    li a1, MSTATUS_MIE
    csrs mstatus, a1
2:  j 2b
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_IRQ | IRQ_SSI
    SET_TEST 2
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, MSTATUS_MIE, 0
    csrw mip, zero
    csrw mie, zero
    PRIV_TEST_TRAP_TVAL 3, PRV_S, CAUSE_ILLEGAL_INSN, 0x12345678, csrr a0, mstatus
TEST_END
