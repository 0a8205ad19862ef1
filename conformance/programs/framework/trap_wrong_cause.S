# Framework self-test: TEST_TRAP fails when the cause differs.
# expect-exit: 3
TEST_BEGIN
    TEST_TRAP 3, CAUSE_ILLEGAL_INSN, ecall
TEST_END
