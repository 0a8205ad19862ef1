# Hot floating-point loops (long enough for a tiered JIT to compile them),
# each result compared bit for bit with an exact model: a 2000-term
# harmonic sum in double (fcvt.d.w, fdiv.d, fadd.d), a 2000-term single
# sum of i * 0.1f (fcvt.s.w, fmul.s, fadd.s), 500 fused steps
# y = y * c + i/1024 (fmadd.d), and a sum of 500 square roots (fsqrt.d)
# converted back to an integer (fmul.d, fcvt.w.d). Only NX is raised.
TEST_BEGIN
    csrwi fflags, 0
    SET_TEST 1
    fcvt.d.w fs0, zero          # acc = 0
    li s0, 1
    li s1, 2001
    li t0, 1
    fcvt.d.w fs1, t0            # 1.0
1:  fcvt.d.w ft0, s0
    fdiv.d ft1, fs1, ft0
    fadd.d fs0, fs0, ft1
    addi s0, s0, 1
    bne s0, s1, 1b
    FP_CHECK_D 1, fs0, 0x40205b5310674fb9

    SET_TEST 2
    fmv.w.x fs2, zero           # s = 0
    li t0, 0x3dcccccd           # 0.1f
    fmv.w.x fs3, t0
    li s0, 1
2:  fcvt.s.w ft0, s0
    fmul.s ft1, ft0, fs3
    fadd.s fs2, fs2, ft1
    addi s0, s0, 1
    bne s0, s1, 2b
    FP_CHECK_S 2, fs2, 0x48436900

    SET_TEST 3
    FP_LOAD_D fs4, D_HALF       # y
    FP_LOAD_D fs5, 0x3fefff0000000000
    FP_LOAD_D fs6, 0x3f50000000000000   # 2^-10
    li s0, 1
    li s1, 501
3:  fcvt.d.w ft0, s0
    fmul.d ft1, ft0, fs6
    fmadd.d fs4, fs4, fs5, ft1
    addi s0, s0, 1
    bne s0, s1, 3b
    FP_CHECK_D 3, fs4, 0x405e15abf3411050

    SET_TEST 4
    fcvt.d.w fs7, zero
    li s0, 1
4:  fcvt.d.w ft0, s0
    fsqrt.d ft1, ft0
    fadd.d fs7, fs7, ft1
    addi s0, s0, 1
    bne s0, s1, 4b
    FP_CHECK_D 4, fs7, 0x40bd2888c4164c38
    SET_TEST 5
    li t0, 1000
    fcvt.d.w ft0, t0
    fmul.d ft1, fs7, ft0
    fcvt.w.d a0, ft1
    CHECK_EQ a0, 7464534
    FFLAGS_CHECK 6, NX
TEST_END
