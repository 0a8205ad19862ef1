# RV32D conversions between double and 32-bit integers:
# fcvt.w.d / fcvt.wu.d round in every mode, saturate out-of-range values
# (NV; NaN and +inf give the maximum, -inf the minimum; for wu any negative
# value that does not round to 0 gives 0), and set NX when inexact;
# fcvt.d.w / fcvt.d.wu convert signed and unsigned integers exactly.
TEST_BEGIN

    # fcvt.w.d, default mode (dyn, frm = RNE)
    TEST_FP_TO_INT_D 1, fcvt.w.d, 0, 0x0, 0x0000000000000000
    TEST_FP_TO_INT_D 2, fcvt.w.d, 0, 0x0, 0x8000000000000000
    TEST_FP_TO_INT_D 3, fcvt.w.d, 0, 0x1, 0x3ff0000000000000
    TEST_FP_TO_INT_D 4, fcvt.w.d, 0, 0xffffffff, 0xbff0000000000000
    TEST_FP_TO_INT_D 5, fcvt.w.d, NX, 0x2, 0x3ff8000000000000
    TEST_FP_TO_INT_D 6, fcvt.w.d, NX, 0x2, 0x4004000000000000
    TEST_FP_TO_INT_D 7, fcvt.w.d, NX, 0xfffffffe, 0xc004000000000000
    TEST_FP_TO_INT_D 8, fcvt.w.d, NX, 0x0, 0x3fe0000000000000
    TEST_FP_TO_INT_D 9, fcvt.w.d, NX, 0x0, 0x3fb999999999999a
    TEST_FP_TO_INT_D 10, fcvt.w.d, NX, 0x3, 0x400921fb78121fb8
    TEST_FP_TO_INT_D 11, fcvt.w.d, NX, 0x0, 0x0000000000000001
    TEST_FP_TO_INT_D 12, fcvt.w.d, NX, 0x0, 0x8000000000000001
    TEST_FP_TO_INT_D 13, fcvt.w.d, NV, 0x7fffffff, 0x7fefffffffffffff
    TEST_FP_TO_INT_D 14, fcvt.w.d, NV, 0x80000000, 0xffefffffffffffff
    TEST_FP_TO_INT_D 15, fcvt.w.d, NV, 0x7fffffff, 0x7ff0000000000000
    TEST_FP_TO_INT_D 16, fcvt.w.d, NV, 0x80000000, 0xfff0000000000000
    TEST_FP_TO_INT_D 17, fcvt.w.d, NV, 0x7fffffff, 0x7ff8000000000000
    TEST_FP_TO_INT_D 18, fcvt.w.d, NV, 0x7fffffff, 0xfff8000000000000
    TEST_FP_TO_INT_D 19, fcvt.w.d, NV, 0x7fffffff, 0x7ff0000000000001
    TEST_FP_TO_INT_D 20, fcvt.w.d, NV, 0x7fffffff, 0x4270000000000000
    TEST_FP_TO_INT_D 21, fcvt.w.d, NV, 0x80000000, 0xc270000000000000
    TEST_FP_TO_INT_D 22, fcvt.w.d, NX, 0x0, 0xbfe0000000000000
    TEST_FP_TO_INT_D 23, fcvt.w.d, NX, 0xffffffff, 0xbfe8000000000000
    TEST_FP_TO_INT_D 24, fcvt.w.d, 0, 0xffffffff, 0xbff0000000000000
    TEST_FP_TO_INT_D 25, fcvt.w.d, NV, 0x7fffffff, 0x41e0000000000000
    TEST_FP_TO_INT_D 26, fcvt.w.d, 0, 0x80000000, 0xc1e0000000000000
    TEST_FP_TO_INT_D 27, fcvt.w.d, NV, 0x7fffffff, 0x41f0000000000000
    TEST_FP_TO_INT_D 28, fcvt.w.d, 0, 0x7fffffff, 0x41dfffffffc00000
    TEST_FP_TO_INT_D 29, fcvt.w.d, NV, 0x7fffffff, 0x41efffffffe00000
    TEST_FP_TO_INT_D 30, fcvt.w.d, NV, 0x80000000, 0xc1e0000000200000
    TEST_FP_TO_INT_D 31, fcvt.w.d, NV, 0x7fffffff, 0x41dfffffffe00000
    TEST_FP_TO_INT_D 32, fcvt.w.d, NX, 0x80000000, 0xc1e0000000100000
    TEST_FP_TO_INT_D 33, fcvt.w.d, NV, 0x7fffffff, 0x41effffffff00000
    TEST_FP_TO_INT_D 34, fcvt.w.d, NV, 0x7fffffff, 0x41dffffffff00000

    # fcvt.wu.d, default mode (dyn, frm = RNE)
    TEST_FP_TO_INT_D 35, fcvt.wu.d, 0, 0x0, 0x0000000000000000
    TEST_FP_TO_INT_D 36, fcvt.wu.d, 0, 0x0, 0x8000000000000000
    TEST_FP_TO_INT_D 37, fcvt.wu.d, 0, 0x1, 0x3ff0000000000000
    TEST_FP_TO_INT_D 38, fcvt.wu.d, NV, 0x0, 0xbff0000000000000
    TEST_FP_TO_INT_D 39, fcvt.wu.d, NX, 0x2, 0x3ff8000000000000
    TEST_FP_TO_INT_D 40, fcvt.wu.d, NX, 0x2, 0x4004000000000000
    TEST_FP_TO_INT_D 41, fcvt.wu.d, NV, 0x0, 0xc004000000000000
    TEST_FP_TO_INT_D 42, fcvt.wu.d, NX, 0x0, 0x3fe0000000000000
    TEST_FP_TO_INT_D 43, fcvt.wu.d, NX, 0x0, 0x3fb999999999999a
    TEST_FP_TO_INT_D 44, fcvt.wu.d, NX, 0x3, 0x400921fb78121fb8
    TEST_FP_TO_INT_D 45, fcvt.wu.d, NX, 0x0, 0x0000000000000001
    TEST_FP_TO_INT_D 46, fcvt.wu.d, NX, 0x0, 0x8000000000000001
    TEST_FP_TO_INT_D 47, fcvt.wu.d, NV, 0xffffffff, 0x7fefffffffffffff
    TEST_FP_TO_INT_D 48, fcvt.wu.d, NV, 0x0, 0xffefffffffffffff
    TEST_FP_TO_INT_D 49, fcvt.wu.d, NV, 0xffffffff, 0x7ff0000000000000
    TEST_FP_TO_INT_D 50, fcvt.wu.d, NV, 0x0, 0xfff0000000000000
    TEST_FP_TO_INT_D 51, fcvt.wu.d, NV, 0xffffffff, 0x7ff8000000000000
    TEST_FP_TO_INT_D 52, fcvt.wu.d, NV, 0xffffffff, 0xfff8000000000000
    TEST_FP_TO_INT_D 53, fcvt.wu.d, NV, 0xffffffff, 0x7ff0000000000001
    TEST_FP_TO_INT_D 54, fcvt.wu.d, NV, 0xffffffff, 0x4270000000000000
    TEST_FP_TO_INT_D 55, fcvt.wu.d, NV, 0x0, 0xc270000000000000
    TEST_FP_TO_INT_D 56, fcvt.wu.d, NX, 0x0, 0xbfe0000000000000
    TEST_FP_TO_INT_D 57, fcvt.wu.d, NV, 0x0, 0xbfe8000000000000
    TEST_FP_TO_INT_D 58, fcvt.wu.d, NV, 0x0, 0xbff0000000000000
    TEST_FP_TO_INT_D 59, fcvt.wu.d, 0, 0x80000000, 0x41e0000000000000
    TEST_FP_TO_INT_D 60, fcvt.wu.d, NV, 0x0, 0xc1e0000000000000
    TEST_FP_TO_INT_D 61, fcvt.wu.d, NV, 0xffffffff, 0x41f0000000000000
    TEST_FP_TO_INT_D 62, fcvt.wu.d, 0, 0x7fffffff, 0x41dfffffffc00000
    TEST_FP_TO_INT_D 63, fcvt.wu.d, 0, 0xffffffff, 0x41efffffffe00000
    TEST_FP_TO_INT_D 64, fcvt.wu.d, NV, 0x0, 0xc1e0000000200000
    TEST_FP_TO_INT_D 65, fcvt.wu.d, NX, 0x80000000, 0x41dfffffffe00000
    TEST_FP_TO_INT_D 66, fcvt.wu.d, NV, 0x0, 0xc1e0000000100000
    TEST_FP_TO_INT_D 67, fcvt.wu.d, NV, 0xffffffff, 0x41effffffff00000
    TEST_FP_TO_INT_D 68, fcvt.wu.d, NX, 0x80000000, 0x41dffffffff00000

    # every static rounding mode
    TEST_FP_TO_INT_D 69, fcvt.w.d, NX, 0x2, 0x3ff8000000000000, rne
    TEST_FP_TO_INT_D 70, fcvt.w.d, NX, 0x1, 0x3ff8000000000000, rtz
    TEST_FP_TO_INT_D 71, fcvt.w.d, NX, 0x1, 0x3ff8000000000000, rdn
    TEST_FP_TO_INT_D 72, fcvt.w.d, NX, 0x2, 0x3ff8000000000000, rup
    TEST_FP_TO_INT_D 73, fcvt.w.d, NX, 0x2, 0x3ff8000000000000, rmm
    TEST_FP_TO_INT_D 74, fcvt.w.d, NX, 0x2, 0x4004000000000000, rne
    TEST_FP_TO_INT_D 75, fcvt.w.d, NX, 0x2, 0x4004000000000000, rtz
    TEST_FP_TO_INT_D 76, fcvt.w.d, NX, 0x2, 0x4004000000000000, rdn
    TEST_FP_TO_INT_D 77, fcvt.w.d, NX, 0x3, 0x4004000000000000, rup
    TEST_FP_TO_INT_D 78, fcvt.w.d, NX, 0x3, 0x4004000000000000, rmm
    TEST_FP_TO_INT_D 79, fcvt.w.d, NX, 0xfffffffe, 0xc004000000000000, rne
    TEST_FP_TO_INT_D 80, fcvt.w.d, NX, 0xfffffffe, 0xc004000000000000, rtz
    TEST_FP_TO_INT_D 81, fcvt.w.d, NX, 0xfffffffd, 0xc004000000000000, rdn
    TEST_FP_TO_INT_D 82, fcvt.w.d, NX, 0xfffffffe, 0xc004000000000000, rup
    TEST_FP_TO_INT_D 83, fcvt.w.d, NX, 0xfffffffd, 0xc004000000000000, rmm
    TEST_FP_TO_INT_D 84, fcvt.w.d, NX, 0x0, 0xbfe0000000000000, rne
    TEST_FP_TO_INT_D 85, fcvt.w.d, NX, 0x0, 0xbfe0000000000000, rtz
    TEST_FP_TO_INT_D 86, fcvt.w.d, NX, 0xffffffff, 0xbfe0000000000000, rdn
    TEST_FP_TO_INT_D 87, fcvt.w.d, NX, 0x0, 0xbfe0000000000000, rup
    TEST_FP_TO_INT_D 88, fcvt.w.d, NX, 0xffffffff, 0xbfe0000000000000, rmm
    TEST_FP_TO_INT_D 89, fcvt.w.d, NX, 0x2, 0x3ffc000000000000, rne
    TEST_FP_TO_INT_D 90, fcvt.w.d, NX, 0x1, 0x3ffc000000000000, rtz
    TEST_FP_TO_INT_D 91, fcvt.w.d, NX, 0x1, 0x3ffc000000000000, rdn
    TEST_FP_TO_INT_D 92, fcvt.w.d, NX, 0x2, 0x3ffc000000000000, rup
    TEST_FP_TO_INT_D 93, fcvt.w.d, NX, 0x2, 0x3ffc000000000000, rmm
    TEST_FP_TO_INT_D 94, fcvt.w.d, NX, 0xfffffffe, 0xbffc000000000000, rne
    TEST_FP_TO_INT_D 95, fcvt.w.d, NX, 0xffffffff, 0xbffc000000000000, rtz
    TEST_FP_TO_INT_D 96, fcvt.w.d, NX, 0xfffffffe, 0xbffc000000000000, rdn
    TEST_FP_TO_INT_D 97, fcvt.w.d, NX, 0xffffffff, 0xbffc000000000000, rup
    TEST_FP_TO_INT_D 98, fcvt.w.d, NX, 0xfffffffe, 0xbffc000000000000, rmm
    TEST_FP_TO_INT_D 99, fcvt.w.d, NV, 0x7fffffff, 0x41dfffffffe00000, rne
    TEST_FP_TO_INT_D 100, fcvt.w.d, NX, 0x7fffffff, 0x41dfffffffe00000, rtz
    TEST_FP_TO_INT_D 101, fcvt.w.d, NX, 0x7fffffff, 0x41dfffffffe00000, rdn
    TEST_FP_TO_INT_D 102, fcvt.w.d, NV, 0x7fffffff, 0x41dfffffffe00000, rup
    TEST_FP_TO_INT_D 103, fcvt.w.d, NV, 0x7fffffff, 0x41dfffffffe00000, rmm
    TEST_FP_TO_INT_D 104, fcvt.w.d, NV, 0x7fffffff, 0x41effffffff00000, rne
    TEST_FP_TO_INT_D 105, fcvt.w.d, NV, 0x7fffffff, 0x41effffffff00000, rtz
    TEST_FP_TO_INT_D 106, fcvt.w.d, NV, 0x7fffffff, 0x41effffffff00000, rdn
    TEST_FP_TO_INT_D 107, fcvt.w.d, NV, 0x7fffffff, 0x41effffffff00000, rup
    TEST_FP_TO_INT_D 108, fcvt.w.d, NV, 0x7fffffff, 0x41effffffff00000, rmm
    TEST_FP_TO_INT_D 109, fcvt.wu.d, NX, 0x2, 0x3ff8000000000000, rne
    TEST_FP_TO_INT_D 110, fcvt.wu.d, NX, 0x1, 0x3ff8000000000000, rtz
    TEST_FP_TO_INT_D 111, fcvt.wu.d, NX, 0x1, 0x3ff8000000000000, rdn
    TEST_FP_TO_INT_D 112, fcvt.wu.d, NX, 0x2, 0x3ff8000000000000, rup
    TEST_FP_TO_INT_D 113, fcvt.wu.d, NX, 0x2, 0x3ff8000000000000, rmm
    TEST_FP_TO_INT_D 114, fcvt.wu.d, NX, 0x2, 0x4004000000000000, rne
    TEST_FP_TO_INT_D 115, fcvt.wu.d, NX, 0x2, 0x4004000000000000, rtz
    TEST_FP_TO_INT_D 116, fcvt.wu.d, NX, 0x2, 0x4004000000000000, rdn
    TEST_FP_TO_INT_D 117, fcvt.wu.d, NX, 0x3, 0x4004000000000000, rup
    TEST_FP_TO_INT_D 118, fcvt.wu.d, NX, 0x3, 0x4004000000000000, rmm
    TEST_FP_TO_INT_D 119, fcvt.wu.d, NV, 0x0, 0xc004000000000000, rne
    TEST_FP_TO_INT_D 120, fcvt.wu.d, NV, 0x0, 0xc004000000000000, rtz
    TEST_FP_TO_INT_D 121, fcvt.wu.d, NV, 0x0, 0xc004000000000000, rdn
    TEST_FP_TO_INT_D 122, fcvt.wu.d, NV, 0x0, 0xc004000000000000, rup
    TEST_FP_TO_INT_D 123, fcvt.wu.d, NV, 0x0, 0xc004000000000000, rmm
    TEST_FP_TO_INT_D 124, fcvt.wu.d, NX, 0x0, 0xbfe0000000000000, rne
    TEST_FP_TO_INT_D 125, fcvt.wu.d, NX, 0x0, 0xbfe0000000000000, rtz
    TEST_FP_TO_INT_D 126, fcvt.wu.d, NV, 0x0, 0xbfe0000000000000, rdn
    TEST_FP_TO_INT_D 127, fcvt.wu.d, NX, 0x0, 0xbfe0000000000000, rup
    TEST_FP_TO_INT_D 128, fcvt.wu.d, NV, 0x0, 0xbfe0000000000000, rmm
    TEST_FP_TO_INT_D 129, fcvt.wu.d, NX, 0x2, 0x3ffc000000000000, rne
    TEST_FP_TO_INT_D 130, fcvt.wu.d, NX, 0x1, 0x3ffc000000000000, rtz
    TEST_FP_TO_INT_D 131, fcvt.wu.d, NX, 0x1, 0x3ffc000000000000, rdn
    TEST_FP_TO_INT_D 132, fcvt.wu.d, NX, 0x2, 0x3ffc000000000000, rup
    TEST_FP_TO_INT_D 133, fcvt.wu.d, NX, 0x2, 0x3ffc000000000000, rmm
    TEST_FP_TO_INT_D 134, fcvt.wu.d, NV, 0x0, 0xbffc000000000000, rne
    TEST_FP_TO_INT_D 135, fcvt.wu.d, NV, 0x0, 0xbffc000000000000, rtz
    TEST_FP_TO_INT_D 136, fcvt.wu.d, NV, 0x0, 0xbffc000000000000, rdn
    TEST_FP_TO_INT_D 137, fcvt.wu.d, NV, 0x0, 0xbffc000000000000, rup
    TEST_FP_TO_INT_D 138, fcvt.wu.d, NV, 0x0, 0xbffc000000000000, rmm
    TEST_FP_TO_INT_D 139, fcvt.wu.d, NX, 0x80000000, 0x41dfffffffe00000, rne
    TEST_FP_TO_INT_D 140, fcvt.wu.d, NX, 0x7fffffff, 0x41dfffffffe00000, rtz
    TEST_FP_TO_INT_D 141, fcvt.wu.d, NX, 0x7fffffff, 0x41dfffffffe00000, rdn
    TEST_FP_TO_INT_D 142, fcvt.wu.d, NX, 0x80000000, 0x41dfffffffe00000, rup
    TEST_FP_TO_INT_D 143, fcvt.wu.d, NX, 0x80000000, 0x41dfffffffe00000, rmm
    TEST_FP_TO_INT_D 144, fcvt.wu.d, NV, 0xffffffff, 0x41effffffff00000, rne
    TEST_FP_TO_INT_D 145, fcvt.wu.d, NX, 0xffffffff, 0x41effffffff00000, rtz
    TEST_FP_TO_INT_D 146, fcvt.wu.d, NX, 0xffffffff, 0x41effffffff00000, rdn
    TEST_FP_TO_INT_D 147, fcvt.wu.d, NV, 0xffffffff, 0x41effffffff00000, rup
    TEST_FP_TO_INT_D 148, fcvt.wu.d, NV, 0xffffffff, 0x41effffffff00000, rmm

    # dynamic mode (frm = RDN)
    csrwi frm, RM_RDN
    TEST_FP_TO_INT_D 149, fcvt.w.d, NX, 0x2, 0x4004000000000000
    TEST_FP_TO_INT_D 150, fcvt.w.d, NX, 0xfffffffd, 0xc004000000000000
    csrwi frm, RM_RNE

    # fcvt.d.w
    TEST_INT_TO_FP_D 151, fcvt.d.w, 0, 0x0000000000000000, 0x0
    TEST_INT_TO_FP_D 152, fcvt.d.w, 0, 0x3ff0000000000000, 0x1
    TEST_INT_TO_FP_D 153, fcvt.d.w, 0, 0xbff0000000000000, 0xffffffff
    TEST_INT_TO_FP_D 154, fcvt.d.w, 0, 0x41dfffffffc00000, 0x7fffffff
    TEST_INT_TO_FP_D 155, fcvt.d.w, 0, 0xc1e0000000000000, 0x80000000
    TEST_INT_TO_FP_D 156, fcvt.d.w, 0, 0x416fffffe0000000, 0xffffff
    TEST_INT_TO_FP_D 157, fcvt.d.w, 0, 0x4170000010000000, 0x1000001
    TEST_INT_TO_FP_D 158, fcvt.d.w, 0, 0x4170000030000000, 0x1000003
    TEST_INT_TO_FP_D 159, fcvt.d.w, 0, 0x41dffffff0000000, 0x7fffffc0
    TEST_INT_TO_FP_D 160, fcvt.d.w, 0, 0xc024000000000000, 0xfffffff6
    TEST_INT_TO_FP_D 161, fcvt.d.w, 0, 0x41b2345678000000, 0x12345678

    # fcvt.d.wu
    TEST_INT_TO_FP_D 162, fcvt.d.wu, 0, 0x0000000000000000, 0x0
    TEST_INT_TO_FP_D 163, fcvt.d.wu, 0, 0x3ff0000000000000, 0x1
    TEST_INT_TO_FP_D 164, fcvt.d.wu, 0, 0x41efffffffe00000, 0xffffffff
    TEST_INT_TO_FP_D 165, fcvt.d.wu, 0, 0x41dfffffffc00000, 0x7fffffff
    TEST_INT_TO_FP_D 166, fcvt.d.wu, 0, 0x41e0000000000000, 0x80000000
    TEST_INT_TO_FP_D 167, fcvt.d.wu, 0, 0x416fffffe0000000, 0xffffff
    TEST_INT_TO_FP_D 168, fcvt.d.wu, 0, 0x4170000010000000, 0x1000001
    TEST_INT_TO_FP_D 169, fcvt.d.wu, 0, 0x4170000030000000, 0x1000003
    TEST_INT_TO_FP_D 170, fcvt.d.wu, 0, 0x41dffffff0000000, 0x7fffffc0
    TEST_INT_TO_FP_D 171, fcvt.d.wu, 0, 0x41effffffec00000, 0xfffffff6
    TEST_INT_TO_FP_D 172, fcvt.d.wu, 0, 0x41b2345678000000, 0x12345678
TEST_END
