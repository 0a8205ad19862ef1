# PMP priority and partial matches (Privileged ISA 3.7.1.3): the
# lowest-numbered entry that matches any byte of an access decides it:
# its permissions apply even when a higher-numbered entry would allow
# more (or less); and if it does not match every byte of the access, the
# access fails, whatever the other entries say (an access straddling a
# region boundary faults). mtval is the access's address (QEMU and rvjit
# agree). TOR entries take their base from the previous pmpaddr whatever
# that entry's own mode.
#
# Background: entry 15 = NAPOT over everything, RWX; a5 = pg (4 KiB; the
# helpers are in common/pmp_page.S).
# include: pmp_page.S

TEST_BEGIN
    la a5, pg
    PMP_BACKGROUND R|W|X
    # everything allowed by the background alone
    OK 1, PRV_U, sw a0, 0x10(a5)
    OK 2, PRV_U, lw a0, 0x10(a5)

    # ---- a lower entry denies what a higher one allows: entry 2 NA4 at
    # pg + 0x10 with no permission, entry 3 the whole page RW
    PG_ADDR a1, 0x10
    PRIV_PMP_ENTRY 2, a1, PMP_NA4
    srli a1, a5, 2
    ori a1, a1, 0x1ff
    PRIV_PMP_ENTRY 3, a1, PMP_NAPOT | R | W
    DENY 10, PRV_U, CAUSE_LOAD_ACCESS, 0x10, lw a0, 0x10(a5)
    DENY 11, PRV_S, CAUSE_STORE_ACCESS, 0x12, sb a0, 0x12(a5)
    OK 12, PRV_U, lw a0, 0x14(a5)
    OK 13, PRV_U, sw a0, 0xc(a5)
    # ---- the other way round: entry 2 the page RW, entry 3 the NA4 with
    # no permission: entry 2 wins, the access is allowed
    srli a1, a5, 2
    ori a1, a1, 0x1ff
    PRIV_PMP_ENTRY 2, a1, PMP_NAPOT | R | W
    PG_ADDR a1, 0x10
    PRIV_PMP_ENTRY 3, a1, PMP_NA4
    OK 14, PRV_U, lw a0, 0x10(a5)
    OK 15, PRV_S, sw a0, 0x10(a5)
    # ---- a matching entry with less permission than the background wins
    # over it: entry 0 = the page, R only
    PMP_BACKGROUND R|W|X
    srli a1, a5, 2
    ori a1, a1, 0x1ff
    PRIV_PMP_ENTRY 0, a1, PMP_NAPOT | R
    DENY 16, PRV_U, CAUSE_STORE_ACCESS, 0x20, sw a0, 0x20(a5)
    OK 17, PRV_U, lw a0, 0x20(a5)
    # (past the page only the background matches)
    li a6, 4096
    add a6, a6, a5
    OK 18, PRV_U, sw a0, 0(a6)

    # ---- straddling: entry 0 NA4 RW at pg + 0x40; the background allows
    # everything; an access covering pg + 0x40 partly fails
    PMP_BACKGROUND R|W|X
    PG_ADDR a1, 0x40
    PRIV_PMP_ENTRY 0, a1, PMP_NA4 | R | W
    OK 20, PRV_U, lw a0, 0x40(a5)
    OK 21, PRV_U, lw a0, 0x3c(a5)
    OK 22, PRV_U, lw a0, 0x44(a5)
    DENY 23, PRV_U, CAUSE_LOAD_ACCESS, 0x3e, lw a0, 0x3e(a5)
    DENY 24, PRV_U, CAUSE_LOAD_ACCESS, 0x42, lw a0, 0x42(a5)
    DENY 25, PRV_S, CAUSE_STORE_ACCESS, 0x43, sh a0, 0x43(a5)
    DENY 26, PRV_U, CAUSE_STORE_ACCESS, 0x3f, sw a0, 0x3f(a5)
    # the failed store wrote nothing: the word at pg + 0x40 is unchanged
    SET_TEST 27
    li a0, 0x11223344
    sw a0, 0x40(a5)
    sw a0, 0x3c(a5)
    li a0, -1
    DENY 27, PRV_U, CAUSE_STORE_ACCESS, 0x3e, sw a0, 0x3e(a5)
    lw a0, 0x40(a5)
    CHECK_EQ a0, 0x11223344
    lw a0, 0x3c(a5)
    CHECK_EQ a0, 0x11223344
    # an 8-byte access over the end of a 64-byte NAPOT region
    PMP_BACKGROUND R|W|X
    PG_ADDR a1, 0x80
    ori a1, a1, 0x7
    PRIV_PMP_ENTRY 1, a1, PMP_NAPOT | R | W
    OK 28, PRV_U, fld fa0, 0xb8(a5)
    DENY 29, PRV_U, CAUSE_LOAD_ACCESS, 0xbc, fld fa0, 0xbc(a5)
    DENY 30, PRV_U, CAUSE_STORE_ACCESS, 0x7c, fsd fa0, 0x7c(a5)
    # straddling two regions that both allow it still fails (the lower
    # entry does not cover all of it): entry 0 NA4 RW at 0x100, entry 1
    # NA4 RW at 0x104, no background
    csrw pmpcfg3, zero
    PG_ADDR a1, 0x100
    PRIV_PMP_ENTRY 0, a1, PMP_NA4 | R | W
    PG_ADDR a1, 0x104
    PRIV_PMP_ENTRY 1, a1, PMP_NA4 | R | W | X
    li a1, -1
    PRIV_PMP_ENTRY 2, a1, PMP_NAPOT | X
    OK 31, PRV_U, lw a0, 0x100(a5)
    OK 32, PRV_U, lw a0, 0x104(a5)
    DENY 33, PRV_U, CAUSE_LOAD_ACCESS, 0x102, lw a0, 0x102(a5)
    DENY 34, PRV_U, CAUSE_LOAD_ACCESS, 0x100, fld fa0, 0x100(a5)

    # ---- TOR takes its base from pmpaddr[i-1] even when entry i-1 is a
    # NAPOT entry of its own: entry 4 NAPOT 8 bytes at pg + 0x200 (R),
    # entry 5 TOR up to pg + 0x300 (RW) starts at pg + 0x200 too
    PMP_BACKGROUND R|W|X
    PG_ADDR a1, 0x200
    PRIV_PMP_ENTRY 4, a1, PMP_NAPOT | R
    PG_ADDR a1, 0x300
    PRIV_PMP_ENTRY 5, a1, PMP_TOR | R | W
    csrw pmpcfg3, zero
    li a1, -1
    PRIV_PMP_ENTRY 15, a1, PMP_NAPOT | X
    DENY 40, PRV_U, CAUSE_STORE_ACCESS, 0x204, sw a0, 0x204(a5)
    OK 41, PRV_U, sw a0, 0x208(a5)
    OK 42, PRV_U, sw a0, 0x2fc(a5)
    DENY 43, PRV_U, CAUSE_STORE_ACCESS, 0x300, sw a0, 0x300(a5)
    DENY 44, PRV_U, CAUSE_LOAD_ACCESS, 0x1fc, lw a0, 0x1fc(a5)
TEST_END

.data
.p2align 12
pg:
    .space 4096
    .space 16
