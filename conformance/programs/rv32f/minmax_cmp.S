# RV32F fmin.s / fmax.s (-0 < +0; one NaN operand gives the other
# operand, two give the canonical NaN; signaling NaNs raise NV) and the
# comparisons feq.s (quiet: NV only for signaling NaNs), flt.s and fle.s
# (signaling: NV for any NaN), all writing 0 for unordered operands.
TEST_BEGIN

    # fmin.s
    TEST_FP_OP2_S 1, fmin.s, 0, 0x3f800000, 0x3f800000, 0x40000000
    TEST_FP_OP2_S 2, fmin.s, 0, 0x3f800000, 0x40000000, 0x3f800000
    TEST_FP_OP2_S 3, fmin.s, 0, 0xbf800000, 0xbf800000, 0x3f800000
    TEST_FP_OP2_S 4, fmin.s, 0, 0x80000000, 0x00000000, 0x80000000
    TEST_FP_OP2_S 5, fmin.s, 0, 0x80000000, 0x80000000, 0x00000000
    TEST_FP_OP2_S 6, fmin.s, 0, 0x80000000, 0x80000000, 0x80000000
    TEST_FP_OP2_S 7, fmin.s, 0, 0x7f7fffff, 0x7f800000, 0x7f7fffff
    TEST_FP_OP2_S 8, fmin.s, 0, 0xff800000, 0xff800000, 0xff7fffff
    TEST_FP_OP2_S 9, fmin.s, 0, 0x80000001, 0x00000001, 0x80000001
    TEST_FP_OP2_S 10, fmin.s, 0, 0x00000000, 0x00000001, 0x00000000
    TEST_FP_OP2_S 11, fmin.s, 0, 0x3f800000, 0x7fc00000, 0x3f800000
    TEST_FP_OP2_S 12, fmin.s, 0, 0x3f800000, 0x3f800000, 0x7fc00000
    TEST_FP_OP2_S 13, fmin.s, 0, 0xbf800000, 0xffc00000, 0xbf800000
    TEST_FP_OP2_S 14, fmin.s, 0, 0x7fc00000, 0x7fc00000, 0x7fc00000
    TEST_FP_OP2_S 15, fmin.s, NV, 0x3f800000, 0x7f800001, 0x3f800000
    TEST_FP_OP2_S 16, fmin.s, NV, 0x3f800000, 0x3f800000, 0x7f800001
    TEST_FP_OP2_S 17, fmin.s, NV, 0x7fc00000, 0x7f800001, 0x7fc00000
    TEST_FP_OP2_S 18, fmin.s, 0, 0x7f800000, 0x7fc12345, 0x7f800000
    TEST_FP_OP2_S 19, fmin.s, 0, 0x40400000, 0x40400000, 0x40400000
    TEST_FP_OP2_S 20, fmin.s, 0, 0x3eaaaaab, 0x40490fdc, 0x3eaaaaab

    # fmax.s
    TEST_FP_OP2_S 21, fmax.s, 0, 0x40000000, 0x3f800000, 0x40000000
    TEST_FP_OP2_S 22, fmax.s, 0, 0x40000000, 0x40000000, 0x3f800000
    TEST_FP_OP2_S 23, fmax.s, 0, 0x3f800000, 0xbf800000, 0x3f800000
    TEST_FP_OP2_S 24, fmax.s, 0, 0x00000000, 0x00000000, 0x80000000
    TEST_FP_OP2_S 25, fmax.s, 0, 0x00000000, 0x80000000, 0x00000000
    TEST_FP_OP2_S 26, fmax.s, 0, 0x80000000, 0x80000000, 0x80000000
    TEST_FP_OP2_S 27, fmax.s, 0, 0x7f800000, 0x7f800000, 0x7f7fffff
    TEST_FP_OP2_S 28, fmax.s, 0, 0xff7fffff, 0xff800000, 0xff7fffff
    TEST_FP_OP2_S 29, fmax.s, 0, 0x00000001, 0x00000001, 0x80000001
    TEST_FP_OP2_S 30, fmax.s, 0, 0x00000001, 0x00000001, 0x00000000
    TEST_FP_OP2_S 31, fmax.s, 0, 0x3f800000, 0x7fc00000, 0x3f800000
    TEST_FP_OP2_S 32, fmax.s, 0, 0x3f800000, 0x3f800000, 0x7fc00000
    TEST_FP_OP2_S 33, fmax.s, 0, 0xbf800000, 0xffc00000, 0xbf800000
    TEST_FP_OP2_S 34, fmax.s, 0, 0x7fc00000, 0x7fc00000, 0x7fc00000
    TEST_FP_OP2_S 35, fmax.s, NV, 0x3f800000, 0x7f800001, 0x3f800000
    TEST_FP_OP2_S 36, fmax.s, NV, 0x3f800000, 0x3f800000, 0x7f800001
    TEST_FP_OP2_S 37, fmax.s, NV, 0x7fc00000, 0x7f800001, 0x7fc00000
    TEST_FP_OP2_S 38, fmax.s, 0, 0x7f800000, 0x7fc12345, 0x7f800000
    TEST_FP_OP2_S 39, fmax.s, 0, 0x40400000, 0x40400000, 0x40400000
    TEST_FP_OP2_S 40, fmax.s, 0, 0x40490fdc, 0x40490fdc, 0x3eaaaaab

    # feq.s
    TEST_FP_CMP_S 41, feq.s, 0, 0, 0x3f800000, 0x40000000
    TEST_FP_CMP_S 42, feq.s, 0, 0, 0x40000000, 0x3f800000
    TEST_FP_CMP_S 43, feq.s, 0, 0, 0xbf800000, 0x3f800000
    TEST_FP_CMP_S 44, feq.s, 0, 1, 0x00000000, 0x80000000
    TEST_FP_CMP_S 45, feq.s, 0, 1, 0x80000000, 0x00000000
    TEST_FP_CMP_S 46, feq.s, 0, 1, 0x80000000, 0x80000000
    TEST_FP_CMP_S 47, feq.s, 0, 0, 0x7f800000, 0x7f7fffff
    TEST_FP_CMP_S 48, feq.s, 0, 0, 0xff800000, 0xff7fffff
    TEST_FP_CMP_S 49, feq.s, 0, 0, 0x00000001, 0x80000001
    TEST_FP_CMP_S 50, feq.s, 0, 0, 0x00000001, 0x00000000
    TEST_FP_CMP_S 51, feq.s, 0, 0, 0x7fc00000, 0x3f800000
    TEST_FP_CMP_S 52, feq.s, 0, 0, 0x3f800000, 0x7fc00000
    TEST_FP_CMP_S 53, feq.s, 0, 0, 0xffc00000, 0xbf800000
    TEST_FP_CMP_S 54, feq.s, 0, 0, 0x7fc00000, 0x7fc00000
    TEST_FP_CMP_S 55, feq.s, NV, 0, 0x7f800001, 0x3f800000
    TEST_FP_CMP_S 56, feq.s, NV, 0, 0x3f800000, 0x7f800001
    TEST_FP_CMP_S 57, feq.s, NV, 0, 0x7f800001, 0x7fc00000
    TEST_FP_CMP_S 58, feq.s, 0, 0, 0x7fc12345, 0x7f800000
    TEST_FP_CMP_S 59, feq.s, 0, 1, 0x40400000, 0x40400000
    TEST_FP_CMP_S 60, feq.s, 0, 0, 0x40490fdc, 0x3eaaaaab

    # flt.s
    TEST_FP_CMP_S 61, flt.s, 0, 1, 0x3f800000, 0x40000000
    TEST_FP_CMP_S 62, flt.s, 0, 0, 0x40000000, 0x3f800000
    TEST_FP_CMP_S 63, flt.s, 0, 1, 0xbf800000, 0x3f800000
    TEST_FP_CMP_S 64, flt.s, 0, 0, 0x00000000, 0x80000000
    TEST_FP_CMP_S 65, flt.s, 0, 0, 0x80000000, 0x00000000
    TEST_FP_CMP_S 66, flt.s, 0, 0, 0x80000000, 0x80000000
    TEST_FP_CMP_S 67, flt.s, 0, 0, 0x7f800000, 0x7f7fffff
    TEST_FP_CMP_S 68, flt.s, 0, 1, 0xff800000, 0xff7fffff
    TEST_FP_CMP_S 69, flt.s, 0, 0, 0x00000001, 0x80000001
    TEST_FP_CMP_S 70, flt.s, 0, 0, 0x00000001, 0x00000000
    TEST_FP_CMP_S 71, flt.s, NV, 0, 0x7fc00000, 0x3f800000
    TEST_FP_CMP_S 72, flt.s, NV, 0, 0x3f800000, 0x7fc00000
    TEST_FP_CMP_S 73, flt.s, NV, 0, 0xffc00000, 0xbf800000
    TEST_FP_CMP_S 74, flt.s, NV, 0, 0x7fc00000, 0x7fc00000
    TEST_FP_CMP_S 75, flt.s, NV, 0, 0x7f800001, 0x3f800000
    TEST_FP_CMP_S 76, flt.s, NV, 0, 0x3f800000, 0x7f800001
    TEST_FP_CMP_S 77, flt.s, NV, 0, 0x7f800001, 0x7fc00000
    TEST_FP_CMP_S 78, flt.s, NV, 0, 0x7fc12345, 0x7f800000
    TEST_FP_CMP_S 79, flt.s, 0, 0, 0x40400000, 0x40400000
    TEST_FP_CMP_S 80, flt.s, 0, 0, 0x40490fdc, 0x3eaaaaab

    # fle.s
    TEST_FP_CMP_S 81, fle.s, 0, 1, 0x3f800000, 0x40000000
    TEST_FP_CMP_S 82, fle.s, 0, 0, 0x40000000, 0x3f800000
    TEST_FP_CMP_S 83, fle.s, 0, 1, 0xbf800000, 0x3f800000
    TEST_FP_CMP_S 84, fle.s, 0, 1, 0x00000000, 0x80000000
    TEST_FP_CMP_S 85, fle.s, 0, 1, 0x80000000, 0x00000000
    TEST_FP_CMP_S 86, fle.s, 0, 1, 0x80000000, 0x80000000
    TEST_FP_CMP_S 87, fle.s, 0, 0, 0x7f800000, 0x7f7fffff
    TEST_FP_CMP_S 88, fle.s, 0, 1, 0xff800000, 0xff7fffff
    TEST_FP_CMP_S 89, fle.s, 0, 0, 0x00000001, 0x80000001
    TEST_FP_CMP_S 90, fle.s, 0, 0, 0x00000001, 0x00000000
    TEST_FP_CMP_S 91, fle.s, NV, 0, 0x7fc00000, 0x3f800000
    TEST_FP_CMP_S 92, fle.s, NV, 0, 0x3f800000, 0x7fc00000
    TEST_FP_CMP_S 93, fle.s, NV, 0, 0xffc00000, 0xbf800000
    TEST_FP_CMP_S 94, fle.s, NV, 0, 0x7fc00000, 0x7fc00000
    TEST_FP_CMP_S 95, fle.s, NV, 0, 0x7f800001, 0x3f800000
    TEST_FP_CMP_S 96, fle.s, NV, 0, 0x3f800000, 0x7f800001
    TEST_FP_CMP_S 97, fle.s, NV, 0, 0x7f800001, 0x7fc00000
    TEST_FP_CMP_S 98, fle.s, NV, 0, 0x7fc12345, 0x7f800000
    TEST_FP_CMP_S 99, fle.s, 0, 1, 0x40400000, 0x40400000
    TEST_FP_CMP_S 100, fle.s, 0, 0, 0x40490fdc, 0x3eaaaaab

    # rd = x0: nothing is written, the flags still are
    SET_TEST 101
    FP_LOAD_S fa1, 0x7fc00000
    csrwi fflags, 0
    flt.s x0, fa1, fa1
    FFLAGS_CHECK 101, NV
    mv a0, x0
    CHECK_EQ a0, 0
TEST_END
