# RV32I conditional branches, taken and not taken, with forward and backward
# targets: beq, bne, blt, bge (signed), bltu, bgeu (unsigned).
TEST_BEGIN
    TEST_BR2_TAKEN 1, beq, 0, 0
    TEST_BR2_TAKEN 2, beq, 1, 1
    TEST_BR2_TAKEN 3, beq, -1, -1
    TEST_BR2_TAKEN 4, beq, 0x80000000, 0x80000000
    TEST_BR2_NOT_TAKEN 5, beq, 0, 1
    TEST_BR2_NOT_TAKEN 6, beq, 1, 0
    TEST_BR2_NOT_TAKEN 7, beq, -1, 1
    TEST_BR2_NOT_TAKEN 8, beq, 0x80000000, 0

    TEST_BR2_TAKEN 10, bne, 0, 1
    TEST_BR2_TAKEN 11, bne, 1, 0
    TEST_BR2_TAKEN 12, bne, -1, 1
    TEST_BR2_TAKEN 13, bne, 0x80000000, 0x7fffffff
    TEST_BR2_NOT_TAKEN 14, bne, 0, 0
    TEST_BR2_NOT_TAKEN 15, bne, 1, 1
    TEST_BR2_NOT_TAKEN 16, bne, -1, -1

    TEST_BR2_TAKEN 20, blt, 0, 1
    TEST_BR2_TAKEN 21, blt, -1, 1
    TEST_BR2_TAKEN 22, blt, -2, -1
    TEST_BR2_TAKEN 23, blt, 0x80000000, 0x7fffffff
    TEST_BR2_TAKEN 24, blt, 0x80000000, 0
    TEST_BR2_NOT_TAKEN 25, blt, 1, 0
    TEST_BR2_NOT_TAKEN 26, blt, 1, -1
    TEST_BR2_NOT_TAKEN 27, blt, -1, -2
    TEST_BR2_NOT_TAKEN 28, blt, 1, 1
    TEST_BR2_NOT_TAKEN 29, blt, 0x7fffffff, 0x80000000

    TEST_BR2_TAKEN 30, bge, 0, 0
    TEST_BR2_TAKEN 31, bge, 1, 1
    TEST_BR2_TAKEN 32, bge, -1, -1
    TEST_BR2_TAKEN 33, bge, 1, 0
    TEST_BR2_TAKEN 34, bge, 1, -1
    TEST_BR2_TAKEN 35, bge, -1, -2
    TEST_BR2_TAKEN 36, bge, 0x7fffffff, 0x80000000
    TEST_BR2_NOT_TAKEN 37, bge, 0, 1
    TEST_BR2_NOT_TAKEN 38, bge, -1, 1
    TEST_BR2_NOT_TAKEN 39, bge, -2, -1
    TEST_BR2_NOT_TAKEN 40, bge, 0x80000000, 0x7fffffff

    TEST_BR2_TAKEN 50, bltu, 0, 1
    TEST_BR2_TAKEN 51, bltu, 0xfffffffe, 0xffffffff
    TEST_BR2_TAKEN 52, bltu, 0, 0xffffffff
    TEST_BR2_TAKEN 53, bltu, 0x7fffffff, 0x80000000
    TEST_BR2_NOT_TAKEN 54, bltu, 1, 0
    TEST_BR2_NOT_TAKEN 55, bltu, 0xffffffff, 0xfffffffe
    TEST_BR2_NOT_TAKEN 56, bltu, 0xffffffff, 0
    TEST_BR2_NOT_TAKEN 57, bltu, 0x80000000, 0x7fffffff
    TEST_BR2_NOT_TAKEN 58, bltu, 5, 5

    TEST_BR2_TAKEN 60, bgeu, 0, 0
    TEST_BR2_TAKEN 61, bgeu, 1, 1
    TEST_BR2_TAKEN 62, bgeu, 0xffffffff, 0xffffffff
    TEST_BR2_TAKEN 63, bgeu, 1, 0
    TEST_BR2_TAKEN 64, bgeu, 0xffffffff, 0xfffffffe
    TEST_BR2_TAKEN 65, bgeu, 0xffffffff, 0
    TEST_BR2_TAKEN 66, bgeu, 0x80000000, 0x7fffffff
    TEST_BR2_NOT_TAKEN 67, bgeu, 0, 1
    TEST_BR2_NOT_TAKEN 68, bgeu, 0xfffffffe, 0xffffffff
    TEST_BR2_NOT_TAKEN 69, bgeu, 0, 0xffffffff
    TEST_BR2_NOT_TAKEN 70, bgeu, 0x7fffffff, 0x80000000

    # x0 as an operand
    SET_TEST 80
    li a1, 0
    beq a1, x0, 1f
    FAIL
1:  bne x0, x0, __fail
    li a1, -1
    blt a1, x0, 2f
    FAIL
2:  bltu a1, x0, __fail
    bgeu x0, x0, 3f
    FAIL
3:
    # a long forward and backward branch (beyond the compressed range)
    SET_TEST 81
    li a1, 1
    bnez a1, 5f
    FAIL
4:  j 6f
    .skip 2000
5:  bnez a1, 4b
    FAIL
6:
TEST_END
