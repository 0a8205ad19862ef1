# Zicsr instruction semantics, on mscratch (a plain 32-bit read/write
# M-mode CSR) and mhartid (read-only, 0 on hart 0): csrrw/csrrs/csrrc and
# their immediate forms return the old value and write the new one;
# csrrw with rd = x0 writes without reading, csrrs/csrrc with rs1 = x0 (or
# a zero immediate) read without writing, so they are legal on a
# read-only CSR, while any write to one is illegal (mtval = the bits).
TEST_BEGIN
    SET_TEST 1
    li a1, 0x12345678
    csrw mscratch, a1
    csrr a0, mscratch
    CHECK_EQ a0, 0x12345678
    SET_TEST 2
    li a1, 0xffffffff
    csrrw a0, mscratch, a1
    CHECK_EQ a0, 0x12345678
    csrr a0, mscratch
    CHECK_EQ a0, 0xffffffff
    SET_TEST 3
    li a1, 0x0f0f0000
    csrrc a0, mscratch, a1
    CHECK_EQ a0, 0xffffffff
    csrr a0, mscratch
    CHECK_EQ a0, 0xf0f0ffff
    SET_TEST 4
    li a1, 0x00000f00
    csrrs a0, mscratch, a1
    CHECK_EQ a0, 0xf0f0ffff
    csrr a0, mscratch
    CHECK_EQ a0, 0xf0f0ffff
    li a1, 0x01000000
    csrrs a0, mscratch, a1
    csrr a0, mscratch
    CHECK_EQ a0, 0xf1f0ffff
    # immediate forms: 5-bit zero-extended immediates
    SET_TEST 5
    csrrwi a0, mscratch, 31
    CHECK_EQ a0, 0xf1f0ffff
    csrr a0, mscratch
    CHECK_EQ a0, 31
    csrrci a0, mscratch, 0x11
    CHECK_EQ a0, 31
    csrr a0, mscratch
    CHECK_EQ a0, 0x0e
    csrrsi a0, mscratch, 0x10
    CHECK_EQ a0, 0x0e
    csrr a0, mscratch
    CHECK_EQ a0, 0x1e
    # rd = x0 forms write; rs1 = x0 forms only read
    SET_TEST 6
    li a1, 0xabcd
    csrrw x0, mscratch, a1
    csrrs a0, mscratch, x0
    CHECK_EQ a0, 0xabcd
    csrrc a0, mscratch, x0
    CHECK_EQ a0, 0xabcd
    csrrsi a0, mscratch, 0
    CHECK_EQ a0, 0xabcd
    csrrci a0, mscratch, 0
    CHECK_EQ a0, 0xabcd
    # rd == rs1: the old value lands in rd after rs1 was used
    SET_TEST 7
    li a1, 0x5555
    csrrw a1, mscratch, a1
    CHECK_EQ a1, 0xabcd
    csrr a0, mscratch
    CHECK_EQ a0, 0x5555
    csrw mscratch, zero

    # read-only CSR: reads are fine, writes illegal (even of the same value)
    SET_TEST 10
    csrr a0, mhartid
    CHECK_EQ a0, 0
    csrrs a0, mhartid, x0
    CHECK_EQ a0, 0
    csrrci a0, mhartid, 0
    CHECK_EQ a0, 0
    li a1, 0
    TEST_TRAP_TVAL 11, CAUSE_ILLEGAL_INSN, 0xf1459073, csrw mhartid, a1
    TEST_TRAP_TVAL 12, CAUSE_ILLEGAL_INSN, 0xf14fe573, csrrsi a0, mhartid, 31
    TEST_TRAP 13, CAUSE_ILLEGAL_INSN, csrrwi x0, mhartid, 0
    # an unknown CSR number is illegal
    TEST_TRAP_TVAL 14, CAUSE_ILLEGAL_INSN, 0x7ff02573, csrr a0, 0x7ff
TEST_END
