# The supervisor software interrupt (Privileged ISA 3.1.9, 4.1.3): M-mode
# raises it by setting mip.SSIP (S-mode through sip when delegated).
# Not delegated, SSI is an M-level interrupt: taken in M with MIE = 1,
# in S and U always (mcause = interrupt bit | 1). Delegated (mideleg.SSI),
# it is never taken in M, in S only with sstatus.SIE = 1, in U always;
# it goes to stvec with scause = interrupt bit | 1, sepc, SPP, SPIE = SIE,
# SIE = 0. sie.SSIE (= mie.SSIE) must be set in every case.
#
# s_handler (S-mode) copies scause, sepc, sstatus to s2-s4, clears SSIP
# through sip, and leaves with ecall (to the M-mode recording handler).

TEST_BEGIN
    PRIV_PMP_OPEN
    la a0, s_handler
    csrw stvec, a0
    PRIV_IRQS_OFF

    # ---- not delegated
    SET_TEST 1
    li a1, MIP_SSIP
    csrs mip, a1
    csrw mie, a1
    nop
    nop
    # M-mode, MIE = 1: taken
    SET_TEST 2
    PRIV_IRQ_ARM_RESUME 1f
    li a1, MSTATUS_MIE
    csrs mstatus, a1
2:  j 2b
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_IRQ|IRQ_SSI
    TRAP_READ a0, TRAP_MEPC
    la a1, 2b
    CHECK_EQ_REG a0, a1
    # the pending bit written last (mie and MIE set): taken right after the
    # csrs on mip
    SET_TEST 20
    li a1, MSTATUS_MIE
    csrc mstatus, a1
    csrw mip, zero
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    PRIV_IRQ_ARM_RESUME 1f
    li a1, MIP_SSIP
    csrs mip, a1
2:  j 2b
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_IRQ|IRQ_SSI
    TRAP_READ a0, TRAP_MEPC
    la a1, 2b
    CHECK_EQ_REG a0, a1
    # delegated it waits in M-mode; clearing mideleg makes it an M-level
    # interrupt, taken right after that write
    SET_TEST 21
    li a1, MIP_SSIP
    csrw mideleg, a1
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    nop
    PRIV_IRQ_ARM_RESUME 1f
    csrw mideleg, zero
2:  j 2b
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_IRQ|IRQ_SSI
    TRAP_READ a0, TRAP_MEPC
    la a1, 2b
    CHECK_EQ_REG a0, a1
    # S and U, MIE = 0 and SIE = 0: taken to M all the same
    .irp mode, PRV_S, PRV_U
    SET_TEST 3
    li a1, MSTATUS_MIE | MSTATUS_MPIE
    csrc mstatus, a1
    PRIV_IRQ_ARM_RESUME 1f
    PRIV_ENTER \mode, 2f
2:  j 2b
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_IRQ|IRQ_SSI
    .endr
    # SSIE clear: not taken in M with MIE = 1, nor in S/U
    SET_TEST 4
    csrw mie, zero
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    nop
    nop
    csrc mstatus, a1
    PRIV_TEST_TRAP 5, PRV_S, CAUSE_ECALL_S, nop
    PRIV_TEST_TRAP 6, PRV_U, CAUSE_ECALL_U, nop

    # ---- delegated
    li a1, MIP_SSIP
    csrw mideleg, a1
    csrw mie, a1
    csrs mip, a1
    # never taken in M, even with MIE = 1
    SET_TEST 10
    li a1, MSTATUS_MIE | MSTATUS_SIE
    csrs mstatus, a1
    nop
    nop
    csrc mstatus, a1
    # S with SIE = 0: not taken (ecall gets out)
    PRIV_TEST_TRAP 11, PRV_S, CAUSE_ECALL_S, nop
    # S with SIE = 1: taken in S right after the mret
    SET_TEST 12
    li a1, MSTATUS_SIE
    csrs mstatus, a1
    li s2, 0
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_S, 2f
2:  j 2b
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_ECALL_S
    CHECK_EQ s2, CAUSE_IRQ | IRQ_SSI
    la a0, 2b
    CHECK_EQ_REG s3, a0
    PRIV_CHECK_MASK s4, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE, MSTATUS_SPP | MSTATUS_SPIE
    # the S handler cleared SSIP through sip
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_SSIP, 0
    # S with SIE = 1, raised by M while S runs? M cannot run then; instead
    # S sets it itself through sip and takes it at once
    SET_TEST 13
    li a1, MSTATUS_SIE
    csrs mstatus, a1
    li s2, 0
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_S, 2f
2:  li a1, MIP_SSIP
    csrs sip, a1
3:  j 3b
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_ECALL_S
    CHECK_EQ s2, CAUSE_IRQ | IRQ_SSI
    la a0, 3b
    CHECK_EQ_REG s3, a0
    # U: taken to S whatever SIE says
    SET_TEST 14
    li a1, MSTATUS_SIE
    csrc mstatus, a1
    li a1, MIP_SSIP
    csrs mip, a1
    li s2, 0
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_U, 2f
2:  j 2b
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_ECALL_S
    CHECK_EQ s2, CAUSE_IRQ | IRQ_SSI
    PRIV_CHECK_MASK s4, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE, 0
    # sie.SSIE clear: not taken in U
    SET_TEST 15
    li a1, MIP_SSIP
    csrs mip, a1
    csrw mie, zero
    PRIV_TEST_TRAP 15, PRV_U, CAUSE_ECALL_U, nop
    # S-mode sets sstatus.SIE itself: taken at once, sepc = the next one
    SET_TEST 17
    li a1, MIP_SSIP
    csrw mie, a1
    csrs mip, a1
    li a1, MSTATUS_SIE
    csrc mstatus, a1
    li s2, 0
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_S, 2f
2:  csrsi sstatus, MSTATUS_SIE
3:  j 3b
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_ECALL_S
    CHECK_EQ s2, CAUSE_IRQ | IRQ_SSI
    la a0, 3b
    CHECK_EQ_REG s3, a0
    csrw mie, zero
    # S-mode enables it through sie itself (SIE = 1): taken at once
    SET_TEST 16
    li a1, MIP_SSIP
    csrs mip, a1
    li a1, MSTATUS_SIE
    csrs mstatus, a1
    li s2, 0
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_S, 2f
2:  li a1, MIP_SSIP
    csrs sie, a1
3:  j 3b
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_ECALL_S
    CHECK_EQ s2, CAUSE_IRQ | IRQ_SSI
    la a0, 3b
    CHECK_EQ_REG s3, a0
    li a1, MSTATUS_SIE
    csrc mstatus, a1
    csrw mie, zero
    csrw mideleg, zero
    csrw mip, zero
TEST_END

.p2align 2
s_handler:
    csrr s2, scause
    csrr s3, sepc
    csrr s4, sstatus
    li t0, MIP_SSIP
    csrc sip, t0
    ecall
