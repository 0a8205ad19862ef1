# RV32F fsqrt.s: exact squares, irrational results in every rounding
# mode, sqrt(-0) = -0, sqrt(+inf) = +inf, negative operands and -inf are
# invalid (canonical NaN, NV), NaN inputs, subnormal inputs.
TEST_BEGIN

    # default rounding mode (dyn, frm = RNE)
    TEST_FP_OP1_S 1, fsqrt.s, 0, 0x3f800000, 0x3f800000
    TEST_FP_OP1_S 2, fsqrt.s, NX, 0x3fb504f3, 0x40000000
    TEST_FP_OP1_S 3, fsqrt.s, NX, 0x3fddb3d7, 0x40400000
    TEST_FP_OP1_S 4, fsqrt.s, NX, 0x3fe2dfc5, 0x40490fdc
    TEST_FP_OP1_S 5, fsqrt.s, NX, 0x5f7fffff, 0x7f7fffff
    TEST_FP_OP1_S 6, fsqrt.s, NX, 0x1a3504f3, 0x00000001
    TEST_FP_OP1_S 7, fsqrt.s, NX, 0x1fffffff, 0x007fffff
    TEST_FP_OP1_S 8, fsqrt.s, 0, 0x20000000, 0x00800000
    TEST_FP_OP1_S 9, fsqrt.s, 0, 0x00000000, 0x00000000
    TEST_FP_OP1_S 10, fsqrt.s, 0, 0x80000000, 0x80000000
    TEST_FP_OP1_S 11, fsqrt.s, 0, 0x7f800000, 0x7f800000
    TEST_FP_OP1_S 12, fsqrt.s, NV, 0x7fc00000, 0xff800000
    TEST_FP_OP1_S 13, fsqrt.s, NV, 0x7fc00000, 0xbf800000
    TEST_FP_OP1_S 14, fsqrt.s, NV, 0x7fc00000, 0x80000001
    TEST_FP_OP1_S 15, fsqrt.s, 0, 0x7fc00000, 0x7fc00000
    TEST_FP_OP1_S 16, fsqrt.s, NV, 0x7fc00000, 0x7f800001
    TEST_FP_OP1_S 17, fsqrt.s, 0, 0x7fc00000, 0xffc00000
    TEST_FP_OP1_S 18, fsqrt.s, NX, 0x3f3504f3, 0x3f000000
    TEST_FP_OP1_S 19, fsqrt.s, NX, 0x3ea1e89b, 0x3dcccccd
    TEST_FP_OP1_S 20, fsqrt.s, 0, 0x49800000, 0x53800000
    TEST_FP_OP1_S 21, fsqrt.s, 0, 0x3fc00000, 0x40100000
    TEST_FP_OP1_S 22, fsqrt.s, 0, 0x41400000, 0x43100000
    TEST_FP_OP1_S 23, fsqrt.s, 0, 0x3a800000, 0x35800000

    # every static rounding mode
    TEST_FP_OP1_S 24, fsqrt.s, NX, 0x3fb504f3, 0x40000000, rne
    TEST_FP_OP1_S 25, fsqrt.s, NX, 0x3fb504f3, 0x40000000, rtz
    TEST_FP_OP1_S 26, fsqrt.s, NX, 0x3fb504f3, 0x40000000, rdn
    TEST_FP_OP1_S 27, fsqrt.s, NX, 0x3fb504f4, 0x40000000, rup
    TEST_FP_OP1_S 28, fsqrt.s, NX, 0x3fb504f3, 0x40000000, rmm
    TEST_FP_OP1_S 29, fsqrt.s, NX, 0x3fddb3d7, 0x40400000, rne
    TEST_FP_OP1_S 30, fsqrt.s, NX, 0x3fddb3d7, 0x40400000, rtz
    TEST_FP_OP1_S 31, fsqrt.s, NX, 0x3fddb3d7, 0x40400000, rdn
    TEST_FP_OP1_S 32, fsqrt.s, NX, 0x3fddb3d8, 0x40400000, rup
    TEST_FP_OP1_S 33, fsqrt.s, NX, 0x3fddb3d7, 0x40400000, rmm
    TEST_FP_OP1_S 34, fsqrt.s, NX, 0x3ea1e89b, 0x3dcccccd, rne
    TEST_FP_OP1_S 35, fsqrt.s, NX, 0x3ea1e89b, 0x3dcccccd, rtz
    TEST_FP_OP1_S 36, fsqrt.s, NX, 0x3ea1e89b, 0x3dcccccd, rdn
    TEST_FP_OP1_S 37, fsqrt.s, NX, 0x3ea1e89c, 0x3dcccccd, rup
    TEST_FP_OP1_S 38, fsqrt.s, NX, 0x3ea1e89b, 0x3dcccccd, rmm
    TEST_FP_OP1_S 39, fsqrt.s, NX, 0x1a3504f3, 0x00000001, rne
    TEST_FP_OP1_S 40, fsqrt.s, NX, 0x1a3504f3, 0x00000001, rtz
    TEST_FP_OP1_S 41, fsqrt.s, NX, 0x1a3504f3, 0x00000001, rdn
    TEST_FP_OP1_S 42, fsqrt.s, NX, 0x1a3504f4, 0x00000001, rup
    TEST_FP_OP1_S 43, fsqrt.s, NX, 0x1a3504f3, 0x00000001, rmm
    TEST_FP_OP1_S 44, fsqrt.s, NX, 0x5f7fffff, 0x7f7fffff, rne
    TEST_FP_OP1_S 45, fsqrt.s, NX, 0x5f7fffff, 0x7f7fffff, rtz
    TEST_FP_OP1_S 46, fsqrt.s, NX, 0x5f7fffff, 0x7f7fffff, rdn
    TEST_FP_OP1_S 47, fsqrt.s, NX, 0x5f800000, 0x7f7fffff, rup
    TEST_FP_OP1_S 48, fsqrt.s, NX, 0x5f7fffff, 0x7f7fffff, rmm

    # dynamic rounding mode RUP / RDN
    csrwi frm, RM_RUP
    TEST_FP_OP1_S 49, fsqrt.s, NX, 0x3fb504f4, 0x40000000
    csrwi frm, RM_RDN
    TEST_FP_OP1_S 50, fsqrt.s, NX, 0x3fb504f3, 0x40000000
    csrwi frm, RM_RNE
TEST_END
