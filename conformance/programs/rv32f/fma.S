# RV32F fused multiply-add: fmadd.s (a*b+c), fmsub.s (a*b-c),
# fnmsub.s (-(a*b)+c), fnmadd.s (-(a*b)-c) with a single rounding (cases
# where separate rounding would differ), signed zero results, inf*0 with
# any addend (NV even when the addend is a quiet NaN), inf - inf, NaNs,
# overflow, and every rounding mode.
TEST_BEGIN

    # fmadd.s
    TEST_FP_OP3_S 1, fmadd.s, 0, 0x40000000, 0x3f800000, 0x3f800000, 0x3f800000
    TEST_FP_OP3_S 2, fmadd.s, 0, 0x40e00000, 0x40000000, 0x40400000, 0x3f800000
    TEST_FP_OP3_S 3, fmadd.s, 0, 0x3fa00000, 0x3fc00000, 0x40200000, 0xc0200000
    TEST_FP_OP3_S 4, fmadd.s, 0, 0x33000000, 0x3eaaaaab, 0x40400000, 0xbf800000
    TEST_FP_OP3_S 5, fmadd.s, NX, 0x34800000, 0x3f800001, 0x3f800001, 0xbf800000
    TEST_FP_OP3_S 6, fmadd.s, 0, 0x00000000, 0x00000000, 0x3f800000, 0x80000000
    TEST_FP_OP3_S 7, fmadd.s, 0, 0x80000000, 0x80000000, 0x3f800000, 0x80000000
    TEST_FP_OP3_S 8, fmadd.s, 0, 0x00000000, 0x3f800000, 0x3f800000, 0xbf800000
    TEST_FP_OP3_S 9, fmadd.s, NV, 0x7fc00000, 0x7f800000, 0x00000000, 0x3f800000
    TEST_FP_OP3_S 10, fmadd.s, NV, 0x7fc00000, 0x7f800000, 0x00000000, 0x7fc00000
    TEST_FP_OP3_S 11, fmadd.s, NV, 0x7fc00000, 0x00000000, 0xff800000, 0x7f800001
    TEST_FP_OP3_S 12, fmadd.s, NV, 0x7fc00000, 0x7f800000, 0x3f800000, 0xff800000
    TEST_FP_OP3_S 13, fmadd.s, 0, 0x7f800000, 0x7f800000, 0x3f800000, 0x7f800000
    TEST_FP_OP3_S 14, fmadd.s, 0, 0x7fc00000, 0x7fc00000, 0x3f800000, 0x3f800000
    TEST_FP_OP3_S 15, fmadd.s, NV, 0x7fc00000, 0x3f800000, 0x7f800001, 0x3f800000
    TEST_FP_OP3_S 16, fmadd.s, 0, 0x7fc00000, 0x3f800000, 0x3f800000, 0x7fc12345
    TEST_FP_OP3_S 17, fmadd.s, 0, 0x7f7fffff, 0x7f7fffff, 0x40000000, 0xff7fffff
    TEST_FP_OP3_S 18, fmadd.s, 0, 0xff800000, 0x7f7fffff, 0x7f7fffff, 0xff800000
    TEST_FP_OP3_S 19, fmadd.s, 0, 0x00400000, 0x00800000, 0x3f000000, 0x80000000
    TEST_FP_OP3_S 20, fmadd.s, UF|NX, 0x00000000, 0x00000001, 0x3f000000, 0x00000000
    TEST_FP_OP3_S 21, fmadd.s, NX, 0x67800000, 0x53800000, 0x53800000, 0xbf800000
    TEST_FP_OP3_S 22, fmadd.s, 0, 0x3ecccccd, 0x3dcccccd, 0x40400000, 0x3dcccccd

    # fmsub.s
    TEST_FP_OP3_S 23, fmsub.s, 0, 0x00000000, 0x3f800000, 0x3f800000, 0x3f800000
    TEST_FP_OP3_S 24, fmsub.s, 0, 0x40a00000, 0x40000000, 0x40400000, 0x3f800000
    TEST_FP_OP3_S 25, fmsub.s, 0, 0x40c80000, 0x3fc00000, 0x40200000, 0xc0200000
    TEST_FP_OP3_S 26, fmsub.s, NX, 0x40000000, 0x3eaaaaab, 0x40400000, 0xbf800000
    TEST_FP_OP3_S 27, fmsub.s, NX, 0x40000001, 0x3f800001, 0x3f800001, 0xbf800000
    TEST_FP_OP3_S 28, fmsub.s, 0, 0x00000000, 0x00000000, 0x3f800000, 0x80000000
    TEST_FP_OP3_S 29, fmsub.s, 0, 0x00000000, 0x80000000, 0x3f800000, 0x80000000
    TEST_FP_OP3_S 30, fmsub.s, 0, 0x40000000, 0x3f800000, 0x3f800000, 0xbf800000
    TEST_FP_OP3_S 31, fmsub.s, NV, 0x7fc00000, 0x7f800000, 0x00000000, 0x3f800000
    TEST_FP_OP3_S 32, fmsub.s, NV, 0x7fc00000, 0x7f800000, 0x00000000, 0x7fc00000
    TEST_FP_OP3_S 33, fmsub.s, NV, 0x7fc00000, 0x00000000, 0xff800000, 0x7f800001
    TEST_FP_OP3_S 34, fmsub.s, 0, 0x7f800000, 0x7f800000, 0x3f800000, 0xff800000
    TEST_FP_OP3_S 35, fmsub.s, NV, 0x7fc00000, 0x7f800000, 0x3f800000, 0x7f800000
    TEST_FP_OP3_S 36, fmsub.s, 0, 0x7fc00000, 0x7fc00000, 0x3f800000, 0x3f800000
    TEST_FP_OP3_S 37, fmsub.s, NV, 0x7fc00000, 0x3f800000, 0x7f800001, 0x3f800000
    TEST_FP_OP3_S 38, fmsub.s, 0, 0x7fc00000, 0x3f800000, 0x3f800000, 0x7fc12345
    TEST_FP_OP3_S 39, fmsub.s, OF|NX, 0x7f800000, 0x7f7fffff, 0x40000000, 0xff7fffff
    TEST_FP_OP3_S 40, fmsub.s, 0, 0x7f800000, 0x7f7fffff, 0x7f7fffff, 0xff800000
    TEST_FP_OP3_S 41, fmsub.s, 0, 0x00400000, 0x00800000, 0x3f000000, 0x80000000
    TEST_FP_OP3_S 42, fmsub.s, UF|NX, 0x00000000, 0x00000001, 0x3f000000, 0x00000000
    TEST_FP_OP3_S 43, fmsub.s, NX, 0x67800000, 0x53800000, 0x53800000, 0xbf800000
    TEST_FP_OP3_S 44, fmsub.s, 0, 0x3e4ccccd, 0x3dcccccd, 0x40400000, 0x3dcccccd

    # fnmsub.s
    TEST_FP_OP3_S 45, fnmsub.s, 0, 0x00000000, 0x3f800000, 0x3f800000, 0x3f800000
    TEST_FP_OP3_S 46, fnmsub.s, 0, 0xc0a00000, 0x40000000, 0x40400000, 0x3f800000
    TEST_FP_OP3_S 47, fnmsub.s, 0, 0xc0c80000, 0x3fc00000, 0x40200000, 0xc0200000
    TEST_FP_OP3_S 48, fnmsub.s, NX, 0xc0000000, 0x3eaaaaab, 0x40400000, 0xbf800000
    TEST_FP_OP3_S 49, fnmsub.s, NX, 0xc0000001, 0x3f800001, 0x3f800001, 0xbf800000
    TEST_FP_OP3_S 50, fnmsub.s, 0, 0x80000000, 0x00000000, 0x3f800000, 0x80000000
    TEST_FP_OP3_S 51, fnmsub.s, 0, 0x00000000, 0x80000000, 0x3f800000, 0x80000000
    TEST_FP_OP3_S 52, fnmsub.s, 0, 0xc0000000, 0x3f800000, 0x3f800000, 0xbf800000
    TEST_FP_OP3_S 53, fnmsub.s, NV, 0x7fc00000, 0x7f800000, 0x00000000, 0x3f800000
    TEST_FP_OP3_S 54, fnmsub.s, NV, 0x7fc00000, 0x7f800000, 0x00000000, 0x7fc00000
    TEST_FP_OP3_S 55, fnmsub.s, NV, 0x7fc00000, 0x00000000, 0xff800000, 0x7f800001
    TEST_FP_OP3_S 56, fnmsub.s, 0, 0xff800000, 0x7f800000, 0x3f800000, 0xff800000
    TEST_FP_OP3_S 57, fnmsub.s, NV, 0x7fc00000, 0x7f800000, 0x3f800000, 0x7f800000
    TEST_FP_OP3_S 58, fnmsub.s, 0, 0x7fc00000, 0x7fc00000, 0x3f800000, 0x3f800000
    TEST_FP_OP3_S 59, fnmsub.s, NV, 0x7fc00000, 0x3f800000, 0x7f800001, 0x3f800000
    TEST_FP_OP3_S 60, fnmsub.s, 0, 0x7fc00000, 0x3f800000, 0x3f800000, 0x7fc12345
    TEST_FP_OP3_S 61, fnmsub.s, OF|NX, 0xff800000, 0x7f7fffff, 0x40000000, 0xff7fffff
    TEST_FP_OP3_S 62, fnmsub.s, 0, 0xff800000, 0x7f7fffff, 0x7f7fffff, 0xff800000
    TEST_FP_OP3_S 63, fnmsub.s, 0, 0x80400000, 0x00800000, 0x3f000000, 0x80000000
    TEST_FP_OP3_S 64, fnmsub.s, UF|NX, 0x80000000, 0x00000001, 0x3f000000, 0x00000000
    TEST_FP_OP3_S 65, fnmsub.s, NX, 0xe7800000, 0x53800000, 0x53800000, 0xbf800000
    TEST_FP_OP3_S 66, fnmsub.s, 0, 0xbe4ccccd, 0x3dcccccd, 0x40400000, 0x3dcccccd

    # fnmadd.s
    TEST_FP_OP3_S 67, fnmadd.s, 0, 0xc0000000, 0x3f800000, 0x3f800000, 0x3f800000
    TEST_FP_OP3_S 68, fnmadd.s, 0, 0xc0e00000, 0x40000000, 0x40400000, 0x3f800000
    TEST_FP_OP3_S 69, fnmadd.s, 0, 0xbfa00000, 0x3fc00000, 0x40200000, 0xc0200000
    TEST_FP_OP3_S 70, fnmadd.s, 0, 0xb3000000, 0x3eaaaaab, 0x40400000, 0xbf800000
    TEST_FP_OP3_S 71, fnmadd.s, NX, 0xb4800000, 0x3f800001, 0x3f800001, 0xbf800000
    TEST_FP_OP3_S 72, fnmadd.s, 0, 0x00000000, 0x00000000, 0x3f800000, 0x80000000
    TEST_FP_OP3_S 73, fnmadd.s, 0, 0x00000000, 0x80000000, 0x3f800000, 0x80000000
    TEST_FP_OP3_S 74, fnmadd.s, 0, 0x00000000, 0x3f800000, 0x3f800000, 0xbf800000
    TEST_FP_OP3_S 75, fnmadd.s, NV, 0x7fc00000, 0x7f800000, 0x00000000, 0x3f800000
    TEST_FP_OP3_S 76, fnmadd.s, NV, 0x7fc00000, 0x7f800000, 0x00000000, 0x7fc00000
    TEST_FP_OP3_S 77, fnmadd.s, NV, 0x7fc00000, 0x00000000, 0xff800000, 0x7f800001
    TEST_FP_OP3_S 78, fnmadd.s, NV, 0x7fc00000, 0x7f800000, 0x3f800000, 0xff800000
    TEST_FP_OP3_S 79, fnmadd.s, 0, 0xff800000, 0x7f800000, 0x3f800000, 0x7f800000
    TEST_FP_OP3_S 80, fnmadd.s, 0, 0x7fc00000, 0x7fc00000, 0x3f800000, 0x3f800000
    TEST_FP_OP3_S 81, fnmadd.s, NV, 0x7fc00000, 0x3f800000, 0x7f800001, 0x3f800000
    TEST_FP_OP3_S 82, fnmadd.s, 0, 0x7fc00000, 0x3f800000, 0x3f800000, 0x7fc12345
    TEST_FP_OP3_S 83, fnmadd.s, 0, 0xff7fffff, 0x7f7fffff, 0x40000000, 0xff7fffff
    TEST_FP_OP3_S 84, fnmadd.s, 0, 0x7f800000, 0x7f7fffff, 0x7f7fffff, 0xff800000
    TEST_FP_OP3_S 85, fnmadd.s, 0, 0x80400000, 0x00800000, 0x3f000000, 0x80000000
    TEST_FP_OP3_S 86, fnmadd.s, UF|NX, 0x80000000, 0x00000001, 0x3f000000, 0x00000000
    TEST_FP_OP3_S 87, fnmadd.s, NX, 0xe7800000, 0x53800000, 0x53800000, 0xbf800000
    TEST_FP_OP3_S 88, fnmadd.s, 0, 0xbecccccd, 0x3dcccccd, 0x40400000, 0x3dcccccd

    # rounding modes ((1+ulp)^2 - 1 is exact only when fused; ties)
    TEST_FP_OP3_S 89, fmadd.s, NX, 0x34800000, 0x3f800001, 0x3f800001, 0xbf800000, rne
    TEST_FP_OP3_S 90, fmadd.s, NX, 0x34800000, 0x3f800001, 0x3f800001, 0xbf800000, rtz
    TEST_FP_OP3_S 91, fmadd.s, NX, 0x34800000, 0x3f800001, 0x3f800001, 0xbf800000, rdn
    TEST_FP_OP3_S 92, fmadd.s, NX, 0x34800001, 0x3f800001, 0x3f800001, 0xbf800000, rup
    TEST_FP_OP3_S 93, fmadd.s, NX, 0x34800001, 0x3f800001, 0x3f800001, 0xbf800000, rmm
    TEST_FP_OP3_S 94, fmadd.s, 0, 0x33000000, 0x3eaaaaab, 0x40400000, 0xbf800000, rne
    TEST_FP_OP3_S 95, fmadd.s, 0, 0x33000000, 0x3eaaaaab, 0x40400000, 0xbf800000, rtz
    TEST_FP_OP3_S 96, fmadd.s, 0, 0x33000000, 0x3eaaaaab, 0x40400000, 0xbf800000, rdn
    TEST_FP_OP3_S 97, fmadd.s, 0, 0x33000000, 0x3eaaaaab, 0x40400000, 0xbf800000, rup
    TEST_FP_OP3_S 98, fmadd.s, 0, 0x33000000, 0x3eaaaaab, 0x40400000, 0xbf800000, rmm
    TEST_FP_OP3_S 99, fmadd.s, NX, 0x3f800000, 0x3f800000, 0x3f800000, 0x33800000, rne
    TEST_FP_OP3_S 100, fmadd.s, NX, 0x3f800000, 0x3f800000, 0x3f800000, 0x33800000, rtz
    TEST_FP_OP3_S 101, fmadd.s, NX, 0x3f800000, 0x3f800000, 0x3f800000, 0x33800000, rdn
    TEST_FP_OP3_S 102, fmadd.s, NX, 0x3f800001, 0x3f800000, 0x3f800000, 0x33800000, rup
    TEST_FP_OP3_S 103, fmadd.s, NX, 0x3f800001, 0x3f800000, 0x3f800000, 0x33800000, rmm
    TEST_FP_OP3_S 104, fmsub.s, NX, 0x40000001, 0x3f800001, 0x3f800001, 0xbf800000, rne
    TEST_FP_OP3_S 105, fmsub.s, NX, 0x40000001, 0x3f800001, 0x3f800001, 0xbf800000, rtz
    TEST_FP_OP3_S 106, fmsub.s, NX, 0x40000001, 0x3f800001, 0x3f800001, 0xbf800000, rdn
    TEST_FP_OP3_S 107, fmsub.s, NX, 0x40000002, 0x3f800001, 0x3f800001, 0xbf800000, rup
    TEST_FP_OP3_S 108, fmsub.s, NX, 0x40000001, 0x3f800001, 0x3f800001, 0xbf800000, rmm
    TEST_FP_OP3_S 109, fmsub.s, NX, 0x40000000, 0x3eaaaaab, 0x40400000, 0xbf800000, rne
    TEST_FP_OP3_S 110, fmsub.s, NX, 0x40000000, 0x3eaaaaab, 0x40400000, 0xbf800000, rtz
    TEST_FP_OP3_S 111, fmsub.s, NX, 0x40000000, 0x3eaaaaab, 0x40400000, 0xbf800000, rdn
    TEST_FP_OP3_S 112, fmsub.s, NX, 0x40000001, 0x3eaaaaab, 0x40400000, 0xbf800000, rup
    TEST_FP_OP3_S 113, fmsub.s, NX, 0x40000000, 0x3eaaaaab, 0x40400000, 0xbf800000, rmm
    TEST_FP_OP3_S 114, fmsub.s, 0, 0x3f7fffff, 0x3f800000, 0x3f800000, 0x33800000, rne
    TEST_FP_OP3_S 115, fmsub.s, 0, 0x3f7fffff, 0x3f800000, 0x3f800000, 0x33800000, rtz
    TEST_FP_OP3_S 116, fmsub.s, 0, 0x3f7fffff, 0x3f800000, 0x3f800000, 0x33800000, rdn
    TEST_FP_OP3_S 117, fmsub.s, 0, 0x3f7fffff, 0x3f800000, 0x3f800000, 0x33800000, rup
    TEST_FP_OP3_S 118, fmsub.s, 0, 0x3f7fffff, 0x3f800000, 0x3f800000, 0x33800000, rmm
    TEST_FP_OP3_S 119, fnmsub.s, NX, 0xc0000001, 0x3f800001, 0x3f800001, 0xbf800000, rne
    TEST_FP_OP3_S 120, fnmsub.s, NX, 0xc0000001, 0x3f800001, 0x3f800001, 0xbf800000, rtz
    TEST_FP_OP3_S 121, fnmsub.s, NX, 0xc0000002, 0x3f800001, 0x3f800001, 0xbf800000, rdn
    TEST_FP_OP3_S 122, fnmsub.s, NX, 0xc0000001, 0x3f800001, 0x3f800001, 0xbf800000, rup
    TEST_FP_OP3_S 123, fnmsub.s, NX, 0xc0000001, 0x3f800001, 0x3f800001, 0xbf800000, rmm
    TEST_FP_OP3_S 124, fnmsub.s, NX, 0xc0000000, 0x3eaaaaab, 0x40400000, 0xbf800000, rne
    TEST_FP_OP3_S 125, fnmsub.s, NX, 0xc0000000, 0x3eaaaaab, 0x40400000, 0xbf800000, rtz
    TEST_FP_OP3_S 126, fnmsub.s, NX, 0xc0000001, 0x3eaaaaab, 0x40400000, 0xbf800000, rdn
    TEST_FP_OP3_S 127, fnmsub.s, NX, 0xc0000000, 0x3eaaaaab, 0x40400000, 0xbf800000, rup
    TEST_FP_OP3_S 128, fnmsub.s, NX, 0xc0000000, 0x3eaaaaab, 0x40400000, 0xbf800000, rmm
    TEST_FP_OP3_S 129, fnmsub.s, 0, 0xbf7fffff, 0x3f800000, 0x3f800000, 0x33800000, rne
    TEST_FP_OP3_S 130, fnmsub.s, 0, 0xbf7fffff, 0x3f800000, 0x3f800000, 0x33800000, rtz
    TEST_FP_OP3_S 131, fnmsub.s, 0, 0xbf7fffff, 0x3f800000, 0x3f800000, 0x33800000, rdn
    TEST_FP_OP3_S 132, fnmsub.s, 0, 0xbf7fffff, 0x3f800000, 0x3f800000, 0x33800000, rup
    TEST_FP_OP3_S 133, fnmsub.s, 0, 0xbf7fffff, 0x3f800000, 0x3f800000, 0x33800000, rmm
    TEST_FP_OP3_S 134, fnmadd.s, NX, 0xb4800000, 0x3f800001, 0x3f800001, 0xbf800000, rne
    TEST_FP_OP3_S 135, fnmadd.s, NX, 0xb4800000, 0x3f800001, 0x3f800001, 0xbf800000, rtz
    TEST_FP_OP3_S 136, fnmadd.s, NX, 0xb4800001, 0x3f800001, 0x3f800001, 0xbf800000, rdn
    TEST_FP_OP3_S 137, fnmadd.s, NX, 0xb4800000, 0x3f800001, 0x3f800001, 0xbf800000, rup
    TEST_FP_OP3_S 138, fnmadd.s, NX, 0xb4800001, 0x3f800001, 0x3f800001, 0xbf800000, rmm
    TEST_FP_OP3_S 139, fnmadd.s, 0, 0xb3000000, 0x3eaaaaab, 0x40400000, 0xbf800000, rne
    TEST_FP_OP3_S 140, fnmadd.s, 0, 0xb3000000, 0x3eaaaaab, 0x40400000, 0xbf800000, rtz
    TEST_FP_OP3_S 141, fnmadd.s, 0, 0xb3000000, 0x3eaaaaab, 0x40400000, 0xbf800000, rdn
    TEST_FP_OP3_S 142, fnmadd.s, 0, 0xb3000000, 0x3eaaaaab, 0x40400000, 0xbf800000, rup
    TEST_FP_OP3_S 143, fnmadd.s, 0, 0xb3000000, 0x3eaaaaab, 0x40400000, 0xbf800000, rmm
    TEST_FP_OP3_S 144, fnmadd.s, NX, 0xbf800000, 0x3f800000, 0x3f800000, 0x33800000, rne
    TEST_FP_OP3_S 145, fnmadd.s, NX, 0xbf800000, 0x3f800000, 0x3f800000, 0x33800000, rtz
    TEST_FP_OP3_S 146, fnmadd.s, NX, 0xbf800001, 0x3f800000, 0x3f800000, 0x33800000, rdn
    TEST_FP_OP3_S 147, fnmadd.s, NX, 0xbf800000, 0x3f800000, 0x3f800000, 0x33800000, rup
    TEST_FP_OP3_S 148, fnmadd.s, NX, 0xbf800001, 0x3f800000, 0x3f800000, 0x33800000, rmm

    # dynamic rounding mode (frm = RUP, then RDN)
    csrwi frm, RM_RUP
    TEST_FP_OP3_S 149, fmadd.s, 0, 0x33000000, 0x3eaaaaab, 0x40400000, 0xbf800000
    TEST_FP_OP3_S 150, fnmsub.s, NX, 0xc0000000, 0x3eaaaaab, 0x40400000, 0xbf800000
    csrwi frm, RM_RDN
    TEST_FP_OP3_S 151, fmadd.s, 0, 0x33000000, 0x3eaaaaab, 0x40400000, 0xbf800000
    TEST_FP_OP3_S 152, fnmsub.s, NX, 0xc0000001, 0x3eaaaaab, 0x40400000, 0xbf800000
    csrwi frm, RM_RNE

    # x*y - x*y is +0, or -0 in RDN
    TEST_FP_OP3_S 153, fmadd.s, 0, 0x00000000, 0x40000000, 0x40400000, 0xc0c00000, rne
    TEST_FP_OP3_S 154, fmadd.s, 0, 0x80000000, 0x40000000, 0x40400000, 0xc0c00000, rdn
TEST_END
