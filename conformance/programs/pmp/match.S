# PMP address matching and permissions for S and U (Privileged ISA 3.7.1):
# TOR (pmpaddr[i-1] <= a < pmpaddr[i], with 0 as the base of entry 0;
# empty when the base is not below the top), NA4 (4 bytes), NAPOT (8 bytes
# and up, the trailing ones of pmpaddr giving the size); R, W and X each
# allow their kind of access; a denied load, store or fetch raises an
# access fault (5, 7, 1) with mtval = the address. M-mode is not
# affected by these unlocked entries (pmp/mmode has more).
#
# Background: entry 15 = NAPOT over everything with X only, so S/U code
# runs but every load and store needs one of the entries under test. The
# data page `pg` (4 KiB aligned) is what the entries cover; a5 = pg (the
# helpers OK, DENY, PG_ADDR are in common/pmp_page.S).
# include: pmp_page.S

# With no entry active, S and U may not access anything (16 entries are
# implemented, none matches). The spec lets the mret into S/U happen and
# the first fetch there fault (cause 1, mepc = mtval = the target: rvjit);
# QEMU 7.2 refuses the mret itself as an illegal instruction (cause 2,
# mepc = the mret). Either is accepted; nothing may run in S/U.
.macro NO_ENTRY n, mode
    SET_TEST \n
    la s0, .Ltarget\@
    TRAP_ARM_RESUME .Lback\@
    PRIV_ENTER \mode, .Ltarget\@
.Ltarget\@:
    li s1, 1
    ecall
.Lback\@:
    TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    li t6, CAUSE_ILLEGAL_INSN
    beq a0, t6, .Lqemu\@
    CHECK_EQ a0, CAUSE_FETCH_ACCESS
    TRAP_READ a0, TRAP_MEPC
    CHECK_EQ_REG a0, s0
    TRAP_READ a0, TRAP_MTVAL
    CHECK_EQ_REG a0, s0
    j .Ldone\@
.Lqemu\@:
    TRAP_READ a0, TRAP_MTVAL
    CHECK_EQ a0, 0x30200073
.Ldone\@:
    CHECK_EQ s1, 0
.endm

TEST_BEGIN
    la a5, pg
    li s1, 0
    NO_ENTRY 1, PRV_U
    NO_ENTRY 2, PRV_S
    PMP_BACKGROUND X
    # ---- nothing but the background: loads and stores fail, M-mode is
    # not bound
    DENY 3, PRV_U, CAUSE_LOAD_ACCESS, 0, lw a0, 0(a5)
    DENY 4, PRV_S, CAUSE_STORE_ACCESS, 8, sw a0, 8(a5)
    SET_TEST 5
    sw zero, 0(a5)
    lw a0, 0(a5)

    # ---- TOR: entry 1 = [pg + 0x100, pg + 0x200) RW (base in pmpaddr0,
    # entry 0 off)
    PG_ADDR a1, 0x100
    PRIV_PMP_ENTRY 0, a1, 0
    PG_ADDR a1, 0x200
    PRIV_PMP_ENTRY 1, a1, TOR | R | W
    OK 10, PRV_U, lw a0, 0x100(a5)
    OK 11, PRV_U, sw a0, 0x1fc(a5)
    OK 12, PRV_S, lb a0, 0x1ff(a5)
    DENY 13, PRV_U, CAUSE_LOAD_ACCESS, 0xfc, lw a0, 0xfc(a5)
    DENY 14, PRV_U, CAUSE_LOAD_ACCESS, 0x200, lw a0, 0x200(a5)
    DENY 15, PRV_S, CAUSE_STORE_ACCESS, 0x200, sb a0, 0x200(a5)
    DENY 16, PRV_U, CAUSE_STORE_ACCESS, 0xff, sb a0, 0xff(a5)
    # R without W
    PRIV_PMP_ENTRY 1, a1, TOR | R
    OK 17, PRV_U, lw a0, 0x180(a5)
    DENY 18, PRV_U, CAUSE_STORE_ACCESS, 0x180, sw a0, 0x180(a5)
    DENY 19, PRV_S, CAUSE_STORE_ACCESS, 0x182, sh a0, 0x182(a5)
    # an empty range: base >= top matches nothing
    PG_ADDR a1, 0x200
    PRIV_PMP_ENTRY 0, a1, 0
    PG_ADDR a1, 0x200
    PRIV_PMP_ENTRY 1, a1, TOR | R | W
    DENY 20, PRV_U, CAUSE_LOAD_ACCESS, 0x1fc, lw a0, 0x1fc(a5)
    PG_ADDR a1, 0x300
    PRIV_PMP_ENTRY 0, a1, 0
    PG_ADDR a1, 0x200
    PRIV_PMP_ENTRY 1, a1, TOR | R | W
    DENY 21, PRV_U, CAUSE_LOAD_ACCESS, 0x200, lw a0, 0x200(a5)
    DENY 22, PRV_U, CAUSE_LOAD_ACCESS, 0x2fc, lw a0, 0x2fc(a5)
    # entry 0 as TOR: from address 0 up to pmpaddr0
    PMP_BACKGROUND X
    PG_ADDR a1, 0x10
    PRIV_PMP_ENTRY 0, a1, TOR | R | X
    OK 23, PRV_U, lw a0, 0xc(a5)
    DENY 24, PRV_U, CAUSE_LOAD_ACCESS, 0x10, lw a0, 0x10(a5)
    DENY 25, PRV_U, CAUSE_STORE_ACCESS, 0, sw a0, 0(a5)

    # ---- NA4: exactly 4 bytes
    PMP_BACKGROUND X
    PG_ADDR a1, 0x400
    PRIV_PMP_ENTRY 3, a1, NA4 | R | W
    OK 30, PRV_U, lw a0, 0x400(a5)
    OK 31, PRV_U, sb a0, 0x403(a5)
    OK 32, PRV_S, sh a0, 0x402(a5)
    DENY 33, PRV_U, CAUSE_LOAD_ACCESS, 0x404, lb a0, 0x404(a5)
    DENY 34, PRV_U, CAUSE_LOAD_ACCESS, 0x3ff, lb a0, 0x3ff(a5)
    DENY 35, PRV_S, CAUSE_STORE_ACCESS, 0x3fc, sw a0, 0x3fc(a5)

    # ---- NAPOT: 8 bytes (no trailing one), 16 (one), 64 (three), 4 KiB
    PMP_BACKGROUND X
    PG_ADDR a1, 0x500
    PRIV_PMP_ENTRY 4, a1, NAPOT | R
    OK 40, PRV_U, lw a0, 0x504(a5)
    DENY 41, PRV_U, CAUSE_LOAD_ACCESS, 0x508, lw a0, 0x508(a5)
    DENY 42, PRV_U, CAUSE_LOAD_ACCESS, 0x4fc, lw a0, 0x4fc(a5)
    PG_ADDR a1, 0x510
    ori a1, a1, 1
    PRIV_PMP_ENTRY 4, a1, NAPOT | R
    OK 43, PRV_U, lw a0, 0x510(a5)
    OK 44, PRV_U, lw a0, 0x51c(a5)
    DENY 45, PRV_U, CAUSE_LOAD_ACCESS, 0x520, lw a0, 0x520(a5)
    PG_ADDR a1, 0x540
    ori a1, a1, 0x7
    PRIV_PMP_ENTRY 4, a1, NAPOT | R | W
    OK 46, PRV_S, sw a0, 0x540(a5)
    OK 47, PRV_S, sw a0, 0x57c(a5)
    DENY 48, PRV_S, CAUSE_STORE_ACCESS, 0x580, sw a0, 0x580(a5)
    DENY 49, PRV_S, CAUSE_STORE_ACCESS, 0x53c, sw a0, 0x53c(a5)
    # the low bits of pmpaddr below the trailing ones are ignored: a 64-byte
    # NAPOT written with base pg + 0x548 still means pg + 0x540
    PG_ADDR a1, 0x548
    ori a1, a1, 0x7
    PRIV_PMP_ENTRY 4, a1, NAPOT | R
    OK 50, PRV_U, lw a0, 0x540(a5)
    # 4 KiB: the whole page
    srli a1, a5, 2
    ori a1, a1, 0x1ff
    PRIV_PMP_ENTRY 4, a1, NAPOT | R | W
    OK 51, PRV_U, lw a0, 0(a5)
    OK 52, PRV_U, sw a0, 0x7fc(a5)
    DENY 53, PRV_U, CAUSE_LOAD_ACCESS, -4, lw a0, -4(a5)
    # (pg + 4096 is pg2, not covered)
    la a6, pg2
    PRIV_TEST_TRAP 54, PRV_U, CAUSE_LOAD_ACCESS, lw a0, 0(a6)
    TRAP_READ t5, TRAP_MTVAL
    CHECK_EQ_REG t5, a6

    # ---- X: fetches need it. ucode is a 4 KiB page of code (in .text)
    # whose X is taken away by entry 5 (R only); then it is given back
    PMP_BACKGROUND X
    la a6, ucode
    srli a1, a6, 2
    ori a1, a1, 0x1ff
    PRIV_PMP_ENTRY 5, a1, NAPOT | R
    .irp mode, PRV_S, PRV_U
    SET_TEST 60
    TRAP_ARM_RESUME 1f
    PRIV_ENTER \mode, ucode
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_FETCH_ACCESS
    TRAP_READ a0, TRAP_MTVAL
    CHECK_EQ_REG a0, a6
    TRAP_READ a0, TRAP_MEPC
    CHECK_EQ_REG a0, a6
    .endr
    # a jump into it from X code faults at the target
    SET_TEST 61
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_U, 2f
2:  jalr a6
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_FETCH_ACCESS
    TRAP_READ a0, TRAP_MEPC
    CHECK_EQ_REG a0, a6
    # with X the same code runs (it is `ecall`)
    PRIV_PMP_ENTRY 5, a1, NAPOT | X
    SET_TEST 62
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_U, ucode
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_ECALL_U
    TRAP_READ a0, TRAP_MEPC
    CHECK_EQ_REG a0, a6
    # and X alone does not allow loads from it
    DENY 63, PRV_U, CAUSE_LOAD_ACCESS, 0, lw a0, 0(a5)
    SET_TEST 64
    PRIV_TEST_TRAP 64, PRV_U, CAUSE_LOAD_ACCESS, lw a0, 0(a6)
    # ---- RWX on data (W without R is reserved: csr/pmp)
    PG_ADDR a1, 0x600
    PRIV_PMP_ENTRY 6, a1, NA4 | R | W | X
    OK 65, PRV_U, sw a0, 0x600(a5)
    OK 66, PRV_U, lw a0, 0x600(a5)

    # ---- M-mode is not bound by any of these: it loads and stores where
    # no entry allows it, and fetches from ucode without X
    PRIV_PMP_ENTRY 5, a1, NAPOT | R
    SET_TEST 70
    li a0, 0x77
    sw a0, 0x700(a5)
    lw a0, 0x700(a5)
    CHECK_EQ a0, 0x77
    SET_TEST 71
    TRAP_ARM_RESUME 1f
    jr a6
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_ECALL_M
TEST_END

.data
.p2align 12
pg:
    .space 4096
pg2:
    .space 16

.text
.p2align 12
ucode:
    ecall
    .space 4096 - 4
