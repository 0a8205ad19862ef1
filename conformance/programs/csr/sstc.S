# menvcfg/menvcfgh, senvcfg and the Sstc stimecmp (Privileged ISA 3.1.18,
# 4.1.10; Sstc 1.0): FIOM and STCE are writable; with STCE = 1 mip.STIP
# is (time >= stimecmp) and read-only; S-mode may access stimecmp only
# when menvcfg.STCE = 1 and mcounteren.TM = 1 (illegal instruction
# otherwise), M-mode always, U-mode never. The STI it raises as an
# interrupt is in trap/stimer.

.equ STCE, 0x80000000
.equ FIOM, 1
.equ TM, 2

TEST_BEGIN
    PRIV_PMP_OPEN
    # ---- stimecmp resets to 0, as on QEMU (a kernel that writes only the
    #      low half relies on the high half being 0)
    SET_TEST 100
    csrr a0, stimecmp
    CHECK_EQ a0, 0
    SET_TEST 101
    csrr a0, stimecmph
    CHECK_EQ a0, 0
    # ---- menvcfg/menvcfgh/senvcfg fields
    SET_TEST 1
    li a1, FIOM
    csrs menvcfg, a1
    csrr a0, menvcfg
    PRIV_CHECK_MASK a0, FIOM, FIOM
    csrc menvcfg, a1
    csrr a0, menvcfg
    PRIV_CHECK_MASK a0, FIOM, 0
    SET_TEST 2
    li a1, STCE
    csrs menvcfgh, a1
    csrr a0, menvcfgh
    PRIV_CHECK_MASK a0, STCE, STCE
    csrc menvcfgh, a1
    csrr a0, menvcfgh
    PRIV_CHECK_MASK a0, STCE, 0
    SET_TEST 3
    li a1, FIOM
    csrs senvcfg, a1
    csrr a0, senvcfg
    PRIV_CHECK_MASK a0, FIOM, FIOM
    csrc senvcfg, a1
    csrr a0, senvcfg
    PRIV_CHECK_MASK a0, FIOM, 0
    # S-mode has senvcfg, not menvcfg
    SET_TEST 4
    PRIV_GOTO PRV_S
    li a1, FIOM
    csrw senvcfg, a1
    csrr s1, senvcfg
    PRIV_RETURN
    PRIV_CHECK_MASK s1, FIOM, FIOM
    csrw senvcfg, zero
    PRIV_TEST_TRAP_TVAL 5, PRV_S, CAUSE_ILLEGAL_INSN, 0x30a02573, csrr a0, menvcfg
    PRIV_TEST_TRAP_TVAL 6, PRV_S, CAUSE_ILLEGAL_INSN, 0x31a02573, csrr a0, menvcfgh
    PRIV_TEST_TRAP_TVAL 7, PRV_U, CAUSE_ILLEGAL_INSN, 0x10a02573, csrr a0, senvcfg

    # ---- stimecmp is 64 bits of storage, always reachable from M-mode
    SET_TEST 10
    li a1, 0x12345678
    li a2, 0x9abcdef0
    csrw stimecmp, a1
    csrw stimecmph, a2
    csrr a0, stimecmp
    CHECK_EQ a0, 0x12345678
    csrr a0, stimecmph
    CHECK_EQ a0, 0x9abcdef0

    # ---- S-mode access needs STCE and TM
    csrw menvcfgh, zero
    li a1, TM
    csrw mcounteren, a1
    PRIV_TEST_TRAP_TVAL 11, PRV_S, CAUSE_ILLEGAL_INSN, 0x14d02573, csrr a0, stimecmp
    PRIV_TEST_TRAP_TVAL 12, PRV_S, CAUSE_ILLEGAL_INSN, 0x15d59073, csrw stimecmph, a1
    li a1, STCE
    csrw menvcfgh, a1
    csrw mcounteren, zero
    PRIV_TEST_TRAP_TVAL 13, PRV_S, CAUSE_ILLEGAL_INSN, 0x14d59073, csrw stimecmp, a1
    PRIV_TEST_TRAP_TVAL 14, PRV_S, CAUSE_ILLEGAL_INSN, 0x15d02573, csrr a0, stimecmph
    li a1, TM
    csrw mcounteren, a1
    li a1, -1
    csrw scounteren, a1
    PRIV_TEST_TRAP_TVAL 15, PRV_U, CAUSE_ILLEGAL_INSN, 0x14d02573, csrr a0, stimecmp
    # both set: S reads and writes it
    SET_TEST 16
    PRIV_GOTO PRV_S
    li a1, -1
    csrw stimecmp, a1
    csrw stimecmph, a1
    csrr s1, stimecmph
    li a1, 0xabcd
    csrw stimecmp, a1
    csrr s2, stimecmp
    PRIV_RETURN
    CHECK_EQ s1, -1
    CHECK_EQ s2, 0xabcd
    csrr a0, stimecmp
    CHECK_EQ a0, 0xabcd

    # ---- STCE = 1: STIP = (time >= stimecmp)
    SET_TEST 20
    li a1, -1
    PRIV_SET_STIMECMP a1, a1
    PRIV_WAIT_MIP MIP_STIP, 0
    SET_TEST 21
    PRIV_SET_STIMECMP zero, zero
    PRIV_WAIT_MIP MIP_STIP, MIP_STIP
    # a compare value above time in the high half clears it again
    SET_TEST 22
    li a1, 1
    PRIV_SET_STIMECMP a1, zero
    PRIV_WAIT_MIP MIP_STIP, 0
    # mip.STIP is read-only now, both ways
    SET_TEST 23
    li a1, MIP_STIP
    csrs mip, a1
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_STIP, 0
    PRIV_SET_STIMECMP zero, zero
    PRIV_WAIT_MIP MIP_STIP, MIP_STIP
    SET_TEST 24
    li a1, MIP_STIP
    csrc mip, a1
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_STIP, MIP_STIP
    csrw mip, zero
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_STIP, MIP_STIP
    # a compare value a little after now: clear first, set once time
    # passes it (20 ms at 10 MHz: room for the host to preempt us)
    SET_TEST 25
    PRIV_STIMER_IN 200000
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_STIP, 0
    PRIV_WAIT_MIP MIP_STIP, MIP_STIP
    SET_TEST 26
    csrr a0, time
    csrr a1, timeh
    bltu a3, a1, 1f
    bne a3, a1, 2f
    bgeu a0, a2, 1f
2:  FAIL
1:
    # S-mode sees STIP in sip when it is delegated (SIE clear, not taken)
    SET_TEST 27
    li a1, MIP_STIP
    csrw mideleg, a1
    PRIV_GOTO PRV_S
    csrr s1, sip
    PRIV_RETURN
    PRIV_CHECK_MASK s1, MIP_STIP, MIP_STIP
    # and clears it by writing stimecmp
    SET_TEST 28
    PRIV_GOTO PRV_S
    li a1, -1
    csrw stimecmph, a1
    csrr s1, sip
    PRIV_RETURN
    PRIV_CHECK_MASK s1, MIP_STIP, 0
    csrw mideleg, zero

    # ---- leave with no timer pending and Sstc off
    li a1, -1
    PRIV_SET_STIMECMP a1, a1
    csrw menvcfgh, zero
    csrw mcounteren, zero
    csrw scounteren, zero
TEST_END
