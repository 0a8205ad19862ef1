# RV32I register-immediate ALU ops: addi, slti, sltiu, andi, ori, xori.
# The 12-bit immediate is sign-extended (also for sltiu and the logic ops);
# x0 as source reads 0, as destination is ignored (addi x0, x0, 0 = nop).
TEST_BEGIN
    # addi
    TEST_IMM_OP 1, addi, 0, 0, 0
    TEST_IMM_OP 2, addi, 2, 1, 1
    TEST_IMM_OP 3, addi, 10, 3, 7
    TEST_IMM_OP 4, addi, 0xfffff800, 0, -2048
    TEST_IMM_OP 5, addi, 0x80000000, 0x80000000, 0
    TEST_IMM_OP 6, addi, 0x7ffff800, 0x80000000, -2048
    TEST_IMM_OP 7, addi, 0x000007ff, 0, 2047
    TEST_IMM_OP 8, addi, 0x800007fe, 0x7fffffff, 2047
    TEST_IMM_OP 9, addi, 0x80000000, 0x7fffffff, 1
    TEST_IMM_OP 10, addi, 0x7fffffff, 0x80000000, -1
    TEST_IMM_OP 11, addi, 0, 0xffffffff, 1
    TEST_IMM_OP 12, addi, 0xfffffffe, 0xffffffff, -1
    TEST_IMM_SRC1_EQ_DEST 13, addi, 24, 13, 11
    TEST_IMM_ZEROSRC1 14, addi, 32, 32
    TEST_IMM_ZEROSRC1 15, addi, -2048, -2048
    TEST_IMM_ZERODEST 16, addi, 33, 50

    # slti (signed)
    TEST_IMM_OP 20, slti, 0, 0, 0
    TEST_IMM_OP 21, slti, 0, 1, 1
    TEST_IMM_OP 22, slti, 1, 3, 7
    TEST_IMM_OP 23, slti, 0, 7, 3
    TEST_IMM_OP 24, slti, 0, 0, -2048
    TEST_IMM_OP 25, slti, 1, 0x80000000, 0
    TEST_IMM_OP 26, slti, 1, 0x80000000, -2048
    TEST_IMM_OP 27, slti, 1, 0, 2047
    TEST_IMM_OP 28, slti, 0, 0x7fffffff, 2047
    TEST_IMM_OP 29, slti, 0, 0x7fffffff, -2048
    TEST_IMM_OP 30, slti, 1, 0xffffffff, 0
    TEST_IMM_OP 31, slti, 0, 0xffffffff, -1
    TEST_IMM_OP 32, slti, 1, 0xfffff7ff, -2048
    TEST_IMM_SRC1_EQ_DEST 33, slti, 1, 11, 13
    TEST_IMM_ZEROSRC1 34, slti, 0, -1
    TEST_IMM_ZEROSRC1 35, slti, 1, 1
    TEST_IMM_ZERODEST 36, slti, 0x00ff00ff, 0x7f

    # sltiu: the immediate is sign-extended, then compared unsigned
    TEST_IMM_OP 40, sltiu, 0, 0, 0
    TEST_IMM_OP 41, sltiu, 0, 1, 1
    TEST_IMM_OP 42, sltiu, 1, 3, 7
    TEST_IMM_OP 43, sltiu, 0, 7, 3
    TEST_IMM_OP 44, sltiu, 1, 0, -2048
    TEST_IMM_OP 45, sltiu, 0, 0x80000000, 0
    TEST_IMM_OP 46, sltiu, 1, 0x80000000, -2048
    TEST_IMM_OP 47, sltiu, 1, 0, 2047
    TEST_IMM_OP 48, sltiu, 0, 0x7fffffff, 2047
    TEST_IMM_OP 49, sltiu, 1, 0x7fffffff, -2048
    TEST_IMM_OP 50, sltiu, 0, 0xffffffff, -1
    TEST_IMM_OP 51, sltiu, 1, 0xfffffffe, -1
    TEST_IMM_OP 52, sltiu, 0, 0xfffff800, -2048
    TEST_IMM_OP 53, sltiu, 1, 0xfffff7ff, -2048
    # sltiu rd, rs1, 1 is seqz
    TEST_IMM_OP 54, sltiu, 1, 0, 1
    TEST_IMM_OP 55, sltiu, 0, 0x80000000, 1
    TEST_IMM_SRC1_EQ_DEST 56, sltiu, 1, 11, 13
    TEST_IMM_ZEROSRC1 57, sltiu, 1, -1
    TEST_IMM_ZEROSRC1 58, sltiu, 0, 0
    TEST_IMM_ZERODEST 59, sltiu, 0x00ff00ff, 0x7f

    # andi
    TEST_IMM_OP 60, andi, 0xff00ff00, 0xff00ff00, -256
    TEST_IMM_OP 61, andi, 0x000000f0, 0x0ff00ff0, 0x0f0
    TEST_IMM_OP 62, andi, 0x0000000f, 0x00ff00ff, 0x70f
    TEST_IMM_OP 63, andi, 0x00000000, 0xf00ff00f, 0x0f0
    TEST_IMM_OP 64, andi, 0xf00ff00f, 0xf00ff00f, -1
    TEST_IMM_OP 65, andi, 0x00000000, 0xffffffff, 0
    TEST_IMM_OP 66, andi, 0xfffff800, 0xffffffff, -2048
    TEST_IMM_SRC1_EQ_DEST 67, andi, 0x00000000, 0xff00ff00, 0x0f0
    TEST_IMM_ZEROSRC1 68, andi, 0, 0x0f0
    TEST_IMM_ZERODEST 69, andi, 0x00ff00ff, 0x70f

    # ori
    TEST_IMM_OP 70, ori, 0xffffff0f, 0xff00ff00, -241
    TEST_IMM_OP 71, ori, 0x0ff00ff0, 0x0ff00ff0, 0x0f0
    TEST_IMM_OP 72, ori, 0x00ff07ff, 0x00ff00ff, 0x70f
    TEST_IMM_OP 73, ori, 0xf00ff0ff, 0xf00ff00f, 0x0f0
    TEST_IMM_OP 74, ori, 0xfffff800, 0, -2048
    TEST_IMM_SRC1_EQ_DEST 75, ori, 0xff00fff0, 0xff00ff00, 0x0f0
    TEST_IMM_ZEROSRC1 76, ori, 0x0f0, 0x0f0
    TEST_IMM_ZERODEST 77, ori, 0x00ff00ff, 0x70f

    # xori (xori rd, rs1, -1 is not)
    TEST_IMM_OP 80, xori, 0xff00f00f, 0x00ff0f00, -241
    TEST_IMM_OP 81, xori, 0x0ff00f00, 0x0ff00ff0, 0x0f0
    TEST_IMM_OP 82, xori, 0x00ff0ff0, 0x00ff08ff, 0x70f
    TEST_IMM_OP 83, xori, 0xf00ff0ff, 0xf00ff00f, 0x0f0
    TEST_IMM_OP 84, xori, 0x0ff00ff0, 0xf00ff00f, -1
    TEST_IMM_OP 85, xori, 0x000007ff, 0, 2047
    TEST_IMM_SRC1_EQ_DEST 86, xori, 0xff00f00f, 0xff00f700, 0x70f
    TEST_IMM_ZEROSRC1 87, xori, 0x0f0, 0x0f0
    TEST_IMM_ZERODEST 88, xori, 0x00ff00ff, 0x70f

    # addi x0, x0, 0 (nop) changes nothing; c.nop too
    SET_TEST 90
    li a0, 0x1234
    nop
    addi x0, x0, 0
    addi x0, x0, 5
    CHECK_EQ a0, 0x1234
    mv a0, x0
    CHECK_EQ a0, 0
TEST_END
