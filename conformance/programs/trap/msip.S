# The machine software interrupt (Privileged ISA 3.1.9; CLINT msip): the
# CLINT's msip register drives mip.MSIP; MSI traps (mcause = interrupt bit
# | 3) when MSIE is set in mie and either M-mode has mstatus.MIE = 1 or
# the hart runs in S or U (where M-level interrupts are always enabled,
# whatever MIE says); never otherwise. The condition is evaluated right
# after the CSR write or xRET that makes it true, so mepc is the next
# instruction. mideleg cannot delegate it. Interrupts are recorded with
# PRIV_IRQ_ARM_RESUME (M-mode resumes with MIE = 0).

TEST_BEGIN
    PRIV_PMP_OPEN
    PRIV_IRQS_OFF
    # ---- the CLINT register drives mip.MSIP, both ways
    SET_TEST 1
    PRIV_SET_MSIP 1
    li t0, CLINT_MSIP
    lw a0, 0(t0)
    CHECK_EQ a0, 1
    PRIV_SET_MSIP 0
    lw a0, 0(t0)
    CHECK_EQ a0, 0
    # only bit 0 of msip exists
    SET_TEST 2
    li t1, 0xfffffffe
    sw t1, 0(t0)
    lw a0, 0(t0)
    CHECK_EQ a0, 0
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_MSIP, 0

    # ---- pending but not enabled: nothing happens
    SET_TEST 3
    PRIV_SET_MSIP 1
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    nop
    nop
    csrc mstatus, a1
    # enabled in mie but MIE = 0 in M-mode: nothing either
    SET_TEST 4
    li a1, MIP_MSIP
    csrw mie, a1
    nop
    nop
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_MSIP, MIP_MSIP
    # ---- MIE = 1: taken at once, mepc = the next instruction
    SET_TEST 5
    PRIV_IRQ_ARM_RESUME 1f
    li a1, MSTATUS_MIE
    csrs mstatus, a1
2:  nop
    j 2b
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_IRQ|IRQ_MSI
    TRAP_READ a0, TRAP_MEPC
    la a1, 2b
    CHECK_EQ_REG a0, a1
    csrr a0, mcause
    CHECK_EQ a0, CAUSE_IRQ | IRQ_MSI
    # mtval is 0 for interrupts
    csrr a0, mtval
    CHECK_EQ a0, 0
    # the handler resumed with MIE = 0; MSIP is still pending
    SET_TEST 6
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, MSTATUS_MIE, 0
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_MSIP, MIP_MSIP
    # ---- enabled by writing mie last (MIE already 1)
    SET_TEST 7
    csrw mie, zero
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    nop
    PRIV_IRQ_ARM_RESUME 1f
    li a1, MIP_MSIP
    csrs mie, a1
2:  j 2b
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_IRQ|IRQ_MSI
    TRAP_READ a0, TRAP_MEPC
    la a1, 2b
    CHECK_EQ_REG a0, a1
    # ---- raised by the CLINT store while enabled: taken soon after
    SET_TEST 8
    PRIV_SET_MSIP 0
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    PRIV_IRQ_ARM_RESUME 1f
    li t0, CLINT_MSIP
    li t1, 1
    sw t1, 0(t0)
    li t2, 100000
2:  addi t2, t2, -1
    bnez t2, 2b
    FAIL
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_IRQ|IRQ_MSI

    # ---- in S and U, MSI is taken even with MIE = 0 (right after the
    # mret that enters the mode)
    .irp mode, PRV_S, PRV_U
    SET_TEST 10
    li a1, MSTATUS_MIE | MSTATUS_MPIE
    csrc mstatus, a1
    PRIV_IRQ_ARM_RESUME 1f
    PRIV_ENTER \mode, 2f
2:  nop
    j 2b
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_IRQ|IRQ_MSI
    TRAP_READ a0, TRAP_MEPC
    la a1, 2b
    CHECK_EQ_REG a0, a1
    .endr
    # mideleg cannot send it to S: still M from S with SIE = 1
    SET_TEST 11
    li a1, -1
    csrw mideleg, a1
    la a0, __fail
    csrw stvec, a0
    li a1, MSTATUS_SIE
    csrs mstatus, a1
    PRIV_IRQ_ARM_RESUME 1f
    PRIV_ENTER PRV_S, 2f
2:  j 2b
1:  TRAP_DISARM
    TRAP_EXPECT CAUSE_IRQ|IRQ_MSI
    csrw mideleg, zero
    li a1, MSTATUS_SIE
    csrc mstatus, a1
    # MSIE clear: not taken in U either (U ends with ecall)
    SET_TEST 12
    csrw mie, zero
    PRIV_TEST_TRAP 12, PRV_U, CAUSE_ECALL_U, nop

    # ---- cleared at the CLINT: no longer pending, nothing is taken
    SET_TEST 13
    PRIV_SET_MSIP 0
    li a1, MIP_MSIP
    csrw mie, a1
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    nop
    nop
    csrc mstatus, a1
    csrw mie, zero
TEST_END
