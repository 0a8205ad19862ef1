# RV32A lr.w / sc.w: sc succeeds (rd = 0, memory written) only for the
# address reserved by the most recent lr; any sc ends the reservation; a
# failing sc (rd != 0) writes nothing; aq/rl bits decode; an lr/sc loop.
TEST_BEGIN
    # No lr since reset: sc fails and leaves memory alone.
    SET_TEST 1
    la a3, res_a
    li a2, 0x1111
    sc.w a0, a2, (a3)
    beqz a0, __fail
    lw a0, 0(a3)
    CHECK_EQ a0, 0xaaaa

    # lr reads, sc to the same address succeeds.
    SET_TEST 2
    lr.w a0, (a3)
    CHECK_EQ a0, 0xaaaa
    SET_TEST 3
    li a2, 0x2222
    sc.w a0, a2, (a3)
    CHECK_EQ a0, 0
    lw a0, 0(a3)
    CHECK_EQ a0, 0x2222

    # A second sc without a new lr fails.
    SET_TEST 4
    li a2, 0x3333
    sc.w a0, a2, (a3)
    beqz a0, __fail
    lw a0, 0(a3)
    CHECK_EQ a0, 0x2222

    # sc to another address fails, and ends the reservation.
    SET_TEST 5
    la a4, res_b
    lr.w a0, (a3)
    li a2, 0x4444
    sc.w a0, a2, (a4)
    beqz a0, __fail
    lw a0, 0(a4)
    CHECK_EQ a0, 0xbbbb
    SET_TEST 6
    sc.w a0, a2, (a3)
    beqz a0, __fail
    lw a0, 0(a3)
    CHECK_EQ a0, 0x2222

    # The most recent lr counts: lr a; lr b; sc b succeeds.
    SET_TEST 7
    lr.w a0, (a3)
    lr.w a0, (a4)
    CHECK_EQ a0, 0xbbbb
    li a2, 0x5555
    sc.w a0, a2, (a4)
    CHECK_EQ a0, 0
    lw a0, 0(a4)
    CHECK_EQ a0, 0x5555
    # ... and lr a; lr b; sc a fails.
    SET_TEST 8
    lr.w a0, (a3)
    lr.w a0, (a4)
    li a2, 0x6666
    sc.w a0, a2, (a3)
    beqz a0, __fail
    lw a0, 0(a3)
    CHECK_EQ a0, 0x2222

    # A failed sc after a successful one: sc; sc.
    SET_TEST 9
    lr.w a0, (a3)
    li a2, 0x7777
    sc.w a0, a2, (a3)
    CHECK_EQ a0, 0
    li a2, 0x8888
    sc.w a0, a2, (a3)
    beqz a0, __fail
    lw a0, 0(a3)
    CHECK_EQ a0, 0x7777

    # aq / rl / aqrl variants.
    SET_TEST 10
    lr.w.aq a0, (a3)
    CHECK_EQ a0, 0x7777
    li a2, 0x9999
    sc.w.rl a0, a2, (a3)
    CHECK_EQ a0, 0
    SET_TEST 11
    lr.w.aqrl a0, (a3)
    CHECK_EQ a0, 0x9999
    li a2, 0xa0a0
    sc.w.aqrl a0, a2, (a3)
    CHECK_EQ a0, 0
    lw a0, 0(a3)
    CHECK_EQ a0, 0xa0a0

    # rd == rs2 for sc: the old rs2 is stored, then rd gets the result.
    SET_TEST 12
    lr.w a0, (a3)
    li a2, 0xb0b0
    sc.w a2, a2, (a3)
    CHECK_EQ a2, 0
    lw a0, 0(a3)
    CHECK_EQ a0, 0xb0b0
    # rd == rs1 for lr.
    SET_TEST 13
    mv a5, a3
    lr.w a5, (a5)
    CHECK_EQ a5, 0xb0b0
    # sc with rd = x0 still stores on success.
    SET_TEST 14
    lr.w a0, (a3)
    li a2, 0xc0c0
    sc.w x0, a2, (a3)
    lw a0, 0(a3)
    CHECK_EQ a0, 0xc0c0

    # An lr/sc retry loop: atomic add of 5, ten times.
    SET_TEST 15
    sw zero, 0(a3)
    li s0, 10
1:  lr.w a0, (a3)
    addi a0, a0, 5
    sc.w a1, a0, (a3)
    bnez a1, 1b
    addi s0, s0, -1
    bnez s0, 1b
    lw a0, 0(a3)
    CHECK_EQ a0, 50
TEST_END

.data
.p2align 6
res_a:
    .word 0xaaaa
.p2align 8
res_b:
    .word 0xbbbb
