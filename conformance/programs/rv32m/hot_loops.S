# Hot loops (long enough for a tiered JIT to compile them): a 5000-round
# xorshift32 / multiply / divide mix over RV32IM (register shift amounts
# above 31, signed and unsigned compares, div/rem by negative divisors and
# by -1), an insertion sort of 64 signed words, and a byte reversal of a
# 255-byte buffer followed by a sum of signed halfwords. The expected
# checksums come from an exact model of the same arithmetic.
TEST_BEGIN
    SET_TEST 1
    li s0, 0x12345678       # x
    li s1, 0                # h
    li s2, 0                # i
    li s3, 5000
    li s4, 0x9e3779b1
    li s5, 0x85ebca6b
    li s7, 2500
1:  slli t0, s0, 13
    xor s0, s0, t0
    srli t0, s0, 17
    xor s0, s0, t0
    slli t0, s0, 5
    xor s0, s0, t0
    mul t1, s0, s4
    mulhu t2, s0, s5
    xor t1, t1, t2
    add s1, s1, t1
    slli t0, s1, 7
    srli t1, s1, 25
    or s1, t0, t1
    srli t2, s0, 16
    ori t2, t2, 1
    divu t0, s0, t2
    remu t1, s0, t2
    add t0, t0, t1
    xor s1, s1, t0
    sra t0, s0, s2
    add s1, s1, t0
    slt t0, s0, s1
    sltu t1, s1, s0
    add s1, s1, t0
    add s1, s1, t1
    sub t2, s2, s7
    ori t2, t2, 1
    div t0, s0, t2
    rem t1, s0, t2
    xor t0, t0, t1
    add s1, s1, t0
    mulh t0, s0, s1
    mulhsu t1, s1, s0
    sub s1, s1, t0
    xor s1, s1, t1
    addi s2, s2, 1
    bne s2, s3, 1b
    CHECK_EQ s0, 0xe5121098
    CHECK_EQ s1, 0xe921650c

    # Fill 64 words from the generator, insertion-sort them (signed).
    SET_TEST 2
    la s6, array
    li s2, 0
    li s3, 64
2:  slli t0, s0, 13
    xor s0, s0, t0
    srli t0, s0, 17
    xor s0, s0, t0
    slli t0, s0, 5
    xor s0, s0, t0
    slli t1, s2, 2
    add t1, t1, s6
    sw s0, 0(t1)
    addi s2, s2, 1
    bne s2, s3, 2b
    li s2, 1                # for i in 1..64
3:  slli t1, s2, 2
    add t1, t1, s6
    lw a0, 0(t1)            # key
    mv t2, s2               # j
4:  beqz t2, 5f
    lw a1, -4(t1)
    bge a0, a1, 5f
    sw a1, 0(t1)
    addi t1, t1, -4
    addi t2, t2, -1
    j 4b
5:  sw a0, 0(t1)
    addi s2, s2, 1
    bne s2, s3, 3b
    lw a0, 0(s6)
    CHECK_EQ a0, 0x8304ef12
    lw a0, 252(s6)
    CHECK_EQ a0, 0x75f7bd3f
    SET_TEST 3
    li s2, 0
    li s1, 0
6:  slli t1, s2, 2
    add t1, t1, s6
    lw a0, 0(t1)
    xor a0, a0, s2
    addi a1, s2, 1
    mul a0, a0, a1
    add s1, s1, a0
    addi s2, s2, 1
    bne s2, s3, 6b
    CHECK_EQ s1, 0xba8aad8d

    # Bytes: buf[i] = 7i + 3, reversed in place, then signed halfword sum.
    SET_TEST 4
    la s6, bytes
    li s2, 0
    li s3, 255
7:  li t0, 7
    mul t0, t0, s2
    addi t0, t0, 3
    add t1, s6, s2
    sb t0, 0(t1)
    addi s2, s2, 1
    bne s2, s3, 7b
    mv t1, s6               # reverse: swap ends inward
    addi t2, s6, 254
8:  bgeu t1, t2, 9f
    lbu a0, 0(t1)
    lbu a1, 0(t2)
    sb a1, 0(t1)
    sb a0, 0(t2)
    addi t1, t1, 1
    addi t2, t2, -1
    j 8b
9:  lbu a0, 0(s6)
    CHECK_EQ a0, 0xf5
    lbu a0, 254(s6)
    CHECK_EQ a0, 0x03
    SET_TEST 5
    li s1, 0
    li s2, 0
    li s3, 254
10: add t1, s6, s2
    lh a0, 0(t1)
    add s1, s1, a0
    addi s2, s2, 2
    bne s2, s3, 10b
    CHECK_EQ s1, 0xffffc3fd
TEST_END

.data
.p2align 2
array:
    .fill 64, 4, 0
bytes:
    .fill 256, 1, 0
