# RV32M multiplies: mul (low word), mulh (signed x signed), mulhsu
# (signed rs1 x unsigned rs2), mulhu (unsigned) high words, at the sign
# and overflow edges; rd == rs1/rs2 and x0 operands.
TEST_BEGIN
    # mul
    TEST_RR_OP 1, mul, 0x00000000, 0x00000000, 0x00000000
    TEST_RR_OP 2, mul, 0x00000001, 0x00000001, 0x00000001
    TEST_RR_OP 3, mul, 0x00000015, 0x00000003, 0x00000007
    TEST_RR_OP 4, mul, 0x00000000, 0x00000000, 0xffff8000
    TEST_RR_OP 5, mul, 0x00000000, 0x80000000, 0x00000000
    TEST_RR_OP 6, mul, 0x00000000, 0x80000000, 0xffff8000
    TEST_RR_OP 7, mul, 0x0000ff7f, 0xaaaaaaab, 0x0002fe7d
    TEST_RR_OP 8, mul, 0x0000ff7f, 0x0002fe7d, 0xaaaaaaab
    TEST_RR_OP 9, mul, 0x00000000, 0xff000000, 0xff000000
    TEST_RR_OP 10, mul, 0x00000001, 0xffffffff, 0xffffffff
    TEST_RR_OP 11, mul, 0xffffffff, 0xffffffff, 0x00000001
    TEST_RR_OP 12, mul, 0xffffffff, 0x00000001, 0xffffffff
    TEST_RR_OP 13, mul, 0x00000000, 0x80000000, 0x80000000
    TEST_RR_OP 14, mul, 0x00000001, 0x7fffffff, 0x7fffffff
    TEST_RR_OP 15, mul, 0x80000000, 0x80000000, 0x7fffffff
    TEST_RR_OP 16, mul, 0x80000000, 0x7fffffff, 0x80000000
    TEST_RR_OP 17, mul, 0x80000000, 0x80000000, 0xffffffff
    TEST_RR_OP 18, mul, 0x80000000, 0xffffffff, 0x80000000
    TEST_RR_OP 19, mul, 0x242d2080, 0x12345678, 0x9abcdef0
    TEST_RR_SRC1_EQ_DEST 20, mul, 0xff10138f, 0xfffff00d, 0x00000f0b
    TEST_RR_SRC2_EQ_DEST 21, mul, 0xff10138f, 0xfffff00d, 0x00000f0b
    TEST_RR_SRC12_EQ_DEST 22, mul, 0x00fe60a9, 0xfffff00d
    TEST_RR_ZEROSRC1 23, mul, 0, 0x00000f0b
    TEST_RR_ZEROSRC2 24, mul, 0, 0xfffff00d
    TEST_RR_ZERODEST 25, mul, 0xfffff00d, 0x00000f0b
    # mulh
    TEST_RR_OP 50, mulh, 0x00000000, 0x00000000, 0x00000000
    TEST_RR_OP 51, mulh, 0x00000000, 0x00000001, 0x00000001
    TEST_RR_OP 52, mulh, 0x00000000, 0x00000003, 0x00000007
    TEST_RR_OP 53, mulh, 0x00000000, 0x00000000, 0xffff8000
    TEST_RR_OP 54, mulh, 0x00000000, 0x80000000, 0x00000000
    TEST_RR_OP 55, mulh, 0x00004000, 0x80000000, 0xffff8000
    TEST_RR_OP 56, mulh, 0xffff0081, 0xaaaaaaab, 0x0002fe7d
    TEST_RR_OP 57, mulh, 0xffff0081, 0x0002fe7d, 0xaaaaaaab
    TEST_RR_OP 58, mulh, 0x00010000, 0xff000000, 0xff000000
    TEST_RR_OP 59, mulh, 0x00000000, 0xffffffff, 0xffffffff
    TEST_RR_OP 60, mulh, 0xffffffff, 0xffffffff, 0x00000001
    TEST_RR_OP 61, mulh, 0xffffffff, 0x00000001, 0xffffffff
    TEST_RR_OP 62, mulh, 0x40000000, 0x80000000, 0x80000000
    TEST_RR_OP 63, mulh, 0x3fffffff, 0x7fffffff, 0x7fffffff
    TEST_RR_OP 64, mulh, 0xc0000000, 0x80000000, 0x7fffffff
    TEST_RR_OP 65, mulh, 0xc0000000, 0x7fffffff, 0x80000000
    TEST_RR_OP 66, mulh, 0x00000000, 0x80000000, 0xffffffff
    TEST_RR_OP 67, mulh, 0x00000000, 0xffffffff, 0x80000000
    TEST_RR_OP 68, mulh, 0xf8cc93d6, 0x12345678, 0x9abcdef0
    TEST_RR_SRC1_EQ_DEST 69, mulh, 0xffffffff, 0xfffff00d, 0x00000f0b
    TEST_RR_SRC2_EQ_DEST 70, mulh, 0xffffffff, 0xfffff00d, 0x00000f0b
    TEST_RR_SRC12_EQ_DEST 71, mulh, 0x00000000, 0xfffff00d
    TEST_RR_ZEROSRC1 72, mulh, 0, 0x00000f0b
    TEST_RR_ZEROSRC2 73, mulh, 0, 0xfffff00d
    TEST_RR_ZERODEST 74, mulh, 0xfffff00d, 0x00000f0b
    # mulhsu
    TEST_RR_OP 100, mulhsu, 0x00000000, 0x00000000, 0x00000000
    TEST_RR_OP 101, mulhsu, 0x00000000, 0x00000001, 0x00000001
    TEST_RR_OP 102, mulhsu, 0x00000000, 0x00000003, 0x00000007
    TEST_RR_OP 103, mulhsu, 0x00000000, 0x00000000, 0xffff8000
    TEST_RR_OP 104, mulhsu, 0x00000000, 0x80000000, 0x00000000
    TEST_RR_OP 105, mulhsu, 0x80004000, 0x80000000, 0xffff8000
    TEST_RR_OP 106, mulhsu, 0xffff0081, 0xaaaaaaab, 0x0002fe7d
    TEST_RR_OP 107, mulhsu, 0x0001fefe, 0x0002fe7d, 0xaaaaaaab
    TEST_RR_OP 108, mulhsu, 0xff010000, 0xff000000, 0xff000000
    TEST_RR_OP 109, mulhsu, 0xffffffff, 0xffffffff, 0xffffffff
    TEST_RR_OP 110, mulhsu, 0xffffffff, 0xffffffff, 0x00000001
    TEST_RR_OP 111, mulhsu, 0x00000000, 0x00000001, 0xffffffff
    TEST_RR_OP 112, mulhsu, 0xc0000000, 0x80000000, 0x80000000
    TEST_RR_OP 113, mulhsu, 0x3fffffff, 0x7fffffff, 0x7fffffff
    TEST_RR_OP 114, mulhsu, 0xc0000000, 0x80000000, 0x7fffffff
    TEST_RR_OP 115, mulhsu, 0x3fffffff, 0x7fffffff, 0x80000000
    TEST_RR_OP 116, mulhsu, 0x80000000, 0x80000000, 0xffffffff
    TEST_RR_OP 117, mulhsu, 0xffffffff, 0xffffffff, 0x80000000
    TEST_RR_OP 118, mulhsu, 0x0b00ea4e, 0x12345678, 0x9abcdef0
    TEST_RR_SRC1_EQ_DEST 119, mulhsu, 0xffffffff, 0xfffff00d, 0x00000f0b
    TEST_RR_SRC2_EQ_DEST 120, mulhsu, 0xffffffff, 0xfffff00d, 0x00000f0b
    TEST_RR_SRC12_EQ_DEST 121, mulhsu, 0xfffff00d, 0xfffff00d
    TEST_RR_ZEROSRC1 122, mulhsu, 0, 0x00000f0b
    TEST_RR_ZEROSRC2 123, mulhsu, 0, 0xfffff00d
    TEST_RR_ZERODEST 124, mulhsu, 0xfffff00d, 0x00000f0b
    # mulhu
    TEST_RR_OP 150, mulhu, 0x00000000, 0x00000000, 0x00000000
    TEST_RR_OP 151, mulhu, 0x00000000, 0x00000001, 0x00000001
    TEST_RR_OP 152, mulhu, 0x00000000, 0x00000003, 0x00000007
    TEST_RR_OP 153, mulhu, 0x00000000, 0x00000000, 0xffff8000
    TEST_RR_OP 154, mulhu, 0x00000000, 0x80000000, 0x00000000
    TEST_RR_OP 155, mulhu, 0x7fffc000, 0x80000000, 0xffff8000
    TEST_RR_OP 156, mulhu, 0x0001fefe, 0xaaaaaaab, 0x0002fe7d
    TEST_RR_OP 157, mulhu, 0x0001fefe, 0x0002fe7d, 0xaaaaaaab
    TEST_RR_OP 158, mulhu, 0xfe010000, 0xff000000, 0xff000000
    TEST_RR_OP 159, mulhu, 0xfffffffe, 0xffffffff, 0xffffffff
    TEST_RR_OP 160, mulhu, 0x00000000, 0xffffffff, 0x00000001
    TEST_RR_OP 161, mulhu, 0x00000000, 0x00000001, 0xffffffff
    TEST_RR_OP 162, mulhu, 0x40000000, 0x80000000, 0x80000000
    TEST_RR_OP 163, mulhu, 0x3fffffff, 0x7fffffff, 0x7fffffff
    TEST_RR_OP 164, mulhu, 0x3fffffff, 0x80000000, 0x7fffffff
    TEST_RR_OP 165, mulhu, 0x3fffffff, 0x7fffffff, 0x80000000
    TEST_RR_OP 166, mulhu, 0x7fffffff, 0x80000000, 0xffffffff
    TEST_RR_OP 167, mulhu, 0x7fffffff, 0xffffffff, 0x80000000
    TEST_RR_OP 168, mulhu, 0x0b00ea4e, 0x12345678, 0x9abcdef0
    TEST_RR_SRC1_EQ_DEST 169, mulhu, 0x00000f0a, 0xfffff00d, 0x00000f0b
    TEST_RR_SRC2_EQ_DEST 170, mulhu, 0x00000f0a, 0xfffff00d, 0x00000f0b
    TEST_RR_SRC12_EQ_DEST 171, mulhu, 0xffffe01a, 0xfffff00d
    TEST_RR_ZEROSRC1 172, mulhu, 0, 0x00000f0b
    TEST_RR_ZEROSRC2 173, mulhu, 0, 0xfffff00d
    TEST_RR_ZERODEST 174, mulhu, 0xfffff00d, 0x00000f0b
TEST_END
