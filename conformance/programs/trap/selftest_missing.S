# Self-test of PRIV_TEST_TRAP: an instruction that does not trap in U-mode
# is caught (the ecall after it is recorded instead, cause 8), so test 2
# fails. Test 1 shows a real trap passes.
# expect-exit: 2
TEST_BEGIN
    PRIV_PMP_OPEN
    PRIV_TEST_TRAP 1, PRV_U, CAUSE_ILLEGAL_INSN, csrr a0, mstatus
    PRIV_TEST_TRAP 2, PRV_U, CAUSE_ILLEGAL_INSN, nop
TEST_END
