# Framework self-test: an unexpected exception ends the run with 224 + mcause
# (here an illegal instruction, mcause 2).
# expect-exit: 226
TEST_BEGIN
    TEST_RR_OP 1, add, 3, 1, 2
    .word 0
TEST_END
