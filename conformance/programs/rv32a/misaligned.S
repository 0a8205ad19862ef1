# RV32A at misaligned addresses, as QEMU 7.2 (virt, M-mode) does it and
# rvjit follows:
# - lr.w at an address that is not 4-byte aligned traps with a load
#   address-misaligned exception (mcause 4), mtval = the address;
# - every AMO at a misaligned address traps with mcause 6 (store/AMO
#   address misaligned, as the ISA manual prescribes and rvjit does) or 4
#   (QEMU 7.2 checks the alignment on the load half), mtval = the address;
#   neither rd nor memory changes;
# - sc.w at a misaligned address either traps with mcause 6 (the ISA
#   manual: misaligned LR/SC raise address-misaligned; rvjit does this) or
#   fails with rd = 1 (QEMU 7.2: no lr can have reserved it); either way it
#   writes nothing.
# (Plain loads and stores are performed misaligned: see rv32i/misaligned.)
# sc.w a0, a2, (a1) with a1 misaligned: a store/AMO misaligned trap, or a
# failure without a trap.
.macro SC_MISALIGNED
    li a0, 0
    TRAP_ARM
    sc.w a0, a2, (a1)
    TRAP_DISARM
    TRAP_READ t5, TRAP_COUNT
    beqz t5, .Lfailed\@
    TRAP_READ t5, TRAP_MCAUSE
    CHECK_EQ t5, CAUSE_MISALIGNED_STORE
    j .Ldone\@
.Lfailed\@:
    CHECK_EQ a0, 1
.Ldone\@:
.endm

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
    TEST_TRAP_EITHER 4, CAUSE_MISALIGNED_STORE, CAUSE_MISALIGNED_LOAD, amoswap.w a0, a2, (a1)
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
    TEST_TRAP_EITHER 5, CAUSE_MISALIGNED_STORE, CAUSE_MISALIGNED_LOAD, amoadd.w a0, a2, (a1)
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
    TEST_TRAP_EITHER 6, CAUSE_MISALIGNED_STORE, CAUSE_MISALIGNED_LOAD, amoxor.w a0, a2, (a1)
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
    TEST_TRAP_EITHER 7, CAUSE_MISALIGNED_STORE, CAUSE_MISALIGNED_LOAD, amoand.w a0, a2, (a1)
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
    TEST_TRAP_EITHER 8, CAUSE_MISALIGNED_STORE, CAUSE_MISALIGNED_LOAD, amoor.w a0, a2, (a1)
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
    TEST_TRAP_EITHER 9, CAUSE_MISALIGNED_STORE, CAUSE_MISALIGNED_LOAD, amomin.w a0, a2, (a1)
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
    TEST_TRAP_EITHER 10, CAUSE_MISALIGNED_STORE, CAUSE_MISALIGNED_LOAD, amomax.w a0, a2, (a1)
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
    TEST_TRAP_EITHER 11, CAUSE_MISALIGNED_STORE, CAUSE_MISALIGNED_LOAD, amominu.w a0, a2, (a1)
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
    TEST_TRAP_EITHER 12, CAUSE_MISALIGNED_STORE, CAUSE_MISALIGNED_LOAD, amomaxu.w a0, a2, (a1)
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
    SC_MISALIGNED
    lr.w a0, (s0)
    SC_MISALIGNED
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
