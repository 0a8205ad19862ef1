# Privileged instructions below M (Privileged ISA 3.1.6.5, 3.3): mret is
# illegal in S and U; sret is illegal in U, and in S when mstatus.TSR = 1;
# wfi is illegal in U (S-mode exists), and in S when mstatus.TW = 1 (the
# "bounded time" is 0 here and in QEMU, and nothing could wake the hart
# anyway); sfence.vma is illegal in U, and in S when mstatus.TVM = 1. TSR,
# TW and TVM do not affect M-mode. mtval = the instruction bits.
# Legal cases run for real: S executes sret with TSR = 0, wfi with TW = 0
# (a delegated SSIP is pending and enabled in sie, SIE = 0: wfi returns
# without a trap) and sfence.vma with TVM = 0.

.equ MRET, 0x30200073
.equ SRET, 0x10200073
.equ WFI, 0x10500073
.equ SFENCE_VMA, 0x12000073

TEST_BEGIN
    PRIV_PMP_OPEN
    # ---- mret below M
    PRIV_TEST_TRAP_TVAL 1, PRV_S, CAUSE_ILLEGAL_INSN, MRET, mret
    PRIV_TEST_TRAP_TVAL 2, PRV_U, CAUSE_ILLEGAL_INSN, MRET, mret
    # ---- sret in U, whatever TSR says
    PRIV_TEST_TRAP_TVAL 3, PRV_U, CAUSE_ILLEGAL_INSN, SRET, sret
    li a1, MSTATUS_TSR
    csrs mstatus, a1
    PRIV_TEST_TRAP_TVAL 4, PRV_U, CAUSE_ILLEGAL_INSN, SRET, sret
    # ---- sret in S with TSR = 1
    PRIV_TEST_TRAP_TVAL 5, PRV_S, CAUSE_ILLEGAL_INSN, SRET, sret
    # TSR does not bind M: sret from M to S, then ecall (cause 9)
    SET_TEST 6
    li a1, MSTATUS_SPP
    csrs mstatus, a1
    la a0, 2f
    csrw sepc, a0
    TRAP_ARM_RESUME 1f
    sret
    FAIL
2:  ecall
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_ECALL_S
    li a1, MSTATUS_TSR
    csrc mstatus, a1
    # TSR = 0: S executes sret (to U, then ecall: cause 8)
    SET_TEST 7
    li a1, MSTATUS_SPP
    csrc mstatus, a1
    la a0, 3f
    csrw sepc, a0
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_S, 2f
2:  sret
    FAIL
3:  ecall
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_ECALL_U

    # ---- wfi: illegal in U even with TW = 0, in S with TW = 1
    csrw mie, zero
    PRIV_TEST_TRAP_TVAL 10, PRV_U, CAUSE_ILLEGAL_INSN, WFI, wfi
    li a1, MSTATUS_TW
    csrs mstatus, a1
    PRIV_TEST_TRAP_TVAL 11, PRV_S, CAUSE_ILLEGAL_INSN, WFI, wfi
    PRIV_TEST_TRAP_TVAL 12, PRV_U, CAUSE_ILLEGAL_INSN, WFI, wfi
    # TW does not bind M-mode: with an interrupt pending and enabled in
    # mie (SSIP, not taken: MIE = 0) wfi returns at once
    SET_TEST 13
    li a1, MSTATUS_MIE
    csrc mstatus, a1
    li a1, MIP_SSIP
    csrw mip, a1
    csrw mie, a1
    wfi
    # and S-mode with TW = 0 (SSIP delegated, SIE = 0: pending, not taken)
    SET_TEST 14
    li a1, MSTATUS_TW
    csrc mstatus, a1
    li a1, MIP_SSIP
    csrw mideleg, a1
    li a1, MSTATUS_SIE
    csrc mstatus, a1
    PRIV_GOTO PRV_S
    wfi
    csrr s1, sip
    PRIV_RETURN
    PRIV_CHECK_MASK s1, MIP_SSIP, MIP_SSIP
    csrw mie, zero
    csrw mip, zero
    csrw mideleg, zero

    # ---- sfence.vma: illegal in U, in S with TVM = 1
    PRIV_TEST_TRAP_TVAL 20, PRV_U, CAUSE_ILLEGAL_INSN, SFENCE_VMA, sfence.vma
    PRIV_TEST_TRAP_TVAL 21, PRV_U, CAUSE_ILLEGAL_INSN, 0x12b50073, sfence.vma a0, a1
    li a1, MSTATUS_TVM
    csrs mstatus, a1
    PRIV_TEST_TRAP_TVAL 22, PRV_S, CAUSE_ILLEGAL_INSN, SFENCE_VMA, sfence.vma
    # TVM does not bind M
    SET_TEST 23
    sfence.vma
    sfence.vma a0, zero
    li a1, MSTATUS_TVM
    csrc mstatus, a1
    SET_TEST 24
    PRIV_GOTO PRV_S
    sfence.vma
    sfence.vma zero, a1
    PRIV_RETURN

    # ---- the legal forms in M-mode: mret and sret are covered in xret;
    # fence.i is unprivileged
    SET_TEST 30
    PRIV_GOTO PRV_U
    fence.i
    fence
    PRIV_RETURN
TEST_END
