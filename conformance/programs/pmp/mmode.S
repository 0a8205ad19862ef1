# PMP and M-mode (Privileged ISA 3.7.1, 3.1.6.3): M-mode accesses succeed
# when the matching entry is unlocked (or nothing matches); with
# mstatus.MPRV = 1, M-mode loads and stores (not fetches) are checked
# with the privilege in MPP; a locked entry (L = 1) binds M-mode too, and
# its pmpcfg byte and pmpaddr ignore writes until reset, so the lock
# cannot be lifted. The locked entries cover only the dedicated data page
# `pg` and code page `mcode`, and come last in the program.
#
# Background: entry 15 = NAPOT over everything, RWX; a5 = pg (4 KiB; the
# helpers are in common/pmp_page.S).
# include: pmp_page.S

TEST_BEGIN
    la a5, pg
    PRIV_PMP_OPEN
    # ---- an unlocked entry with no permission over all of RAM: M-mode
    # loads, stores and fetches all still work; S cannot even fetch
    SET_TEST 1
    li a1, (0x80000000 >> 2) | ((128 << 20) / 8 - 1)
    PRIV_PMP_ENTRY 0, a1, PMP_NAPOT
    li a0, 0x1234
    sw a0, 0(a5)
    lw a1, 0(a5)
    CHECK_EQ a1, 0x1234
    jal 1f
1:  SET_TEST 2
    la s0, 2f
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_S, 2f
2:  nop
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_FETCH_ACCESS
    TRAP_READ a0, TRAP_MTVAL
    CHECK_EQ_REG a0, s0
    csrw pmpcfg0, zero

    # ---- MPRV: entry 0 = pg, R only (unlocked)
    srli a1, a5, 2
    ori a1, a1, 0x1ff
    PRIV_PMP_ENTRY 0, a1, PMP_NAPOT | R
    # MPP = U: the store is checked as U and fails, the load passes
    SET_TEST 10
    li a1, MSTATUS_MPP
    csrc mstatus, a1
    li a1, MSTATUS_MPRV
    csrs mstatus, a1
    M_DENY 10, CAUSE_STORE_ACCESS, 0x8, sw a0, 8(a5)
    # (the trap handler's mret left MPP = U, MPRV = 1: still checked as U)
    SET_TEST 11
    csrr a0, mstatus
    PRIV_CHECK_MASK a0, MSTATUS_MPRV | MSTATUS_MPP, MSTATUS_MPRV
    lw a0, 8(a5)
    M_DENY 12, CAUSE_STORE_ACCESS, 0xc, sh a0, 12(a5)
    # MPP = S: the same
    li a1, PRV_S << MSTATUS_MPP_SHIFT
    csrs mstatus, a1
    M_DENY 13, CAUSE_STORE_ACCESS, 0x10, sb a0, 0x10(a5)
    # MPP = M: M-mode again, the store passes
    SET_TEST 14
    li a1, MSTATUS_MPP
    csrs mstatus, a1
    li a0, 0x55
    sw a0, 8(a5)
    lw a1, 8(a5)
    CHECK_EQ a1, 0x55
    # fetches do not use MPRV: with MPP = U and entry 1 = this program's
    # code without X for U (the background has X), M-mode code still runs
    SET_TEST 15
    li a1, MSTATUS_MPP
    csrc mstatus, a1
    li a1, 0x80000000 >> 2
    PRIV_PMP_ENTRY 1, a1, 0
    la a1, pg
    srli a1, a1, 2
    PRIV_PMP_ENTRY 2, a1, PMP_TOR | R | W
    jal 1f
1:  nop
    li a1, MSTATUS_MPRV
    csrc mstatus, a1
    csrw pmpcfg0, zero

    # ---- locked entries bind M-mode. Entry 8: NA4 at pg + 0x10, R only;
    # entry 9: NAPOT 8 bytes at pg + 0x20, nothing; entry 10: mcode, RW
    # (no X)
    PG_ADDR a1, 0x10
    PRIV_PMP_ENTRY 8, a1, L | PMP_NA4 | R
    PG_ADDR a1, 0x20
    PRIV_PMP_ENTRY 9, a1, L | PMP_NAPOT
    la a6, mcode
    srli a1, a6, 2
    ori a1, a1, 0x1ff
    PRIV_PMP_ENTRY 10, a1, L | PMP_NAPOT | R | W
    SET_TEST 20
    lw a0, 0x10(a5)
    M_DENY 21, CAUSE_STORE_ACCESS, 0x10, sw a0, 0x10(a5)
    M_DENY 22, CAUSE_LOAD_ACCESS, 0x20, lw a0, 0x20(a5)
    M_DENY 23, CAUSE_STORE_ACCESS, 0x24, sw a0, 0x24(a5)
    M_DENY 24, CAUSE_LOAD_ACCESS, 0x27, lbu a0, 0x27(a5)
    # the neighbours are not covered: M-mode passes
    SET_TEST 25
    sw a0, 0x14(a5)
    sw a0, 0x28(a5)
    lw a0, 0x1c(a5)
    # a fetch from mcode faults in M-mode; loads from it work (R)
    SET_TEST 26
    TRAP_ARM_RESUME 1f
    jr a6
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_FETCH_ACCESS
    TRAP_READ a0, TRAP_MEPC
    CHECK_EQ_REG a0, a6
    TRAP_READ a0, TRAP_MTVAL
    CHECK_EQ_REG a0, a6
    lw a0, 0(a6)
    CHECK_EQ a0, 0x00000073
    # ---- the lock holds: cfg writes and pmpaddr writes are ignored
    # (entry 11, the top byte of pmpcfg2, is not locked)
    SET_TEST 30
    csrr s1, pmpcfg2
    csrw pmpcfg2, zero
    li a1, 0x00ffffff
    csrs pmpcfg2, a1
    csrr a0, pmpcfg2
    CHECK_EQ_REG a0, s1
    csrc pmpcfg2, a1
    csrr a0, pmpcfg2
    CHECK_EQ_REG a0, s1
    csrr s1, pmpaddr8
    li a1, 0x12345
    csrw pmpaddr8, a1
    csrr a0, pmpaddr8
    CHECK_EQ_REG a0, s1
    M_DENY 31, CAUSE_STORE_ACCESS, 0x10, sw a0, 0x10(a5)
    M_DENY 32, CAUSE_LOAD_ACCESS, 0x20, lw a0, 0x20(a5)
    # ---- a lower-numbered unlocked entry matches first: M-mode then
    # passes (entry 3 NA4 at pg + 0x20, no permission) while U is denied
    SET_TEST 33
    PG_ADDR a1, 0x20
    PRIV_PMP_ENTRY 3, a1, PMP_NA4
    lw a0, 0x20(a5)
    sw a0, 0x20(a5)
    PRIV_TEST_TRAP 34, PRV_U, CAUSE_LOAD_ACCESS, lw a0, 0x20(a5)
    # ...but the locked entry still decides the bytes entry 3 does not
    # cover
    M_DENY 35, CAUSE_LOAD_ACCESS, 0x24, lw a0, 0x24(a5)
    # ---- the locked entries bind S and U the same way
    PRIV_TEST_TRAP 36, PRV_U, CAUSE_STORE_ACCESS, sw a0, 0x10(a5)
    PRIV_TEST_TRAP 37, PRV_S, CAUSE_ECALL_S, lw a0, 0x10(a5)
    SET_TEST 38
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_S, mcode
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_FETCH_ACCESS
TEST_END

.data
.p2align 12
pg:
    .space 4096

.text
.p2align 12
mcode:
    ecall
    .space 4096 - 4
