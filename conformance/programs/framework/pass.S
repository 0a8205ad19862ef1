# Framework self-test: the smallest passing program, and the FP macros'
# quoting.
TEST_BEGIN
    TEST_RR_OP 1, add, 3, 1, 2
    TEST_FP_OP2_S 2, fadd.s, 0, F_TWO, F_ONE, F_ONE
    TEST_FP_OP2_S 3, fadd.s, 0, F_TWO, F_ONE, F_ONE, rtz
TEST_END
