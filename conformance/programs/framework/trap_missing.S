# Framework self-test: TEST_TRAP fails when the instruction does not trap.
# expect-exit: 5
TEST_BEGIN
    TEST_TRAP 4, CAUSE_ECALL_M, ecall
    TEST_TRAP 5, CAUSE_ECALL_M, nop
TEST_END
