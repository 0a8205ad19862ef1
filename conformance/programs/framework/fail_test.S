# Framework self-test: a failing check ends the run with the test number
# (through the virt test finisher) after passing tests before it.
# expect-exit: 7
TEST_BEGIN
    TEST_RR_OP 6, add, 3, 1, 2
    TEST_RR_OP 7, add, 4, 1, 2
    TEST_RR_OP 8, add, 3, 1, 2
TEST_END
