# The machine timer interrupt (Privileged ISA 3.1.9-3.2.1; CLINT mtime and
# mtimecmp): mip.MTIP = (mtime >= mtimecmp), read-only in mip; MTI traps
# with mcause = interrupt bit | 7 under the same enables as every M-level
# interrupt. QEMU resets mtimecmp to 0, so MTIP is pending from reset
# (rvjit does the same). mtime is writable and the time CSR follows it,
# carrying into timeh.

TEST_BEGIN
    PRIV_PMP_OPEN
    # ---- from reset, mtimecmp = 0 and MTIP is pending
    SET_TEST 1
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_MTIP, MIP_MTIP
    li t0, CLINT_MTIMECMP
    lw a0, 0(t0)
    lw a1, 4(t0)
    CHECK_EQ a0, 0
    CHECK_EQ a1, 0
    PRIV_IRQS_OFF
    # ---- far future: MTIP clears; mip writes do not set it
    SET_TEST 2
    li a1, -1
    PRIV_SET_MTIMECMP a1, a1
    PRIV_WAIT_MIP MIP_MTIP, 0
    li a1, MIP_MTIP
    csrs mip, a1
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_MTIP, 0
    li t0, CLINT_MTIMECMP
    lw a0, 4(t0)
    CHECK_EQ a0, -1
    # ---- now: MTIP again, and mip writes do not clear it
    SET_TEST 3
    PRIV_SET_MTIMECMP zero, zero
    PRIV_WAIT_MIP MIP_MTIP, MIP_MTIP
    li a1, MIP_MTIP
    csrc mip, a1
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_MTIP, MIP_MTIP
    # ---- taken at once when enabled (MIE then MTIE)
    SET_TEST 4
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    PRIV_IRQ_ARM_RESUME 1f
    li a1, MIP_MTIP
    csrs mie, a1
2:  j 2b
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_IRQ | IRQ_MTI
    TRAP_READ a0, TRAP_MEPC
    la a1, 2b
    CHECK_EQ_REG a0, a1
    csrr a0, mtval
    CHECK_EQ a0, 0
    # ---- a deadline 200 ms ahead: not pending now, taken when mtime
    # reaches it, while M-mode spins with MIE = 1 (for up to 2 s of
    # `time`, whatever the speed of the emulator: a loaded host may run
    # the spin fast and the timer late)
    SET_TEST 5
    csrw mie, zero
    PRIV_TIMER_IN 2000000
    PRIV_WAIT_MIP MIP_MTIP, 0
    li a1, MIP_MTIP
    csrw mie, a1
    PRIV_IRQ_ARM_RESUME 1f
    csrr t2, time
    li t6, 20000000
    add t2, t2, t6
    li a1, MSTATUS_MIE
    csrs mstatus, a1
2:  csrr t1, time
    sub t1, t1, t2
    bltz t1, 2b
3:  FAIL
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_IRQ | IRQ_MTI
    # interrupted inside the loop
    TRAP_READ a0, TRAP_MEPC
    la a1, 2b
    bltu a0, a1, 4f
    la a1, 3b
    bltu a0, a1, 5f
4:  FAIL
5:  # and not before the deadline: mtime >= mtimecmp now
    SET_TEST 6
    li t0, CLINT_MTIME
    lw a0, 4(t0)
    lw a1, 0(t0)
    bltu a3, a0, 1f
    bne a3, a0, 2f
    bgeu a1, a2, 1f
2:  FAIL
1:
    # ---- pushing mtimecmp out again clears it
    SET_TEST 7
    PRIV_TIMER_OFF
    csrw mie, zero

    # ---- taken from U and S with MIE = 0
    .irp mode, PRV_S, PRV_U
    SET_TEST 8
    li a1, MSTATUS_MIE | MSTATUS_MPIE
    csrc mstatus, a1
    li a1, MIP_MTIP
    csrw mie, a1
    PRIV_TIMER_IN 5000
    PRIV_IRQ_ARM_RESUME 1f
    PRIV_ENTER \mode, 2f
2:  j 2b
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_IRQ | IRQ_MTI
    PRIV_TIMER_OFF
    .endr
    csrw mie, zero

    # ---- mtime is writable; time follows, with the carry into timeh
    SET_TEST 10
    li t0, CLINT_MTIME
    li t1, 0xffff0000
    sw zero, 0(t0)
    sw zero, 4(t0)
    sw t1, 0(t0)
    csrr a0, time
    csrr a1, timeh
    CHECK_EQ a1, 0
    li t1, 0xffff0000
    bgeu a0, t1, 1f
    FAIL
1:  # 0x10000 ticks (6.6 ms) later timeh is 1
    li t2, 40000000
2:  csrr a1, timeh
    bnez a1, 3f
    addi t2, t2, -1
    bnez t2, 2b
    FAIL
3:  CHECK_EQ a1, 1
    li t0, CLINT_MTIME
    lw a0, 4(t0)
    CHECK_EQ a0, 1
    # ---- mtimecmp compares all 64 bits: a high half above mtime's keeps
    # MTIP clear whatever the low half says
    SET_TEST 11
    li a1, 2
    PRIV_SET_MTIMECMP a1, zero
    PRIV_WAIT_MIP MIP_MTIP, 0
    li a1, 1
    PRIV_SET_MTIMECMP a1, zero
    PRIV_WAIT_MIP MIP_MTIP, MIP_MTIP
    li a1, -1
    PRIV_SET_MTIMECMP a1, a1
    PRIV_WAIT_MIP MIP_MTIP, 0
TEST_END
