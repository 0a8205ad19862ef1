# RV32I shifts: sll, srl, sra (amount = rs2[4:0], higher bits ignored) and
# slli, srli, srai (shamt 0..31); sra/srai replicate the sign bit.
TEST_BEGIN
    # sll
    TEST_RR_OP 1, sll, 0x00000001, 0x00000001, 0
    TEST_RR_OP 2, sll, 0x00000002, 0x00000001, 1
    TEST_RR_OP 3, sll, 0x00000080, 0x00000001, 7
    TEST_RR_OP 4, sll, 0x00004000, 0x00000001, 14
    TEST_RR_OP 5, sll, 0x80000000, 0x00000001, 31
    TEST_RR_OP 6, sll, 0xffffffff, 0xffffffff, 0
    TEST_RR_OP 7, sll, 0xfffffffe, 0xffffffff, 1
    TEST_RR_OP 8, sll, 0x80000000, 0xffffffff, 31
    TEST_RR_OP 9, sll, 0x42424242, 0x21212121, 1
    TEST_RR_OP 10, sll, 0x90909080, 0x21212121, 7
    TEST_RR_OP 11, sll, 0x80000000, 0x21212121, 31
    # only the low five bits of rs2 count
    TEST_RR_OP 12, sll, 0x21212121, 0x21212121, 0xffffffe0
    TEST_RR_OP 13, sll, 0x42424242, 0x21212121, 0xffffffe1
    TEST_RR_OP 14, sll, 0x80000000, 0x21212121, 0xffffffff
    TEST_RR_OP 15, sll, 0x21212121, 0x21212121, 32
    TEST_RR_OP 16, sll, 0x42424242, 0x21212121, 33
    TEST_RR_SRC1_EQ_DEST 17, sll, 0x00000080, 0x00000001, 7
    TEST_RR_SRC2_EQ_DEST 18, sll, 0x00004000, 0x00000001, 14
    TEST_RR_SRC12_EQ_DEST 19, sll, 24, 3
    TEST_RR_ZEROSRC1 20, sll, 0, 15
    TEST_RR_ZEROSRC2 21, sll, 32, 32
    TEST_RR_ZERODEST 22, sll, 16, 30

    # srl
    TEST_RR_OP 30, srl, 0x80000000, 0x80000000, 0
    TEST_RR_OP 31, srl, 0x40000000, 0x80000000, 1
    TEST_RR_OP 32, srl, 0x01000000, 0x80000000, 7
    TEST_RR_OP 33, srl, 0x00020000, 0x80000000, 14
    TEST_RR_OP 34, srl, 0x00000001, 0x80000001, 31
    TEST_RR_OP 35, srl, 0xffffffff, 0xffffffff, 0
    TEST_RR_OP 36, srl, 0x7fffffff, 0xffffffff, 1
    TEST_RR_OP 37, srl, 0x00000001, 0xffffffff, 31
    TEST_RR_OP 38, srl, 0x10909090, 0x21212121, 1
    TEST_RR_OP 39, srl, 0x00424242, 0x21212121, 7
    TEST_RR_OP 40, srl, 0x21212121, 0x21212121, 0xffffffe0
    TEST_RR_OP 41, srl, 0x10909090, 0x21212121, 0xffffffe1
    TEST_RR_OP 42, srl, 0x00000000, 0x21212121, 0xffffffff
    TEST_RR_OP 43, srl, 0x00000001, 0x80000000, 63
    TEST_RR_SRC1_EQ_DEST 44, srl, 0x01000000, 0x80000000, 7
    TEST_RR_SRC2_EQ_DEST 45, srl, 0x00020000, 0x80000000, 14
    TEST_RR_SRC12_EQ_DEST 46, srl, 0, 7
    TEST_RR_ZEROSRC1 47, srl, 0, 15
    TEST_RR_ZEROSRC2 48, srl, 32, 32
    TEST_RR_ZERODEST 49, srl, 16, 30

    # sra
    TEST_RR_OP 50, sra, 0x80000000, 0x80000000, 0
    TEST_RR_OP 51, sra, 0xc0000000, 0x80000000, 1
    TEST_RR_OP 52, sra, 0xff000000, 0x80000000, 7
    TEST_RR_OP 53, sra, 0xfffe0000, 0x80000000, 14
    TEST_RR_OP 54, sra, 0xffffffff, 0x80000001, 31
    TEST_RR_OP 55, sra, 0x7fffffff, 0x7fffffff, 0
    TEST_RR_OP 56, sra, 0x3fffffff, 0x7fffffff, 1
    TEST_RR_OP 57, sra, 0x00ffffff, 0x7fffffff, 7
    TEST_RR_OP 58, sra, 0x00000000, 0x7fffffff, 31
    TEST_RR_OP 59, sra, 0xffffffff, 0xffffffff, 31
    TEST_RR_OP 60, sra, 0x81818181, 0x81818181, 0xffffffc0
    TEST_RR_OP 61, sra, 0xc0c0c0c0, 0x81818181, 0xffffffc1
    TEST_RR_OP 62, sra, 0xff030303, 0x81818181, 0xffffffc7
    TEST_RR_OP 63, sra, 0xffffffff, 0x81818181, 0xffffffff
    TEST_RR_OP 64, sra, 0x00000000, 0x40000000, 0x7fffffff
    TEST_RR_SRC1_EQ_DEST 65, sra, 0xff000000, 0x80000000, 7
    TEST_RR_SRC2_EQ_DEST 66, sra, 0xfffe0000, 0x80000000, 14
    TEST_RR_SRC12_EQ_DEST 67, sra, 0, 7
    TEST_RR_ZEROSRC1 68, sra, 0, 15
    TEST_RR_ZEROSRC2 69, sra, 0x80000000, 0x80000000
    TEST_RR_ZERODEST 70, sra, 16, 30

    # slli / srli / srai
    TEST_IMM_OP 80, slli, 0x00000001, 0x00000001, 0
    TEST_IMM_OP 81, slli, 0x00000002, 0x00000001, 1
    TEST_IMM_OP 82, slli, 0x80000000, 0x00000001, 31
    TEST_IMM_OP 83, slli, 0x90909080, 0x21212121, 7
    TEST_IMM_OP 84, slli, 0x80000000, 0xffffffff, 31
    TEST_IMM_SRC1_EQ_DEST 85, slli, 0x00000080, 0x00000001, 7
    TEST_IMM_ZEROSRC1 86, slli, 0, 31
    TEST_IMM_ZERODEST 87, slli, 33, 20
    TEST_IMM_OP 90, srli, 0x80000000, 0x80000000, 0
    TEST_IMM_OP 91, srli, 0x40000000, 0x80000000, 1
    TEST_IMM_OP 92, srli, 0x00000001, 0x80000000, 31
    TEST_IMM_OP 93, srli, 0x00424242, 0x21212121, 7
    TEST_IMM_OP 94, srli, 0x00000001, 0xffffffff, 31
    TEST_IMM_SRC1_EQ_DEST 95, srli, 0x01000000, 0x80000000, 7
    TEST_IMM_ZEROSRC1 96, srli, 0, 4
    TEST_IMM_ZERODEST 97, srli, 33, 20
    TEST_IMM_OP 100, srai, 0x80000000, 0x80000000, 0
    TEST_IMM_OP 101, srai, 0xc0000000, 0x80000000, 1
    TEST_IMM_OP 102, srai, 0xffffffff, 0x80000000, 31
    TEST_IMM_OP 103, srai, 0x00000000, 0x7fffffff, 31
    TEST_IMM_OP 104, srai, 0xff030303, 0x81818181, 7
    TEST_IMM_OP 105, srai, 0x00ffffff, 0x7fffffff, 7
    TEST_IMM_SRC1_EQ_DEST 106, srai, 0xff000000, 0x80000000, 7
    TEST_IMM_ZEROSRC1 107, srai, 0, 4
    TEST_IMM_ZERODEST 108, srai, 33, 20
TEST_END
