# pmpcfg0-3 and pmpaddr0-15 as registers (Privileged ISA 3.7.1): 16
# entries, each cfg byte with R W X, A (OFF, TOR, NA4, NAPOT) and L;
# pmpaddr holds address bits 33:2 (granularity 4 bytes: every bit
# writable). A locked entry ignores writes to its cfg byte and its
# pmpaddr, and a locked TOR entry also to the pmpaddr below it (its base);
# the lock stays until reset. Reserved: cfg bits 6:5 (read zero) and the
# combination R=0 W=1 (must not read back). QEMU 7.2 keeps both as
# written; it is recognised by PRIV_IS_QEMU (s11 = 1) and those two checks
# are skipped there.
# (What the entries do to accesses: pmp/.)

.equ R, 1
.equ W, 2
.equ X, 4
.equ TOR, 0x08
.equ NA4, 0x10
.equ NAPOT, 0x18
.equ L, 0x80

TEST_BEGIN
    PRIV_IS_QEMU s11

    # ---- every pmpaddr holds all 32 bits, independently
    .irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    PRIV_CSR_RW 1, pmpaddr\i, 0xffffffff, 0xffffffff
    PRIV_CSR_RW 2, pmpaddr\i, 0x12345678 + \i, 0x12345678 + \i
    .endr
    SET_TEST 3
    csrr a0, pmpaddr0
    CHECK_EQ a0, 0x12345678
    csrr a0, pmpaddr15
    CHECK_EQ a0, 0x12345678 + 15
    .irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    csrw pmpaddr\i, zero
    .endr

    # ---- pmpcfg: R W X and the four A modes in each byte (no entry
    # matches anything M-mode does: every pmpaddr is 0, and M-mode is not
    # bound by unlocked entries anyway)
    .irp c, pmpcfg0, pmpcfg1, pmpcfg2, pmpcfg3
    PRIV_CSR_RW 10, \c, 0x1f1b1307, 0x1f1b1307
    PRIV_CSR_RW 11, \c, 0x0d150b03, 0x0d150b03
    PRIV_CSR_RW 12, \c, 0x00000000, 0x00000000
    PRIV_CSR_RW 13, \c, 0x18100801, 0x18100801
    .endr
    # bytes are independent: csrs/csrc on one leave the others
    SET_TEST 14
    li a1, 0x01010101
    csrw pmpcfg1, a1
    li a1, 0x0400
    csrs pmpcfg1, a1
    li a1, 0x01000000
    csrc pmpcfg1, a1
    csrr a0, pmpcfg1
    CHECK_EQ a0, 0x00010501
    csrw pmpcfg1, zero
    # ---- reserved bits 6:5 read zero (not checked on QEMU)
    SET_TEST 15
    li a1, 0x7f7f7f7f
    csrw pmpcfg2, a1
    csrr a0, pmpcfg2
    PRIV_CHECK_MASK a0, 0x9f9f9f9f, 0x1f1f1f1f
    bnez s11, 1f
    PRIV_CHECK_MASK a0, 0x60606060, 0
1:  csrw pmpcfg2, zero
    # ---- R=0 W=1 is reserved: it does not read back (not checked on
    # QEMU); X and A are kept
    SET_TEST 16
    li a1, (NAPOT | X | W) << 8 | (TOR | W)
    csrw pmpcfg3, a1
    csrr a0, pmpcfg3
    PRIV_CHECK_MASK a0, 0xfcfc, (NAPOT | X) << 8 | TOR
    bnez s11, 1f
    andi a1, a0, R | W
    li t6, W
    bne a1, t6, 2f
    FAIL
2:  srli a1, a0, 8
    andi a1, a1, R | W
    li t6, W
    bne a1, t6, 1f
    FAIL
1:  csrw pmpcfg3, zero

    # ---- locking
    # entry 5: OFF but locked: its cfg byte and pmpaddr5 ignore writes,
    # the other bytes of pmpcfg1 do not
    SET_TEST 20
    li a1, 0x1234
    csrw pmpaddr5, a1
    li a1, L << 8
    csrw pmpcfg1, a1
    csrr a0, pmpcfg1
    CHECK_EQ a0, L << 8
    li a1, 0x07070707
    csrw pmpcfg1, a1
    csrr a0, pmpcfg1
    CHECK_EQ a0, 0x07070707 & ~0xff00 | (L << 8)
    SET_TEST 21
    csrw pmpcfg1, zero
    csrr a0, pmpcfg1
    CHECK_EQ a0, L << 8
    li a1, 0x5678
    csrw pmpaddr5, a1
    csrr a0, pmpaddr5
    CHECK_EQ a0, 0x1234
    # the neighbours' addresses are still writable (entry 5 is not TOR)
    SET_TEST 22
    li a1, 0x4444
    csrw pmpaddr4, a1
    csrr a0, pmpaddr4
    CHECK_EQ a0, 0x4444
    li a1, 0x6666
    csrw pmpaddr6, a1
    csrr a0, pmpaddr6
    CHECK_EQ a0, 0x6666
    csrw pmpaddr4, zero
    csrw pmpaddr6, zero
    # entry 9: locked TOR over an empty range [0x400, 0x400): pmpaddr9 and
    # its base pmpaddr8 both ignore writes; entry 8's cfg byte does not
    SET_TEST 23
    li a1, 0x100
    csrw pmpaddr8, a1
    csrw pmpaddr9, a1
    li a1, (L | TOR | R) << 8
    csrw pmpcfg2, a1
    li a1, 0x200
    csrw pmpaddr8, a1
    csrw pmpaddr9, a1
    csrr a0, pmpaddr8
    CHECK_EQ a0, 0x100
    csrr a0, pmpaddr9
    CHECK_EQ a0, 0x100
    SET_TEST 24
    li a1, NA4 | R
    csrw pmpcfg2, a1
    csrr a0, pmpcfg2
    CHECK_EQ a0, ((L | TOR | R) << 8) | NA4 | R
    # entry 10 is not affected by entry 9's lock
    li a1, 0x300
    csrw pmpaddr10, a1
    csrr a0, pmpaddr10
    CHECK_EQ a0, 0x300
    # a locked NAPOT/NA4 entry does not lock the address below it
    SET_TEST 25
    li a1, 0x2000
    csrw pmpaddr11, a1
    li a1, 0x1000
    csrw pmpaddr12, a1
    li a1, L | NA4
    csrw pmpcfg3, a1
    li a1, 0x2004
    csrw pmpaddr11, a1
    csrr a0, pmpaddr11
    CHECK_EQ a0, 0x2004
    csrw pmpaddr12, a1
    csrr a0, pmpaddr12
    CHECK_EQ a0, 0x1000
    # the locks hold against csrs/csrc too
    SET_TEST 26
    li a1, -1
    csrc pmpcfg1, a1
    csrc pmpcfg2, a1
    csrc pmpcfg3, a1
    csrr a0, pmpcfg1
    CHECK_EQ a0, L << 8
    csrr a0, pmpcfg2
    CHECK_EQ a0, (L | TOR | R) << 8
    csrr a0, pmpcfg3
    CHECK_EQ a0, L | NA4
TEST_END
