# Exception delegation (Privileged ISA 3.1.8, 4.1.1): a trap from S or U
# whose medeleg bit is set goes to S-mode: pc = stvec's base (also in
# vectored mode), scause, sepc, stval written, sstatus.SPP = the mode it
# came from, SPIE = SIE, SIE = 0; sret returns to the mode and address
# it came from. A trap in M-mode is never delegated. A cause whose bit is
# clear still goes to M.
#
# The S handler (s_handler) copies scause, sepc, stval and sstatus to
# s2-s5, then leaves S-mode with ecall (or with ebreak when s6 != 0, for
# the test that delegates ecall from S), which the M-mode recording
# handler takes (TRAP_ARM_RESUME).

.equ RAM_END, 0x88000000

# Runs `insn` in `mode` with medeleg = 1 << dcause; it must land in the S
# handler with scause = dcause, sepc = insn, stval = tval, SPP = mode;
# then the handler's exit reaches M with `exit` (9 or 3).
.macro DELEG n, mode, dcause, tval, exit, insn:vararg
    SET_TEST \n
    li a1, 1 << \dcause
    csrw medeleg, a1
    la s0, .Linsn\@
    li s2, -1
    TRAP_ARM_RESUME .Ldone\@
    PRIV_ENTER \mode, .Linsn\@
.Linsn\@:
    \insn
    ecall
.Ldone\@:
    TRAP_DISARM
    csrw medeleg, zero
    TRAP_EXPECT \exit
    CHECK_EQ s2, \dcause
    CHECK_EQ_REG s3, s0
    CHECK_EQ s4, \tval
    # SPP says where the trap came from, SIE is 0 after it
    .if \mode == PRV_S
    PRIV_CHECK_MASK s5, MSTATUS_SPP | MSTATUS_SIE, MSTATUS_SPP
    .else
    PRIV_CHECK_MASK s5, MSTATUS_SPP | MSTATUS_SIE, 0
    .endif
.endm

TEST_BEGIN
    PRIV_PMP_OPEN
    la a0, s_handler
    csrw stvec, a0
    li s6, 0
    # ---- each delegable cause that S and U can raise here
    DELEG 1, PRV_U, CAUSE_ILLEGAL_INSN, 0xffffffff, CAUSE_ECALL_S, .word 0xffffffff
    DELEG 2, PRV_S, CAUSE_ILLEGAL_INSN, 0xffffffff, CAUSE_ECALL_S, .word 0xffffffff
    DELEG 3, PRV_U, CAUSE_ILLEGAL_INSN, 0x00006081, CAUSE_ECALL_S, .half 0x6081
    DELEG 4, PRV_U, CAUSE_ILLEGAL_INSN, 0x30002573, CAUSE_ECALL_S, csrr a0, mstatus
    DELEG 5, PRV_U, CAUSE_ECALL_U, 0, CAUSE_ECALL_S, ecall
    li s6, 1
    DELEG 6, PRV_S, CAUSE_ECALL_S, 0, CAUSE_BREAKPOINT, ecall
    li s6, 0
    li a5, RAM_END
    DELEG 7, PRV_U, CAUSE_LOAD_ACCESS, RAM_END, CAUSE_ECALL_S, lw a0, 0(a5)
    DELEG 8, PRV_S, CAUSE_LOAD_ACCESS, RAM_END, CAUSE_ECALL_S, lw a0, 0(a5)
    DELEG 9, PRV_U, CAUSE_STORE_ACCESS, RAM_END, CAUSE_ECALL_S, sw a0, 0(a5)
    DELEG 10, PRV_S, CAUSE_STORE_ACCESS, RAM_END, CAUSE_ECALL_S, sw a0, -2(a5)
    # a breakpoint: stval is 0 or the address (as mtval, see ecall_ebreak),
    # checked on its own
    SET_TEST 11
    li a1, 1 << CAUSE_BREAKPOINT
    csrw medeleg, a1
    la s0, 2f
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_U, 2f
2:  .word 0x00100073
1:  TRAP_DISARM
    csrw medeleg, zero
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_ECALL_S
    CHECK_EQ s2, CAUSE_BREAKPOINT
    CHECK_EQ_REG s3, s0
    beqz s4, 3f
    CHECK_EQ_REG s4, s0
3:
    # a fetch fault: sepc = stval = the target
    SET_TEST 12
    li a1, 1 << CAUSE_FETCH_ACCESS
    csrw medeleg, a1
    li a5, RAM_END
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_U, 2f
2:  jr a5
1:  TRAP_DISARM
    csrw medeleg, zero
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_ECALL_S
    CHECK_EQ s2, CAUSE_FETCH_ACCESS
    CHECK_EQ s3, RAM_END
    CHECK_EQ s4, RAM_END

    # ---- with everything delegated, a trap in M-mode stays in M
    SET_TEST 20
    li a1, -1
    csrw medeleg, a1
    TEST_TRAP_TVAL 20, CAUSE_ILLEGAL_INSN, 0xffffffff, .word 0xffffffff
    # the ecall in M is cause 11: bit 11 is not delegable (QEMU 7.2 lets
    # it be set, but a trap from M-mode never goes down)
    TEST_TRAP 22, CAUSE_ECALL_M, ecall
    li a5, RAM_END
    TEST_TRAP 23, CAUSE_LOAD_ACCESS, lw a0, 0(a5)
    csrw medeleg, zero

    # ---- a cause whose bit is clear goes to M even when others are set
    SET_TEST 30
    li a1, ~(1 << CAUSE_ECALL_U)
    csrw medeleg, a1
    PRIV_TEST_TRAP 30, PRV_U, CAUSE_ECALL_U, ecall
    li a1, 1 << CAUSE_ECALL_U
    csrw medeleg, a1
    PRIV_TEST_TRAP 31, PRV_U, CAUSE_ILLEGAL_INSN, .word 0xffffffff
    # and with medeleg clear, S-mode's own traps go to M
    csrw medeleg, zero
    PRIV_TEST_TRAP 32, PRV_S, CAUSE_ILLEGAL_INSN, .word 0xffffffff

    # ---- SPIE takes SIE, SIE is cleared (S-mode with SIE = 1, nothing
    # pending)
    SET_TEST 40
    li a1, 1 << CAUSE_ILLEGAL_INSN
    csrw medeleg, a1
    li a1, MSTATUS_SIE | MSTATUS_SPIE
    csrs mstatus, a1
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_S, 2f
2:  .word 0xffffffff
1:  TRAP_DISARM
    csrw medeleg, zero
    CHECK_EQ s2, CAUSE_ILLEGAL_INSN
    PRIV_CHECK_MASK s5, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP, MSTATUS_SPIE | MSTATUS_SPP
    SET_TEST 41
    li a1, 1 << CAUSE_ILLEGAL_INSN
    csrw medeleg, a1
    li a1, MSTATUS_SIE | MSTATUS_SPIE
    csrc mstatus, a1
    li a1, MSTATUS_SPIE
    csrs mstatus, a1
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_S, 2f
2:  .word 0xffffffff
1:  TRAP_DISARM
    csrw medeleg, zero
    PRIV_CHECK_MASK s5, MSTATUS_SIE | MSTATUS_SPIE, 0

    # ---- a full round trip: U: illegal -> S handler steps over it and
    # returns with sret -> U goes on -> ecall, not delegated, to M
    SET_TEST 50
    li a1, 1 << CAUSE_ILLEGAL_INSN
    csrw medeleg, a1
    la a0, s_skip
    csrw stvec, a0
    li s7, 0
    la s0, 3f
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_U, 2f
2:  .word 0xffffffff
    li s7, 1
3:  ecall
1:  TRAP_DISARM
    csrw medeleg, zero
    CHECK_EQ s7, 1
    CHECK_EQ s2, CAUSE_ILLEGAL_INSN
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_ECALL_U
    TRAP_READ a0, TRAP_MEPC
    CHECK_EQ_REG a0, s0
    TRAP_READ a0, TRAP_MTVAL
    CHECK_EQ a0, 0

    # ---- vectored stvec: exceptions still go to the base
    SET_TEST 60
    li a1, 1 << CAUSE_ILLEGAL_INSN
    csrw medeleg, a1
    la a0, s_vectors
    ori a0, a0, 1
    csrw stvec, a0
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_U, 2f
2:  .word 0xffffffff
1:  TRAP_DISARM
    csrw medeleg, zero
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_ECALL_S
    CHECK_EQ s2, CAUSE_ILLEGAL_INSN
TEST_END

# S-mode handler: record, then leave S-mode by ecall (ebreak if s6 != 0).
.p2align 2
s_handler:
    csrr s2, scause
    csrr s3, sepc
    csrr s4, stval
    csrr s5, sstatus
    bnez s6, 1f
    ecall
1:  .word 0x00100073

# S-mode handler that records scause and steps over the 4-byte instruction.
.p2align 2
s_skip:
    csrr s2, scause
    csrr s3, sepc
    addi s3, s3, 4
    csrw sepc, s3
    sret

.p2align 6
s_vectors:
    j s_handler
    .rept 15
    j __fail
    .endr
