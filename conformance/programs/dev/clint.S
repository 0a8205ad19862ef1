# The CLINT at 0x02000000 through its registers: mtime (+0xbff8) counts up
# and agrees with the time CSR; mtimecmp (+0x4000) keeps both 32-bit halves;
# mip.MTIP is set exactly while mtime >= mtimecmp, wakes WFI and is taken as
# a machine timer interrupt; msip (+0x0) has one writable bit, which drives
# mip.MSIP and is taken as a machine software interrupt; mtime is writable
# (the carry from the low half reaches the high half). Registers take
# 32-bit accesses (QEMU and rvjit raise access faults for bytes).
TEST_BEGIN
    li s0, CLINT_MSIP
    li s1, CLINT_MTIMECMP
    li s2, CLINT_MTIME

    # READ_MTIME lo, hi: a consistent 64-bit read (hi, lo, hi again).
    .macro READ_MTIME lo, hi
.Lagain\@:
    lw \hi, 4(s2)
    lw \lo, 0(s2)
    lw t0, 4(s2)
    bne t0, \hi, .Lagain\@
    .endm
    # SET_CMP lo, hi: mtimecmp = {hi, lo} without a spurious early match.
    .macro SET_CMP lo, hi
    li t0, -1
    sw t0, 4(s1)
    sw \lo, 0(s1)
    sw \hi, 4(s1)
    .endm
    # LE64 alo, ahi, blo, bhi: FAIL unless {ahi,alo} <= {bhi,blo} (unsigned).
    .macro LE64 alo, ahi, blo, bhi
    bltu \ahi, \bhi, .Lok\@
    bne \ahi, \bhi, .Lbad\@
    bleu \alo, \blo, .Lok\@
.Lbad\@:
    FAIL
.Lok\@:
    .endm

    # ---- mtime counts up.
    SET_TEST 1
    READ_MTIME s3, s4
    li t1, 20000
1:  addi t1, t1, -1
    bnez t1, 1b
    READ_MTIME s5, s6
    LE64 s3, s4, s5, s6
    SET_TEST 2
    bne s3, s5, 1f              # strictly: it moved
    FAIL
1:
    # ---- the time CSR reads the same clock.
    SET_TEST 3
    READ_MTIME s3, s4
1:  rdtimeh a1
    rdtime a0
    rdtimeh t0
    bne t0, a1, 1b
    READ_MTIME s5, s6
    LE64 s3, s4, a0, a1
    LE64 a0, a1, s5, s6

    # ---- mtimecmp keeps both halves.
    SET_TEST 10
    li t1, 0x12345678
    li t2, 0x9abcdef0
    SET_CMP t1, t2
    lw a0, 0(s1)
    CHECK_EQ a0, 0x12345678
    lw a0, 4(s1)
    CHECK_EQ a0, 0x9abcdef0
    PRIV_CHECK_MIP 11, MIP_MTIP, 0  # far in the future
    li t1, -1
    SET_CMP t1, t1
    PRIV_CHECK_MIP 12, MIP_MTIP, 0
    SET_CMP zero, zero
    PRIV_CHECK_MIP 13, MIP_MTIP, MIP_MTIP  # in the past
    SET_TEST 14                 # exactly now (or just passed)
    READ_MTIME a1, a2
    SET_CMP a1, a2
    PRIV_CHECK_MIP 14, MIP_MTIP, MIP_MTIP
    SET_TEST 15                 # 5 ms ahead: not yet, then it comes
    READ_MTIME a1, a2
    li t1, 50000
    add a3, a1, t1
    sltu t1, a3, a1
    add a4, a2, t1
    SET_CMP a3, a4
    csrr a0, mip                # MTIP must be clear, unless the host
    andi a0, a0, MIP_MTIP       # stalled us for 5 ms (then mtime has
    beqz a0, 1f                 # passed mtimecmp and no judgement is
    READ_MTIME a5, a6           # possible)
    LE64 a3, a4, a5, a6
1:  SET_TEST 16
    li t1, 20000000             # give up 2 s later (mtime is small: no
    add t2, a3, t1              # carry to worry about)
1:  csrr a0, mip
    andi a0, a0, MIP_MTIP
    bnez a0, 2f
    READ_MTIME a5, a6
    bltu a5, t2, 1b
    FAIL
2:  SET_TEST 17                 # and mtime has reached mtimecmp
    READ_MTIME a5, a6
    LE64 a3, a4, a5, a6

    # ---- WFI wakes on MTIP with interrupts globally off.
    SET_TEST 20
    li t1, -1
    SET_CMP t1, t1
    li t0, MIP_MTIP
    csrs mie, t0
    READ_MTIME a1, a2
    li t1, 20000
    add a3, a1, t1
    sltu t1, a3, a1
    add a4, a2, t1
    SET_CMP a3, a4
    wfi
    READ_MTIME a5, a6           # WFI may return early (it is a hint):
    csrr a0, mip                # wait for MTIP by polling then
    andi a0, a0, MIP_MTIP
    bnez a0, 2f
    li t1, 20000000
    add t2, a5, t1
1:  csrr a0, mip
    andi a0, a0, MIP_MTIP
    bnez a0, 2f
    READ_MTIME a5, a6
    bltu a5, t2, 1b
    FAIL
2:
    # ---- the timer interrupt is taken; the handler moves mtimecmp away.
    SET_TEST 21
    la t0, clint_isr
    csrw mtvec, t0
    la s7, isr_data
    csrsi mstatus, MSTATUS_MIE
    li t1, 1000000
1:  lw a0, 0(s7)
    bnez a0, 2f
    addi t1, t1, -1
    bnez t1, 1b
    FAIL
2:  csrci mstatus, MSTATUS_MIE
    SET_TEST 22
    lw a0, 0(s7)
    CHECK_EQ a0, 1
    lw a0, 4(s7)
    CHECK_EQ a0, 0x80000007
    PRIV_CHECK_MIP 23, MIP_MTIP, 0
    li t0, MIP_MTIP
    csrc mie, t0

    # ---- msip: one bit.
    SET_TEST 30
    lw a0, 0(s0)
    CHECK_EQ a0, 0
    PRIV_CHECK_MIP 31, MIP_MSIP, 0
    li t0, 1
    sw t0, 0(s0)
    PRIV_CHECK_MIP 32, MIP_MSIP, MIP_MSIP
    SET_TEST 33
    lw a0, 0(s0)
    CHECK_EQ a0, 1
    sw zero, 0(s0)
    PRIV_CHECK_MIP 34, MIP_MSIP, 0
    SET_TEST 35
    li t0, -1
    sw t0, 0(s0)
    lw a0, 0(s0)
    CHECK_EQ a0, 1
    SET_TEST 36
    li t0, 2
    sw t0, 0(s0)
    lw a0, 0(s0)
    CHECK_EQ a0, 0
    PRIV_CHECK_MIP 37, MIP_MSIP, 0
    SET_TEST 38                 # mip.MSIP is read-only in the CSR
    li t0, MIP_MSIP
    csrs mip, t0
    PRIV_CHECK_MIP 38, MIP_MSIP, 0
    SET_TEST 39                 # taken as a machine software interrupt
    sw zero, 0(s7)
    li t0, MIP_MSIP
    csrs mie, t0
    csrsi mstatus, MSTATUS_MIE
    li t0, 1
    sw t0, 0(s0)
    li t1, 100000
1:  lw a0, 0(s7)
    bnez a0, 2f
    addi t1, t1, -1
    bnez t1, 1b
    FAIL
2:  csrci mstatus, MSTATUS_MIE
    li t0, MIP_MSIP
    csrc mie, t0
    TRAP_DISARM
    SET_TEST 40
    lw a0, 0(s7)
    CHECK_EQ a0, 1
    lw a0, 4(s7)
    CHECK_EQ a0, 0x80000003
    lw a0, 0(s0)
    CHECK_EQ a0, 0

    # ---- byte accesses fault.
    TEST_TRAP 50, CAUSE_LOAD_ACCESS, lb a0, 0(s2)
    TEST_TRAP 51, CAUSE_STORE_ACCESS, sb zero, 0(s0)
    TEST_TRAP 52, CAUSE_LOAD_ACCESS, lhu a0, 0(s1)

    # ---- mtime is writable; the low half carries into the high half.
    SET_TEST 60                 # mtime = 5:0x80000000 (the carry is
    li t0, 0x80000000           # minutes away)
    sw t0, 0(s2)
    li t0, 5
    sw t0, 4(s2)
    READ_MTIME a0, a1
    CHECK_EQ a1, 5
    SET_TEST 61
    li t0, 0x80000000
    bgeu a0, t0, 1f
    FAIL
1:  SET_TEST 62                 # low half 0xffff0000: 6.5 ms later the
    li t0, 0xffff0000           # high half is 6
    sw t0, 0(s2)
    li t1, 100000000
1:  lw a1, 4(s2)
    li t0, 6
    beq a1, t0, 2f
    addi t1, t1, -1
    bnez t1, 1b
    FAIL
2:  SET_TEST 63
    rdtimeh a0
    CHECK_EQ a0, 6
    TEST_END

# Interrupt handler: count, mcause; a timer interrupt moves mtimecmp to the
# end of time, a software interrupt clears msip. Keeps every register.
.p2align 2
clint_isr:
    csrw mscratch, t0
    la t0, isr_data
    sw t1, 8(t0)
    lw t1, 0(t0)
    addi t1, t1, 1
    sw t1, 0(t0)
    csrr t1, mcause
    sw t1, 4(t0)
    slli t1, t1, 1
    li t0, 3 << 1
    beq t1, t0, 1f
    li t0, CLINT_MTIMECMP       # timer: mtimecmp = all ones
    li t1, -1
    sw t1, 4(t0)
    sw t1, 0(t0)
    j 2f
1:  li t0, CLINT_MSIP           # software: msip = 0
    sw zero, 0(t0)
2:  la t0, isr_data
    lw t1, 8(t0)
    csrr t0, mscratch
    mret

.data
.p2align 2
isr_data:
    .space 16
