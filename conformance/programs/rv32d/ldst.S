# RV32D fld / fsd: 64-bit transfers with positive and negative offsets;
# every bit pattern (NaNs, and singles that are not NaN-boxed) moves
# unchanged without flags.
TEST_BEGIN
    la s0, ddat
    csrwi fflags, 0
    fld fa0, 0(s0)
    FP_CHECK_D 1, fa0, 0x3ff0000000000000
    fld fa1, 8(s0)
    FP_CHECK_D 2, fa1, 0x7ff0000000000001
    fld fa2, 16(s0)
    FP_CHECK_D 3, fa2, 0xfff8000000012345
    la s1, ddat + 32
    fld fa3, -8(s1)
    FP_CHECK_D 4, fa3, 0x000000003f800000
    fld ft10, 2040(s0)
    FP_CHECK_D 5, ft10, 0x8000000000000001
    FFLAGS_CHECK 6, 0

    SET_TEST 10
    la s1, sdat
    fsd fa1, 0(s1)
    lw a0, 0(s1)
    CHECK_EQ a0, 0x00000001
    lw a0, 4(s1)
    CHECK_EQ a0, 0x7ff00000
    la s2, sdat + 24
    fsd fa3, -16(s2)
    lw a0, 8(s1)
    CHECK_EQ a0, 0x3f800000
    lw a0, 12(s1)
    CHECK_EQ a0, 0x00000000
    lw a0, 16(s1)
    CHECK_EQ a0, 0x5a5a5a5a
    FFLAGS_CHECK 11, 0

    # A boxed single (from fmv.w.x) stored with fsd shows the ones.
    SET_TEST 12
    li a1, 0x40490fdb
    fmv.w.x fa4, a1
    fsd fa4, 0(s1)
    lw a0, 0(s1)
    CHECK_EQ a0, 0x40490fdb
    lw a0, 4(s1)
    CHECK_EQ a0, 0xffffffff
TEST_END

.data
.p2align 3
ddat:
    .dword 0x3ff0000000000000, 0x7ff0000000000001, 0xfff8000000012345
    .dword 0x000000003f800000
    .fill 251, 8, 0
    .dword 0x8000000000000001
sdat:
    .fill 6, 4, 0x5a5a5a5a
