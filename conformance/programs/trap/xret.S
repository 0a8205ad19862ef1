# Trap entry and the trap-return instructions (Privileged ISA 3.1.6.1,
# 3.3.2): a trap into M sets MPP = the old mode, MPIE = MIE, MIE = 0;
# mret sets MIE = MPIE, MPIE = 1, MPP = U (the least-privileged mode),
# goes to mepc in the old MPP mode, and clears MPRV when that mode is not
# M; sret likewise with SIE/SPIE/SPP, goes to sepc in SPP's mode and
# always clears MPRV (it never returns to M); sret is also legal in
# M-mode. mie stays 0 throughout, so no interrupt can be taken.
# QEMU 7.2 does not clear MPRV on mret/sret (a 1.12 rule it lacks): those
# checks are skipped when PRIV_IS_QEMU (s11 = 1).
#
# m_capture (an M-mode handler) copies mstatus, mcause and mepc at trap
# entry to s2-s4, then resumes at the address in s10 in M-mode with
# MIE = 0.

.macro CAPTURE_ARM resume
    la a0, m_capture
    csrw mtvec, a0
    la s10, \resume
.endm

TEST_BEGIN
    PRIV_PMP_OPEN
    PRIV_IS_QEMU s11
    csrw mie, zero

    # ---- trap entry from M, U, S
    SET_TEST 1
    CAPTURE_ARM 1f
    li a1, MSTATUS_MIE
    csrs mstatus, a1
    la s0, 2f
2:  ecall
1:  TRAP_DISARM
    PRIV_CHECK_MASK s2, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE | MSTATUS_MPP
    CHECK_EQ s3, CAUSE_ECALL_M
    CHECK_EQ_REG s4, s0
    SET_TEST 2
    CAPTURE_ARM 1f
    li a1, MSTATUS_MIE | MSTATUS_MPIE
    csrc mstatus, a1
    PRIV_ENTER PRV_U, 2f
2:  ecall
1:  TRAP_DISARM
    # mret from PRIV_ENTER set MIE = MPIE = 0, the trap MPIE = MIE = 0
    PRIV_CHECK_MASK s2, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, 0
    CHECK_EQ s3, CAUSE_ECALL_U
    SET_TEST 3
    CAPTURE_ARM 1f
    li a1, MSTATUS_MPIE
    csrs mstatus, a1
    PRIV_ENTER PRV_S, 2f
2:  ecall
1:  TRAP_DISARM
    # mret set MIE = 1 (from MPIE), the trap moved it to MPIE
    PRIV_CHECK_MASK s2, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE | (PRV_S << MSTATUS_MPP_SHIFT)
    CHECK_EQ s3, CAUSE_ECALL_S

    # ---- mret to M: MIE = MPIE, MPIE = 1, MPP = U, pc = mepc
    SET_TEST 10
    li a1, MSTATUS_MPIE | MSTATUS_MPP
    csrs mstatus, a1
    li a1, MSTATUS_MIE
    csrc mstatus, a1
    la a0, 1f
    csrw mepc, a0
    mret
    FAIL
1:  csrr a0, mstatus
    PRIV_CHECK_MASK a0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MIE | MSTATUS_MPIE
    csrr a0, mepc
    la a1, 1b
    CHECK_EQ_REG a0, a1
    SET_TEST 11
    li a1, MSTATUS_MPP
    csrs mstatus, a1
    li a1, MSTATUS_MPIE
    csrc mstatus, a1
    la a0, 1f
    csrw mepc, a0
    mret
    FAIL
1:  csrr a0, mstatus
    PRIV_CHECK_MASK a0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE
    # mret to M keeps MPRV
    SET_TEST 12
    li a1, MSTATUS_MPP | MSTATUS_MPRV
    csrs mstatus, a1
    la a0, 1f
    csrw mepc, a0
    mret
    FAIL
1:  csrr a0, mstatus
    li a1, MSTATUS_MPRV
    csrc mstatus, a1
    PRIV_CHECK_MASK a0, MSTATUS_MPRV | MSTATUS_MPP, MSTATUS_MPRV
    # ---- mret to S and U clears MPRV; the mode is MPP's
    .irp mode, PRV_S, PRV_U
    SET_TEST 13
    CAPTURE_ARM 1f
    li a1, MSTATUS_MPRV
    csrs mstatus, a1
    PRIV_ENTER \mode, 2f
2:  ecall
1:  TRAP_DISARM
    li a1, MSTATUS_MPRV
    csrc mstatus, a1
    PRIV_CHECK_MASK s2, MSTATUS_MPP, \mode << MSTATUS_MPP_SHIFT
    bnez s11, 3f
    PRIV_CHECK_MASK s2, MSTATUS_MPRV, 0
3:
    .if \mode == PRV_S
    CHECK_EQ s3, CAUSE_ECALL_S
    .else
    CHECK_EQ s3, CAUSE_ECALL_U
    .endif
    .endr

    # ---- sret from S: to SPP's mode at sepc, SIE = SPIE, SPIE = 1, SPP = U
    SET_TEST 20
    CAPTURE_ARM 1f
    li a1, MSTATUS_SPP | MSTATUS_SIE
    csrc mstatus, a1
    li a1, MSTATUS_SPIE
    csrs mstatus, a1
    la a0, 3f
    csrw sepc, a0
    PRIV_ENTER PRV_S, 2f
2:  sret
    FAIL
3:  csrr a0, sstatus            # illegal in U: proves the mode
    FAIL
1:  TRAP_DISARM
    CHECK_EQ s3, CAUSE_ILLEGAL_INSN
    la a0, 3b
    CHECK_EQ_REG s4, a0
    PRIV_CHECK_MASK s2, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP, MSTATUS_SIE | MSTATUS_SPIE
    SET_TEST 21
    CAPTURE_ARM 1f
    li a1, MSTATUS_SPP
    csrs mstatus, a1
    li a1, MSTATUS_SPIE | MSTATUS_SIE
    csrc mstatus, a1
    la a0, 3f
    csrw sepc, a0
    PRIV_ENTER PRV_S, 2f
2:  sret
    FAIL
3:  csrr s5, sstatus            # S-mode: legal
    ecall
1:  TRAP_DISARM
    CHECK_EQ s3, CAUSE_ECALL_S
    PRIV_CHECK_MASK s5, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP, MSTATUS_SPIE
    # ---- sret in M-mode: legal, goes to SPP's mode, clears MPRV
    SET_TEST 22
    CAPTURE_ARM 1f
    li a1, MSTATUS_SPP | MSTATUS_MPRV
    csrs mstatus, a1
    la a0, 2f
    csrw sepc, a0
    sret
    FAIL
2:  ecall
1:  TRAP_DISARM
    CHECK_EQ s3, CAUSE_ECALL_S
    li a1, MSTATUS_MPRV
    csrc mstatus, a1
    PRIV_CHECK_MASK s2, MSTATUS_SPP, 0
    bnez s11, 3f
    PRIV_CHECK_MASK s2, MSTATUS_MPRV, 0
3:
    SET_TEST 23
    CAPTURE_ARM 1f
    li a1, MSTATUS_SPP
    csrc mstatus, a1
    la a0, 2f
    csrw sepc, a0
    sret
    FAIL
2:  ecall
1:  TRAP_DISARM
    CHECK_EQ s3, CAUSE_ECALL_U
    # sret does not touch MIE/MPIE/MPP, and mret not SIE/SPIE/SPP
    SET_TEST 24
    li a1, MSTATUS_SPP
    csrs mstatus, a1
    li a1, MSTATUS_MPIE | MSTATUS_MIE | MSTATUS_MPP
    csrc mstatus, a1
    li a1, MSTATUS_MPIE | (PRV_S << MSTATUS_MPP_SHIFT)
    csrs mstatus, a1
    CAPTURE_ARM 1f
    la a0, 2f
    csrw sepc, a0
    sret
2:  ecall
1:  TRAP_DISARM
    # at the ecall (from S): MIE was still 0 -> MPIE 0
    PRIV_CHECK_MASK s2, MSTATUS_MPIE, 0
    SET_TEST 25
    li a1, MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SIE
    csrc mstatus, a1
    li a1, MSTATUS_SPP | MSTATUS_SIE
    csrs mstatus, a1
    li a1, MSTATUS_MPP
    csrs mstatus, a1
    la a0, 1f
    csrw mepc, a0
    mret
1:  csrr a0, mstatus
    PRIV_CHECK_MASK a0, MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SIE, MSTATUS_SPP | MSTATUS_SIE
    li a1, MSTATUS_SIE
    csrc mstatus, a1
TEST_END

.p2align 2
m_capture:
    csrr s2, mstatus
    csrr s3, mcause
    csrr s4, mepc
    csrw mepc, s10
    li t0, MSTATUS_MPP
    csrs mstatus, t0
    li t0, MSTATUS_MPIE
    csrc mstatus, t0
    mret
