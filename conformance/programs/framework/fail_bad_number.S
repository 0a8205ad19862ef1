# Framework self-test: FAIL with gp outside 1..199 exits with 200, so a test
# number can never turn into "pass" (0) or a trap code.
# expect-exit: 200
TEST_BEGIN
    li gp, 256
    FAIL
TEST_END
