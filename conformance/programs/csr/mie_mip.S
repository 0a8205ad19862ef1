# mie, mip, sie, sip (Privileged ISA 3.1.9, 4.1.3): mie has an enable for
# each of the six interrupts; in mip, MSIP, MTIP and MEIP are read-only
# (driven by the CLINT and the PLIC), SSIP, STIP (without Sstc) and SEIP
# are writable by M-mode; sie and sip show only the bits mideleg
# delegates, and through sip only SSIP is writable. MIE stays 0 and mie
# keeps the M-level enables off, so nothing is taken during these tests.
# SEIP reads as the OR of its software-written bit and the PLIC's
# S-context line (here UART0's transmitter-empty interrupt, source 10,
# enabled for context 1), but csrs/csrc on mip write back only the
# software bit: the line's value is never latched.
# Hypervisor bits (QEMU 7.2: 2, 6, 10, 12, 13) are masked out.

.equ CHECKED, 0xbbb
.equ ALL_IRQS, 0xaaa
.equ S_IRQS, 0x222
.equ UART_IER, 0x10000001

# UART0 raises its interrupt line (transmitter empty, IER.ETBEI = 1).
.macro RAISE_LINE
    li t0, UART_IER
    li t1, 2
    sb t1, 0(t0)
.endm

# The line falls; what the PLIC still holds pending (QEMU keeps a request
# until it is claimed) is claimed and completed. (Callers wait for SEIP.)
.macro LOWER_LINE
    li t0, UART_IER
    sb zero, 0(t0)
    li t0, PLIC_CLAIM1
    lw t1, 0(t0)
    beqz t1, .Lnone\@
    sw t1, 0(t0)
.Lnone\@:
.endm

TEST_BEGIN
    PRIV_PMP_OPEN
    # ---- mie: every enable is writable
    SET_TEST 1
    li a1, -1
    csrw mie, a1
    csrr a0, mie
    PRIV_CHECK_MASK a0, CHECKED, ALL_IRQS
    SET_TEST 2
    csrw mie, zero
    csrr a0, mie
    PRIV_CHECK_MASK a0, CHECKED, 0
    .irp bit, 1, 3, 5, 7, 9, 11
    SET_TEST 3
    li a1, 1 << \bit
    csrw mie, a1
    csrr a0, mie
    PRIV_CHECK_MASK a0, CHECKED, 1 << \bit
    .endr
    csrw mie, zero

    # ---- mip: MTIP is pending from reset (QEMU's mtimecmp resets to 0, so
    # mtime >= mtimecmp; rvjit does the same) and read-only
    SET_TEST 10
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_MTIP, MIP_MTIP
    li a1, MIP_MTIP
    csrc mip, a1
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_MTIP, MIP_MTIP
    # push mtimecmp to the far future: MTIP clears, and writing it stays 0
    SET_TEST 11
    li t0, CLINT_MTIMECMP
    li t1, -1
    sw t1, 4(t0)
    sw t1, 0(t0)
    li t2, 100
1:  csrr a0, mip
    andi a0, a0, MIP_MTIP
    beqz a0, 2f
    addi t2, t2, -1
    bnez t2, 1b
    FAIL
2:  li a1, MIP_MTIP
    csrs mip, a1
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_MTIP, 0
    # MSIP: follows the CLINT, not mip writes
    SET_TEST 12
    li a1, MIP_MSIP
    csrs mip, a1
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_MSIP, 0
    # MEIP: nothing is raised at the PLIC; writes do not set it
    SET_TEST 13
    li a1, MIP_MEIP
    csrs mip, a1
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_MEIP, 0
    # the S-level bits are writable, each on its own
    SET_TEST 14
    csrr a0, mip
    PRIV_CHECK_MASK a0, CHECKED, 0
    .irp bit, 1, 5, 9
    SET_TEST 15
    li a1, 1 << \bit
    csrw mip, a1
    csrr a0, mip
    PRIV_CHECK_MASK a0, CHECKED, 1 << \bit
    .endr
    SET_TEST 16
    li a1, -1
    csrw mip, a1
    csrr a0, mip
    PRIV_CHECK_MASK a0, CHECKED, S_IRQS
    csrw mip, zero
    csrr a0, mip
    PRIV_CHECK_MASK a0, CHECKED, 0
    # the software-visible MSIP does come from the CLINT
    SET_TEST 17
    li t0, CLINT_MSIP
    li t1, 1
    sw t1, 0(t0)
    li t2, 100
1:  csrr a0, mip
    andi a0, a0, MIP_MSIP
    bnez a0, 2f
    addi t2, t2, -1
    bnez t2, 1b
    FAIL
2:  li a1, MIP_MSIP
    csrc mip, a1
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_MSIP, MIP_MSIP
    sw zero, 0(t0)
    li t2, 100
1:  csrr a0, mip
    andi a0, a0, MIP_MSIP
    beqz a0, 2f
    addi t2, t2, -1
    bnez t2, 1b
    FAIL
2:

    # ---- sie/sip are mie/mip masked by mideleg
    SET_TEST 20
    csrw mideleg, zero
    li a1, S_IRQS
    csrw mie, a1
    csrw mip, a1
    csrr a0, sie
    PRIV_CHECK_MASK a0, CHECKED, 0
    csrr a0, sip
    PRIV_CHECK_MASK a0, CHECKED, 0
    SET_TEST 21
    li a1, MIP_SSIP | MIP_STIP
    csrw mideleg, a1
    csrr a0, sie
    PRIV_CHECK_MASK a0, CHECKED, MIP_SSIP | MIP_STIP
    csrr a0, sip
    PRIV_CHECK_MASK a0, CHECKED, MIP_SSIP | MIP_STIP
    SET_TEST 22
    li a1, S_IRQS
    csrw mideleg, a1
    csrr a0, sie
    PRIV_CHECK_MASK a0, CHECKED, S_IRQS
    csrr a0, sip
    PRIV_CHECK_MASK a0, CHECKED, S_IRQS
    # the M bits of mie never show in sie
    SET_TEST 23
    li a1, -1
    csrw mideleg, a1
    li a1, ALL_IRQS
    csrw mie, a1
    csrr a0, sie
    PRIV_CHECK_MASK a0, CHECKED, S_IRQS
    csrw mie, zero
    # writing sie changes only the delegated enables in mie
    SET_TEST 24
    li a1, MIP_STIP
    csrw mideleg, a1
    li a1, MIP_SSIP
    csrw mie, a1
    li a1, -1
    csrw sie, a1
    csrr a0, mie
    PRIV_CHECK_MASK a0, CHECKED, MIP_SSIP | MIP_STIP
    csrw sie, zero
    csrr a0, mie
    PRIV_CHECK_MASK a0, CHECKED, MIP_SSIP
    csrw mie, zero
    # through sip only SSIP is writable, and only when delegated
    SET_TEST 25
    csrw mip, zero
    li a1, S_IRQS
    csrw mideleg, a1
    li a1, -1
    csrw sip, a1
    csrr a0, mip
    PRIV_CHECK_MASK a0, CHECKED, MIP_SSIP
    csrw sip, zero
    csrr a0, mip
    PRIV_CHECK_MASK a0, CHECKED, 0
    SET_TEST 26
    li a1, MIP_STIP | MIP_SEIP
    csrw mideleg, a1
    li a1, MIP_SSIP
    csrs sip, a1
    csrr a0, mip
    PRIV_CHECK_MASK a0, CHECKED, 0
    # ...and clearing a non-delegated SSIP through sip does nothing
    SET_TEST 27
    li a1, MIP_SSIP
    csrw mip, a1
    csrc sip, a1
    csrr a0, mip
    PRIV_CHECK_MASK a0, CHECKED, MIP_SSIP
    csrw mip, zero

    # ---- S-mode uses sie and sip (nothing pending and enabled, so no
    # interrupt is taken there)
    SET_TEST 30
    li a1, MIP_SSIP | MIP_STIP
    csrw mideleg, a1
    csrw mie, zero
    PRIV_GOTO PRV_S
    li a1, -1
    csrw sie, a1
    csrr s1, sie
    csrw sie, zero
    li a1, MIP_SSIP
    csrs sip, a1
    csrr s2, sip
    csrc sip, a1
    csrr s3, sip
    PRIV_RETURN
    PRIV_CHECK_MASK s1, CHECKED, MIP_SSIP | MIP_STIP
    PRIV_CHECK_MASK s2, CHECKED, MIP_SSIP
    PRIV_CHECK_MASK s3, CHECKED, 0
    csrr a0, mie
    PRIV_CHECK_MASK a0, CHECKED, 0
    # mie and mip themselves are M-mode CSRs
    PRIV_TEST_TRAP_TVAL 31, PRV_S, CAUSE_ILLEGAL_INSN, 0x30402573, csrr a0, mie
    PRIV_TEST_TRAP_TVAL 32, PRV_S, CAUSE_ILLEGAL_INSN, 0x34459073, csrw mip, a1
    PRIV_TEST_TRAP_TVAL 33, PRV_U, CAUSE_ILLEGAL_INSN, 0x14402573, csrr a0, sip
    csrw mideleg, zero

    # ---- SEIP: software bit OR external line
    csrw mip, zero
    PLIC_ROUTE PLIC_SRC_UART, 1
    SET_TEST 40
    RAISE_LINE
    PRIV_WAIT_MIP MIP_SEIP, MIP_SEIP
    # a csrs of another bit does not latch the line's SEIP...
    li a1, MIP_SSIP
    csrs mip, a1
    # ...and a csrc of SEIP cannot clear the line's
    li a1, MIP_SEIP
    csrc mip, a1
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_SEIP | MIP_SSIP, MIP_SEIP | MIP_SSIP
    SET_TEST 41
    LOWER_LINE
    PRIV_WAIT_MIP MIP_SEIP, 0
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_SEIP | MIP_SSIP, MIP_SSIP
    # the software bit on its own stays when the line comes and goes
    SET_TEST 42
    li a1, MIP_SEIP
    csrs mip, a1
    RAISE_LINE
    LOWER_LINE
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_SEIP, MIP_SEIP
    # (and it was the software bit: clearing it clears SEIP)
    csrw mip, zero
    csrr a0, mip
    PRIV_CHECK_MASK a0, MIP_SEIP | MIP_SSIP, 0
    li t0, PLIC_ENABLE1
    sw zero, 0(t0)
TEST_END
