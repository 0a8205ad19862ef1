# Vectored trap handling (Privileged ISA 3.1.7, 4.1.2): with tvec.MODE = 1,
# an interrupt with cause code c goes to BASE + 4c, every exception to
# BASE; with MODE = 0 everything goes to BASE. Checked for mtvec (MSI, MTI,
# SSI not delegated, and exceptions) and stvec (delegated SSI and STI,
# and a delegated exception).
#
# The vector tables hold one jump per entry to a stub that puts the entry
# number in s2 and goes on to a common part: in M (m_common) it copies
# mcause to s3 and resumes at s10 in M-mode with MIE = 0; in S (s_common)
# it copies scause to s3 and leaves with ecall.

# A vector table at 64-byte alignment: entry i jumps to prefix_i (4-byte
# jumps: no compression here).
.macro VECTORS name, prefix
.p2align 6
\name:
    .option push
    .option norvc
    .irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    j \prefix\i
    .endr
    .option pop
.endm
.macro STUBS prefix, common
    .irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
\prefix\i:
    li s2, \i
    j \common
    .endr
.endm

# mtvec = m_vectors | mode; s10 = resume point.
.macro M_ARM mode, resume
    la t0, m_vectors
    ori t0, t0, \mode
    csrw mtvec, t0
    la s10, \resume
    li s2, -1
    li s3, -1
.endm

TEST_BEGIN
    PRIV_PMP_OPEN
    PRIV_IRQS_OFF
    csrw medeleg, zero

    # ---- mtvec vectored: MSI to entry 3
    SET_TEST 1
    PRIV_SET_MSIP 1
    li a1, MIP_MSIP
    csrw mie, a1
    M_ARM 1, 1f
    li a1, MSTATUS_MIE
    csrs mstatus, a1
2:  j 2b
1:  TRAP_DISARM
    CHECK_EQ s2, 3
    CHECK_EQ s3, CAUSE_IRQ | IRQ_MSI
    PRIV_SET_MSIP 0
    # MTI to entry 7 (mtimecmp = 0: pending now)
    SET_TEST 2
    li t0, CLINT_MTIMECMP
    sw zero, 0(t0)
    sw zero, 4(t0)
    PRIV_WAIT_MIP MIP_MTIP, MIP_MTIP
    li a1, MIP_MTIP
    csrw mie, a1
    M_ARM 1, 1f
    li a1, MSTATUS_MIE
    csrs mstatus, a1
2:  j 2b
1:  TRAP_DISARM
    CHECK_EQ s2, 7
    CHECK_EQ s3, CAUSE_IRQ | IRQ_MTI
    PRIV_TIMER_OFF
    # SSI (not delegated) to entry 1, taken from U
    SET_TEST 3
    li a1, MIP_SSIP
    csrw mie, a1
    csrs mip, a1
    li a1, MSTATUS_MPIE
    csrc mstatus, a1
    M_ARM 1, 1f
    PRIV_ENTER PRV_U, 2f
2:  j 2b
1:  TRAP_DISARM
    CHECK_EQ s2, 1
    CHECK_EQ s3, CAUSE_IRQ | IRQ_SSI
    csrw mip, zero
    csrw mie, zero
    # exceptions go to the base (entry 0), whatever the cause
    SET_TEST 4
    M_ARM 1, 1f
    ecall
1:  TRAP_DISARM
    CHECK_EQ s2, 0
    CHECK_EQ s3, CAUSE_ECALL_M
    SET_TEST 5
    M_ARM 1, 1f
    .word 0x00100073    # ebreak: cause 3, still the base
1:  TRAP_DISARM
    CHECK_EQ s2, 0
    CHECK_EQ s3, CAUSE_BREAKPOINT
    SET_TEST 6
    M_ARM 1, 1f
    PRIV_ENTER PRV_U, 2f
2:  ecall               # cause 8: still the base, not entry 8
1:  TRAP_DISARM
    CHECK_EQ s2, 0
    CHECK_EQ s3, CAUSE_ECALL_U
    # ---- direct mode: an interrupt goes to the base too
    SET_TEST 7
    li a1, MIP_SSIP
    csrw mie, a1
    csrs mip, a1
    M_ARM 0, 1f
    li a1, MSTATUS_MIE
    csrs mstatus, a1
2:  j 2b
1:  TRAP_DISARM
    CHECK_EQ s2, 0
    CHECK_EQ s3, CAUSE_IRQ | IRQ_SSI
    csrw mip, zero
    csrw mie, zero

    # ---- stvec vectored: delegated SSI to entry 1, STI to entry 5
    la t0, s_vectors
    ori t0, t0, 1
    csrw stvec, t0
    li a1, MIP_SSIP | MIP_STIP
    csrw mideleg, a1
    csrw mie, a1
    SET_TEST 10
    li a1, MIP_SSIP
    csrs mip, a1
    li s2, -1
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_U, 2f
2:  j 2b
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_ECALL_S
    CHECK_EQ s2, 1
    CHECK_EQ s3, CAUSE_IRQ | IRQ_SSI
    csrw mip, zero
    SET_TEST 11
    li a1, MIP_STIP
    csrs mip, a1
    li s2, -1
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_U, 2f
2:  j 2b
1:  TRAP_DISARM
    CHECK_EQ s2, 5
    CHECK_EQ s3, CAUSE_IRQ | IRQ_STI
    csrw mip, zero
    # a delegated exception goes to stvec's base
    SET_TEST 12
    li a1, 1 << CAUSE_ILLEGAL_INSN
    csrw medeleg, a1
    li s2, -1
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_U, 2f
2:  .word 0xffffffff
1:  TRAP_DISARM
    CHECK_EQ s2, 0
    CHECK_EQ s3, CAUSE_ILLEGAL_INSN
    csrw medeleg, zero
    csrw mideleg, zero
    csrw mie, zero
TEST_END

    VECTORS m_vectors, m_stub
    VECTORS s_vectors, s_stub
    STUBS m_stub, m_common
    STUBS s_stub, s_common

.p2align 2
m_common:
    csrr s3, mcause
    csrw mepc, s10
    li t0, MSTATUS_MPP
    csrs mstatus, t0
    li t0, MSTATUS_MPIE
    csrc mstatus, t0
    mret
s_common:
    csrr s3, scause
    ecall
