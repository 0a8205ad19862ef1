# RV32M divides: div/rem (signed, rounding toward zero; the remainder has
# the dividend's sign), divu/remu (unsigned). Division by zero gives -1
# (all ones) / the dividend; the overflow -2^31 / -1 gives -2^31 rem 0.
# Reports through HTIF on the spike machine.
# machine: spike
TEST_BEGIN
    # div
    TEST_RR_OP 1, div, 0x00000003, 0x00000014, 0x00000006
    TEST_RR_OP 2, div, 0xfffffffd, 0xffffffec, 0x00000006
    TEST_RR_OP 3, div, 0xfffffffd, 0x00000014, 0xfffffffa
    TEST_RR_OP 4, div, 0x00000003, 0xffffffec, 0xfffffffa
    TEST_RR_OP 5, div, 0x80000000, 0x80000000, 0x00000001
    TEST_RR_OP 6, div, 0x80000000, 0x80000000, 0xffffffff
    TEST_RR_OP 7, div, 0xffffffff, 0x80000000, 0x00000000
    TEST_RR_OP 8, div, 0xffffffff, 0x00000001, 0x00000000
    TEST_RR_OP 9, div, 0xffffffff, 0x00000000, 0x00000000
    TEST_RR_OP 10, div, 0xffffffff, 0xffffffff, 0x00000000
    TEST_RR_OP 11, div, 0xffffffff, 0x7fffffff, 0x00000000
    TEST_RR_OP 12, div, 0x00000001, 0x00000007, 0x00000007
    TEST_RR_OP 13, div, 0x00000000, 0x00000000, 0x00000005
    TEST_RR_OP 14, div, 0x00000000, 0x00000005, 0x00000007
    TEST_RR_OP 15, div, 0xffffffff, 0xffffffff, 0x00000001
    TEST_RR_OP 16, div, 0x00000001, 0xffffffff, 0xffffffff
    TEST_RR_OP 17, div, 0xc0000000, 0x80000000, 0x00000002
    TEST_RR_OP 18, div, 0x00000000, 0x7fffffff, 0x80000000
    TEST_RR_OP 19, div, 0xffffffff, 0x80000000, 0x7fffffff
    TEST_RR_OP 20, div, 0x00001e1e, 0x12345678, 0x00009abc
    TEST_RR_SRC1_EQ_DEST 21, div, 0xfffffff2, 0xffffff9c, 0x00000007
    TEST_RR_SRC2_EQ_DEST 22, div, 0xfffffff2, 0xffffff9c, 0x00000007
    TEST_RR_SRC12_EQ_DEST 23, div, 0x00000001, 0xffffff9c
    TEST_RR_ZEROSRC1 24, div, 0x00000000, 0x00000007
    TEST_RR_ZEROSRC2 25, div, 0xffffffff, 0xffffff9c
    TEST_RR_ZERODEST 26, div, 0xffffff9c, 0x00000007
    TEST_RR_SRC12_EQ_DEST 27, div, 0xffffffff, 0
    # divu
    TEST_RR_OP 30, divu, 0x00000003, 0x00000014, 0x00000006
    TEST_RR_OP 31, divu, 0x2aaaaaa7, 0xffffffec, 0x00000006
    TEST_RR_OP 32, divu, 0x00000000, 0x00000014, 0xfffffffa
    TEST_RR_OP 33, divu, 0x00000000, 0xffffffec, 0xfffffffa
    TEST_RR_OP 34, divu, 0x80000000, 0x80000000, 0x00000001
    TEST_RR_OP 35, divu, 0x00000000, 0x80000000, 0xffffffff
    TEST_RR_OP 36, divu, 0xffffffff, 0x80000000, 0x00000000
    TEST_RR_OP 37, divu, 0xffffffff, 0x00000001, 0x00000000
    TEST_RR_OP 38, divu, 0xffffffff, 0x00000000, 0x00000000
    TEST_RR_OP 39, divu, 0xffffffff, 0xffffffff, 0x00000000
    TEST_RR_OP 40, divu, 0xffffffff, 0x7fffffff, 0x00000000
    TEST_RR_OP 41, divu, 0x00000001, 0x00000007, 0x00000007
    TEST_RR_OP 42, divu, 0x00000000, 0x00000000, 0x00000005
    TEST_RR_OP 43, divu, 0x00000000, 0x00000005, 0x00000007
    TEST_RR_OP 44, divu, 0xffffffff, 0xffffffff, 0x00000001
    TEST_RR_OP 45, divu, 0x00000001, 0xffffffff, 0xffffffff
    TEST_RR_OP 46, divu, 0x40000000, 0x80000000, 0x00000002
    TEST_RR_OP 47, divu, 0x00000000, 0x7fffffff, 0x80000000
    TEST_RR_OP 48, divu, 0x00000001, 0x80000000, 0x7fffffff
    TEST_RR_OP 49, divu, 0x00001e1e, 0x12345678, 0x00009abc
    TEST_RR_SRC1_EQ_DEST 50, divu, 0x24924916, 0xffffff9c, 0x00000007
    TEST_RR_SRC2_EQ_DEST 51, divu, 0x24924916, 0xffffff9c, 0x00000007
    TEST_RR_SRC12_EQ_DEST 52, divu, 0x00000001, 0xffffff9c
    TEST_RR_ZEROSRC1 53, divu, 0x00000000, 0x00000007
    TEST_RR_ZEROSRC2 54, divu, 0xffffffff, 0xffffff9c
    TEST_RR_ZERODEST 55, divu, 0xffffff9c, 0x00000007
    TEST_RR_SRC12_EQ_DEST 56, divu, 0xffffffff, 0
    # rem
    TEST_RR_OP 60, rem, 0x00000002, 0x00000014, 0x00000006
    TEST_RR_OP 61, rem, 0xfffffffe, 0xffffffec, 0x00000006
    TEST_RR_OP 62, rem, 0x00000002, 0x00000014, 0xfffffffa
    TEST_RR_OP 63, rem, 0xfffffffe, 0xffffffec, 0xfffffffa
    TEST_RR_OP 64, rem, 0x00000000, 0x80000000, 0x00000001
    TEST_RR_OP 65, rem, 0x00000000, 0x80000000, 0xffffffff
    TEST_RR_OP 66, rem, 0x80000000, 0x80000000, 0x00000000
    TEST_RR_OP 67, rem, 0x00000001, 0x00000001, 0x00000000
    TEST_RR_OP 68, rem, 0x00000000, 0x00000000, 0x00000000
    TEST_RR_OP 69, rem, 0xffffffff, 0xffffffff, 0x00000000
    TEST_RR_OP 70, rem, 0x7fffffff, 0x7fffffff, 0x00000000
    TEST_RR_OP 71, rem, 0x00000000, 0x00000007, 0x00000007
    TEST_RR_OP 72, rem, 0x00000000, 0x00000000, 0x00000005
    TEST_RR_OP 73, rem, 0x00000005, 0x00000005, 0x00000007
    TEST_RR_OP 74, rem, 0x00000000, 0xffffffff, 0x00000001
    TEST_RR_OP 75, rem, 0x00000000, 0xffffffff, 0xffffffff
    TEST_RR_OP 76, rem, 0x00000000, 0x80000000, 0x00000002
    TEST_RR_OP 77, rem, 0x7fffffff, 0x7fffffff, 0x80000000
    TEST_RR_OP 78, rem, 0xffffffff, 0x80000000, 0x7fffffff
    TEST_RR_OP 79, rem, 0x00002c70, 0x12345678, 0x00009abc
    TEST_RR_SRC1_EQ_DEST 80, rem, 0xfffffffe, 0xffffff9c, 0x00000007
    TEST_RR_SRC2_EQ_DEST 81, rem, 0xfffffffe, 0xffffff9c, 0x00000007
    TEST_RR_SRC12_EQ_DEST 82, rem, 0x00000000, 0xffffff9c
    TEST_RR_ZEROSRC1 83, rem, 0x00000000, 0x00000007
    TEST_RR_ZEROSRC2 84, rem, 0xffffff9c, 0xffffff9c
    TEST_RR_ZERODEST 85, rem, 0xffffff9c, 0x00000007
    TEST_RR_SRC12_EQ_DEST 86, rem, 0x00000000, 0
    # remu
    TEST_RR_OP 90, remu, 0x00000002, 0x00000014, 0x00000006
    TEST_RR_OP 91, remu, 0x00000002, 0xffffffec, 0x00000006
    TEST_RR_OP 92, remu, 0x00000014, 0x00000014, 0xfffffffa
    TEST_RR_OP 93, remu, 0xffffffec, 0xffffffec, 0xfffffffa
    TEST_RR_OP 94, remu, 0x00000000, 0x80000000, 0x00000001
    TEST_RR_OP 95, remu, 0x80000000, 0x80000000, 0xffffffff
    TEST_RR_OP 96, remu, 0x80000000, 0x80000000, 0x00000000
    TEST_RR_OP 97, remu, 0x00000001, 0x00000001, 0x00000000
    TEST_RR_OP 98, remu, 0x00000000, 0x00000000, 0x00000000
    TEST_RR_OP 99, remu, 0xffffffff, 0xffffffff, 0x00000000
    TEST_RR_OP 100, remu, 0x7fffffff, 0x7fffffff, 0x00000000
    TEST_RR_OP 101, remu, 0x00000000, 0x00000007, 0x00000007
    TEST_RR_OP 102, remu, 0x00000000, 0x00000000, 0x00000005
    TEST_RR_OP 103, remu, 0x00000005, 0x00000005, 0x00000007
    TEST_RR_OP 104, remu, 0x00000000, 0xffffffff, 0x00000001
    TEST_RR_OP 105, remu, 0x00000000, 0xffffffff, 0xffffffff
    TEST_RR_OP 106, remu, 0x00000000, 0x80000000, 0x00000002
    TEST_RR_OP 107, remu, 0x7fffffff, 0x7fffffff, 0x80000000
    TEST_RR_OP 108, remu, 0x00000001, 0x80000000, 0x7fffffff
    TEST_RR_OP 109, remu, 0x00002c70, 0x12345678, 0x00009abc
    TEST_RR_SRC1_EQ_DEST 110, remu, 0x00000002, 0xffffff9c, 0x00000007
    TEST_RR_SRC2_EQ_DEST 111, remu, 0x00000002, 0xffffff9c, 0x00000007
    TEST_RR_SRC12_EQ_DEST 112, remu, 0x00000000, 0xffffff9c
    TEST_RR_ZEROSRC1 113, remu, 0x00000000, 0x00000007
    TEST_RR_ZEROSRC2 114, remu, 0xffffff9c, 0xffffff9c
    TEST_RR_ZERODEST 115, remu, 0xffffff9c, 0x00000007
    TEST_RR_SRC12_EQ_DEST 116, remu, 0x00000000, 0
TEST_END
