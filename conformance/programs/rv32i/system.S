# RV32I environment instructions in M-mode: ecall raises an environment
# call from M-mode (mcause 11), ebreak and c.ebreak a breakpoint (mcause 3),
# with mepc = the instruction's address; mtval is 0 for ecall, and for a
# breakpoint either the breakpoint's address (Spike, Sail and rvjit) or 0
# (QEMU 7.2), both of which the privileged spec allows;
# execution resumes after them when the handler skips them. The 4-byte
# `unimp` (0xc0001073, csrrw x0, cycle, x0: a write to a read-only CSR)
# is illegal with mtval = its bits.
# tval (in reg) of a breakpoint at address addr (in reg2): 0 or addr.
.macro BREAKPOINT_TVAL_OK reg, addr
    beqz \reg, .Lok\@
    CHECK_EQ_REG \reg, \addr
.Lok\@:
.endm

TEST_BEGIN
    SET_TEST 1
    la s0, 1f
    TRAP_ARM
1:  ecall
    TRAP_DISARM
    TRAP_EXPECT CAUSE_ECALL_M
    TRAP_READ a0, TRAP_MEPC
    CHECK_EQ_REG a0, s0
    TRAP_READ a0, TRAP_MTVAL
    CHECK_EQ a0, 0

    SET_TEST 2
    la s0, 2f
    TRAP_ARM
2:  ebreak
    TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_BREAKPOINT
    TRAP_READ a0, TRAP_MEPC
    CHECK_EQ_REG a0, s0
    TRAP_READ a0, TRAP_MTVAL
    BREAKPOINT_TVAL_OK a0, s0

    SET_TEST 3
    la s0, 3f
    li a1, 0
    TRAP_ARM
3:  c.ebreak
    c.li a1, 9
    TRAP_DISARM
    CHECK_EQ a1, 9
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_BREAKPOINT
    TRAP_READ a0, TRAP_MEPC
    CHECK_EQ_REG a0, s0

    # An ecall at a 2-mod-4 address: mepc is that address, and the
    # handler resumes 4 bytes later.
    SET_TEST 4
    li a1, 0
    TRAP_ARM
    .p2align 2
    c.nop
5:  ecall
    c.li a1, 3
    TRAP_DISARM
    CHECK_EQ a1, 3
    la s0, 5b
    andi a0, s0, 3
    CHECK_EQ a0, 2
    TRAP_READ a0, TRAP_MEPC
    CHECK_EQ_REG a0, s0

    TEST_TRAP_TVAL 6, CAUSE_ILLEGAL_INSN, 0xc0001073, .word 0xc0001073
    TEST_TRAP_TVAL 7, CAUSE_ILLEGAL_INSN, 0xffffffff, .word 0xffffffff
    TEST_TRAP_TVAL 8, CAUSE_ILLEGAL_INSN, 0x0000007f, .word 0x0000007f
TEST_END
