# RV32I lui and auipc: 20-bit upper immediates, low 12 bits zero; auipc adds
# to the address of the auipc itself (with wrap-around).
TEST_BEGIN
    TEST_CASE 1, a0, 0x00000000, lui a0, 0
    TEST_CASE 2, a0, 0xfffff000, lui a0, 0xfffff
    TEST_CASE 3, a0, 0x7ffff000, lui a0, 0x7ffff
    TEST_CASE 4, a0, 0x80000000, lui a0, 0x80000
    TEST_CASE 5, a0, 0x12345000, lui a0, 0x12345
    # lui replaces all 32 bits
    SET_TEST 6
    li a0, 0xffffffff
    lui a0, 0x1
    CHECK_EQ a0, 0x1000
    # lui x0 is ignored
    SET_TEST 7
    lui x0, 0x80000
    mv a0, x0
    CHECK_EQ a0, 0

.option push
.option norvc
    # auipc 0 gives the instruction's own address
    SET_TEST 10
1:  auipc a0, 0
    la a1, 1b
    bne a0, a1, __fail
    # auipc with an offset: pc + (imm << 12)
    SET_TEST 11
2:  auipc a0, 0x1
    la a1, 2b
    sub a0, a0, a1
    CHECK_EQ a0, 0x1000
    SET_TEST 12
3:  auipc a0, 0xfffff
    la a1, 3b
    sub a0, a1, a0
    CHECK_EQ a0, 0x1000
    # wrap-around: pc (0x8.......) + 0x80000000 clears bit 31
    SET_TEST 13
4:  auipc a0, 0x80000
    la a1, 4b
    li a2, 0x80000000
    add a1, a1, a2
    bne a0, a1, __fail
    # auipc + jalr reaches a label (the `call` pseudo-instruction)
    SET_TEST 14
    li a0, 0
    auipc t1, 0
    jalr ra, 12(t1)
    j 5f
    li a0, 7
    ret
5:  CHECK_EQ a0, 7
    # auipc into x0 is ignored
    SET_TEST 15
    auipc x0, 0x12345
    mv a0, x0
    CHECK_EQ a0, 0
.option pop
TEST_END
