# Environment calls and breakpoints (Privileged ISA 3.3.1): ecall raises
# cause 11 from M, 9 from S, 8 from U; ebreak and c.ebreak raise cause 3
# in every mode. mepc is the instruction's own address (the trap handler
# must step over it); mtval is 0 for ecall; for a breakpoint it is 0 or
# the instruction's address (QEMU 7.2 writes 0, rvjit the address: both
# are allowed). Not delegated, all of these go to M-mode.

# Expects one trap with `cause` from `insn` at a known address in `mode`,
# mepc = that address, mtval = 0 (ecall) or 0/address (breakpoint).
.macro ONE_TRAP n, mode, cause, insn:vararg
    SET_TEST \n
    la s0, .Linsn\@
    TRAP_ARM_RESUME .Ldone\@
    PRIV_ENTER \mode, .Linsn\@
.Linsn\@:
    \insn
    ecall
.Ldone\@:
    TRAP_DISARM
    TRAP_EXPECT \cause
    TRAP_READ a0, TRAP_MEPC
    CHECK_EQ_REG a0, s0
    TRAP_READ a0, TRAP_MTVAL
    .if \cause == CAUSE_BREAKPOINT
    beqz a0, .Ltval\@
    CHECK_EQ_REG a0, s0
    .else
    CHECK_EQ a0, 0
    .endif
.Ltval\@:
.endm

TEST_BEGIN
    PRIV_PMP_OPEN
    ONE_TRAP 1, PRV_M, CAUSE_ECALL_M, ecall
    ONE_TRAP 2, PRV_S, CAUSE_ECALL_S, ecall
    ONE_TRAP 3, PRV_U, CAUSE_ECALL_U, ecall
    ONE_TRAP 4, PRV_M, CAUSE_BREAKPOINT, .word 0x00100073
    ONE_TRAP 5, PRV_S, CAUSE_BREAKPOINT, .word 0x00100073
    ONE_TRAP 6, PRV_U, CAUSE_BREAKPOINT, .word 0x00100073
    ONE_TRAP 7, PRV_M, CAUSE_BREAKPOINT, c.ebreak
    ONE_TRAP 8, PRV_S, CAUSE_BREAKPOINT, c.ebreak
    ONE_TRAP 9, PRV_U, CAUSE_BREAKPOINT, c.ebreak

    # the recording handler steps over them: execution goes on after
    # a 4-byte ecall/ebreak and after a 2-byte c.ebreak
    SET_TEST 10
    li a0, 0
    TRAP_ARM
    ecall
    addi a0, a0, 1
    TRAP_ARM
    .word 0x00100073
    addi a0, a0, 2
    TRAP_ARM
    c.ebreak
    c.addi a0, 4
    TRAP_DISARM
    CHECK_EQ a0, 7

    # every register survives an ecall from U (the handler keeps them)
    SET_TEST 11
    li a0, 0x1111
    li a1, 0x2222
    li t0, 0x3333
    li s1, 0x4444
    mv s2, sp
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_U, 2f
2:  ecall
1:  TRAP_DISARM
    CHECK_EQ a0, 0x1111
    CHECK_EQ a1, 0x2222
    CHECK_EQ t0, 0x3333
    CHECK_EQ s1, 0x4444
    CHECK_EQ_REG s2, sp

    # the ecall cause depends on the mode the ecall runs in, not on MPP or
    # anything left from before: M-mode with MPP = U still gets 11
    SET_TEST 12
    li a1, MSTATUS_MPP
    csrc mstatus, a1
    TEST_TRAP_TVAL 12, CAUSE_ECALL_M, 0, ecall
    # and S-mode with SPP = U gets 9
    SET_TEST 13
    li a1, MSTATUS_SPP
    csrc mstatus, a1
    PRIV_TEST_TRAP 13, PRV_S, CAUSE_ECALL_S, ecall
TEST_END
