# RV32I stores: sb, sh, sw write exactly their width (little-endian) and
# leave neighbouring bytes alone; positive and negative offsets; storing x0.
TEST_BEGIN
    TEST_ST_OP 1, lbu, sb, 0xaa, 0, tdat
    TEST_ST_OP 2, lb, sb, 0xffffffa0, 1, tdat
    TEST_ST_OP 3, lbu, sb, 0x0a, 2, tdat
    TEST_ST_OP 4, lb, sb, 0xffffff80, 3, tdat
    TEST_ST_OP 5, lhu, sh, 0xaaaa, 4, tdat
    TEST_ST_OP 6, lh, sh, 0xffffa00a, 6, tdat
    TEST_ST_OP 7, lhu, sh, 0x0aa0, 8, tdat
    TEST_ST_OP 8, lh, sh, 0xffff8000, 10, tdat
    TEST_ST_OP 9, lw, sw, 0xaabbccdd, 12, tdat
    TEST_ST_OP 10, lw, sw, 0x7fffffff, 16, tdat
    TEST_ST_OP 11, lw, sw, 0x80000000, -4, tdat_end
    TEST_ST_OP 12, lw, sw, 0x01234567, -16, tdat_end

    # sb writes only the low byte of rs2, one byte of memory
    SET_TEST 20
    la a1, tdat2
    li a2, 0x11111111
    sw a2, 0(a1)
    li a2, 0x12345678
    sb a2, 1(a1)
    lw a0, 0(a1)
    CHECK_EQ a0, 0x11117811
    # sh writes the low half, two bytes
    SET_TEST 21
    li a2, 0x22222222
    sw a2, 4(a1)
    li a2, 0xabcdef01
    sh a2, 6(a1)
    lw a0, 4(a1)
    CHECK_EQ a0, 0xef012222
    # sw, read back byte by byte (little-endian)
    SET_TEST 22
    li a2, 0x44332211
    sw a2, 8(a1)
    lbu a0, 8(a1)
    CHECK_EQ a0, 0x11
    lbu a0, 9(a1)
    CHECK_EQ a0, 0x22
    lbu a0, 10(a1)
    CHECK_EQ a0, 0x33
    lbu a0, 11(a1)
    CHECK_EQ a0, 0x44
    lhu a0, 10(a1)
    CHECK_EQ a0, 0x4433
    # the words around a store are untouched
    SET_TEST 23
    lw a0, 0(a1)
    CHECK_EQ a0, 0x11117811
    lw a0, 12(a1)
    CHECK_EQ a0, 0x5a5a5a5a
    # storing x0
    SET_TEST 24
    sw x0, 12(a1)
    lw a0, 12(a1)
    CHECK_EQ a0, 0
    # the base register is also the data register
    SET_TEST 25
    la a1, tdat2 + 16
    sw a1, 0(a1)
    lw a0, 0(a1)
    bne a0, a1, __fail
    # offsets 2047 / -2048
    SET_TEST 26
    la a1, tdat2 - 2047
    li a2, 0x5eed
    sw a2, 2047(a1)
    la a1, tdat2 + 2048
    lw a0, -2048(a1)
    CHECK_EQ a0, 0x5eed
TEST_END

.data
.p2align 2
tdat:
    .fill 5, 4, 0xdeadbeef
tdat_end:
tdat2:
    .fill 4, 4, 0x5a5a5a5a
    .word 0
