# RV32F flw / fsw: positive and negative offsets, bit patterns (NaNs
# included) move unchanged and raise no flags, flw NaN-boxes the value in
# the 64-bit register, and fsw stores the low 32 bits of any register
# contents (even a value that is not a properly boxed single).
TEST_BEGIN
    la s0, fdat
    csrwi fflags, 0
    SET_TEST 1
    flw fa0, 0(s0)
    FP_CHECK_S 1, fa0, 0x3f800000
    flw fa1, 4(s0)
    FP_CHECK_S 2, fa1, 0x7f800001
    flw fa2, 8(s0)
    FP_CHECK_S 3, fa2, 0xffc12345
    la s1, fdat + 16
    flw fa3, -4(s1)
    FP_CHECK_S 4, fa3, 0x80000001
    flw ft11, 2044(s0)
    FP_CHECK_S 5, ft11, 0xcafebabe
    FFLAGS_CHECK 6, 0

    # fsw stores exactly the bits (signaling NaN untouched, no flags)
    SET_TEST 10
    la s1, sdat
    fsw fa1, 0(s1)
    lw a0, 0(s1)
    CHECK_EQ a0, 0x7f800001
    fsw fa2, 4(s1)
    lw a0, 4(s1)
    CHECK_EQ a0, 0xffc12345
    fsw fa3, 12(s1)
    lw a0, 12(s1)
    CHECK_EQ a0, 0x80000001
    lw a0, 8(s1)
    CHECK_EQ a0, 0x5a5a5a5a
    la s2, sdat + 16
    fsw fa0, -8(s2)
    lw a0, 8(s1)
    CHECK_EQ a0, 0x3f800000
    FFLAGS_CHECK 11, 0

    # fsw of a register holding an unboxed value stores its low word
    SET_TEST 12
    FP_LOAD_D fa4, 0x123456789abcdef0
    fsw fa4, 0(s1)
    lw a0, 0(s1)
    CHECK_EQ a0, 0x9abcdef0

    # flw overwrites the whole register (upper half all ones)
    SET_TEST 13
    FP_LOAD_D fa5, 0x0000000011111111
    flw fa5, 0(s0)
    FP_CHECK_S 13, fa5, 0x3f800000
TEST_END

.data
.p2align 3
fdat:
    .word 0x3f800000, 0x7f800001, 0xffc12345, 0x80000001
    .fill 507, 4, 0
    .word 0xcafebabe
sdat:
    .fill 4, 4, 0x5a5a5a5a
