# medeleg and mideleg (Privileged ISA 3.1.8): which bits are writable.
# medeleg: every exception that S or U can raise is delegable (causes
# 0-9, 12, 13, 15); environment call from M-mode (11) can never reach S,
# so the spec makes medeleg[11] read-only zero (QEMU 7.2 lets it be set,
# so that check is skipped when PRIV_IS_QEMU; a trap from M-mode is never
# delegated anyway, see trap/deleg). mideleg: SSI, STI and SEI are delegable, the M-level
# interrupts are not. Bits of the hypervisor extension (QEMU 7.2 has it:
# medeleg 10, 20-23; mideleg 2, 6, 10, 12, 13) are not looked at.
# sedeleg/sideleg (N extension) do not exist.

.equ DELEGABLE_EXC, 0xb3ff
.equ CHECKED_EXC, 0xff0fb3ff
.equ DELEGABLE_IRQ, 0x222
.equ CHECKED_IRQ, 0xbbb

TEST_BEGIN
    PRIV_PMP_OPEN
    # ---- medeleg
    SET_TEST 1
    li a1, -1
    csrw medeleg, a1
    csrr a0, medeleg
    PRIV_CHECK_MASK a0, CHECKED_EXC, DELEGABLE_EXC
    SET_TEST 2
    csrw medeleg, zero
    csrr a0, medeleg
    PRIV_CHECK_MASK a0, CHECKED_EXC | 0x800, 0
    # one at a time, with csrs and csrc
    .irp bit, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 15
    SET_TEST 3
    li a1, 1 << \bit
    csrs medeleg, a1
    csrr a0, medeleg
    CHECK_EQ a0, 1 << \bit
    csrc medeleg, a1
    csrr a0, medeleg
    CHECK_EQ a0, 0
    .endr
    # the reserved codes 14 and 16-19, 24-31 stay clear
    SET_TEST 4
    li a1, 0xff0f4000
    csrw medeleg, a1
    csrr a0, medeleg
    PRIV_CHECK_MASK a0, CHECKED_EXC | 0x4000, 0
    # medeleg[11]: read-only zero (not on QEMU, which keeps it)
    SET_TEST 5
    li a1, 1 << 11
    csrw medeleg, a1
    csrr a0, medeleg
    PRIV_CHECK_MASK a0, ~(1 << 11), 0
    PRIV_IS_QEMU a1
    bnez a1, 1f
    CHECK_EQ a0, 0
1:  csrw medeleg, zero

    # ---- mideleg
    SET_TEST 10
    li a1, -1
    csrw mideleg, a1
    csrr a0, mideleg
    PRIV_CHECK_MASK a0, CHECKED_IRQ, DELEGABLE_IRQ
    SET_TEST 11
    csrw mideleg, zero
    csrr a0, mideleg
    PRIV_CHECK_MASK a0, CHECKED_IRQ, 0
    .irp bit, 1, 5, 9
    SET_TEST 12
    li a1, 1 << \bit
    csrw mideleg, a1
    csrr a0, mideleg
    PRIV_CHECK_MASK a0, CHECKED_IRQ, 1 << \bit
    .endr
    # M-level interrupts (and the removed U-level ones) are not delegable
    .irp bit, 0, 3, 4, 7, 8, 11
    SET_TEST 13
    li a1, 1 << \bit
    csrw mideleg, a1
    csrr a0, mideleg
    PRIV_CHECK_MASK a0, CHECKED_IRQ, 0
    .endr
    csrw mideleg, zero

    # ---- both are M-mode CSRs
    PRIV_TEST_TRAP_TVAL 20, PRV_S, CAUSE_ILLEGAL_INSN, 0x30202573, csrr a0, medeleg
    PRIV_TEST_TRAP_TVAL 21, PRV_S, CAUSE_ILLEGAL_INSN, 0x30359073, csrw mideleg, a1
    # ---- no sedeleg/sideleg
    TEST_TRAP_TVAL 22, CAUSE_ILLEGAL_INSN, 0x10202573, csrr a0, 0x102
    TEST_TRAP_TVAL 23, CAUSE_ILLEGAL_INSN, 0x10302573, csrr a0, 0x103
TEST_END
