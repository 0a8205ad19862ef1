# RV32F sign injection fsgnj.s, fsgnjn.s, fsgnjx.s (pure bit operations:
# NaN payloads are kept, no flags; fmv/fneg/fabs are their aliases with
# rs1 == rs2) and fclass.s for each of the ten classes.
# Also fmv.x.w / fmv.w.x, which move bit patterns unchanged (even NaNs).
TEST_BEGIN

    # fsgnj.s
    TEST_FP_OP2_S 1, fsgnj.s, 0, 0x3f800000, 0x3f800000, 0x40000000
    TEST_FP_OP2_S 2, fsgnj.s, 0, 0xbf800000, 0x3f800000, 0xbf800000
    TEST_FP_OP2_S 3, fsgnj.s, 0, 0x3f800000, 0xbf800000, 0x3f800000
    TEST_FP_OP2_S 4, fsgnj.s, 0, 0xbf800000, 0xbf800000, 0xbf800000
    TEST_FP_OP2_S 5, fsgnj.s, 0, 0x80000000, 0x00000000, 0x80000000
    TEST_FP_OP2_S 6, fsgnj.s, 0, 0xff800000, 0x7f800000, 0x80000000
    TEST_FP_OP2_S 7, fsgnj.s, 0, 0xffc12345, 0x7fc12345, 0xbf800000
    TEST_FP_OP2_S 8, fsgnj.s, 0, 0xff800001, 0x7f800001, 0xbf800000
    TEST_FP_OP2_S 9, fsgnj.s, 0, 0x7f800001, 0xff800001, 0x3f800000
    TEST_FP_OP2_S 10, fsgnj.s, 0, 0x7f7fffff, 0x7f7fffff, 0x00000001

    # fsgnjn.s
    TEST_FP_OP2_S 11, fsgnjn.s, 0, 0xbf800000, 0x3f800000, 0x40000000
    TEST_FP_OP2_S 12, fsgnjn.s, 0, 0x3f800000, 0x3f800000, 0xbf800000
    TEST_FP_OP2_S 13, fsgnjn.s, 0, 0xbf800000, 0xbf800000, 0x3f800000
    TEST_FP_OP2_S 14, fsgnjn.s, 0, 0x3f800000, 0xbf800000, 0xbf800000
    TEST_FP_OP2_S 15, fsgnjn.s, 0, 0x00000000, 0x00000000, 0x80000000
    TEST_FP_OP2_S 16, fsgnjn.s, 0, 0x7f800000, 0x7f800000, 0x80000000
    TEST_FP_OP2_S 17, fsgnjn.s, 0, 0x7fc12345, 0x7fc12345, 0xbf800000
    TEST_FP_OP2_S 18, fsgnjn.s, 0, 0x7f800001, 0x7f800001, 0xbf800000
    TEST_FP_OP2_S 19, fsgnjn.s, 0, 0xff800001, 0xff800001, 0x3f800000
    TEST_FP_OP2_S 20, fsgnjn.s, 0, 0xff7fffff, 0x7f7fffff, 0x00000001

    # fsgnjx.s
    TEST_FP_OP2_S 21, fsgnjx.s, 0, 0x3f800000, 0x3f800000, 0x40000000
    TEST_FP_OP2_S 22, fsgnjx.s, 0, 0xbf800000, 0x3f800000, 0xbf800000
    TEST_FP_OP2_S 23, fsgnjx.s, 0, 0xbf800000, 0xbf800000, 0x3f800000
    TEST_FP_OP2_S 24, fsgnjx.s, 0, 0x3f800000, 0xbf800000, 0xbf800000
    TEST_FP_OP2_S 25, fsgnjx.s, 0, 0x80000000, 0x00000000, 0x80000000
    TEST_FP_OP2_S 26, fsgnjx.s, 0, 0xff800000, 0x7f800000, 0x80000000
    TEST_FP_OP2_S 27, fsgnjx.s, 0, 0xffc12345, 0x7fc12345, 0xbf800000
    TEST_FP_OP2_S 28, fsgnjx.s, 0, 0xff800001, 0x7f800001, 0xbf800000
    TEST_FP_OP2_S 29, fsgnjx.s, 0, 0xff800001, 0xff800001, 0x3f800000
    TEST_FP_OP2_S 30, fsgnjx.s, 0, 0x7f7fffff, 0x7f7fffff, 0x00000001

    # aliases fmv.s, fneg.s, fabs.s (rs1 == rs2)
    TEST_FP_OP1_S 31, fmv.s, 0, 0xc0200000, 0xc0200000
    TEST_FP_OP1_S 32, fmv.s, 0, 0x40490fdc, 0x40490fdc
    TEST_FP_OP1_S 33, fmv.s, 0, 0xff800001, 0xff800001
    TEST_FP_OP1_S 34, fmv.s, 0, 0x80000000, 0x80000000
    TEST_FP_OP1_S 35, fneg.s, 0, 0x40200000, 0xc0200000
    TEST_FP_OP1_S 36, fneg.s, 0, 0xc0490fdc, 0x40490fdc
    TEST_FP_OP1_S 37, fneg.s, 0, 0x7f800001, 0xff800001
    TEST_FP_OP1_S 38, fneg.s, 0, 0x00000000, 0x80000000
    TEST_FP_OP1_S 39, fabs.s, 0, 0x40200000, 0xc0200000
    TEST_FP_OP1_S 40, fabs.s, 0, 0x40490fdc, 0x40490fdc
    TEST_FP_OP1_S 41, fabs.s, 0, 0x7f800001, 0xff800001
    TEST_FP_OP1_S 42, fabs.s, 0, 0x00000000, 0x80000000

    # fclass.s
    TEST_FP_TO_INT_S 43, fclass.s, 0, 0x1, 0xff800000
    TEST_FP_TO_INT_S 44, fclass.s, 0, 0x2, 0xff7fffff
    TEST_FP_TO_INT_S 45, fclass.s, 0, 0x2, 0xbf800000
    TEST_FP_TO_INT_S 46, fclass.s, 0, 0x2, 0x80800000
    TEST_FP_TO_INT_S 47, fclass.s, 0, 0x4, 0x80000001
    TEST_FP_TO_INT_S 48, fclass.s, 0, 0x8, 0x80000000
    TEST_FP_TO_INT_S 49, fclass.s, 0, 0x10, 0x00000000
    TEST_FP_TO_INT_S 50, fclass.s, 0, 0x20, 0x00000001
    TEST_FP_TO_INT_S 51, fclass.s, 0, 0x20, 0x007fffff
    TEST_FP_TO_INT_S 52, fclass.s, 0, 0x40, 0x00800000
    TEST_FP_TO_INT_S 53, fclass.s, 0, 0x40, 0x3f800000
    TEST_FP_TO_INT_S 54, fclass.s, 0, 0x40, 0x7f7fffff
    TEST_FP_TO_INT_S 55, fclass.s, 0, 0x80, 0x7f800000
    TEST_FP_TO_INT_S 56, fclass.s, 0, 0x100, 0x7f800001
    TEST_FP_TO_INT_S 57, fclass.s, 0, 0x100, 0xff800001
    TEST_FP_TO_INT_S 58, fclass.s, 0, 0x200, 0x7fc00000
    TEST_FP_TO_INT_S 59, fclass.s, 0, 0x200, 0xffc00000
    TEST_FP_TO_INT_S 60, fclass.s, 0, 0x200, 0x7fc12345

    # fmv.x.w and fmv.w.x copy bits, NaNs included, no flags
    TEST_FP_TO_INT_S 61, fmv.x.w, 0, 0x3f800000, 0x3f800000
    TEST_INT_TO_FP_S 62, fmv.w.x, 0, 0x3f800000, 0x3f800000
    TEST_FP_TO_INT_S 63, fmv.x.w, 0, 0x80000000, 0x80000000
    TEST_INT_TO_FP_S 64, fmv.w.x, 0, 0x80000000, 0x80000000
    TEST_FP_TO_INT_S 65, fmv.x.w, 0, 0x7f800001, 0x7f800001
    TEST_INT_TO_FP_S 66, fmv.w.x, 0, 0x7f800001, 0x7f800001
    TEST_FP_TO_INT_S 67, fmv.x.w, 0, 0xff800001, 0xff800001
    TEST_INT_TO_FP_S 68, fmv.w.x, 0, 0xff800001, 0xff800001
    TEST_FP_TO_INT_S 69, fmv.x.w, 0, 0x7fc12345, 0x7fc12345
    TEST_INT_TO_FP_S 70, fmv.w.x, 0, 0x7fc12345, 0x7fc12345
    TEST_FP_TO_INT_S 71, fmv.x.w, 0, 0x00000001, 0x00000001
    TEST_INT_TO_FP_S 72, fmv.w.x, 0, 0x00000001, 0x00000001
TEST_END
