# Helpers shared by the programs in pmp/, which pull them in with
# `# include: pmp_page.S`. Each program tests PMP entries over its own
# 4 KiB-aligned data page `pg` and keeps its address in a5.
#
#   R, W, X, L, TOR, NA4, NAPOT
#                            short names for the PMP_* pmpcfg bits
#   PMP_BACKGROUND perms     every entry off but entry 15 (the lowest
#                            priority): NAPOT over the whole address space
#                            with the permissions perms (R, W, X) (t0)
#   PG_ADDR reg, off         reg = (pg + off) >> 2, a pmpaddr value
#   PG_TVAL_IS off           FAIL unless the recorded mtval is pg + off
#                            (t5, t6)
#   OK n, mode, insn...      insn, run in mode (PRV_S or PRV_U), must not
#                            fault: only the ecall after it traps
#   DENY n, mode, cause, off, insn...
#                            insn, run in mode, must fault with cause and
#                            mtval = pg + off
#   M_DENY n, cause, off, insn...
#                            the same for insn run in M-mode

.equ R, PMP_R
.equ W, PMP_W
.equ X, PMP_X
.equ L, PMP_L
.equ TOR, PMP_TOR
.equ NA4, PMP_NA4
.equ NAPOT, PMP_NAPOT

.macro PMP_BACKGROUND perms
    csrw pmpcfg0, zero
    csrw pmpcfg1, zero
    csrw pmpcfg2, zero
    li t0, -1
    csrw pmpaddr15, t0
    li t0, (NAPOT | (\perms)) << 24
    csrw pmpcfg3, t0
.endm

.macro PG_ADDR reg, off
    li \reg, \off
    add \reg, \reg, a5
    srli \reg, \reg, 2
.endm

.macro PG_TVAL_IS off
    TRAP_READ t5, TRAP_MTVAL
    li t6, \off
    add t6, t6, a5
    beq t5, t6, .Lok\@
    FAIL
.Lok\@:
.endm

.macro OK n, mode, insn:vararg
    .if \mode == PRV_S
    PRIV_TEST_TRAP \n, PRV_S, CAUSE_ECALL_S, \insn
    .else
    PRIV_TEST_TRAP \n, PRV_U, CAUSE_ECALL_U, \insn
    .endif
.endm

.macro DENY n, mode, cause, off, insn:vararg
    PRIV_TEST_TRAP \n, \mode, \cause, \insn
    PG_TVAL_IS \off
.endm

.macro M_DENY n, cause, off, insn:vararg
    TEST_TRAP \n, \cause, \insn
    PG_TVAL_IS \off
.endm
