# RV32A AMOs: amoswap, amoadd, amoxor, amoand, amoor, amomin, amomax,
# amominu, amomaxu. rd gets the old memory value, memory gets op(old, rs2);
# min/max compare signed, minu/maxu unsigned; rd == rs2, rd = x0 and the
# aq/rl variants. Reports through HTIF on the spike machine.
# machine: spike

.macro TEST_AMO n, inst, init, operand, newmem
    SET_TEST \n
    la a3, amo_word
    li a4, \init
    sw a4, 0(a3)
    li a2, \operand
    \inst a0, a2, (a3)
    CHECK_EQ a0, \init
    lw a0, 0(a3)
    CHECK_EQ a0, \newmem
    lw a0, 4(a3)
    CHECK_EQ a0, 0x5a5a5a5a
.endm

TEST_BEGIN
    # amoswap.w
    TEST_AMO 1, amoswap.w, 0x00000000, 0x00000000, 0x00000000
    TEST_AMO 2, amoswap.w, 0x00000001, 0x00000002, 0x00000002
    TEST_AMO 3, amoswap.w, 0xffffffff, 0x00000001, 0x00000001
    TEST_AMO 4, amoswap.w, 0x7fffffff, 0x00000001, 0x00000001
    TEST_AMO 5, amoswap.w, 0x80000000, 0xffffffff, 0xffffffff
    TEST_AMO 6, amoswap.w, 0x80000000, 0x7fffffff, 0x7fffffff
    TEST_AMO 7, amoswap.w, 0x7fffffff, 0x80000000, 0x80000000
    TEST_AMO 8, amoswap.w, 0xffffffff, 0x00000000, 0x00000000
    TEST_AMO 9, amoswap.w, 0x00000000, 0xffffffff, 0xffffffff
    TEST_AMO 10, amoswap.w, 0xf0f0f0f0, 0x0ff00ff0, 0x0ff00ff0
    TEST_AMO 11, amoswap.w, 0x12345678, 0xfedcba98, 0xfedcba98
    TEST_AMO 12, amoswap.w, 0x00000005, 0x00000005, 0x00000005
    TEST_AMO 13, amoswap.w.aq, 0x80000001, 0x7ffffffe, 0x7ffffffe
    TEST_AMO 14, amoswap.w.rl, 0x80000001, 0x7ffffffe, 0x7ffffffe
    TEST_AMO 15, amoswap.w.aqrl, 0x80000001, 0x7ffffffe, 0x7ffffffe
    # amoadd.w
    TEST_AMO 16, amoadd.w, 0x00000000, 0x00000000, 0x00000000
    TEST_AMO 17, amoadd.w, 0x00000001, 0x00000002, 0x00000003
    TEST_AMO 18, amoadd.w, 0xffffffff, 0x00000001, 0x00000000
    TEST_AMO 19, amoadd.w, 0x7fffffff, 0x00000001, 0x80000000
    TEST_AMO 20, amoadd.w, 0x80000000, 0xffffffff, 0x7fffffff
    TEST_AMO 21, amoadd.w, 0x80000000, 0x7fffffff, 0xffffffff
    TEST_AMO 22, amoadd.w, 0x7fffffff, 0x80000000, 0xffffffff
    TEST_AMO 23, amoadd.w, 0xffffffff, 0x00000000, 0xffffffff
    TEST_AMO 24, amoadd.w, 0x00000000, 0xffffffff, 0xffffffff
    TEST_AMO 25, amoadd.w, 0xf0f0f0f0, 0x0ff00ff0, 0x00e100e0
    TEST_AMO 26, amoadd.w, 0x12345678, 0xfedcba98, 0x11111110
    TEST_AMO 27, amoadd.w, 0x00000005, 0x00000005, 0x0000000a
    TEST_AMO 28, amoadd.w.aq, 0x80000001, 0x7ffffffe, 0xffffffff
    TEST_AMO 29, amoadd.w.rl, 0x80000001, 0x7ffffffe, 0xffffffff
    TEST_AMO 30, amoadd.w.aqrl, 0x80000001, 0x7ffffffe, 0xffffffff
    # amoxor.w
    TEST_AMO 31, amoxor.w, 0x00000000, 0x00000000, 0x00000000
    TEST_AMO 32, amoxor.w, 0x00000001, 0x00000002, 0x00000003
    TEST_AMO 33, amoxor.w, 0xffffffff, 0x00000001, 0xfffffffe
    TEST_AMO 34, amoxor.w, 0x7fffffff, 0x00000001, 0x7ffffffe
    TEST_AMO 35, amoxor.w, 0x80000000, 0xffffffff, 0x7fffffff
    TEST_AMO 36, amoxor.w, 0x80000000, 0x7fffffff, 0xffffffff
    TEST_AMO 37, amoxor.w, 0x7fffffff, 0x80000000, 0xffffffff
    TEST_AMO 38, amoxor.w, 0xffffffff, 0x00000000, 0xffffffff
    TEST_AMO 39, amoxor.w, 0x00000000, 0xffffffff, 0xffffffff
    TEST_AMO 40, amoxor.w, 0xf0f0f0f0, 0x0ff00ff0, 0xff00ff00
    TEST_AMO 41, amoxor.w, 0x12345678, 0xfedcba98, 0xece8ece0
    TEST_AMO 42, amoxor.w, 0x00000005, 0x00000005, 0x00000000
    TEST_AMO 43, amoxor.w.aq, 0x80000001, 0x7ffffffe, 0xffffffff
    TEST_AMO 44, amoxor.w.rl, 0x80000001, 0x7ffffffe, 0xffffffff
    TEST_AMO 45, amoxor.w.aqrl, 0x80000001, 0x7ffffffe, 0xffffffff
    # amoand.w
    TEST_AMO 46, amoand.w, 0x00000000, 0x00000000, 0x00000000
    TEST_AMO 47, amoand.w, 0x00000001, 0x00000002, 0x00000000
    TEST_AMO 48, amoand.w, 0xffffffff, 0x00000001, 0x00000001
    TEST_AMO 49, amoand.w, 0x7fffffff, 0x00000001, 0x00000001
    TEST_AMO 50, amoand.w, 0x80000000, 0xffffffff, 0x80000000
    TEST_AMO 51, amoand.w, 0x80000000, 0x7fffffff, 0x00000000
    TEST_AMO 52, amoand.w, 0x7fffffff, 0x80000000, 0x00000000
    TEST_AMO 53, amoand.w, 0xffffffff, 0x00000000, 0x00000000
    TEST_AMO 54, amoand.w, 0x00000000, 0xffffffff, 0x00000000
    TEST_AMO 55, amoand.w, 0xf0f0f0f0, 0x0ff00ff0, 0x00f000f0
    TEST_AMO 56, amoand.w, 0x12345678, 0xfedcba98, 0x12141218
    TEST_AMO 57, amoand.w, 0x00000005, 0x00000005, 0x00000005
    TEST_AMO 58, amoand.w.aq, 0x80000001, 0x7ffffffe, 0x00000000
    TEST_AMO 59, amoand.w.rl, 0x80000001, 0x7ffffffe, 0x00000000
    TEST_AMO 60, amoand.w.aqrl, 0x80000001, 0x7ffffffe, 0x00000000
    # amoor.w
    TEST_AMO 61, amoor.w, 0x00000000, 0x00000000, 0x00000000
    TEST_AMO 62, amoor.w, 0x00000001, 0x00000002, 0x00000003
    TEST_AMO 63, amoor.w, 0xffffffff, 0x00000001, 0xffffffff
    TEST_AMO 64, amoor.w, 0x7fffffff, 0x00000001, 0x7fffffff
    TEST_AMO 65, amoor.w, 0x80000000, 0xffffffff, 0xffffffff
    TEST_AMO 66, amoor.w, 0x80000000, 0x7fffffff, 0xffffffff
    TEST_AMO 67, amoor.w, 0x7fffffff, 0x80000000, 0xffffffff
    TEST_AMO 68, amoor.w, 0xffffffff, 0x00000000, 0xffffffff
    TEST_AMO 69, amoor.w, 0x00000000, 0xffffffff, 0xffffffff
    TEST_AMO 70, amoor.w, 0xf0f0f0f0, 0x0ff00ff0, 0xfff0fff0
    TEST_AMO 71, amoor.w, 0x12345678, 0xfedcba98, 0xfefcfef8
    TEST_AMO 72, amoor.w, 0x00000005, 0x00000005, 0x00000005
    TEST_AMO 73, amoor.w.aq, 0x80000001, 0x7ffffffe, 0xffffffff
    TEST_AMO 74, amoor.w.rl, 0x80000001, 0x7ffffffe, 0xffffffff
    TEST_AMO 75, amoor.w.aqrl, 0x80000001, 0x7ffffffe, 0xffffffff
    # amomin.w
    TEST_AMO 76, amomin.w, 0x00000000, 0x00000000, 0x00000000
    TEST_AMO 77, amomin.w, 0x00000001, 0x00000002, 0x00000001
    TEST_AMO 78, amomin.w, 0xffffffff, 0x00000001, 0xffffffff
    TEST_AMO 79, amomin.w, 0x7fffffff, 0x00000001, 0x00000001
    TEST_AMO 80, amomin.w, 0x80000000, 0xffffffff, 0x80000000
    TEST_AMO 81, amomin.w, 0x80000000, 0x7fffffff, 0x80000000
    TEST_AMO 82, amomin.w, 0x7fffffff, 0x80000000, 0x80000000
    TEST_AMO 83, amomin.w, 0xffffffff, 0x00000000, 0xffffffff
    TEST_AMO 84, amomin.w, 0x00000000, 0xffffffff, 0xffffffff
    TEST_AMO 85, amomin.w, 0xf0f0f0f0, 0x0ff00ff0, 0xf0f0f0f0
    TEST_AMO 86, amomin.w, 0x12345678, 0xfedcba98, 0xfedcba98
    TEST_AMO 87, amomin.w, 0x00000005, 0x00000005, 0x00000005
    TEST_AMO 88, amomin.w.aq, 0x80000001, 0x7ffffffe, 0x80000001
    TEST_AMO 89, amomin.w.rl, 0x80000001, 0x7ffffffe, 0x80000001
    TEST_AMO 90, amomin.w.aqrl, 0x80000001, 0x7ffffffe, 0x80000001
    # amomax.w
    TEST_AMO 91, amomax.w, 0x00000000, 0x00000000, 0x00000000
    TEST_AMO 92, amomax.w, 0x00000001, 0x00000002, 0x00000002
    TEST_AMO 93, amomax.w, 0xffffffff, 0x00000001, 0x00000001
    TEST_AMO 94, amomax.w, 0x7fffffff, 0x00000001, 0x7fffffff
    TEST_AMO 95, amomax.w, 0x80000000, 0xffffffff, 0xffffffff
    TEST_AMO 96, amomax.w, 0x80000000, 0x7fffffff, 0x7fffffff
    TEST_AMO 97, amomax.w, 0x7fffffff, 0x80000000, 0x7fffffff
    TEST_AMO 98, amomax.w, 0xffffffff, 0x00000000, 0x00000000
    TEST_AMO 99, amomax.w, 0x00000000, 0xffffffff, 0x00000000
    TEST_AMO 100, amomax.w, 0xf0f0f0f0, 0x0ff00ff0, 0x0ff00ff0
    TEST_AMO 101, amomax.w, 0x12345678, 0xfedcba98, 0x12345678
    TEST_AMO 102, amomax.w, 0x00000005, 0x00000005, 0x00000005
    TEST_AMO 103, amomax.w.aq, 0x80000001, 0x7ffffffe, 0x7ffffffe
    TEST_AMO 104, amomax.w.rl, 0x80000001, 0x7ffffffe, 0x7ffffffe
    TEST_AMO 105, amomax.w.aqrl, 0x80000001, 0x7ffffffe, 0x7ffffffe
    # amominu.w
    TEST_AMO 106, amominu.w, 0x00000000, 0x00000000, 0x00000000
    TEST_AMO 107, amominu.w, 0x00000001, 0x00000002, 0x00000001
    TEST_AMO 108, amominu.w, 0xffffffff, 0x00000001, 0x00000001
    TEST_AMO 109, amominu.w, 0x7fffffff, 0x00000001, 0x00000001
    TEST_AMO 110, amominu.w, 0x80000000, 0xffffffff, 0x80000000
    TEST_AMO 111, amominu.w, 0x80000000, 0x7fffffff, 0x7fffffff
    TEST_AMO 112, amominu.w, 0x7fffffff, 0x80000000, 0x7fffffff
    TEST_AMO 113, amominu.w, 0xffffffff, 0x00000000, 0x00000000
    TEST_AMO 114, amominu.w, 0x00000000, 0xffffffff, 0x00000000
    TEST_AMO 115, amominu.w, 0xf0f0f0f0, 0x0ff00ff0, 0x0ff00ff0
    TEST_AMO 116, amominu.w, 0x12345678, 0xfedcba98, 0x12345678
    TEST_AMO 117, amominu.w, 0x00000005, 0x00000005, 0x00000005
    TEST_AMO 118, amominu.w.aq, 0x80000001, 0x7ffffffe, 0x7ffffffe
    TEST_AMO 119, amominu.w.rl, 0x80000001, 0x7ffffffe, 0x7ffffffe
    TEST_AMO 120, amominu.w.aqrl, 0x80000001, 0x7ffffffe, 0x7ffffffe
    # amomaxu.w
    TEST_AMO 121, amomaxu.w, 0x00000000, 0x00000000, 0x00000000
    TEST_AMO 122, amomaxu.w, 0x00000001, 0x00000002, 0x00000002
    TEST_AMO 123, amomaxu.w, 0xffffffff, 0x00000001, 0xffffffff
    TEST_AMO 124, amomaxu.w, 0x7fffffff, 0x00000001, 0x7fffffff
    TEST_AMO 125, amomaxu.w, 0x80000000, 0xffffffff, 0xffffffff
    TEST_AMO 126, amomaxu.w, 0x80000000, 0x7fffffff, 0x80000000
    TEST_AMO 127, amomaxu.w, 0x7fffffff, 0x80000000, 0x80000000
    TEST_AMO 128, amomaxu.w, 0xffffffff, 0x00000000, 0xffffffff
    TEST_AMO 129, amomaxu.w, 0x00000000, 0xffffffff, 0xffffffff
    TEST_AMO 130, amomaxu.w, 0xf0f0f0f0, 0x0ff00ff0, 0xf0f0f0f0
    TEST_AMO 131, amomaxu.w, 0x12345678, 0xfedcba98, 0xfedcba98
    TEST_AMO 132, amomaxu.w, 0x00000005, 0x00000005, 0x00000005
    TEST_AMO 133, amomaxu.w.aq, 0x80000001, 0x7ffffffe, 0x80000001
    TEST_AMO 134, amomaxu.w.rl, 0x80000001, 0x7ffffffe, 0x80000001
    TEST_AMO 135, amomaxu.w.aqrl, 0x80000001, 0x7ffffffe, 0x80000001

    # rd == rs2: the old value lands in rd, the operand was read first
    SET_TEST 190
    la a3, amo_word
    li a4, 40
    sw a4, 0(a3)
    li a2, 2
    amoadd.w a2, a2, (a3)
    CHECK_EQ a2, 40
    lw a0, 0(a3)
    CHECK_EQ a0, 42
    # rd = x0: memory is still updated
    SET_TEST 191
    li a2, 0x100
    amoor.w x0, a2, (a3)
    lw a0, 0(a3)
    CHECK_EQ a0, 0x12a
    mv a0, x0
    CHECK_EQ a0, 0
    # rs2 = x0: amoswap with zero, amoadd with zero reads only
    SET_TEST 192
    amoswap.w a0, x0, (a3)
    CHECK_EQ a0, 0x12a
    lw a0, 0(a3)
    CHECK_EQ a0, 0
    SET_TEST 193
    li a4, 77
    sw a4, 0(a3)
    amoadd.w a0, x0, (a3)
    CHECK_EQ a0, 77
    lw a0, 0(a3)
    CHECK_EQ a0, 77
    # rd == rs1: the address register is overwritten by the old value
    SET_TEST 194
    la a3, amo_word
    mv a5, a3
    li a2, 1
    amoadd.w a3, a2, (a3)
    CHECK_EQ a3, 77
    lw a0, 0(a5)
    CHECK_EQ a0, 78
TEST_END

.data
.p2align 3
amo_word:
    .word 0, 0x5a5a5a5a
