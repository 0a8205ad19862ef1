# Loads and stores as a JIT's memory fast path sees them, in loops that run
# often enough to be compiled: TLB misses (the first touch of each of three
# pages) then hits, every access size and sign extension, misaligned
# accesses inside a page and across a page boundary (performed, as QEMU
# does), and an MMIO store (the UART scratch register) between RAM stores
# of one block, whose neighbours must all take effect in order.
TEST_BEGIN
    # ---- words over three pages: misses, then hits.
    SET_TEST 1
    li s0, 0                    # pass
    li s1, 0                    # sum
1:  la t0, mem_pages
    li t1, 4096
    add t2, t0, t1
    add t3, t2, t1
    addi t3, t3, 2044
    addi t3, t3, 2044           # the third page + 4088
    sw s0, 0(t0)
    sw s0, 8(t2)
    sw s0, 4(t3)
    lw a0, 0(t0)
    lw a1, 8(t2)
    lw a2, 4(t3)
    add s1, s1, a0
    add s1, s1, a1
    add s1, s1, a2
    addi s0, s0, 1
    li t4, 40
    bne s0, t4, 1b
    CHECK_EQ s1, 2340           # 3 * (0 + 1 + ... + 39)

    # ---- bytes and halves, signed and unsigned.
    SET_TEST 2
    li s0, 0
    li s1, 0
1:  la t0, mem_pages
    li t1, 0x8081
    sh t1, 16(t0)
    lb a0, 16(t0)               # 0x81 -> -127
    lbu a1, 17(t0)              # 0x80 -> 128
    lh a2, 16(t0)               # 0x8081 -> -32639
    lhu a3, 16(t0)              # 0x8081
    sb s0, 17(t0)
    lhu a4, 16(t0)              # 0x81 | s0 << 8
    add s1, s1, a0
    add s1, s1, a1
    add s1, s1, a2
    add s1, s1, a3
    add s1, s1, a4
    addi s0, s0, 1
    li t4, 40
    bne s0, t4, 1b
    # 40 * (-127 + 128 - 32639 + 0x8081 + 0x81) + 256 * (0 + ... + 39)
    CHECK_EQ s1, 40*(-127+128-32639+0x8081+0x81)+256*780

    # ---- misaligned inside a page and across the page boundary.
    SET_TEST 3
    li s0, 0
    li s1, 0
1:  la t0, mem_pages
    li t1, 4096
    add t2, t0, t1              # the second page
    li t3, 0x11223344
    add t3, t3, s0
    sw t3, 5(t0)                # inside the first page
    lw a0, 5(t0)
    sh t3, 11(t0)
    lhu a1, 11(t0)
    sw t3, -2(t2)               # across the boundary
    lw a2, -2(t2)
    lhu a3, -1(t2)              # bytes 0xffe.. of page 1, 0 of page 2
    sub a0, a0, t3
    add s1, s1, a0              # 0
    add s1, s1, a2
    sub s1, s1, t3              # +0
    add s1, s1, a1
    add s1, s1, a3
    addi s0, s0, 1
    li t4, 40
    bne s0, t4, 1b
    # a1 = low half of t3, a3 = the middle two bytes of t3.
    CHECK_EQ s1, 40*(0x3344+0x2233)+780
    lbu a0, -2(t2)
    CHECK_EQ a0, 0x44+39
    lbu a0, 1(t2)
    CHECK_EQ a0, 0x11

    # ---- an MMIO store between RAM stores of one block.
    SET_TEST 4
    li s0, 0
    li s2, UART_BASE
1:  la t0, mem_pages
    sw s0, 32(t0)
    sb s0, 7(s2)                # UART scratch register
    sw s0, 36(t0)
    addi t1, s0, 1
    sw t1, 40(t0)
    lw a0, 32(t0)
    lw a1, 36(t0)
    lw a2, 40(t0)
    lbu a3, 7(s2)
    bne a0, s0, __fail
    bne a1, s0, __fail
    bne a2, t1, __fail
    andi t2, s0, 0xff
    bne a3, t2, __fail
    addi s0, s0, 1
    li t4, 40
    bne s0, t4, 1b
TEST_END

.data
.p2align 12
mem_pages:
    .space 3 * 4096
