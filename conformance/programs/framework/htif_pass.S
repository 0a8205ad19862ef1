# Framework self-test: passing through HTIF tohost on the spike machine.
# machine: spike
TEST_BEGIN
    TEST_RR_OP 1, add, 3, 1, 2
    TEST_FP_OP2_D 2, fadd.d, 0, D_TWO, D_ONE, D_ONE
TEST_END
