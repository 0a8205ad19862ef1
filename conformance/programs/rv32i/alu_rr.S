# RV32I register-register ALU ops: add, sub, and, or, xor, slt, sltu.
# Overflow wraps; slt is signed, sltu unsigned; rd may equal rs1/rs2;
# x0 reads as 0 and writes to x0 are ignored.
TEST_BEGIN
    # add
    TEST_RR_OP 1, add, 0, 0, 0
    TEST_RR_OP 2, add, 2, 1, 1
    TEST_RR_OP 3, add, 10, 3, 7
    TEST_RR_OP 4, add, 0xffff8000, 0, 0xffff8000
    TEST_RR_OP 5, add, 0x80000000, 0x80000000, 0
    TEST_RR_OP 6, add, 0x7fff8000, 0x80000000, 0xffff8000
    TEST_RR_OP 7, add, 0x80007ffe, 0x7fffffff, 0x7fff
    TEST_RR_OP 8, add, 0x80000000, 0x7fffffff, 1
    TEST_RR_OP 9, add, 0x7fffffff, 0x80000000, 0xffffffff
    TEST_RR_OP 10, add, 0, 0xffffffff, 1
    TEST_RR_OP 11, add, 0xfffffffe, 0xffffffff, 0xffffffff
    TEST_RR_OP 12, add, 0, 0x80000000, 0x80000000
    TEST_RR_SRC1_EQ_DEST 13, add, 24, 13, 11
    TEST_RR_SRC2_EQ_DEST 14, add, 25, 14, 11
    TEST_RR_SRC12_EQ_DEST 15, add, 26, 13
    TEST_RR_ZEROSRC1 16, add, 15, 15
    TEST_RR_ZEROSRC2 17, add, 32, 32
    TEST_RR_ZERODEST 18, add, 16, 30

    # sub
    TEST_RR_OP 20, sub, 0, 0, 0
    TEST_RR_OP 21, sub, 0, 1, 1
    TEST_RR_OP 22, sub, 0xfffffffc, 3, 7
    TEST_RR_OP 23, sub, 0x00008000, 0, 0xffff8000
    TEST_RR_OP 24, sub, 0x80000000, 0x80000000, 0
    TEST_RR_OP 25, sub, 0x7fffffff, 0x80000000, 1
    TEST_RR_OP 26, sub, 0x80000001, 0x00000000, 0x7fffffff
    TEST_RR_OP 27, sub, 0x80000000, 0x00000000, 0x80000000
    TEST_RR_OP 28, sub, 0xffffffff, 0x7fffffff, 0x80000000
    TEST_RR_OP 29, sub, 0x00000001, 0x80000000, 0x7fffffff
    TEST_RR_OP 30, sub, 0x00000002, 0xffffffff, 0xfffffffd
    TEST_RR_SRC1_EQ_DEST 31, sub, 2, 13, 11
    TEST_RR_SRC2_EQ_DEST 32, sub, 3, 14, 11
    TEST_RR_SRC12_EQ_DEST 33, sub, 0, 13
    TEST_RR_ZEROSRC1 34, sub, 0xfffffff1, 15
    TEST_RR_ZEROSRC2 35, sub, 32, 32
    TEST_RR_ZERODEST 36, sub, 16, 30

    # and
    TEST_RR_OP 40, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f
    TEST_RR_OP 41, and, 0x00f000f0, 0x0ff00ff0, 0xf0f0f0f0
    TEST_RR_OP 42, and, 0x000f000f, 0x00ff00ff, 0x0f0f0f0f
    TEST_RR_OP 43, and, 0xf000f000, 0xf00ff00f, 0xf0f0f0f0
    TEST_RR_OP 44, and, 0xffffffff, 0xffffffff, 0xffffffff
    TEST_RR_SRC1_EQ_DEST 45, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f
    TEST_RR_SRC2_EQ_DEST 46, and, 0x00f000f0, 0x0ff00ff0, 0xf0f0f0f0
    TEST_RR_SRC12_EQ_DEST 47, and, 0xff00ff00, 0xff00ff00
    TEST_RR_ZEROSRC1 48, and, 0, 0xff00ff00
    TEST_RR_ZEROSRC2 49, and, 0, 0x00ff00ff
    TEST_RR_ZERODEST 50, and, 0x11111111, 0x22222222

    # or
    TEST_RR_OP 51, or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f
    TEST_RR_OP 52, or, 0xfff0fff0, 0x0ff00ff0, 0xf0f0f0f0
    TEST_RR_OP 53, or, 0x0fff0fff, 0x00ff00ff, 0x0f0f0f0f
    TEST_RR_OP 54, or, 0xf0fff0ff, 0xf00ff00f, 0xf0f0f0f0
    TEST_RR_SRC1_EQ_DEST 55, or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f
    TEST_RR_SRC2_EQ_DEST 56, or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f
    TEST_RR_SRC12_EQ_DEST 57, or, 0xff00ff00, 0xff00ff00
    TEST_RR_ZEROSRC1 58, or, 0xff00ff00, 0xff00ff00
    TEST_RR_ZEROSRC2 59, or, 0x00ff00ff, 0x00ff00ff
    TEST_RR_ZERODEST 60, or, 0x11111111, 0x22222222

    # xor
    TEST_RR_OP 61, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f
    TEST_RR_OP 62, xor, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0
    TEST_RR_OP 63, xor, 0x0ff00ff0, 0x00ff00ff, 0x0f0f0f0f
    TEST_RR_OP 64, xor, 0x00ff00ff, 0xf00ff00f, 0xf0f0f0f0
    TEST_RR_OP 65, xor, 0, 0xffffffff, 0xffffffff
    TEST_RR_SRC1_EQ_DEST 66, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f
    TEST_RR_SRC2_EQ_DEST 67, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f
    TEST_RR_SRC12_EQ_DEST 68, xor, 0, 0xff00ff00
    TEST_RR_ZEROSRC1 69, xor, 0xff00ff00, 0xff00ff00
    TEST_RR_ZEROSRC2 70, xor, 0x00ff00ff, 0x00ff00ff
    TEST_RR_ZERODEST 71, xor, 0x11111111, 0x22222222

    # slt (signed)
    TEST_RR_OP 80, slt, 0, 0, 0
    TEST_RR_OP 81, slt, 0, 1, 1
    TEST_RR_OP 82, slt, 1, 3, 7
    TEST_RR_OP 83, slt, 0, 7, 3
    TEST_RR_OP 84, slt, 0, 0, 0xffff8000
    TEST_RR_OP 85, slt, 1, 0x80000000, 0
    TEST_RR_OP 86, slt, 1, 0x80000000, 0xffff8000
    TEST_RR_OP 87, slt, 1, 0, 0x7fffffff
    TEST_RR_OP 88, slt, 0, 0x7fffffff, 0
    TEST_RR_OP 89, slt, 1, 0x80000000, 0x7fffffff
    TEST_RR_OP 90, slt, 0, 0x7fffffff, 0x80000000
    TEST_RR_OP 91, slt, 1, 0xffffffff, 0
    TEST_RR_OP 92, slt, 0, 0, 0xffffffff
    TEST_RR_OP 93, slt, 1, 0xfffffffe, 0xffffffff
    TEST_RR_OP 94, slt, 0, 0xffffffff, 0xfffffffe
    TEST_RR_SRC1_EQ_DEST 95, slt, 0, 14, 13
    TEST_RR_SRC2_EQ_DEST 96, slt, 1, 11, 13
    TEST_RR_SRC12_EQ_DEST 97, slt, 0, 13
    TEST_RR_ZEROSRC1 98, slt, 0, 0xffffffff
    TEST_RR_ZEROSRC2 99, slt, 1, 0xffffffff
    TEST_RR_ZERODEST 100, slt, 16, 30

    # sltu (unsigned)
    TEST_RR_OP 110, sltu, 0, 0, 0
    TEST_RR_OP 111, sltu, 0, 1, 1
    TEST_RR_OP 112, sltu, 1, 3, 7
    TEST_RR_OP 113, sltu, 0, 7, 3
    TEST_RR_OP 114, sltu, 1, 0, 0xffff8000
    TEST_RR_OP 115, sltu, 0, 0x80000000, 0
    TEST_RR_OP 116, sltu, 1, 0x80000000, 0xffff8000
    TEST_RR_OP 117, sltu, 1, 0, 0x7fffffff
    TEST_RR_OP 118, sltu, 0, 0x7fffffff, 0
    TEST_RR_OP 119, sltu, 0, 0x80000000, 0x7fffffff
    TEST_RR_OP 120, sltu, 1, 0x7fffffff, 0x80000000
    TEST_RR_OP 121, sltu, 0, 0xffffffff, 0
    TEST_RR_OP 122, sltu, 1, 0, 0xffffffff
    TEST_RR_OP 123, sltu, 1, 0xfffffffe, 0xffffffff
    TEST_RR_OP 124, sltu, 0, 0xffffffff, 0xfffffffe
    TEST_RR_SRC1_EQ_DEST 125, sltu, 0, 14, 13
    TEST_RR_SRC2_EQ_DEST 126, sltu, 1, 11, 13
    TEST_RR_SRC12_EQ_DEST 127, sltu, 0, 13
    # sltu rd, x0, rs2 is snez
    TEST_RR_ZEROSRC1 128, sltu, 1, 0xffffffff
    TEST_RR_ZEROSRC1 129, sltu, 0, 0
    TEST_RR_ZEROSRC2 130, sltu, 0, 0xffffffff
    TEST_RR_ZERODEST 131, sltu, 16, 30
TEST_END
