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

# lr.w a0, (s0 + off) must raise load address misaligned (4) with mtval =
# the address, leaving a0 alone.
.macro LR_MISALIGNED n, off
    addi a1, s0, \off
    li a0, 0x5a5a
    TEST_TRAP \n, CAUSE_MISALIGNED_LOAD, lr.w a0, (a1)
    TRAP_READ t5, TRAP_MTVAL
    CHECK_EQ_REG t5, a1
    CHECK_EQ a0, 0x5a5a
.endm

# amo a0, a2, (s0 + off) must raise store/AMO address misaligned (6, or 4
# as QEMU 7.2 reports it) with mtval = the address, changing neither a0
# nor the two words at s0.
.macro AMO_MISALIGNED n, amo, off
    addi a1, s0, \off
    li a2, 0x7f7f7f7f
    li a0, 0x5a5a
    TEST_TRAP_EITHER \n, CAUSE_MISALIGNED_STORE, CAUSE_MISALIGNED_LOAD, \amo a0, a2, (a1)
    TRAP_READ t5, TRAP_MTVAL
    CHECK_EQ_REG t5, a1
    CHECK_EQ a0, 0x5a5a
    lw a0, 0(s0)
    CHECK_EQ a0, 0x11223344
    lw a0, 4(s0)
    CHECK_EQ a0, 0x11223344
.endm

TEST_BEGIN
    la s0, mdat
    li s1, 0x11223344
    sw s1, 0(s0)
    sw s1, 4(s0)

    LR_MISALIGNED 1, 2
    LR_MISALIGNED 2, 1
    LR_MISALIGNED 3, 3
    AMO_MISALIGNED 4, amoswap.w, 1
    AMO_MISALIGNED 5, amoadd.w, 2
    AMO_MISALIGNED 6, amoxor.w, 3
    AMO_MISALIGNED 7, amoand.w, 1
    AMO_MISALIGNED 8, amoor.w, 2
    AMO_MISALIGNED 9, amomin.w, 3
    AMO_MISALIGNED 10, amomax.w, 1
    AMO_MISALIGNED 11, amominu.w, 2
    AMO_MISALIGNED 12, amomaxu.w, 3
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
