# RV32C loads and stores, executed compressed: c.lw/c.sw (rd'/rs1',
# offsets 0..124), c.lwsp/c.swsp (0..252 from sp), and the floating-point
# forms c.flw/c.fsw, c.flwsp/c.fswsp, c.fld/c.fsd (0..248),
# c.fldsp/c.fsdsp (0..504). Single loads NaN-box their value.
TEST_BEGIN
    la s0, cdat
    mv tp, sp

    # c.lw / c.sw
    SET_TEST 1
    c.lw a0, 0(s0)
    CHECK_EQ a0, 0x00ff00ff
    c.lw a0, 4(s0)
    CHECK_EQ a0, 0xff00ff00
    c.lw a0, 124(s0)
    CHECK_EQ a0, 0xcafef00d
    SET_TEST 2
    li a1, 0x12345678
    c.sw a1, 8(s0)
    c.lw a2, 8(s0)
    CHECK_EQ a2, 0x12345678
    li a1, 0x9abcdef0
    c.sw a1, 120(s0)
    lw a2, 120(s0)
    CHECK_EQ a2, 0x9abcdef0
    lw a2, 124(s0)
    CHECK_EQ a2, 0xcafef00d
    SET_TEST 3
    mv s1, s0
    c.lw s1, 4(s1)
    CHECK_EQ s1, 0xff00ff00

    # c.lwsp / c.swsp (any rd / rs2)
    SET_TEST 10
    mv sp, s0
    c.lwsp t3, 0(sp)
    CHECK_EQ t3, 0x00ff00ff
    c.lwsp a0, 124(sp)
    CHECK_EQ a0, 0xcafef00d
    c.lwsp ra, 252(sp)
    CHECK_EQ ra, 0xbeefcafe
    SET_TEST 11
    li t4, 0x31415926
    c.swsp t4, 248(sp)
    lw a0, 248(s0)
    CHECK_EQ a0, 0x31415926
    lw a0, 252(s0)
    CHECK_EQ a0, 0xbeefcafe
    c.swsp t4, 12(sp)
    c.lwsp a0, 12(sp)
    CHECK_EQ a0, 0x31415926
    mv sp, tp

    # c.flw / c.fsw: the loaded single is NaN-boxed
    SET_TEST 20
    c.flw fa0, 16(s0)
    FP_CHECK_S 20, fa0, 0x3f800000
    c.flw fs1, 124(s0)
    FP_CHECK_S 21, fs1, 0xcafef00d
    SET_TEST 22
    FP_LOAD_S fa5, 0x40490fdb
    c.fsw fa5, 20(s0)
    lw a0, 20(s0)
    CHECK_EQ a0, 0x40490fdb
    c.fsw fa5, 112(s0)
    lw a0, 112(s0)
    CHECK_EQ a0, 0x40490fdb

    # c.flwsp / c.fswsp
    SET_TEST 30
    mv sp, s0
    c.flwsp ft3, 16(sp)
    FP_CHECK_S 30, ft3, 0x3f800000
    c.flwsp fa0, 252(sp)
    FP_CHECK_S 31, fa0, 0xbeefcafe
    SET_TEST 32
    FP_LOAD_S ft11, 0xc0000000
    c.fswsp ft11, 244(sp)
    lw a0, 244(s0)
    CHECK_EQ a0, 0xc0000000
    mv sp, tp

    # c.fld / c.fsd (8-byte aligned offsets 0..248)
    SET_TEST 40
    c.fld fa0, 24(s0)
    FP_CHECK_D 40, fa0, 0x400921fb54442d18
    c.fld fs0, 32(s0)
    FP_CHECK_D 41, fs0, 0xfff0000000000001
    SET_TEST 42
    c.fsd fa0, 40(s0)
    lw a0, 40(s0)
    CHECK_EQ a0, 0x54442d18
    lw a0, 44(s0)
    CHECK_EQ a0, 0x400921fb
    la s1, cdat2
    c.fsd fs0, 248(s1)
    lw a0, 248(s1)
    CHECK_EQ a0, 0x00000001
    lw a0, 252(s1)
    CHECK_EQ a0, 0xfff00000
    c.fld fa1, 248(s1)
    FP_CHECK_D 43, fa1, 0xfff0000000000001

    # c.fldsp / c.fsdsp (offsets 0..504)
    SET_TEST 50
    mv sp, s1
    c.fldsp ft2, 248(sp)
    FP_CHECK_D 50, ft2, 0xfff0000000000001
    c.fldsp fa2, 504(sp)
    FP_CHECK_D 51, fa2, 0x0123456789abcdef
    SET_TEST 52
    c.fsdsp fa0, 496(sp)
    c.fldsp fa3, 496(sp)
    mv sp, tp
    FP_CHECK_D 52, fa3, 0x400921fb54442d18
    lw a0, 496(s1)
    CHECK_EQ a0, 0x54442d18
    lw a0, 504(s1)
    CHECK_EQ a0, 0x89abcdef
TEST_END

.data
.p2align 3
cdat:
    .word 0x00ff00ff, 0xff00ff00, 0, 0
    .word 0x3f800000, 0
    .dword 0x400921fb54442d18
    .dword 0xfff0000000000001
    .fill 21, 4, 0
    .word 0xcafef00d
    .fill 31, 4, 0
    .word 0xbeefcafe
.p2align 3
cdat2:
    .fill 126, 4, 0
    .dword 0x0123456789abcdef
