# Framework self-test: an unexpected ecall from M-mode ends the run with
# 224 + 11.
# expect-exit: 235
TEST_BEGIN
    ecall
TEST_END
