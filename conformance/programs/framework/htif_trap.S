# Framework self-test: an unexpected trap through HTIF exits with
# 224 + mcause (breakpoint, 3).
# machine: spike
# expect-exit: 227
TEST_BEGIN
    ebreak
TEST_END
