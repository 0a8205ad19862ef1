# RV32D fsqrt.d: exact squares, irrational results in every rounding
# mode, sqrt(-0) = -0, sqrt(+inf) = +inf, negative operands and -inf are
# invalid (canonical NaN, NV), NaN inputs, subnormal inputs.
TEST_BEGIN

    # default rounding mode (dyn, frm = RNE)
    TEST_FP_OP1_D 1, fsqrt.d, 0, 0x3ff0000000000000, 0x3ff0000000000000
    TEST_FP_OP1_D 2, fsqrt.d, NX, 0x3ff6a09e667f3bcd, 0x4000000000000000
    TEST_FP_OP1_D 3, fsqrt.d, NX, 0x3ffbb67ae8584caa, 0x4008000000000000
    TEST_FP_OP1_D 4, fsqrt.d, NX, 0x3ffc5bf8a5e84471, 0x400921fb78121fb8
    TEST_FP_OP1_D 5, fsqrt.d, NX, 0x5fefffffffffffff, 0x7fefffffffffffff
    TEST_FP_OP1_D 6, fsqrt.d, 0, 0x1e60000000000000, 0x0000000000000001
    TEST_FP_OP1_D 7, fsqrt.d, NX, 0x1fffffffffffffff, 0x000fffffffffffff
    TEST_FP_OP1_D 8, fsqrt.d, 0, 0x2000000000000000, 0x0010000000000000
    TEST_FP_OP1_D 9, fsqrt.d, 0, 0x0000000000000000, 0x0000000000000000
    TEST_FP_OP1_D 10, fsqrt.d, 0, 0x8000000000000000, 0x8000000000000000
    TEST_FP_OP1_D 11, fsqrt.d, 0, 0x7ff0000000000000, 0x7ff0000000000000
    TEST_FP_OP1_D 12, fsqrt.d, NV, 0x7ff8000000000000, 0xfff0000000000000
    TEST_FP_OP1_D 13, fsqrt.d, NV, 0x7ff8000000000000, 0xbff0000000000000
    TEST_FP_OP1_D 14, fsqrt.d, NV, 0x7ff8000000000000, 0x8000000000000001
    TEST_FP_OP1_D 15, fsqrt.d, 0, 0x7ff8000000000000, 0x7ff8000000000000
    TEST_FP_OP1_D 16, fsqrt.d, NV, 0x7ff8000000000000, 0x7ff0000000000001
    TEST_FP_OP1_D 17, fsqrt.d, 0, 0x7ff8000000000000, 0xfff8000000000000
    TEST_FP_OP1_D 18, fsqrt.d, NX, 0x3fe6a09e667f3bcd, 0x3fe0000000000000
    TEST_FP_OP1_D 19, fsqrt.d, NX, 0x3fd43d136248490f, 0x3fb999999999999a
    TEST_FP_OP1_D 20, fsqrt.d, 0, 0x4130000000000000, 0x4270000000000000
    TEST_FP_OP1_D 21, fsqrt.d, 0, 0x3ff8000000000000, 0x4002000000000000
    TEST_FP_OP1_D 22, fsqrt.d, 0, 0x4028000000000000, 0x4062000000000000
    TEST_FP_OP1_D 23, fsqrt.d, 0, 0x3f50000000000000, 0x3eb0000000000000

    # every static rounding mode
    TEST_FP_OP1_D 24, fsqrt.d, NX, 0x3ff6a09e667f3bcd, 0x4000000000000000, rne
    TEST_FP_OP1_D 25, fsqrt.d, NX, 0x3ff6a09e667f3bcc, 0x4000000000000000, rtz
    TEST_FP_OP1_D 26, fsqrt.d, NX, 0x3ff6a09e667f3bcc, 0x4000000000000000, rdn
    TEST_FP_OP1_D 27, fsqrt.d, NX, 0x3ff6a09e667f3bcd, 0x4000000000000000, rup
    TEST_FP_OP1_D 28, fsqrt.d, NX, 0x3ff6a09e667f3bcd, 0x4000000000000000, rmm
    TEST_FP_OP1_D 29, fsqrt.d, NX, 0x3ffbb67ae8584caa, 0x4008000000000000, rne
    TEST_FP_OP1_D 30, fsqrt.d, NX, 0x3ffbb67ae8584caa, 0x4008000000000000, rtz
    TEST_FP_OP1_D 31, fsqrt.d, NX, 0x3ffbb67ae8584caa, 0x4008000000000000, rdn
    TEST_FP_OP1_D 32, fsqrt.d, NX, 0x3ffbb67ae8584cab, 0x4008000000000000, rup
    TEST_FP_OP1_D 33, fsqrt.d, NX, 0x3ffbb67ae8584caa, 0x4008000000000000, rmm
    TEST_FP_OP1_D 34, fsqrt.d, NX, 0x3fd43d136248490f, 0x3fb999999999999a, rne
    TEST_FP_OP1_D 35, fsqrt.d, NX, 0x3fd43d136248490f, 0x3fb999999999999a, rtz
    TEST_FP_OP1_D 36, fsqrt.d, NX, 0x3fd43d136248490f, 0x3fb999999999999a, rdn
    TEST_FP_OP1_D 37, fsqrt.d, NX, 0x3fd43d1362484910, 0x3fb999999999999a, rup
    TEST_FP_OP1_D 38, fsqrt.d, NX, 0x3fd43d136248490f, 0x3fb999999999999a, rmm
    TEST_FP_OP1_D 39, fsqrt.d, 0, 0x1e60000000000000, 0x0000000000000001, rne
    TEST_FP_OP1_D 40, fsqrt.d, 0, 0x1e60000000000000, 0x0000000000000001, rtz
    TEST_FP_OP1_D 41, fsqrt.d, 0, 0x1e60000000000000, 0x0000000000000001, rdn
    TEST_FP_OP1_D 42, fsqrt.d, 0, 0x1e60000000000000, 0x0000000000000001, rup
    TEST_FP_OP1_D 43, fsqrt.d, 0, 0x1e60000000000000, 0x0000000000000001, rmm
    TEST_FP_OP1_D 44, fsqrt.d, NX, 0x5fefffffffffffff, 0x7fefffffffffffff, rne
    TEST_FP_OP1_D 45, fsqrt.d, NX, 0x5fefffffffffffff, 0x7fefffffffffffff, rtz
    TEST_FP_OP1_D 46, fsqrt.d, NX, 0x5fefffffffffffff, 0x7fefffffffffffff, rdn
    TEST_FP_OP1_D 47, fsqrt.d, NX, 0x5ff0000000000000, 0x7fefffffffffffff, rup
    TEST_FP_OP1_D 48, fsqrt.d, NX, 0x5fefffffffffffff, 0x7fefffffffffffff, rmm

    # dynamic rounding mode RUP / RDN
    csrwi frm, RM_RUP
    TEST_FP_OP1_D 49, fsqrt.d, NX, 0x3ff6a09e667f3bcd, 0x4000000000000000
    csrwi frm, RM_RDN
    TEST_FP_OP1_D 50, fsqrt.d, NX, 0x3ff6a09e667f3bcc, 0x4000000000000000
    csrwi frm, RM_RNE
TEST_END
