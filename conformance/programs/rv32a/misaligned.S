# RV32A at misaligned addresses, as QEMU 7.2 (virt, M-mode) does it and
# rvjit follows:
# - lr.w at an address that is not 4-byte aligned traps with a load
#   address-misaligned exception (mcause 4), mtval = the address;
# - every AMO at a misaligned address also traps with mcause 4 (load
#   address misaligned, not 6 "store/AMO address misaligned" as the ISA
#   manual prescribes for AMOs: QEMU 7.2 checks the alignment on the load
#   half), mtval = the address; neither rd nor memory changes;
# - sc.w at a misaligned address never traps: no lr can have reserved it,
#   so it fails (rd = 1) and writes nothing.
# (Plain loads and stores are performed misaligned: see rv32i/misaligned.)
TEST_BEGIN
    la s0, mdat
    li s1, 0x11223344
    sw s1, 0(s0)
    sw s1, 4(s0)

    addi a1, s0, 2
    li a0, 0x5a5a
    TEST_TRAP 1, CAUSE_MISALIGNED_LOAD, lr.w a0, (a1)
    TRAP_READ t5, TRAP_MTVAL
    CHECK_EQ_REG t5, a1
    CHECK_EQ a0, 0x5a5a
    addi a1, s0, 1
    li a0, 0x5a5a
    TEST_TRAP 2, CAUSE_MISALIGNED_LOAD, lr.w a0, (a1)
    TRAP_READ t5, TRAP_MTVAL
    CHECK_EQ_REG t5, a1
    CHECK_EQ a0, 0x5a5a
    addi a1, s0, 3
    li a0, 0x5a5a
    TEST_TRAP 3, CAUSE_MISALIGNED_LOAD, lr.w a0, (a1)
    TRAP_READ t5, TRAP_MTVAL
    CHECK_EQ_REG t5, a1
    CHECK_EQ a0, 0x5a5a
    addi a1, s0, 1
    li a2, 0x7f7f7f7f
    li a0, 0x5a5a
    TEST_TRAP 4, CAUSE_MISALIGNED_LOAD, amoswap.w a0, a2, (a1)
    TRAP_READ t5, TRAP_MTVAL
    CHECK_EQ_REG t5, a1
    CHECK_EQ a0, 0x5a5a
    lw a0, 0(s0)
    CHECK_EQ a0, 0x11223344
    lw a0, 4(s0)
    CHECK_EQ a0, 0x11223344
    addi a1, s0, 2
    li a2, 0x7f7f7f7f
    li a0, 0x5a5a
    TEST_TRAP 5, CAUSE_MISALIGNED_LOAD, amoadd.w a0, a2, (a1)
    TRAP_READ t5, TRAP_MTVAL
    CHECK_EQ_REG t5, a1
    CHECK_EQ a0, 0x5a5a
    lw a0, 0(s0)
    CHECK_EQ a0, 0x11223344
    lw a0, 4(s0)
    CHECK_EQ a0, 0x11223344
    addi a1, s0, 3
    li a2, 0x7f7f7f7f
    li a0, 0x5a5a
    TEST_TRAP 6, CAUSE_MISALIGNED_LOAD, amoxor.w a0, a2, (a1)
    TRAP_READ t5, TRAP_MTVAL
    CHECK_EQ_REG t5, a1
    CHECK_EQ a0, 0x5a5a
    lw a0, 0(s0)
    CHECK_EQ a0, 0x11223344
    lw a0, 4(s0)
    CHECK_EQ a0, 0x11223344
    addi a1, s0, 1
    li a2, 0x7f7f7f7f
    li a0, 0x5a5a
    TEST_TRAP 7, CAUSE_MISALIGNED_LOAD, amoand.w a0, a2, (a1)
    TRAP_READ t5, TRAP_MTVAL
    CHECK_EQ_REG t5, a1
    CHECK_EQ a0, 0x5a5a
    lw a0, 0(s0)
    CHECK_EQ a0, 0x11223344
    lw a0, 4(s0)
    CHECK_EQ a0, 0x11223344
    addi a1, s0, 2
    li a2, 0x7f7f7f7f
    li a0, 0x5a5a
    TEST_TRAP 8, CAUSE_MISALIGNED_LOAD, amoor.w a0, a2, (a1)
    TRAP_READ t5, TRAP_MTVAL
    CHECK_EQ_REG t5, a1
    CHECK_EQ a0, 0x5a5a
    lw a0, 0(s0)
    CHECK_EQ a0, 0x11223344
    lw a0, 4(s0)
    CHECK_EQ a0, 0x11223344
    addi a1, s0, 3
    li a2, 0x7f7f7f7f
    li a0, 0x5a5a
    TEST_TRAP 9, CAUSE_MISALIGNED_LOAD, amomin.w a0, a2, (a1)
    TRAP_READ t5, TRAP_MTVAL
    CHECK_EQ_REG t5, a1
    CHECK_EQ a0, 0x5a5a
    lw a0, 0(s0)
    CHECK_EQ a0, 0x11223344
    lw a0, 4(s0)
    CHECK_EQ a0, 0x11223344
    addi a1, s0, 1
    li a2, 0x7f7f7f7f
    li a0, 0x5a5a
    TEST_TRAP 10, CAUSE_MISALIGNED_LOAD, amomax.w a0, a2, (a1)
    TRAP_READ t5, TRAP_MTVAL
    CHECK_EQ_REG t5, a1
    CHECK_EQ a0, 0x5a5a
    lw a0, 0(s0)
    CHECK_EQ a0, 0x11223344
    lw a0, 4(s0)
    CHECK_EQ a0, 0x11223344
    addi a1, s0, 2
    li a2, 0x7f7f7f7f
    li a0, 0x5a5a
    TEST_TRAP 11, CAUSE_MISALIGNED_LOAD, amominu.w a0, a2, (a1)
    TRAP_READ t5, TRAP_MTVAL
    CHECK_EQ_REG t5, a1
    CHECK_EQ a0, 0x5a5a
    lw a0, 0(s0)
    CHECK_EQ a0, 0x11223344
    lw a0, 4(s0)
    CHECK_EQ a0, 0x11223344
    addi a1, s0, 3
    li a2, 0x7f7f7f7f
    li a0, 0x5a5a
    TEST_TRAP 12, CAUSE_MISALIGNED_LOAD, amomaxu.w a0, a2, (a1)
    TRAP_READ t5, TRAP_MTVAL
    CHECK_EQ_REG t5, a1
    CHECK_EQ a0, 0x5a5a
    lw a0, 0(s0)
    CHECK_EQ a0, 0x11223344
    lw a0, 4(s0)
    CHECK_EQ a0, 0x11223344
    # sc.w: no trap, fails, no store (also right after an lr of the
    # aligned word next to it)
    SET_TEST 13
    addi a1, s0, 2
    li a2, 0x7f7f7f7f
    sc.w a0, a2, (a1)
    CHECK_EQ a0, 1
    lr.w a0, (s0)
    sc.w a0, a2, (a1)
    CHECK_EQ a0, 1
    lw a0, 0(s0)
    CHECK_EQ a0, 0x11223344
    lw a0, 4(s0)
    CHECK_EQ a0, 0x11223344
    # an aligned AMO right after works normally
    SET_TEST 14
    li a2, 1
    amoadd.w a0, a2, (s0)
    CHECK_EQ a0, 0x11223344
    lw a0, 0(s0)
    CHECK_EQ a0, 0x11223345
TEST_END

.data
.p2align 3
mdat:
    .word 0, 0
