# Every register holds its own value: x1..x31 (sp and gp saved around the
# test) and f0..f31 as singles (NaN-boxed) and as doubles; writes to x0
# are ignored.
.equ NREGS, 31
TEST_BEGIN
    la t0, saved
    sw sp, 0(t0)
    sw gp, 4(t0)
    .irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
    li x\r, 0x01010000 * \r + \r
    .endr
    li x0, 5
    addi x0, x0, 7
    la x31, area
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
    sw x\r, 4*\r(x31)
    .endr
    la t0, saved
    lw sp, 0(t0)
    lw gp, 4(t0)
    SET_TEST 1
    la s0, area
    lw a0, 0(s0)
    CHECK_EQ a0, 0
    SET_TEST 2
    li s1, 1
1:  slli a1, s1, 2
    add a1, a1, s0
    lw a0, 0(a1)
    li a2, 0x01010000
    mul a2, a2, s1
    add a2, a2, s1
    CHECK_EQ_REG a0, a2
    addi s1, s1, 1
    li a3, NREGS
    bne s1, a3, 1b

    # f0..f31 as singles: write all, then read all back.
    SET_TEST 3
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    li t0, 0x3f800000 + \r
    fmv.w.x f\r, t0
    .endr
    la s0, farea
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    fsd f\r, 8*\r(s0)
    .endr
    li s1, 0
2:  slli a1, s1, 3
    add a1, a1, s0
    lw a0, 0(a1)
    li a2, 0x3f800000
    add a2, a2, s1
    CHECK_EQ_REG a0, a2
    lw a0, 4(a1)
    CHECK_EQ a0, -1
    addi s1, s1, 1
    li a3, 32
    bne s1, a3, 2b

    # f0..f31 as doubles (integers r * 1000 + r, converted back).
    SET_TEST 4
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    li t0, 1001 * \r
    fcvt.d.w f\r, t0
    .endr
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    fcvt.w.d a0, f\r
    CHECK_EQ a0, 1001 * \r
    .endr
TEST_END

.data
.p2align 3
saved:
    .word 0, 0
area:
    .fill 32, 4, 0x5a5a5a5a
.p2align 3
farea:
    .fill 64, 4, 0
