# RV32C control transfer, executed compressed: c.j, c.jal (link pc+2),
# c.jr, c.jalr (link pc+2, also with rs1 = ra), c.beqz / c.bnez taken and
# not taken both ways; mixed 2/4-byte code: 4-byte instructions at
# 2-mod-4 addresses, jumps and branches to and from such addresses, and a
# 4-byte instruction that straddles a 4 KiB page boundary.
TEST_BEGIN
    # c.j forward and backward
    SET_TEST 1
    c.j 2f
1:  c.j 3f
    FAIL
2:  c.j 1b
    FAIL
3:
    # c.jal: ra = address of the c.jal + 2
    SET_TEST 2
    li ra, 0
4:  c.jal 5f
    FAIL
5:  la a1, 4b + 2
    CHECK_EQ_REG ra, a1

    # c.jr to a register
    SET_TEST 3
    la a1, 6f
    c.jr a1
    FAIL
6:
    # c.jalr: target from rs1, ra = pc + 2
    SET_TEST 4
    la a1, 8f
7:  c.jalr a1
    FAIL
8:  la a2, 7b + 2
    CHECK_EQ_REG ra, a2
    # c.jalr ra: the target is the old ra
    SET_TEST 5
    la ra, 10f
9:  c.jalr ra
    FAIL
10: la a2, 9b + 2
    CHECK_EQ_REG ra, a2

    # c.beqz / c.bnez
    SET_TEST 6
    li a0, 0
    li a1, 5
    c.beqz a0, 12f
    FAIL
11: c.j 13f
12: c.beqz a0, 11b
    FAIL
13: c.beqz a1, 14f
    c.j 15f
14: FAIL
15: SET_TEST 7
    c.bnez a1, 17f
    FAIL
16: c.j 18f
17: c.bnez a1, 16b
    FAIL
18: c.bnez a0, 19f
    c.j 20f
19: FAIL
20: SET_TEST 8
    li s1, 0x80000000
    c.bnez s1, 21f
    FAIL
21:
    # A loop of compressed instructions.
    SET_TEST 9
    li a0, 0
    li a1, 10
22: c.addi a0, 3
    c.addi a1, -1
    c.bnez a1, 22b
    CHECK_EQ a0, 30

    # Mixed alignment: a 4-byte instruction at a 2-mod-4 address.
    SET_TEST 10
    .p2align 2
    c.nop
    li a0, 0
    addi a0, a0, 0x7ff      # at 2 mod 4 (the li above is compressed)
    addi a0, a0, 1
    CHECK_EQ a0, 0x800
    SET_TEST 11
    .p2align 2
    c.li a1, 0
.option push
.option norvc
    addi a1, a1, 1          # 2 mod 4
    addi a1, a1, 2          # 2 mod 4
.option pop
    c.addi a1, 4            # 2 mod 4
    addi a1, a1, 8
    CHECK_EQ a1, 15

    # jal / branch / jalr targets at 2-mod-4 addresses, and a 4-byte jal
    # and jalr themselves at 2-mod-4 addresses, with their link values.
    SET_TEST 12
    .p2align 2
    .half 0x0001            # c.nop
.option push
.option norvc
23: jal ra, 24f             # at 2 mod 4, link = 23b + 4
    FAIL
    .p2align 2
    .half 0x0001            # c.nop
24: la a2, 23b + 4          # target at 2 mod 4
    CHECK_EQ_REG ra, a2
    la a1, 26f
    .p2align 2
    .half 0x0001            # c.nop
25: jalr ra, 0(a1)          # at 2 mod 4
    FAIL
    .p2align 2
    .half 0x0001            # c.nop
26: la a2, 25b + 4
    CHECK_EQ_REG ra, a2
    li a0, 1
    .p2align 2
    .half 0x0001            # c.nop
    bnez a0, 27f            # at 2 mod 4
    FAIL
    .p2align 2
    .half 0x0001            # c.nop
27: la a2, 27b
    andi a2, a2, 3
    CHECK_EQ a2, 2
.option pop

    # A 4-byte instruction straddling a 4 KiB page boundary.
    SET_TEST 13
    li a0, 0
    la a1, straddle
    jalr ra, 0(a1)
    CHECK_EQ a0, 0x123
    la a1, straddle
    li a2, 0xffe
    and a1, a1, a2
    li a2, 0xffe
    CHECK_EQ_REG a1, a2
TEST_END

    .p2align 12
    .skip 4094
straddle:
.option push
.option norvc
    addi a0, a0, 0x123      # bytes 0xffe..0x1001 of a page
    ret
.option pop
