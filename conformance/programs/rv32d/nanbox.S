# NaN-boxing of singles in the 64-bit FP registers (F with D present).
# Every single-precision result and transfer into an f register sets the
# upper 32 bits to ones (fmv.w.x, flw, arithmetic, fcvt.s.*, fsgnj*.s,
# fmin/fmax.s). A single-precision operand whose upper 32 bits are not all
# ones is read as the canonical NaN 0x7fc00000: arithmetic gives the
# canonical NaN without flags (it is quiet), compares see a NaN (flt/fle
# raise NV, feq does not), fclass.s says quiet NaN, fcvt.w.s saturates,
# fmin/fmax return the other operand, fsgnj*.s produce the canonical NaN
# with the injected sign, and fcvt.d.s gives the canonical double NaN.
# Transfers out (fmv.x.w, fsw) ignore the upper half.
.equ BAD_ONE, 0x000000003f800000    # 1.0f with a zero upper half
.equ BAD_TWO, 0xfffffffe40000000    # 2.0f with one upper bit clear
TEST_BEGIN
    # Results are boxed.
    SET_TEST 1
    li a1, 0x3f800000
    fmv.w.x fa0, a1
    FP_CHECK_S 1, fa0, 0x3f800000
    FP_LOAD_S fa1, F_ONE
    FP_LOAD_S fa2, F_TWO
    fadd.s fa0, fa1, fa2
    FP_CHECK_S 2, fa0, 0x40400000
    li a3, 0x3f800000
    fcvt.s.w fa0, a3
    FP_CHECK_S 3, fa0, 0x4e7e0000
    FP_LOAD_D fa3, D_ONE
    fcvt.s.d fa0, fa3
    FP_CHECK_S 4, fa0, 0x3f800000
    fsgnjn.s fa0, fa1, fa1
    FP_CHECK_S 5, fa0, 0xbf800000
    fmax.s fa0, fa1, fa2
    FP_CHECK_S 6, fa0, 0x40000000
    fmadd.s fa0, fa1, fa2, fa2
    FP_CHECK_S 7, fa0, 0x40800000
    fsqrt.s fa0, fa1
    FP_CHECK_S 8, fa0, 0x3f800000

    # Improperly boxed operands are the canonical NaN.
    SET_TEST 20
    FP_LOAD_D fa4, BAD_ONE
    FP_LOAD_D fa5, BAD_TWO
    csrwi fflags, 0
    fadd.s fa0, fa4, fa1
    FFLAGS_CHECK 20, 0
    FP_CHECK_S 20, fa0, 0x7fc00000
    fmul.s fa0, fa1, fa5
    FP_CHECK_S 21, fa0, 0x7fc00000
    fsqrt.s fa0, fa4
    FP_CHECK_S 22, fa0, 0x7fc00000
    fmadd.s fa0, fa1, fa1, fa5
    FP_CHECK_S 23, fa0, 0x7fc00000
    fdiv.s fa0, fa5, fa4
    FP_CHECK_S 24, fa0, 0x7fc00000
    FFLAGS_CHECK 25, 0
    # compares
    SET_TEST 30
    feq.s a0, fa4, fa4
    CHECK_EQ a0, 0
    FFLAGS_CHECK 30, 0
    SET_TEST 31
    flt.s a0, fa4, fa1
    CHECK_EQ a0, 0
    FFLAGS_CHECK 31, NV
    csrwi fflags, 0
    SET_TEST 32
    fle.s a0, fa1, fa5
    CHECK_EQ a0, 0
    FFLAGS_CHECK 32, NV
    csrwi fflags, 0
    # fclass, conversions
    SET_TEST 33
    fclass.s a0, fa4
    CHECK_EQ a0, 0x200
    SET_TEST 34
    fcvt.w.s a0, fa4
    CHECK_EQ a0, 0x7fffffff
    FFLAGS_CHECK 34, NV
    csrwi fflags, 0
    SET_TEST 35
    fcvt.wu.s a0, fa5
    CHECK_EQ a0, 0xffffffff
    FFLAGS_CHECK 35, NV
    csrwi fflags, 0
    fcvt.d.s fa0, fa4
    FP_CHECK_D 36, fa0, D_QNAN
    FFLAGS_CHECK 37, 0
    # fmin / fmax: the other operand
    fmin.s fa0, fa4, fa2
    FP_CHECK_S 40, fa0, 0x40000000
    fmax.s fa0, fa1, fa5
    FP_CHECK_S 41, fa0, 0x3f800000
    fmax.s fa0, fa4, fa5
    FP_CHECK_S 42, fa0, 0x7fc00000
    FFLAGS_CHECK 43, 0
    # sign injection onto / from the canonical NaN
    FP_LOAD_S fa6, F_NONE
    fsgnj.s fa0, fa4, fa6
    FP_CHECK_S 50, fa0, 0xffc00000
    fsgnjn.s fa0, fa4, fa1
    FP_CHECK_S 51, fa0, 0xffc00000
    fsgnjx.s fa0, fa4, fa6
    FP_CHECK_S 52, fa0, 0xffc00000
    fsgnj.s fa0, fa6, fa4
    FP_CHECK_S 53, fa0, 0x3f800000
    fsgnjn.s fa0, fa1, fa4
    FP_CHECK_S 54, fa0, 0xbf800000
    fsgnjx.s fa0, fa6, fa4
    FP_CHECK_S 55, fa0, 0xbf800000
    fabs.s fa0, fa4
    FP_CHECK_S 56, fa0, 0x7fc00000
    fneg.s fa0, fa5
    FP_CHECK_S 57, fa0, 0xffc00000
    # Transfers out take the low word as it is.
    SET_TEST 60
    fmv.x.w a0, fa4
    CHECK_EQ a0, 0x3f800000
    fmv.x.w a0, fa5
    CHECK_EQ a0, 0x40000000
    SET_TEST 61
    la a1, __fp_scratch
    fsw fa5, 8(a1)
    lw a0, 8(a1)
    CHECK_EQ a0, 0x40000000
    # A double op on a boxed single sees a NaN bit pattern (no unboxing).
    FP_LOAD_S fa1, F_ONE
    csrwi fflags, 0
    fadd.d fa0, fa1, fa1
    FP_CHECK_D 62, fa0, D_QNAN
    FFLAGS_CHECK 63, 0
    fclass.d a0, fa1
    CHECK_EQ a0, 0x200
TEST_END
