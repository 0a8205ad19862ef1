# Misaligned data accesses in M-mode. QEMU 7.2 (virt, rv32) performs
# misaligned lh/lhu/lw/sh/sw and flw/fld/fsw/fsd in place, with no trap,
# also across 4- and 8-byte boundaries; rvjit follows it. (Misaligned
# LR/AMO do trap, and misaligned SC just fails: see rv32a/misaligned.)
TEST_BEGIN
    TEST_LD_OP 1, lw, 0x44332211, 1, mdat
    TEST_LD_OP 2, lw, 0x55443322, 2, mdat
    TEST_LD_OP 3, lw, 0x66554433, 3, mdat
    TEST_LD_OP 4, lw, 0x99887766, 6, mdat
    TEST_LD_OP 5, lh, 0x00003322, 2, mdat
    TEST_LD_OP 6, lh, 0x00002211, 1, mdat
    TEST_LD_OP 7, lh, 0x00004433, 3, mdat
    TEST_LD_OP 8, lh, 0xffff8877, 7, mdat
    TEST_LD_OP 9, lhu, 0x00008877, 7, mdat
    TEST_LD_OP 10, lhu, 0x0000aa99, 9, mdat

    # misaligned stores write exactly their bytes
    SET_TEST 20
    la a1, sdat
    li a2, 0xa1b2c3d4
    sw a2, 1(a1)
    lw a0, 0(a1)
    CHECK_EQ a0, 0xb2c3d400
    lw a0, 4(a1)
    CHECK_EQ a0, 0x000000a1
    SET_TEST 21
    li a2, 0x5566
    sh a2, 7(a1)
    lw a0, 4(a1)
    CHECK_EQ a0, 0x660000a1
    lw a0, 8(a1)
    CHECK_EQ a0, 0x00000055
    SET_TEST 22
    li a2, 0x01020304
    sw a2, 11(a1)
    lw a0, 8(a1)
    CHECK_EQ a0, 0x04000055
    lw a0, 12(a1)
    CHECK_EQ a0, 0x00010203
    SET_TEST 23
    li a2, 0x7788
    sh a2, 1(a1)
    lw a0, 0(a1)
    CHECK_EQ a0, 0xb2778800

    # floating-point loads and stores
    SET_TEST 30
    la a1, mdat
    flw fa0, 1(a1)
    fmv.x.w a0, fa0
    CHECK_EQ a0, 0x44332211
    SET_TEST 31
    fld fa0, 3(a1)
    la a2, fdat
    fsd fa0, 0(a2)
    lw a0, 0(a2)
    CHECK_EQ a0, 0x66554433
    lw a0, 4(a2)
    CHECK_EQ a0, 0xaa998877
    SET_TEST 32
    fsd fa0, 5(a2)
    lw a0, 4(a2)
    CHECK_EQ a0, 0x55443377
    lw a0, 8(a2)
    CHECK_EQ a0, 0x99887766
    lbu a0, 12(a2)
    CHECK_EQ a0, 0xaa
    SET_TEST 33
    li a0, 0x3f800000
    fmv.w.x fa1, a0
    fsw fa1, 14(a2)
    lw a0, 12(a2)
    CHECK_EQ a0, 0x000000aa
    lw a0, 16(a2)
    CHECK_EQ a0, 0x00003f80
    lhu a0, 14(a2)
    CHECK_EQ a0, 0
TEST_END

.data
.p2align 3
mdat:
    .byte 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77
    .byte 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff
.p2align 3
sdat:
    .fill 4, 4, 0
.p2align 3
fdat:
    .fill 6, 4, 0
