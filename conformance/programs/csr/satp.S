# satp (Privileged ISA 4.1.11, 3.1.6.5): MODE (bit 31: Bare or Sv32), ASID
# (9 bits here, as QEMU) and PPN are writable from M and S; M-mode never
# translates, so any value may sit there while M runs. mstatus.TVM makes
# satp reads/writes and sfence.vma illegal in S-mode (not in M). U-mode
# has no access at all. (Translation itself: sv32/.)

TEST_BEGIN
    PRIV_PMP_OPEN
    SET_TEST 1
    li a1, 0x80000000 | (0x1a5 << 22) | 0x2a5a5a
    csrw satp, a1
    csrr a0, satp
    CHECK_EQ a0, 0x80000000 | (0x1a5 << 22) | 0x2a5a5a
    SET_TEST 2
    li a1, -1
    csrw satp, a1
    csrr a0, satp
    CHECK_EQ a0, -1
    SET_TEST 3
    li a1, 0x80000000
    csrw satp, a1
    csrr a0, satp
    CHECK_EQ a0, 0x80000000
    SET_TEST 4
    csrw satp, zero
    csrr a0, satp
    CHECK_EQ a0, 0
    # M-mode with TVM set still reaches satp and sfence.vma
    SET_TEST 5
    li a1, MSTATUS_TVM
    csrs mstatus, a1
    li a1, 0x80000123
    csrw satp, a1
    csrr a0, satp
    CHECK_EQ a0, 0x80000123
    sfence.vma
    csrw satp, zero

    # ---- S-mode with TVM clear: satp and sfence.vma are fine
    SET_TEST 10
    li a1, MSTATUS_TVM
    csrc mstatus, a1
    li a1, 0x00400000
    csrw satp, a1
    PRIV_GOTO PRV_S
    csrr s1, satp
    csrw satp, zero
    csrr s2, satp
    sfence.vma
    sfence.vma zero, zero
    PRIV_RETURN
    CHECK_EQ s1, 0x00400000
    CHECK_EQ s2, 0
    # ---- TVM set: all three trap, with mtval = the instruction
    li a1, MSTATUS_TVM
    csrs mstatus, a1
    PRIV_TEST_TRAP_TVAL 11, PRV_S, CAUSE_ILLEGAL_INSN, 0x18002573, csrr a0, satp
    PRIV_TEST_TRAP_TVAL 12, PRV_S, CAUSE_ILLEGAL_INSN, 0x18001073, csrw satp, x0
    PRIV_TEST_TRAP_TVAL 13, PRV_S, CAUSE_ILLEGAL_INSN, 0x1805a073, csrs satp, a1
    PRIV_TEST_TRAP_TVAL 14, PRV_S, CAUSE_ILLEGAL_INSN, 0x12000073, sfence.vma
    PRIV_TEST_TRAP_TVAL 15, PRV_S, CAUSE_ILLEGAL_INSN, 0x12b50073, sfence.vma a0, a1
    # the other S CSRs are not affected by TVM
    SET_TEST 16
    PRIV_GOTO PRV_S
    csrr s1, sstatus
    csrw sscratch, zero
    PRIV_RETURN
    li a1, MSTATUS_TVM
    csrc mstatus, a1
    # ---- U-mode: never
    PRIV_TEST_TRAP_TVAL 20, PRV_U, CAUSE_ILLEGAL_INSN, 0x18002573, csrr a0, satp
    PRIV_TEST_TRAP_TVAL 21, PRV_U, CAUSE_ILLEGAL_INSN, 0x12000073, sfence.vma
TEST_END
