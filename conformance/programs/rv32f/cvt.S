# RV32F conversions between single and 32-bit integers:
# fcvt.w.s / fcvt.wu.s round in every mode, saturate out-of-range values
# (NV; NaN and +inf give the maximum, -inf the minimum; for wu any negative
# value that does not round to 0 gives 0), and set NX when inexact;
# fcvt.s.w / fcvt.s.wu convert signed and unsigned integers (rounding large ones).
TEST_BEGIN

    # fcvt.w.s, default mode (dyn, frm = RNE)
    TEST_FP_TO_INT_S 1, fcvt.w.s, 0, 0x0, 0x00000000
    TEST_FP_TO_INT_S 2, fcvt.w.s, 0, 0x0, 0x80000000
    TEST_FP_TO_INT_S 3, fcvt.w.s, 0, 0x1, 0x3f800000
    TEST_FP_TO_INT_S 4, fcvt.w.s, 0, 0xffffffff, 0xbf800000
    TEST_FP_TO_INT_S 5, fcvt.w.s, NX, 0x2, 0x3fc00000
    TEST_FP_TO_INT_S 6, fcvt.w.s, NX, 0x2, 0x40200000
    TEST_FP_TO_INT_S 7, fcvt.w.s, NX, 0xfffffffe, 0xc0200000
    TEST_FP_TO_INT_S 8, fcvt.w.s, NX, 0x0, 0x3f000000
    TEST_FP_TO_INT_S 9, fcvt.w.s, NX, 0x0, 0x3dcccccd
    TEST_FP_TO_INT_S 10, fcvt.w.s, NX, 0x3, 0x40490fdc
    TEST_FP_TO_INT_S 11, fcvt.w.s, NX, 0x0, 0x00000001
    TEST_FP_TO_INT_S 12, fcvt.w.s, NX, 0x0, 0x80000001
    TEST_FP_TO_INT_S 13, fcvt.w.s, NV, 0x7fffffff, 0x7f7fffff
    TEST_FP_TO_INT_S 14, fcvt.w.s, NV, 0x80000000, 0xff7fffff
    TEST_FP_TO_INT_S 15, fcvt.w.s, NV, 0x7fffffff, 0x7f800000
    TEST_FP_TO_INT_S 16, fcvt.w.s, NV, 0x80000000, 0xff800000
    TEST_FP_TO_INT_S 17, fcvt.w.s, NV, 0x7fffffff, 0x7fc00000
    TEST_FP_TO_INT_S 18, fcvt.w.s, NV, 0x7fffffff, 0xffc00000
    TEST_FP_TO_INT_S 19, fcvt.w.s, NV, 0x7fffffff, 0x7f800001
    TEST_FP_TO_INT_S 20, fcvt.w.s, NV, 0x7fffffff, 0x53800000
    TEST_FP_TO_INT_S 21, fcvt.w.s, NV, 0x80000000, 0xd3800000
    TEST_FP_TO_INT_S 22, fcvt.w.s, NX, 0x0, 0xbf000000
    TEST_FP_TO_INT_S 23, fcvt.w.s, NX, 0xffffffff, 0xbf400000
    TEST_FP_TO_INT_S 24, fcvt.w.s, 0, 0xffffffff, 0xbf800000
    TEST_FP_TO_INT_S 25, fcvt.w.s, NV, 0x7fffffff, 0x4f000000
    TEST_FP_TO_INT_S 26, fcvt.w.s, 0, 0x80000000, 0xcf000000
    TEST_FP_TO_INT_S 27, fcvt.w.s, NV, 0x7fffffff, 0x4f800000
    TEST_FP_TO_INT_S 28, fcvt.w.s, 0, 0x7fffff80, 0x4effffff
    TEST_FP_TO_INT_S 29, fcvt.w.s, NV, 0x7fffffff, 0x4f7fffff
    TEST_FP_TO_INT_S 30, fcvt.w.s, NV, 0x80000000, 0xcf000001

    # fcvt.wu.s, default mode (dyn, frm = RNE)
    TEST_FP_TO_INT_S 31, fcvt.wu.s, 0, 0x0, 0x00000000
    TEST_FP_TO_INT_S 32, fcvt.wu.s, 0, 0x0, 0x80000000
    TEST_FP_TO_INT_S 33, fcvt.wu.s, 0, 0x1, 0x3f800000
    TEST_FP_TO_INT_S 34, fcvt.wu.s, NV, 0x0, 0xbf800000
    TEST_FP_TO_INT_S 35, fcvt.wu.s, NX, 0x2, 0x3fc00000
    TEST_FP_TO_INT_S 36, fcvt.wu.s, NX, 0x2, 0x40200000
    TEST_FP_TO_INT_S 37, fcvt.wu.s, NV, 0x0, 0xc0200000
    TEST_FP_TO_INT_S 38, fcvt.wu.s, NX, 0x0, 0x3f000000
    TEST_FP_TO_INT_S 39, fcvt.wu.s, NX, 0x0, 0x3dcccccd
    TEST_FP_TO_INT_S 40, fcvt.wu.s, NX, 0x3, 0x40490fdc
    TEST_FP_TO_INT_S 41, fcvt.wu.s, NX, 0x0, 0x00000001
    TEST_FP_TO_INT_S 42, fcvt.wu.s, NX, 0x0, 0x80000001
    TEST_FP_TO_INT_S 43, fcvt.wu.s, NV, 0xffffffff, 0x7f7fffff
    TEST_FP_TO_INT_S 44, fcvt.wu.s, NV, 0x0, 0xff7fffff
    TEST_FP_TO_INT_S 45, fcvt.wu.s, NV, 0xffffffff, 0x7f800000
    TEST_FP_TO_INT_S 46, fcvt.wu.s, NV, 0x0, 0xff800000
    TEST_FP_TO_INT_S 47, fcvt.wu.s, NV, 0xffffffff, 0x7fc00000
    TEST_FP_TO_INT_S 48, fcvt.wu.s, NV, 0xffffffff, 0xffc00000
    TEST_FP_TO_INT_S 49, fcvt.wu.s, NV, 0xffffffff, 0x7f800001
    TEST_FP_TO_INT_S 50, fcvt.wu.s, NV, 0xffffffff, 0x53800000
    TEST_FP_TO_INT_S 51, fcvt.wu.s, NV, 0x0, 0xd3800000
    TEST_FP_TO_INT_S 52, fcvt.wu.s, NX, 0x0, 0xbf000000
    TEST_FP_TO_INT_S 53, fcvt.wu.s, NV, 0x0, 0xbf400000
    TEST_FP_TO_INT_S 54, fcvt.wu.s, NV, 0x0, 0xbf800000
    TEST_FP_TO_INT_S 55, fcvt.wu.s, 0, 0x80000000, 0x4f000000
    TEST_FP_TO_INT_S 56, fcvt.wu.s, NV, 0x0, 0xcf000000
    TEST_FP_TO_INT_S 57, fcvt.wu.s, NV, 0xffffffff, 0x4f800000
    TEST_FP_TO_INT_S 58, fcvt.wu.s, 0, 0x7fffff80, 0x4effffff
    TEST_FP_TO_INT_S 59, fcvt.wu.s, 0, 0xffffff00, 0x4f7fffff
    TEST_FP_TO_INT_S 60, fcvt.wu.s, NV, 0x0, 0xcf000001

    # every static rounding mode
    TEST_FP_TO_INT_S 61, fcvt.w.s, NX, 0x2, 0x3fc00000, rne
    TEST_FP_TO_INT_S 62, fcvt.w.s, NX, 0x1, 0x3fc00000, rtz
    TEST_FP_TO_INT_S 63, fcvt.w.s, NX, 0x1, 0x3fc00000, rdn
    TEST_FP_TO_INT_S 64, fcvt.w.s, NX, 0x2, 0x3fc00000, rup
    TEST_FP_TO_INT_S 65, fcvt.w.s, NX, 0x2, 0x3fc00000, rmm
    TEST_FP_TO_INT_S 66, fcvt.w.s, NX, 0x2, 0x40200000, rne
    TEST_FP_TO_INT_S 67, fcvt.w.s, NX, 0x2, 0x40200000, rtz
    TEST_FP_TO_INT_S 68, fcvt.w.s, NX, 0x2, 0x40200000, rdn
    TEST_FP_TO_INT_S 69, fcvt.w.s, NX, 0x3, 0x40200000, rup
    TEST_FP_TO_INT_S 70, fcvt.w.s, NX, 0x3, 0x40200000, rmm
    TEST_FP_TO_INT_S 71, fcvt.w.s, NX, 0xfffffffe, 0xc0200000, rne
    TEST_FP_TO_INT_S 72, fcvt.w.s, NX, 0xfffffffe, 0xc0200000, rtz
    TEST_FP_TO_INT_S 73, fcvt.w.s, NX, 0xfffffffd, 0xc0200000, rdn
    TEST_FP_TO_INT_S 74, fcvt.w.s, NX, 0xfffffffe, 0xc0200000, rup
    TEST_FP_TO_INT_S 75, fcvt.w.s, NX, 0xfffffffd, 0xc0200000, rmm
    TEST_FP_TO_INT_S 76, fcvt.w.s, NX, 0x0, 0xbf000000, rne
    TEST_FP_TO_INT_S 77, fcvt.w.s, NX, 0x0, 0xbf000000, rtz
    TEST_FP_TO_INT_S 78, fcvt.w.s, NX, 0xffffffff, 0xbf000000, rdn
    TEST_FP_TO_INT_S 79, fcvt.w.s, NX, 0x0, 0xbf000000, rup
    TEST_FP_TO_INT_S 80, fcvt.w.s, NX, 0xffffffff, 0xbf000000, rmm
    TEST_FP_TO_INT_S 81, fcvt.w.s, NX, 0x2, 0x3fe00000, rne
    TEST_FP_TO_INT_S 82, fcvt.w.s, NX, 0x1, 0x3fe00000, rtz
    TEST_FP_TO_INT_S 83, fcvt.w.s, NX, 0x1, 0x3fe00000, rdn
    TEST_FP_TO_INT_S 84, fcvt.w.s, NX, 0x2, 0x3fe00000, rup
    TEST_FP_TO_INT_S 85, fcvt.w.s, NX, 0x2, 0x3fe00000, rmm
    TEST_FP_TO_INT_S 86, fcvt.w.s, NX, 0xfffffffe, 0xbfe00000, rne
    TEST_FP_TO_INT_S 87, fcvt.w.s, NX, 0xffffffff, 0xbfe00000, rtz
    TEST_FP_TO_INT_S 88, fcvt.w.s, NX, 0xfffffffe, 0xbfe00000, rdn
    TEST_FP_TO_INT_S 89, fcvt.w.s, NX, 0xffffffff, 0xbfe00000, rup
    TEST_FP_TO_INT_S 90, fcvt.w.s, NX, 0xfffffffe, 0xbfe00000, rmm
    TEST_FP_TO_INT_S 91, fcvt.wu.s, NX, 0x2, 0x3fc00000, rne
    TEST_FP_TO_INT_S 92, fcvt.wu.s, NX, 0x1, 0x3fc00000, rtz
    TEST_FP_TO_INT_S 93, fcvt.wu.s, NX, 0x1, 0x3fc00000, rdn
    TEST_FP_TO_INT_S 94, fcvt.wu.s, NX, 0x2, 0x3fc00000, rup
    TEST_FP_TO_INT_S 95, fcvt.wu.s, NX, 0x2, 0x3fc00000, rmm
    TEST_FP_TO_INT_S 96, fcvt.wu.s, NX, 0x2, 0x40200000, rne
    TEST_FP_TO_INT_S 97, fcvt.wu.s, NX, 0x2, 0x40200000, rtz
    TEST_FP_TO_INT_S 98, fcvt.wu.s, NX, 0x2, 0x40200000, rdn
    TEST_FP_TO_INT_S 99, fcvt.wu.s, NX, 0x3, 0x40200000, rup
    TEST_FP_TO_INT_S 100, fcvt.wu.s, NX, 0x3, 0x40200000, rmm
    TEST_FP_TO_INT_S 101, fcvt.wu.s, NV, 0x0, 0xc0200000, rne
    TEST_FP_TO_INT_S 102, fcvt.wu.s, NV, 0x0, 0xc0200000, rtz
    TEST_FP_TO_INT_S 103, fcvt.wu.s, NV, 0x0, 0xc0200000, rdn
    TEST_FP_TO_INT_S 104, fcvt.wu.s, NV, 0x0, 0xc0200000, rup
    TEST_FP_TO_INT_S 105, fcvt.wu.s, NV, 0x0, 0xc0200000, rmm
    TEST_FP_TO_INT_S 106, fcvt.wu.s, NX, 0x0, 0xbf000000, rne
    TEST_FP_TO_INT_S 107, fcvt.wu.s, NX, 0x0, 0xbf000000, rtz
    TEST_FP_TO_INT_S 108, fcvt.wu.s, NV, 0x0, 0xbf000000, rdn
    TEST_FP_TO_INT_S 109, fcvt.wu.s, NX, 0x0, 0xbf000000, rup
    TEST_FP_TO_INT_S 110, fcvt.wu.s, NV, 0x0, 0xbf000000, rmm
    TEST_FP_TO_INT_S 111, fcvt.wu.s, NX, 0x2, 0x3fe00000, rne
    TEST_FP_TO_INT_S 112, fcvt.wu.s, NX, 0x1, 0x3fe00000, rtz
    TEST_FP_TO_INT_S 113, fcvt.wu.s, NX, 0x1, 0x3fe00000, rdn
    TEST_FP_TO_INT_S 114, fcvt.wu.s, NX, 0x2, 0x3fe00000, rup
    TEST_FP_TO_INT_S 115, fcvt.wu.s, NX, 0x2, 0x3fe00000, rmm
    TEST_FP_TO_INT_S 116, fcvt.wu.s, NV, 0x0, 0xbfe00000, rne
    TEST_FP_TO_INT_S 117, fcvt.wu.s, NV, 0x0, 0xbfe00000, rtz
    TEST_FP_TO_INT_S 118, fcvt.wu.s, NV, 0x0, 0xbfe00000, rdn
    TEST_FP_TO_INT_S 119, fcvt.wu.s, NV, 0x0, 0xbfe00000, rup
    TEST_FP_TO_INT_S 120, fcvt.wu.s, NV, 0x0, 0xbfe00000, rmm

    # dynamic mode (frm = RDN)
    csrwi frm, RM_RDN
    TEST_FP_TO_INT_S 121, fcvt.w.s, NX, 0x2, 0x40200000
    TEST_FP_TO_INT_S 122, fcvt.w.s, NX, 0xfffffffd, 0xc0200000
    csrwi frm, RM_RNE

    # fcvt.s.w
    TEST_INT_TO_FP_S 123, fcvt.s.w, 0, 0x00000000, 0x0
    TEST_INT_TO_FP_S 124, fcvt.s.w, 0, 0x3f800000, 0x1
    TEST_INT_TO_FP_S 125, fcvt.s.w, 0, 0xbf800000, 0xffffffff
    TEST_INT_TO_FP_S 126, fcvt.s.w, NX, 0x4f000000, 0x7fffffff
    TEST_INT_TO_FP_S 127, fcvt.s.w, 0, 0xcf000000, 0x80000000
    TEST_INT_TO_FP_S 128, fcvt.s.w, 0, 0x4b7fffff, 0xffffff
    TEST_INT_TO_FP_S 129, fcvt.s.w, NX, 0x4b800000, 0x1000001
    TEST_INT_TO_FP_S 130, fcvt.s.w, NX, 0x4b800002, 0x1000003
    TEST_INT_TO_FP_S 131, fcvt.s.w, NX, 0x4f000000, 0x7fffffc0
    TEST_INT_TO_FP_S 132, fcvt.s.w, 0, 0xc1200000, 0xfffffff6
    TEST_INT_TO_FP_S 133, fcvt.s.w, NX, 0x4d91a2b4, 0x12345678

    # fcvt.s.wu
    TEST_INT_TO_FP_S 134, fcvt.s.wu, 0, 0x00000000, 0x0
    TEST_INT_TO_FP_S 135, fcvt.s.wu, 0, 0x3f800000, 0x1
    TEST_INT_TO_FP_S 136, fcvt.s.wu, NX, 0x4f800000, 0xffffffff
    TEST_INT_TO_FP_S 137, fcvt.s.wu, NX, 0x4f000000, 0x7fffffff
    TEST_INT_TO_FP_S 138, fcvt.s.wu, 0, 0x4f000000, 0x80000000
    TEST_INT_TO_FP_S 139, fcvt.s.wu, 0, 0x4b7fffff, 0xffffff
    TEST_INT_TO_FP_S 140, fcvt.s.wu, NX, 0x4b800000, 0x1000001
    TEST_INT_TO_FP_S 141, fcvt.s.wu, NX, 0x4b800002, 0x1000003
    TEST_INT_TO_FP_S 142, fcvt.s.wu, NX, 0x4f000000, 0x7fffffc0
    TEST_INT_TO_FP_S 143, fcvt.s.wu, NX, 0x4f800000, 0xfffffff6
    TEST_INT_TO_FP_S 144, fcvt.s.wu, NX, 0x4d91a2b4, 0x12345678

    # fcvt.s.w / fcvt.s.wu in every static mode
    TEST_INT_TO_FP_S 145, fcvt.s.w, NX, 0x4b800000, 0x1000001, rne
    TEST_INT_TO_FP_S 146, fcvt.s.w, NX, 0x4b800000, 0x1000001, rtz
    TEST_INT_TO_FP_S 147, fcvt.s.w, NX, 0x4b800000, 0x1000001, rdn
    TEST_INT_TO_FP_S 148, fcvt.s.w, NX, 0x4b800001, 0x1000001, rup
    TEST_INT_TO_FP_S 149, fcvt.s.w, NX, 0x4b800001, 0x1000001, rmm
    TEST_INT_TO_FP_S 150, fcvt.s.w, NX, 0x4b800002, 0x1000003, rne
    TEST_INT_TO_FP_S 151, fcvt.s.w, NX, 0x4b800001, 0x1000003, rtz
    TEST_INT_TO_FP_S 152, fcvt.s.w, NX, 0x4b800001, 0x1000003, rdn
    TEST_INT_TO_FP_S 153, fcvt.s.w, NX, 0x4b800002, 0x1000003, rup
    TEST_INT_TO_FP_S 154, fcvt.s.w, NX, 0x4b800002, 0x1000003, rmm
    TEST_INT_TO_FP_S 155, fcvt.s.w, 0, 0xbf800000, 0xffffffff, rne
    TEST_INT_TO_FP_S 156, fcvt.s.w, 0, 0xbf800000, 0xffffffff, rtz
    TEST_INT_TO_FP_S 157, fcvt.s.w, 0, 0xbf800000, 0xffffffff, rdn
    TEST_INT_TO_FP_S 158, fcvt.s.w, 0, 0xbf800000, 0xffffffff, rup
    TEST_INT_TO_FP_S 159, fcvt.s.w, 0, 0xbf800000, 0xffffffff, rmm
    TEST_INT_TO_FP_S 160, fcvt.s.w, NX, 0x4f000000, 0x7fffffff, rne
    TEST_INT_TO_FP_S 161, fcvt.s.w, NX, 0x4effffff, 0x7fffffff, rtz
    TEST_INT_TO_FP_S 162, fcvt.s.w, NX, 0x4effffff, 0x7fffffff, rdn
    TEST_INT_TO_FP_S 163, fcvt.s.w, NX, 0x4f000000, 0x7fffffff, rup
    TEST_INT_TO_FP_S 164, fcvt.s.w, NX, 0x4f000000, 0x7fffffff, rmm
    TEST_INT_TO_FP_S 165, fcvt.s.w, NX, 0xcb800002, 0xfefffffd, rne
    TEST_INT_TO_FP_S 166, fcvt.s.w, NX, 0xcb800001, 0xfefffffd, rtz
    TEST_INT_TO_FP_S 167, fcvt.s.w, NX, 0xcb800002, 0xfefffffd, rdn
    TEST_INT_TO_FP_S 168, fcvt.s.w, NX, 0xcb800001, 0xfefffffd, rup
    TEST_INT_TO_FP_S 169, fcvt.s.w, NX, 0xcb800002, 0xfefffffd, rmm
    TEST_INT_TO_FP_S 170, fcvt.s.wu, NX, 0x4b800000, 0x1000001, rne
    TEST_INT_TO_FP_S 171, fcvt.s.wu, NX, 0x4b800000, 0x1000001, rtz
    TEST_INT_TO_FP_S 172, fcvt.s.wu, NX, 0x4b800000, 0x1000001, rdn
    TEST_INT_TO_FP_S 173, fcvt.s.wu, NX, 0x4b800001, 0x1000001, rup
    TEST_INT_TO_FP_S 174, fcvt.s.wu, NX, 0x4b800001, 0x1000001, rmm
    TEST_INT_TO_FP_S 175, fcvt.s.wu, NX, 0x4b800002, 0x1000003, rne
    TEST_INT_TO_FP_S 176, fcvt.s.wu, NX, 0x4b800001, 0x1000003, rtz
    TEST_INT_TO_FP_S 177, fcvt.s.wu, NX, 0x4b800001, 0x1000003, rdn
    TEST_INT_TO_FP_S 178, fcvt.s.wu, NX, 0x4b800002, 0x1000003, rup
    TEST_INT_TO_FP_S 179, fcvt.s.wu, NX, 0x4b800002, 0x1000003, rmm
    TEST_INT_TO_FP_S 180, fcvt.s.wu, NX, 0x4f800000, 0xffffffff, rne
    TEST_INT_TO_FP_S 181, fcvt.s.wu, NX, 0x4f7fffff, 0xffffffff, rtz
    TEST_INT_TO_FP_S 182, fcvt.s.wu, NX, 0x4f7fffff, 0xffffffff, rdn
    TEST_INT_TO_FP_S 183, fcvt.s.wu, NX, 0x4f800000, 0xffffffff, rup
    TEST_INT_TO_FP_S 184, fcvt.s.wu, NX, 0x4f800000, 0xffffffff, rmm
    TEST_INT_TO_FP_S 185, fcvt.s.wu, NX, 0x4f000000, 0x7fffffff, rne
    TEST_INT_TO_FP_S 186, fcvt.s.wu, NX, 0x4effffff, 0x7fffffff, rtz
    TEST_INT_TO_FP_S 187, fcvt.s.wu, NX, 0x4effffff, 0x7fffffff, rdn
    TEST_INT_TO_FP_S 188, fcvt.s.wu, NX, 0x4f000000, 0x7fffffff, rup
    TEST_INT_TO_FP_S 189, fcvt.s.wu, NX, 0x4f000000, 0x7fffffff, rmm
    TEST_INT_TO_FP_S 190, fcvt.s.wu, NX, 0x4f7f0000, 0xfefffffd, rne
    TEST_INT_TO_FP_S 191, fcvt.s.wu, NX, 0x4f7effff, 0xfefffffd, rtz
    TEST_INT_TO_FP_S 192, fcvt.s.wu, NX, 0x4f7effff, 0xfefffffd, rdn
    TEST_INT_TO_FP_S 193, fcvt.s.wu, NX, 0x4f7f0000, 0xfefffffd, rup
    TEST_INT_TO_FP_S 194, fcvt.s.wu, NX, 0x4f7f0000, 0xfefffffd, rmm
TEST_END
