# Framework self-test: failing through HTIF tohost exits with the test number.
# machine: spike
# expect-exit: 9
TEST_BEGIN
    TEST_RR_OP 8, sub, 1, 3, 2
    TEST_RR_OP 9, sub, 2, 3, 2
TEST_END
