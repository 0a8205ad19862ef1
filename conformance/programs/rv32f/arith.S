# RV32F arithmetic: fadd.s, fsub.s, fmul.s, fdiv.s in the default
# rounding mode (dyn, frm = RNE): exact and inexact results, signed zeros,
# infinities, NaN propagation (always the canonical NaN; signaling inputs
# raise NV), invalid operations (inf - inf, 0 * inf, 0/0, inf/inf),
# division by zero (DZ), overflow (OF|NX) and underflow (UF only when the
# tiny result is inexact, tininess detected after rounding), subnormal
# operands and results. Expected values and flags follow IEEE 754-2008 as
# the RISC-V F/D chapters specify.
TEST_BEGIN

    # fadd.s
    TEST_FP_OP2_S 1, fadd.s, 0, 0x40000000, 0x3f800000, 0x3f800000
    TEST_FP_OP2_S 2, fadd.s, 0, 0x40600000, 0x40200000, 0x3f800000
    TEST_FP_OP2_S 3, fadd.s, 0, 0xbf800000, 0xc0200000, 0x3fc00000
    TEST_FP_OP2_S 4, fadd.s, NX, 0x405e6531, 0x40490fdc, 0x3eaaaaab
    TEST_FP_OP2_S 5, fadd.s, NX, 0x3f800000, 0x3f800000, 0x33800000
    TEST_FP_OP2_S 6, fadd.s, NX, 0x3f800002, 0x3f800001, 0x33800000
    TEST_FP_OP2_S 7, fadd.s, 0, 0x00000000, 0x00000000, 0x00000000
    TEST_FP_OP2_S 8, fadd.s, 0, 0x80000000, 0x80000000, 0x80000000
    TEST_FP_OP2_S 9, fadd.s, 0, 0x00000000, 0x00000000, 0x80000000
    TEST_FP_OP2_S 10, fadd.s, 0, 0x00000000, 0x3f800000, 0xbf800000
    TEST_FP_OP2_S 11, fadd.s, 0, 0x7f800000, 0x7f800000, 0x3f800000
    TEST_FP_OP2_S 12, fadd.s, 0, 0x7f800000, 0x7f800000, 0x7f800000
    TEST_FP_OP2_S 13, fadd.s, NV, 0x7fc00000, 0x7f800000, 0xff800000
    TEST_FP_OP2_S 14, fadd.s, 0, 0xff800000, 0xff800000, 0x7f7fffff
    TEST_FP_OP2_S 15, fadd.s, OF|NX, 0x7f800000, 0x7f7fffff, 0x7f7fffff
    TEST_FP_OP2_S 16, fadd.s, OF|NX, 0xff800000, 0xff7fffff, 0xff7fffff
    TEST_FP_OP2_S 17, fadd.s, NX, 0x7f7fffff, 0x7f7fffff, 0x3f800000
    TEST_FP_OP2_S 18, fadd.s, 0, 0x00000002, 0x00000001, 0x00000001
    TEST_FP_OP2_S 19, fadd.s, 0, 0x00800000, 0x007fffff, 0x00000001
    TEST_FP_OP2_S 20, fadd.s, 0, 0x007fffff, 0x00800000, 0x80000001
    TEST_FP_OP2_S 21, fadd.s, 0, 0x7fc00000, 0x7fc00000, 0x3f800000
    TEST_FP_OP2_S 22, fadd.s, NV, 0x7fc00000, 0x3f800000, 0x7f800001
    TEST_FP_OP2_S 23, fadd.s, NV, 0x7fc00000, 0xff800001, 0x7fc00000
    TEST_FP_OP2_S 24, fadd.s, 0, 0x7fc00000, 0x7fc12345, 0x3f800000
    TEST_FP_OP2_S 25, fadd.s, 0, 0x7fc00000, 0xffc00000, 0x80000000
    TEST_FP_OP2_S 26, fadd.s, NX, 0x53800000, 0x53800000, 0x3dcccccd
    TEST_FP_OP2_S 27, fadd.s, 0, 0x00000000, 0xd3800000, 0x53800000

    # fsub.s
    TEST_FP_OP2_S 28, fsub.s, 0, 0x00000000, 0x3f800000, 0x3f800000
    TEST_FP_OP2_S 29, fsub.s, 0, 0x3fc00000, 0x40200000, 0x3f800000
    TEST_FP_OP2_S 30, fsub.s, 0, 0x40800000, 0x3fc00000, 0xc0200000
    TEST_FP_OP2_S 31, fsub.s, NX, 0x4033ba87, 0x40490fdc, 0x3eaaaaab
    TEST_FP_OP2_S 32, fsub.s, 0, 0x00000000, 0x00000000, 0x00000000
    TEST_FP_OP2_S 33, fsub.s, 0, 0x80000000, 0x80000000, 0x00000000
    TEST_FP_OP2_S 34, fsub.s, 0, 0x00000000, 0x00000000, 0x80000000
    TEST_FP_OP2_S 35, fsub.s, 0, 0x00000000, 0x80000000, 0x80000000
    TEST_FP_OP2_S 36, fsub.s, NV, 0x7fc00000, 0x7f800000, 0x7f800000
    TEST_FP_OP2_S 37, fsub.s, 0, 0x7f800000, 0x7f800000, 0xff800000
    TEST_FP_OP2_S 38, fsub.s, 0, 0xff800000, 0xff800000, 0x7f800000
    TEST_FP_OP2_S 39, fsub.s, OF|NX, 0xff800000, 0xff7fffff, 0x7f7fffff
    TEST_FP_OP2_S 40, fsub.s, 0, 0x007fffff, 0x00800000, 0x00000001
    TEST_FP_OP2_S 41, fsub.s, 0, 0x807ffffe, 0x00000001, 0x007fffff
    TEST_FP_OP2_S 42, fsub.s, NV, 0x7fc00000, 0x7f800001, 0x3f800000
    TEST_FP_OP2_S 43, fsub.s, 0, 0x7fc00000, 0x3f800000, 0x7fc00000
    TEST_FP_OP2_S 44, fsub.s, 0, 0x34000000, 0x3f800001, 0x3f800000

    # fmul.s
    TEST_FP_OP2_S 45, fmul.s, 0, 0x40a00000, 0x40200000, 0x40000000
    TEST_FP_OP2_S 46, fmul.s, 0, 0xc0700000, 0xc0200000, 0x3fc00000
    TEST_FP_OP2_S 47, fmul.s, NX, 0x3f860a93, 0x40490fdc, 0x3eaaaaab
    TEST_FP_OP2_S 48, fmul.s, NX, 0x3f800000, 0x3eaaaaab, 0x40400000
    TEST_FP_OP2_S 49, fmul.s, NV, 0x7fc00000, 0x00000000, 0x7f800000
    TEST_FP_OP2_S 50, fmul.s, NV, 0x7fc00000, 0xff800000, 0x80000000
    TEST_FP_OP2_S 51, fmul.s, 0, 0x80000000, 0x80000000, 0x3f800000
    TEST_FP_OP2_S 52, fmul.s, 0, 0x00000000, 0x80000000, 0xbf800000
    TEST_FP_OP2_S 53, fmul.s, 0, 0xff800000, 0x7f800000, 0xff800000
    TEST_FP_OP2_S 54, fmul.s, OF|NX, 0x7f800000, 0x7f7fffff, 0x40000000
    TEST_FP_OP2_S 55, fmul.s, OF|NX, 0xff800000, 0xff7fffff, 0x40000000
    TEST_FP_OP2_S 56, fmul.s, 0, 0x00400000, 0x00800000, 0x3f000000
    TEST_FP_OP2_S 57, fmul.s, UF|NX, 0x002aaaab, 0x00800000, 0x3eaaaaab
    TEST_FP_OP2_S 58, fmul.s, UF|NX, 0x00000000, 0x00000001, 0x3f000000
    TEST_FP_OP2_S 59, fmul.s, UF|NX, 0x80000000, 0x00000001, 0x80000001
    TEST_FP_OP2_S 60, fmul.s, 0, 0x00fffffe, 0x007fffff, 0x40000000
    TEST_FP_OP2_S 61, fmul.s, NX, 0x3f800002, 0x3f800001, 0x3f800001
    TEST_FP_OP2_S 62, fmul.s, NV, 0x7fc00000, 0x7f800001, 0x00000000
    TEST_FP_OP2_S 63, fmul.s, 0, 0x7fc00000, 0x7fc00000, 0x7f800000
    TEST_FP_OP2_S 64, fmul.s, 0, 0x67800000, 0x53800000, 0x53800000
    TEST_FP_OP2_S 65, fmul.s, NX, 0x3c23d70b, 0x3dcccccd, 0x3dcccccd
    TEST_FP_OP2_S 66, fmul.s, NX, 0x00800000, 0x3f7ffffe, 0x00800001

    # fdiv.s
    TEST_FP_OP2_S 67, fdiv.s, NX, 0x3eaaaaab, 0x3f800000, 0x40400000
    TEST_FP_OP2_S 68, fdiv.s, NX, 0xbeaaaaab, 0xbf800000, 0x40400000
    TEST_FP_OP2_S 69, fdiv.s, 0, 0x3fc00000, 0x40400000, 0x40000000
    TEST_FP_OP2_S 70, fdiv.s, 0, 0x3f800000, 0x40490fdc, 0x40490fdc
    TEST_FP_OP2_S 71, fdiv.s, DZ, 0x7f800000, 0x3f800000, 0x00000000
    TEST_FP_OP2_S 72, fdiv.s, DZ, 0xff800000, 0xbf800000, 0x00000000
    TEST_FP_OP2_S 73, fdiv.s, DZ, 0xff800000, 0x3f800000, 0x80000000
    TEST_FP_OP2_S 74, fdiv.s, NV, 0x7fc00000, 0x00000000, 0x00000000
    TEST_FP_OP2_S 75, fdiv.s, NV, 0x7fc00000, 0x80000000, 0x00000000
    TEST_FP_OP2_S 76, fdiv.s, NV, 0x7fc00000, 0x7f800000, 0x7f800000
    TEST_FP_OP2_S 77, fdiv.s, 0, 0xff800000, 0xff800000, 0x40000000
    TEST_FP_OP2_S 78, fdiv.s, 0, 0x80000000, 0x40000000, 0xff800000
    TEST_FP_OP2_S 79, fdiv.s, 0, 0x00000000, 0x00000000, 0x3f800000
    TEST_FP_OP2_S 80, fdiv.s, 0, 0x80000000, 0x80000000, 0x40400000
    TEST_FP_OP2_S 81, fdiv.s, OF|NX, 0x7f800000, 0x7f7fffff, 0x3f000000
    TEST_FP_OP2_S 82, fdiv.s, 0, 0x00400000, 0x00800000, 0x40000000
    TEST_FP_OP2_S 83, fdiv.s, UF|NX, 0x002aaaab, 0x00800000, 0x40400000
    TEST_FP_OP2_S 84, fdiv.s, UF|NX, 0x00000000, 0x00000001, 0x40000000
    TEST_FP_OP2_S 85, fdiv.s, UF|NX, 0x00200000, 0x3f800000, 0x7f7fffff
    TEST_FP_OP2_S 86, fdiv.s, 0, 0x3f800000, 0x007fffff, 0x007fffff
    TEST_FP_OP2_S 87, fdiv.s, NV, 0x7fc00000, 0x7f800001, 0x3f800000
    TEST_FP_OP2_S 88, fdiv.s, 0, 0x7fc00000, 0x3f800000, 0x7fc00000
    TEST_FP_OP2_S 89, fdiv.s, 0, 0x7f800000, 0x7f800000, 0x00000000
    TEST_FP_OP2_S 90, fdiv.s, 0, 0x00000000, 0x00000000, 0x7f800000
    TEST_FP_OP2_S 91, fdiv.s, NX, 0x3d088889, 0x3dcccccd, 0x40400000
TEST_END
