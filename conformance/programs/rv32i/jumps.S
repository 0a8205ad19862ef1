# RV32I jal and jalr: link value pc+4, targets forward and backward, jalr
# clears bit 0 of rs1+imm, rd == rs1 uses the old rs1, rd = x0 links nowhere.
.option norvc
TEST_BEGIN
    # jal forward: ra = address after the jal
    SET_TEST 1
    li ra, 0
    jal ra, 1f
2:  FAIL
1:  la a1, 2b
    bne ra, a1, __fail

    # jal backward, with another link register
    SET_TEST 2
    j 4f
3:  la a1, 5f
    bne t1, a1, __fail
    j 6f
4:  jal t1, 3b
5:  FAIL
6:
    # jal x0 (j) does not write x0
    SET_TEST 3
    jal x0, 7f
    FAIL
7:  mv a0, x0
    CHECK_EQ a0, 0

    # jalr to an address in a register, link = pc + 4
    SET_TEST 4
    la a1, 8f
    jalr a2, 0(a1)
9:  FAIL
8:  la a3, 9b
    bne a2, a3, __fail

    # jalr with a positive and a negative offset
    SET_TEST 5
    la a1, 10f - 16
    jalr a2, 16(a1)
    FAIL
10: SET_TEST 6
    la a1, 11f + 2047
    jalr a2, -2047(a1)
    FAIL
11:
    # jalr clears bit 0 of the target: rs1 + imm = target + 1
    SET_TEST 7
    la a1, 12f
    jalr a2, 1(a1)
    FAIL
12: SET_TEST 8
    la a1, 13f + 1
    jalr a2, 0(a1)
    FAIL
13: SET_TEST 9
    la a1, 14f + 3
    jalr a2, -2(a1)
    FAIL
14:
    # rd == rs1: the target uses the old value, then rd gets the link
    SET_TEST 10
    la a1, 15f
    jalr a1, 0(a1)
16: FAIL
15: la a3, 16b
    bne a1, a3, __fail

    # jalr x0 (jr / ret) does not write x0
    SET_TEST 11
    la a1, 17f
    jalr x0, 0(a1)
    FAIL
17: mv a0, x0
    CHECK_EQ a0, 0

    # call / ret through ra, nested with a saved link
    SET_TEST 12
    li a0, 0
    jal ra, 20f
    CHECK_EQ a0, 3
    j 22f
20: mv s0, ra
    addi a0, a0, 1
    jal ra, 21f
    addi a0, a0, 1
    jalr x0, 0(s0)
21: addi a0, a0, 1
    ret
22:
TEST_END
