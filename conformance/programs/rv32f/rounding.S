# RV32F rounding modes: fadd/fsub/fmul/fdiv.s under each of RNE, RTZ,
# RDN, RUP, RMM given statically in the instruction, then through frm with
# the dynamic mode; a static mode overrides frm. Cases sit on ties (to even
# vs away), on both signs, at overflow (infinity or the largest finite
# number) and at the subnormal boundary (tininess after rounding).
TEST_BEGIN

    # static rounding modes
    TEST_FP_OP2_S 1, fadd.s, NX, 0x3f800000, 0x3f800000, 0x33800000, rne
    TEST_FP_OP2_S 2, fadd.s, NX, 0x3f800000, 0x3f800000, 0x33800000, rtz
    TEST_FP_OP2_S 3, fadd.s, NX, 0x3f800000, 0x3f800000, 0x33800000, rdn
    TEST_FP_OP2_S 4, fadd.s, NX, 0x3f800001, 0x3f800000, 0x33800000, rup
    TEST_FP_OP2_S 5, fadd.s, NX, 0x3f800001, 0x3f800000, 0x33800000, rmm
    TEST_FP_OP2_S 6, fadd.s, NX, 0x3f800002, 0x3f800001, 0x33800000, rne
    TEST_FP_OP2_S 7, fadd.s, NX, 0x3f800001, 0x3f800001, 0x33800000, rtz
    TEST_FP_OP2_S 8, fadd.s, NX, 0x3f800001, 0x3f800001, 0x33800000, rdn
    TEST_FP_OP2_S 9, fadd.s, NX, 0x3f800002, 0x3f800001, 0x33800000, rup
    TEST_FP_OP2_S 10, fadd.s, NX, 0x3f800002, 0x3f800001, 0x33800000, rmm
    TEST_FP_OP2_S 11, fadd.s, NX, 0xbf800000, 0xbf800000, 0xb3800000, rne
    TEST_FP_OP2_S 12, fadd.s, NX, 0xbf800000, 0xbf800000, 0xb3800000, rtz
    TEST_FP_OP2_S 13, fadd.s, NX, 0xbf800001, 0xbf800000, 0xb3800000, rdn
    TEST_FP_OP2_S 14, fadd.s, NX, 0xbf800000, 0xbf800000, 0xb3800000, rup
    TEST_FP_OP2_S 15, fadd.s, NX, 0xbf800001, 0xbf800000, 0xb3800000, rmm
    TEST_FP_OP2_S 16, fadd.s, NX, 0x3f800001, 0x3f800000, 0x33c00000, rne
    TEST_FP_OP2_S 17, fadd.s, NX, 0x3f800000, 0x3f800000, 0x33c00000, rtz
    TEST_FP_OP2_S 18, fadd.s, NX, 0x3f800000, 0x3f800000, 0x33c00000, rdn
    TEST_FP_OP2_S 19, fadd.s, NX, 0x3f800001, 0x3f800000, 0x33c00000, rup
    TEST_FP_OP2_S 20, fadd.s, NX, 0x3f800001, 0x3f800000, 0x33c00000, rmm
    TEST_FP_OP2_S 21, fadd.s, NX, 0xbf800000, 0xbf800000, 0xb3000000, rne
    TEST_FP_OP2_S 22, fadd.s, NX, 0xbf800000, 0xbf800000, 0xb3000000, rtz
    TEST_FP_OP2_S 23, fadd.s, NX, 0xbf800001, 0xbf800000, 0xb3000000, rdn
    TEST_FP_OP2_S 24, fadd.s, NX, 0xbf800000, 0xbf800000, 0xb3000000, rup
    TEST_FP_OP2_S 25, fadd.s, NX, 0xbf800000, 0xbf800000, 0xb3000000, rmm
    TEST_FP_OP2_S 26, fsub.s, NX, 0x3f800000, 0x3f800000, 0x33000000, rne
    TEST_FP_OP2_S 27, fsub.s, NX, 0x3f7fffff, 0x3f800000, 0x33000000, rtz
    TEST_FP_OP2_S 28, fsub.s, NX, 0x3f7fffff, 0x3f800000, 0x33000000, rdn
    TEST_FP_OP2_S 29, fsub.s, NX, 0x3f800000, 0x3f800000, 0x33000000, rup
    TEST_FP_OP2_S 30, fsub.s, NX, 0x3f800000, 0x3f800000, 0x33000000, rmm
    TEST_FP_OP2_S 31, fsub.s, 0, 0x00000000, 0x3f800000, 0x3f800000, rne
    TEST_FP_OP2_S 32, fsub.s, 0, 0x00000000, 0x3f800000, 0x3f800000, rtz
    TEST_FP_OP2_S 33, fsub.s, 0, 0x80000000, 0x3f800000, 0x3f800000, rdn
    TEST_FP_OP2_S 34, fsub.s, 0, 0x00000000, 0x3f800000, 0x3f800000, rup
    TEST_FP_OP2_S 35, fsub.s, 0, 0x00000000, 0x3f800000, 0x3f800000, rmm
    TEST_FP_OP2_S 36, fmul.s, OF|NX, 0x7f800000, 0x7f7fffff, 0x40000000, rne
    TEST_FP_OP2_S 37, fmul.s, OF|NX, 0x7f7fffff, 0x7f7fffff, 0x40000000, rtz
    TEST_FP_OP2_S 38, fmul.s, OF|NX, 0x7f7fffff, 0x7f7fffff, 0x40000000, rdn
    TEST_FP_OP2_S 39, fmul.s, OF|NX, 0x7f800000, 0x7f7fffff, 0x40000000, rup
    TEST_FP_OP2_S 40, fmul.s, OF|NX, 0x7f800000, 0x7f7fffff, 0x40000000, rmm
    TEST_FP_OP2_S 41, fmul.s, OF|NX, 0xff800000, 0xff7fffff, 0x40000000, rne
    TEST_FP_OP2_S 42, fmul.s, OF|NX, 0xff7fffff, 0xff7fffff, 0x40000000, rtz
    TEST_FP_OP2_S 43, fmul.s, OF|NX, 0xff800000, 0xff7fffff, 0x40000000, rdn
    TEST_FP_OP2_S 44, fmul.s, OF|NX, 0xff7fffff, 0xff7fffff, 0x40000000, rup
    TEST_FP_OP2_S 45, fmul.s, OF|NX, 0xff800000, 0xff7fffff, 0x40000000, rmm
    TEST_FP_OP2_S 46, fmul.s, NX, 0x00800000, 0x3f7ffffe, 0x00800001, rne
    TEST_FP_OP2_S 47, fmul.s, UF|NX, 0x007fffff, 0x3f7ffffe, 0x00800001, rtz
    TEST_FP_OP2_S 48, fmul.s, UF|NX, 0x007fffff, 0x3f7ffffe, 0x00800001, rdn
    TEST_FP_OP2_S 49, fmul.s, NX, 0x00800000, 0x3f7ffffe, 0x00800001, rup
    TEST_FP_OP2_S 50, fmul.s, NX, 0x00800000, 0x3f7ffffe, 0x00800001, rmm
    TEST_FP_OP2_S 51, fdiv.s, NX, 0x3eaaaaab, 0x3f800000, 0x40400000, rne
    TEST_FP_OP2_S 52, fdiv.s, NX, 0x3eaaaaaa, 0x3f800000, 0x40400000, rtz
    TEST_FP_OP2_S 53, fdiv.s, NX, 0x3eaaaaaa, 0x3f800000, 0x40400000, rdn
    TEST_FP_OP2_S 54, fdiv.s, NX, 0x3eaaaaab, 0x3f800000, 0x40400000, rup
    TEST_FP_OP2_S 55, fdiv.s, NX, 0x3eaaaaab, 0x3f800000, 0x40400000, rmm
    TEST_FP_OP2_S 56, fdiv.s, NX, 0xbeaaaaab, 0xbf800000, 0x40400000, rne
    TEST_FP_OP2_S 57, fdiv.s, NX, 0xbeaaaaaa, 0xbf800000, 0x40400000, rtz
    TEST_FP_OP2_S 58, fdiv.s, NX, 0xbeaaaaab, 0xbf800000, 0x40400000, rdn
    TEST_FP_OP2_S 59, fdiv.s, NX, 0xbeaaaaaa, 0xbf800000, 0x40400000, rup
    TEST_FP_OP2_S 60, fdiv.s, NX, 0xbeaaaaab, 0xbf800000, 0x40400000, rmm
    TEST_FP_OP2_S 61, fdiv.s, UF|NX, 0x00000000, 0x00000001, 0x40000000, rne
    TEST_FP_OP2_S 62, fdiv.s, UF|NX, 0x00000000, 0x00000001, 0x40000000, rtz
    TEST_FP_OP2_S 63, fdiv.s, UF|NX, 0x00000000, 0x00000001, 0x40000000, rdn
    TEST_FP_OP2_S 64, fdiv.s, UF|NX, 0x00000001, 0x00000001, 0x40000000, rup
    TEST_FP_OP2_S 65, fdiv.s, UF|NX, 0x00000001, 0x00000001, 0x40000000, rmm
    TEST_FP_OP2_S 66, fdiv.s, UF|NX, 0x80000000, 0x80000001, 0x40000000, rne
    TEST_FP_OP2_S 67, fdiv.s, UF|NX, 0x80000000, 0x80000001, 0x40000000, rtz
    TEST_FP_OP2_S 68, fdiv.s, UF|NX, 0x80000001, 0x80000001, 0x40000000, rdn
    TEST_FP_OP2_S 69, fdiv.s, UF|NX, 0x80000000, 0x80000001, 0x40000000, rup
    TEST_FP_OP2_S 70, fdiv.s, UF|NX, 0x80000001, 0x80000001, 0x40000000, rmm
    TEST_FP_OP2_S 71, fdiv.s, UF|NX, 0x00000002, 0x00000003, 0x40000000, rne
    TEST_FP_OP2_S 72, fdiv.s, UF|NX, 0x00000001, 0x00000003, 0x40000000, rtz
    TEST_FP_OP2_S 73, fdiv.s, UF|NX, 0x00000001, 0x00000003, 0x40000000, rdn
    TEST_FP_OP2_S 74, fdiv.s, UF|NX, 0x00000002, 0x00000003, 0x40000000, rup
    TEST_FP_OP2_S 75, fdiv.s, UF|NX, 0x00000002, 0x00000003, 0x40000000, rmm

    # dynamic rounding mode from frm
    csrwi frm, RM_RNE
    TEST_FP_OP2_S 76, fadd.s, NX, 0x3f800000, 0x3f800000, 0x33800000
    TEST_FP_OP2_S 77, fadd.s, NX, 0xbf800000, 0xbf800000, 0xb3800000
    TEST_FP_OP2_S 78, fsub.s, 0, 0x00000000, 0x3f800000, 0x3f800000
    TEST_FP_OP2_S 79, fmul.s, OF|NX, 0x7f800000, 0x7f7fffff, 0x40000000
    TEST_FP_OP2_S 80, fdiv.s, NX, 0x3eaaaaab, 0x3f800000, 0x40400000
    TEST_FP_OP2_S 81, fdiv.s, NX, 0xbeaaaaab, 0xbf800000, 0x40400000
    csrwi frm, RM_RTZ
    TEST_FP_OP2_S 82, fadd.s, NX, 0x3f800000, 0x3f800000, 0x33800000
    TEST_FP_OP2_S 83, fadd.s, NX, 0xbf800000, 0xbf800000, 0xb3800000
    TEST_FP_OP2_S 84, fsub.s, 0, 0x00000000, 0x3f800000, 0x3f800000
    TEST_FP_OP2_S 85, fmul.s, OF|NX, 0x7f7fffff, 0x7f7fffff, 0x40000000
    TEST_FP_OP2_S 86, fdiv.s, NX, 0x3eaaaaaa, 0x3f800000, 0x40400000
    TEST_FP_OP2_S 87, fdiv.s, NX, 0xbeaaaaaa, 0xbf800000, 0x40400000
    csrwi frm, RM_RDN
    TEST_FP_OP2_S 88, fadd.s, NX, 0x3f800000, 0x3f800000, 0x33800000
    TEST_FP_OP2_S 89, fadd.s, NX, 0xbf800001, 0xbf800000, 0xb3800000
    TEST_FP_OP2_S 90, fsub.s, 0, 0x80000000, 0x3f800000, 0x3f800000
    TEST_FP_OP2_S 91, fmul.s, OF|NX, 0x7f7fffff, 0x7f7fffff, 0x40000000
    TEST_FP_OP2_S 92, fdiv.s, NX, 0x3eaaaaaa, 0x3f800000, 0x40400000
    TEST_FP_OP2_S 93, fdiv.s, NX, 0xbeaaaaab, 0xbf800000, 0x40400000
    csrwi frm, RM_RUP
    TEST_FP_OP2_S 94, fadd.s, NX, 0x3f800001, 0x3f800000, 0x33800000
    TEST_FP_OP2_S 95, fadd.s, NX, 0xbf800000, 0xbf800000, 0xb3800000
    TEST_FP_OP2_S 96, fsub.s, 0, 0x00000000, 0x3f800000, 0x3f800000
    TEST_FP_OP2_S 97, fmul.s, OF|NX, 0x7f800000, 0x7f7fffff, 0x40000000
    TEST_FP_OP2_S 98, fdiv.s, NX, 0x3eaaaaab, 0x3f800000, 0x40400000
    TEST_FP_OP2_S 99, fdiv.s, NX, 0xbeaaaaaa, 0xbf800000, 0x40400000
    csrwi frm, RM_RMM
    TEST_FP_OP2_S 100, fadd.s, NX, 0x3f800001, 0x3f800000, 0x33800000
    TEST_FP_OP2_S 101, fadd.s, NX, 0xbf800001, 0xbf800000, 0xb3800000
    TEST_FP_OP2_S 102, fsub.s, 0, 0x00000000, 0x3f800000, 0x3f800000
    TEST_FP_OP2_S 103, fmul.s, OF|NX, 0x7f800000, 0x7f7fffff, 0x40000000
    TEST_FP_OP2_S 104, fdiv.s, NX, 0x3eaaaaab, 0x3f800000, 0x40400000
    TEST_FP_OP2_S 105, fdiv.s, NX, 0xbeaaaaab, 0xbf800000, 0x40400000

    # a static mode wins over frm (frm = RUP here)
    TEST_FP_OP2_S 106, fdiv.s, NX, 0x3eaaaaab, 0x3f800000, 0x40400000, rne
    TEST_FP_OP2_S 107, fdiv.s, NX, 0x3eaaaaaa, 0x3f800000, 0x40400000, rtz
    TEST_FP_OP2_S 108, fdiv.s, NX, 0x3eaaaaaa, 0x3f800000, 0x40400000, rdn
    TEST_FP_OP2_S 109, fdiv.s, NX, 0x3eaaaaab, 0x3f800000, 0x40400000, rmm
    csrwi frm, RM_RNE
TEST_END
