# RV32C integer computational instructions, each executed in its
# compressed form: c.li, c.lui, c.addi, c.addi16sp, c.addi4spn, c.slli,
# c.srli, c.srai, c.andi, c.mv, c.add, c.sub, c.xor, c.or, c.and, c.nop,
# with their immediate ranges and sign extension; HINT encodings (rd = x0)
# execute as no-ops; reserved encodings raise illegal instruction with
# mtval = the 16 instruction bits (QEMU 7.2).
TEST_BEGIN
    # c.li: 6-bit signed immediate
    TEST_CASE 1, a0, 0, c.li a0, 0
    TEST_CASE 2, a0, 31, c.li a0, 31
    TEST_CASE 3, a0, 0xffffffe0, c.li a0, -32
    TEST_CASE 4, s1, 0xffffffff, c.li s1, -1
    TEST_CASE 5, t6, 17, c.li t6, 17

    # c.lui: 6-bit signed immediate into bits 17:12
    TEST_CASE 10, a0, 0x00001000, c.lui a0, 1
    TEST_CASE 11, a0, 0x0001f000, c.lui a0, 31
    TEST_CASE 12, a0, 0xfffe0000, c.lui a0, 0xfffe0
    TEST_CASE 13, a0, 0xfffff000, c.lui a0, 0xfffff
    TEST_CASE 14, t4, 0x00005000, c.lui t4, 5

    # c.addi: rd += sext(imm6)
    SET_TEST 20
    li a0, 100
    c.addi a0, 31
    CHECK_EQ a0, 131
    c.addi a0, -32
    CHECK_EQ a0, 99
    SET_TEST 21
    li a0, 0x7fffffff
    c.addi a0, 1
    CHECK_EQ a0, 0x80000000
    c.addi a0, -1
    CHECK_EQ a0, 0x7fffffff

    # c.addi16sp: sp += sext(nzimm * 16), -512..496
    SET_TEST 30
    mv s2, sp
    c.addi16sp sp, -512
    sub a0, s2, sp
    CHECK_EQ a0, 512
    c.addi16sp sp, 496
    sub a0, s2, sp
    CHECK_EQ a0, 16
    c.addi16sp sp, 16
    CHECK_EQ_REG sp, s2

    # c.addi4spn: rd' = sp + nzuimm (4..1020, multiple of 4)
    SET_TEST 31
    c.addi4spn a0, sp, 4
    sub a0, a0, sp
    CHECK_EQ a0, 4
    c.addi4spn s0, sp, 1020
    sub a0, s0, sp
    CHECK_EQ a0, 1020
    c.addi4spn a5, sp, 40
    sub a0, a5, sp
    CHECK_EQ a0, 40

    # c.slli (any rd), c.srli / c.srai (rd' only), shamt 1..31
    SET_TEST 40
    li a0, 0x00000001
    c.slli a0, 31
    CHECK_EQ a0, 0x80000000
    li t3, 0x12345678
    c.slli t3, 4
    CHECK_EQ t3, 0x23456780
    SET_TEST 41
    li a0, 0x80000000
    c.srli a0, 31
    CHECK_EQ a0, 1
    li a0, 0xf0000000
    c.srli a0, 4
    CHECK_EQ a0, 0x0f000000
    SET_TEST 42
    li a0, 0x80000000
    c.srai a0, 31
    CHECK_EQ a0, 0xffffffff
    li a0, 0xf0000000
    c.srai a0, 4
    CHECK_EQ a0, 0xff000000
    li a0, 0x70000000
    c.srai a0, 1
    CHECK_EQ a0, 0x38000000

    # c.andi: sign-extended 6-bit immediate
    SET_TEST 50
    li a0, 0x12345678
    c.andi a0, -16
    CHECK_EQ a0, 0x12345670
    li a0, 0x12345678
    c.andi a0, 31
    CHECK_EQ a0, 0x18
    li a0, 0x12345678
    c.andi a0, 0
    CHECK_EQ a0, 0
    li a0, 0x12345678
    c.andi a0, -32
    CHECK_EQ a0, 0x12345660

    # c.mv / c.add (any registers)
    SET_TEST 60
    li t5, 0xdeadbeef
    c.mv a0, t5
    CHECK_EQ a0, 0xdeadbeef
    SET_TEST 61
    li a0, 0x7fffffff
    li t4, 1
    c.add a0, t4
    CHECK_EQ a0, 0x80000000
    li a0, 5
    c.add a0, a0
    CHECK_EQ a0, 10

    # c.sub / c.xor / c.or / c.and (rd', rs2')
    SET_TEST 70
    li a0, 3
    li a1, 7
    c.sub a0, a1
    CHECK_EQ a0, 0xfffffffc
    li a0, 0x80000000
    li a1, 1
    c.sub a0, a1
    CHECK_EQ a0, 0x7fffffff
    SET_TEST 71
    li a0, 0xff00ff00
    li a1, 0x0f0f0f0f
    c.xor a0, a1
    CHECK_EQ a0, 0xf00ff00f
    SET_TEST 72
    li a0, 0xff00ff00
    c.or a0, a1
    CHECK_EQ a0, 0xff0fff0f
    SET_TEST 73
    li a0, 0xff00ff00
    c.and a0, a1
    CHECK_EQ a0, 0x0f000f00
    SET_TEST 74
    li s0, 0x0000ffff
    li s1, 0x00ff00ff
    c.and s0, s1
    CHECK_EQ s0, 0x000000ff

    # c.nop and HINTs (rd = x0) change nothing
    SET_TEST 80
    li a0, 0x1234
    c.nop
    .half 0x0011        # c.nop with imm 4: HINT
    .half 0x4001        # c.li x0, 0: HINT
    .half 0x8006        # c.mv x0, ra: HINT
    .half 0x0006        # c.slli x0, 1: HINT
    .half 0x9006        # c.add x0, ra: HINT
    CHECK_EQ a0, 0x1234
    mv a0, x0
    CHECK_EQ a0, 0

    # Reserved encodings are illegal; mtval holds the 16-bit instruction.
    TEST_TRAP_TVAL 90, CAUSE_ILLEGAL_INSN, 0x0000, .half 0x0000   # all zeros
    TEST_TRAP_TVAL 91, CAUSE_ILLEGAL_INSN, 0x0004, .half 0x0004   # c.addi4spn imm 0
    TEST_TRAP_TVAL 92, CAUSE_ILLEGAL_INSN, 0x6501, .half 0x6501   # c.lui a0, 0
    TEST_TRAP_TVAL 93, CAUSE_ILLEGAL_INSN, 0x6101, .half 0x6101   # c.addi16sp 0
    TEST_TRAP_TVAL 94, CAUSE_ILLEGAL_INSN, 0x8002, .half 0x8002   # c.jr x0
    TEST_TRAP_TVAL 95, CAUSE_ILLEGAL_INSN, 0x4002, .half 0x4002   # c.lwsp x0
TEST_END
