# mcounteren and scounteren (Privileged ISA 3.1.11, 4.1.5): CY, TM, IR
# (bits 0-2) and HPM3-31 gate the unprivileged counter CSRs. S-mode may
# read cycle/time/instret (and their high halves) only when the
# mcounteren bit is set; U-mode only when both the mcounteren and the
# scounteren bits are set; otherwise the read is an illegal instruction.
# M-mode is never gated. scounteren is an S-mode CSR, mcounteren an M one.

.equ CY, 1
.equ TM, 2
.equ IR, 4

# Counter reads, run in `mode`: legal (no trap, back by ecall) or illegal.
.macro READ_OK n, mode, csr
    .if \mode == PRV_S
    PRIV_TEST_TRAP \n, PRV_S, CAUSE_ECALL_S, csrr a0, \csr
    .else
    PRIV_TEST_TRAP \n, PRV_U, CAUSE_ECALL_U, csrr a0, \csr
    .endif
.endm

.macro READ_ILLEGAL n, mode, csr
    PRIV_TEST_TRAP \n, \mode, CAUSE_ILLEGAL_INSN, csrr a0, \csr
.endm

# Every gated counter CSR of one bit, in both modes.
.macro GATE n, bit, s_ok, u_ok
    .if \bit == CY
    GATE_CSRS \n, \s_ok, \u_ok, cycle, cycleh
    .elseif \bit == TM
    GATE_CSRS \n, \s_ok, \u_ok, time, timeh
    .else
    GATE_CSRS \n, \s_ok, \u_ok, instret, instreth
    .endif
.endm

.macro GATE_CSRS n, s_ok, u_ok, lo, hi
    .if \s_ok
    READ_OK \n, PRV_S, \lo
    READ_OK \n, PRV_S, \hi
    .else
    READ_ILLEGAL \n, PRV_S, \lo
    READ_ILLEGAL \n, PRV_S, \hi
    .endif
    .if \u_ok
    READ_OK \n, PRV_U, \lo
    READ_OK \n, PRV_U, \hi
    .else
    READ_ILLEGAL \n, PRV_U, \lo
    READ_ILLEGAL \n, PRV_U, \hi
    .endif
.endm

TEST_BEGIN
    PRIV_PMP_OPEN
    # ---- the enable bits of the three counters are writable
    SET_TEST 1
    li a1, 7
    csrw mcounteren, a1
    csrw scounteren, a1
    csrr a0, mcounteren
    PRIV_CHECK_MASK a0, 7, 7
    csrr a0, scounteren
    PRIV_CHECK_MASK a0, 7, 7
    csrw mcounteren, zero
    csrw scounteren, zero
    csrr a0, mcounteren
    CHECK_EQ a0, 0
    csrr a0, scounteren
    CHECK_EQ a0, 0

    # ---- both clear: S and U may read none of them
    GATE 2, CY, 0, 0
    GATE 3, TM, 0, 0
    GATE 4, IR, 0, 0
    # ---- mcounteren set, scounteren clear: S may, U may not
    li a1, CY | TM | IR
    csrw mcounteren, a1
    GATE 5, CY, 1, 0
    GATE 6, TM, 1, 0
    GATE 7, IR, 1, 0
    # ---- only scounteren set: neither
    csrw mcounteren, zero
    li a1, CY | TM | IR
    csrw scounteren, a1
    GATE 8, CY, 0, 0
    GATE 9, TM, 0, 0
    GATE 10, IR, 0, 0
    # ---- both set: both may
    csrw mcounteren, a1
    GATE 11, CY, 1, 1
    GATE 12, TM, 1, 1
    GATE 13, IR, 1, 1
    # ---- each bit gates only its own counter
    li a1, TM
    csrw mcounteren, a1
    li a1, TM | IR
    csrw scounteren, a1
    GATE 14, CY, 0, 0
    GATE 15, TM, 1, 1
    GATE 16, IR, 0, 0
    li a1, CY | IR
    csrw mcounteren, a1
    li a1, CY
    csrw scounteren, a1
    GATE 17, CY, 1, 1
    GATE 18, TM, 0, 0
    GATE 19, IR, 1, 0
    # ---- hpmcounter3 by bit 3
    csrw mcounteren, zero
    csrw scounteren, zero
    READ_ILLEGAL 20, PRV_S, hpmcounter3
    READ_ILLEGAL 21, PRV_U, hpmcounter3
    li a1, 8
    csrw mcounteren, a1
    csrw scounteren, a1
    READ_OK 22, PRV_S, hpmcounter3
    READ_OK 23, PRV_U, hpmcounter3
    # ---- M-mode is never gated
    SET_TEST 24
    csrw mcounteren, zero
    csrw scounteren, zero
    csrr a0, cycle
    csrr a0, time
    csrr a0, instret
    csrr a0, cycleh
    csrr a0, timeh
    csrr a0, instreth
    csrr a0, hpmcounter3

    # ---- a counter read in S/U gives the real value: time from U is
    # between two M-mode reads of the CLINT mtime
    SET_TEST 25
    li a1, TM
    csrw mcounteren, a1
    csrw scounteren, a1
    li t0, CLINT_MTIME
    lw s0, 0(t0)
    PRIV_GOTO PRV_U
    csrr s1, time
    PRIV_RETURN
    lw s2, 0(t0)
    bgeu s1, s0, 1f
    FAIL
1:  bgeu s2, s1, 1f
    FAIL
1:
    # ---- who may access the enable registers
    SET_TEST 26
    PRIV_GOTO PRV_S
    li a1, 5
    csrw scounteren, a1
    csrr s1, scounteren
    PRIV_RETURN
    PRIV_CHECK_MASK s1, 7, 5
    PRIV_TEST_TRAP_TVAL 27, PRV_S, CAUSE_ILLEGAL_INSN, 0x30602573, csrr a0, mcounteren
    PRIV_TEST_TRAP_TVAL 28, PRV_U, CAUSE_ILLEGAL_INSN, 0x10602573, csrr a0, scounteren
    # ---- the gate does not apply to the M-mode counters from S: those
    # are M CSRs, illegal anyway
    li a1, -1
    csrw mcounteren, a1
    PRIV_TEST_TRAP_TVAL 29, PRV_S, CAUSE_ILLEGAL_INSN, 0xb0002573, csrr a0, mcycle
    PRIV_TEST_TRAP_TVAL 30, PRV_S, CAUSE_ILLEGAL_INSN, 0xb0202573, csrr a0, minstret
    # ---- counter CSRs stay read-only from S/U when enabled
    PRIV_TEST_TRAP_TVAL 31, PRV_S, CAUSE_ILLEGAL_INSN, 0xc0001073, csrw cycle, x0
    csrw scounteren, a1
    PRIV_TEST_TRAP_TVAL 32, PRV_U, CAUSE_ILLEGAL_INSN, 0xc0201073, csrw instret, x0
TEST_END
