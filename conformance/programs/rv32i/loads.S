# RV32I loads: lb, lbu, lh, lhu, lw with sign/zero extension, positive and
# negative offsets, and rd == base.
TEST_BEGIN
    TEST_LD_OP 1, lb, 0xffffffff, 0, tdat_b
    TEST_LD_OP 2, lb, 0x00000000, 1, tdat_b
    TEST_LD_OP 3, lb, 0xfffffff0, 2, tdat_b
    TEST_LD_OP 4, lb, 0x0000000f, 3, tdat_b
    TEST_LD_OP 5, lb, 0xffffff80, 4, tdat_b
    TEST_LD_OP 6, lb, 0x0000007f, 5, tdat_b
    TEST_LD_OP 7, lb, 0x0000007f, -3, tdat_b_end
    TEST_LD_OP 8, lb, 0x0000007f, -1, tdat_b_mid

    TEST_LD_OP 10, lbu, 0x000000ff, 0, tdat_b
    TEST_LD_OP 11, lbu, 0x00000000, 1, tdat_b
    TEST_LD_OP 12, lbu, 0x000000f0, 2, tdat_b
    TEST_LD_OP 13, lbu, 0x0000000f, 3, tdat_b
    TEST_LD_OP 14, lbu, 0x00000080, 4, tdat_b
    TEST_LD_OP 15, lbu, 0x0000007f, 5, tdat_b
    TEST_LD_OP 16, lbu, 0x00000080, -2, tdat_b_mid

    TEST_LD_OP 20, lh, 0x000000ff, 0, tdat_h
    TEST_LD_OP 21, lh, 0xffffff00, 2, tdat_h
    TEST_LD_OP 22, lh, 0x00000ff0, 4, tdat_h
    TEST_LD_OP 23, lh, 0xfffff00f, 6, tdat_h
    TEST_LD_OP 24, lh, 0xffff8000, 8, tdat_h
    TEST_LD_OP 25, lh, 0x00007fff, 10, tdat_h
    TEST_LD_OP 26, lh, 0xfffff00f, -6, tdat_h_end

    TEST_LD_OP 30, lhu, 0x000000ff, 0, tdat_h
    TEST_LD_OP 31, lhu, 0x0000ff00, 2, tdat_h
    TEST_LD_OP 32, lhu, 0x00000ff0, 4, tdat_h
    TEST_LD_OP 33, lhu, 0x0000f00f, 6, tdat_h
    TEST_LD_OP 34, lhu, 0x00008000, 8, tdat_h
    TEST_LD_OP 35, lhu, 0x00007fff, 10, tdat_h
    TEST_LD_OP 36, lhu, 0x0000ff00, -10, tdat_h_end

    TEST_LD_OP 40, lw, 0x00ff00ff, 0, tdat_w
    TEST_LD_OP 41, lw, 0xff00ff00, 4, tdat_w
    TEST_LD_OP 42, lw, 0x0ff00ff0, 8, tdat_w
    TEST_LD_OP 43, lw, 0xf00ff00f, 12, tdat_w
    TEST_LD_OP 44, lw, 0x0ff00ff0, -8, tdat_w_end
    TEST_LD_OP 45, lw, 0x00ff00ff, -16, tdat_w_end
    # little-endian byte order
    TEST_LD_OP 46, lw, 0x0ff000ff, 0, tdat_b
    TEST_LD_OP 47, lh, 0x00007f80, 4, tdat_b

    # rd == base register
    SET_TEST 50
    la a0, tdat_w
    lw a0, 4(a0)
    CHECK_EQ a0, 0xff00ff00
    # a 2047 and -2048 offset
    SET_TEST 51
    la a1, tdat_w - 2047
    lw a0, 2047(a1)
    CHECK_EQ a0, 0x00ff00ff
    SET_TEST 52
    la a1, tdat_w + 2048
    lw a0, -2048(a1)
    CHECK_EQ a0, 0x00ff00ff
    # a load into x0 is performed but x0 stays 0
    SET_TEST 53
    la a1, tdat_w
    lw x0, 0(a1)
    lb x0, 0(a1)
    mv a0, x0
    CHECK_EQ a0, 0
TEST_END

.data
.p2align 2
tdat_b:
    .byte 0xff, 0x00, 0xf0, 0x0f, 0x80, 0x7f
tdat_b_mid:
    .byte 0x0f, 0xff
tdat_b_end:
.p2align 2
tdat_h:
    .half 0x00ff, 0xff00, 0x0ff0, 0xf00f, 0x8000, 0x7fff
tdat_h_end:
.p2align 2
tdat_w:
    .word 0x00ff00ff, 0xff00ff00, 0x0ff00ff0, 0xf00ff00f
tdat_w_end:
