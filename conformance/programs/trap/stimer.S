# The supervisor timer interrupt (Privileged ISA 3.1.9; Sstc): without
# Sstc (menvcfg.STCE = 0) M-mode raises it by writing mip.STIP; with
# STCE = 1 it is (time >= stimecmp), which S-mode programs itself
# (mcounteren.TM = 1). Delegated through mideleg.STI it goes to S
# (scause = interrupt bit | 5) under sstatus.SIE in S, always in U; not
# delegated it is an M-level interrupt (mcause = interrupt bit | 5).
#
# s_handler (S-mode) copies scause, sepc, sstatus to s2-s4, pushes
# stimecmp to the far future when s6 != 0 (the Sstc tests), reads sip
# into s5, and leaves with ecall.

TEST_BEGIN
    PRIV_PMP_OPEN
    la a0, s_handler
    csrw stvec, a0
    PRIV_IRQS_OFF
    csrw menvcfgh, zero
    li s6, 0

    # ---- STIP written by M-mode, not delegated: to M
    SET_TEST 1
    li a1, MIP_STIP
    csrs mip, a1
    csrw mie, a1
    PRIV_IRQ_ARM_RESUME 1f
    li a1, MSTATUS_MIE
    csrs mstatus, a1
2:  j 2b
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_IRQ|IRQ_STI
    TRAP_READ a0, TRAP_MEPC
    la a1, 2b
    CHECK_EQ_REG a0, a1
    # from U with MIE = 0: to M as well
    SET_TEST 2
    li a1, MSTATUS_MPIE
    csrc mstatus, a1
    PRIV_IRQ_ARM_RESUME 1f
    PRIV_ENTER PRV_U, 2f
2:  j 2b
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_IRQ|IRQ_STI

    # ---- delegated: to S (from S with SIE = 1, from U always)
    li a1, MIP_STIP
    csrw mideleg, a1
    SET_TEST 3
    li a1, MSTATUS_SIE
    csrs mstatus, a1
    li s2, 0
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_S, 2f
2:  j 2b
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_ECALL_S
    CHECK_EQ s2, CAUSE_IRQ | IRQ_STI
    la a0, 2b
    CHECK_EQ_REG s3, a0
    PRIV_CHECK_MASK s4, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE, MSTATUS_SPP | MSTATUS_SPIE
    SET_TEST 4
    li a1, MSTATUS_SIE
    csrc mstatus, a1
    PRIV_TEST_TRAP 4, PRV_S, CAUSE_ECALL_S, nop
    SET_TEST 5
    li s2, 0
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_U, 2f
2:  j 2b
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_ECALL_S
    CHECK_EQ s2, CAUSE_IRQ | IRQ_STI
    PRIV_CHECK_MASK s4, MSTATUS_SPP, 0
    # M clears it: nothing more is taken in U
    SET_TEST 6
    li a1, MIP_STIP
    csrc mip, a1
    PRIV_TEST_TRAP 6, PRV_U, CAUSE_ECALL_U, nop

    # ---- Sstc: S-mode programs stimecmp itself
    PRIV_SSTC_ON
    li s6, 1
    # S sets a deadline 10 ms ahead and spins with SIE = 1
    SET_TEST 10
    li a1, MSTATUS_SIE
    csrs mstatus, a1
    li s2, 0
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_S, 2f
2:  PRIV_STIMER_IN 100000
    li t2, 40000000
3:  addi t2, t2, -1
    bnez t2, 3b
4:  FAIL
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_ECALL_S
    CHECK_EQ s2, CAUSE_IRQ | IRQ_STI
    # interrupted in the loop, at or after the deadline
    la a0, 3b
    bltu s3, a0, 5f
    la a0, 4b
    bltu s3, a0, 6f
5:  FAIL
6:  csrr a0, timeh
    csrr a1, time
    bltu a3, a0, 7f
    bne a3, a0, 5b
    bltu a1, a2, 5b
7:  # the handler's stimecmp write cleared STIP
    PRIV_CHECK_MASK s5, MIP_STIP, 0
    # a deadline already passed: taken in U right after the mret
    SET_TEST 11
    csrw stimecmp, zero
    csrw stimecmph, zero
    li s2, 0
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_U, 2f
2:  j 2b
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_ECALL_S
    CHECK_EQ s2, CAUSE_IRQ | IRQ_STI
    la a0, 2b
    CHECK_EQ_REG s3, a0
    # not delegated, the Sstc timer goes to M like any STI
    SET_TEST 12
    csrw mideleg, zero
    li a1, MSTATUS_MIE
    csrc mstatus, a1
    csrw stimecmp, zero
    csrw stimecmph, zero
    PRIV_IRQ_ARM_RESUME 1f
    li a1, MSTATUS_MIE
    csrs mstatus, a1
2:  j 2b
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_IRQ|IRQ_STI
    li a1, -1
    csrw stimecmp, a1
    csrw stimecmph, a1

    li a1, MSTATUS_SIE
    csrc mstatus, a1
    csrw mie, zero
    csrw menvcfgh, zero
    csrw mcounteren, zero
TEST_END

.p2align 2
s_handler:
    csrr s2, scause
    csrr s3, sepc
    csrr s4, sstatus
    beqz s6, 1f
    li t1, -1
    csrw stimecmph, t1
1:  csrr s5, sip
    ecall
