# WFI (Privileged ISA 3.3.3): the hart waits until an interrupt is pending
# and enabled in mie, whatever the global enables say; with the interrupt
# not taken (M-mode, MIE = 0) execution simply goes on after the wfi; with
# it taken, mepc is the instruction after the wfi. WFI may also return
# early (it is a hint), so waits are loops around it. Never executed with
# nothing enabled in mie: that may wait forever.

TEST_BEGIN
    PRIV_PMP_OPEN
    PRIV_IRQS_OFF
    PRIV_TIMER_OFF

    # ---- already pending and enabled: wfi returns, no trap (MIE = 0)
    SET_TEST 1
    PRIV_SET_MSIP 1
    li a1, MIP_MSIP
    csrw mie, a1
    wfi
    li a0, 1
    CHECK_EQ a0, 1
    PRIV_SET_MSIP 0
    # an S-level one enabled in mie counts too (not delegated, MIE = 0)
    SET_TEST 2
    li a1, MIP_SSIP
    csrw mie, a1
    csrs mip, a1
    wfi
    csrw mip, zero

    # ---- the timer wakes it 20 ms later; nothing is taken, and the
    # instructions after wfi run
    SET_TEST 3
    li a1, MIP_MTIP
    csrw mie, a1
    PRIV_TIMER_IN 200000
    PRIV_WAIT_MIP MIP_MTIP, 0
    li s1, 0
1:  addi s1, s1, 1
    wfi
    csrr a0, mip
    andi a0, a0, MIP_MTIP
    beqz a0, 1b
    # time has reached mtimecmp
    li t0, CLINT_MTIME
    lw a0, 4(t0)
    lw a1, 0(t0)
    bltu a3, a0, 2f
    bne a3, a0, 3f
    bgeu a1, a2, 2f
3:  FAIL
2:  PRIV_TIMER_OFF
    # ---- with MIE = 1 the interrupt is taken; mepc = the instruction
    # after the wfi (mtimecmp 10 ms ahead, so the wfi really waits, even
    # if the host delays us a little)
    SET_TEST 4
    PRIV_TIMER_IN 100000
    PRIV_WAIT_MIP MIP_MTIP, 0
    la s0, 2f
    PRIV_IRQ_ARM_RESUME 1f
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    wfi
2:  j 2b
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_IRQ | IRQ_MTI
    TRAP_READ a0, TRAP_MEPC
    CHECK_EQ_REG a0, s0
    PRIV_TIMER_OFF

    # ---- in S-mode (TW = 0): a delegated interrupt pending with SIE = 0
    # wakes it without a trap
    li a1, MIP_STIP
    csrw mideleg, a1
    csrw mie, a1
    la a0, s_handler
    csrw stvec, a0
    SET_TEST 5
    li a1, MIP_STIP
    csrs mip, a1
    li s2, 0
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_S, 2f
2:  wfi
    csrr s1, sip
    ecall
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_ECALL_S
    CHECK_EQ s2, 0
    PRIV_CHECK_MASK s1, MIP_STIP, MIP_STIP
    csrw mip, zero
    # ---- S-mode with SIE = 1 waits for its own Sstc timer (10 ms ahead):
    # the STI is taken in S with sepc = the instruction after the wfi
    SET_TEST 6
    PRIV_SSTC_ON
    li a1, MSTATUS_SIE
    csrs mstatus, a1
    li s2, 0
    la s0, 3f
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_S, 2f
2:  PRIV_STIMER_IN 100000
    wfi
3:  j 3b
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_ECALL_S
    CHECK_EQ s2, CAUSE_IRQ | IRQ_STI
    CHECK_EQ_REG s3, s0
    li a1, MSTATUS_SIE
    csrc mstatus, a1
    li a1, -1
    csrw stimecmp, a1
    csrw stimecmph, a1
    csrw menvcfgh, zero
    csrw mcounteren, zero
    csrw mie, zero
    csrw mideleg, zero
TEST_END

.p2align 2
s_handler:
    csrr s2, scause
    csrr s3, sepc
    ecall
