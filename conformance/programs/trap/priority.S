# Interrupt priority (Privileged ISA 3.1.9): with several interrupts
# pending and enabled, M-level ones are taken before S-level ones, and
# within a level the order is MEI > MSI > MTI > SEI > SSI > STI.
# Sources: MEI from the PLIC (UART0's transmitter-empty interrupt, source
# 10, enabled for context 0 = hart 0 M-mode), MSI from the CLINT msip, MTI
# from mtimecmp = 0, SEI/SSI/STI written into mip by M-mode (Sstc off).
# Each interrupt is cleared at its source after it is taken, and the next
# one is expected.
# QEMU 7.2 (without AIA) takes the lowest-numbered pending interrupt
# instead (SSI, MSI, STI, MTI, SEI, MEI), M-level ones still before
# delegated ones: when PRIV_IS_QEMU, that order is expected instead of the
# spec's (the tables below; s7 walks the table in use, s11 = 1 on QEMU).
#
# s_handler (S-mode) copies scause to s2 and leaves with ecall.

.equ UART_IER, 0x10000001

# M-mode sets MIE and must take an interrupt: the next one of the table
# at s7 (s7 advances; a0 = the code taken), which is then cleared.
.macro TAKE_M n
    SET_TEST \n
    PRIV_IRQ_ARM_RESUME .Lback\@
    li t0, MSTATUS_MIE
    csrs mstatus, t0
.Lspin\@:
    j .Lspin\@
.Lback\@:
    TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    lw t6, 0(s7)
    addi s7, s7, 4
    li t5, CAUSE_IRQ
    or t6, t6, t5
    CHECK_EQ_REG a0, t6
    CLEAR_CODE a0
.endm

# Clears the source of the interrupt whose mcause/scause is in reg.
.macro CLEAR_CODE reg
    andi \reg, \reg, 15
    li t0, IRQ_MEI
    bne \reg, t0, .Lc1\@
    CLEAR_MEI
    j .Lcd\@
.Lc1\@:
    li t0, IRQ_MSI
    bne \reg, t0, .Lc2\@
    PRIV_SET_MSIP 0
    j .Lcd\@
.Lc2\@:
    li t0, IRQ_MTI
    bne \reg, t0, .Lc3\@
    PRIV_TIMER_OFF
    j .Lcd\@
.Lc3\@:
    li t0, 1
    sll t0, t0, \reg
    csrc mip, t0
.Lcd\@:
.endm

# S-mode runs with SIE = 1; the interrupt taken must be the next one of
# the table at s7, to M (tom = 1) or to S (tom = 0); it is then cleared.
.macro TAKE_IN_S n, tom
    SET_TEST \n
    li t0, MSTATUS_SIE
    csrs mstatus, t0
    li t0, MSTATUS_MPIE
    csrc mstatus, t0
    li s2, 0
    .if \tom
    PRIV_IRQ_ARM_RESUME .Lback\@
    .else
    TRAP_ARM_RESUME .Lback\@
    .endif
    PRIV_ENTER PRV_S, .Lspin\@
.Lspin\@:
    j .Lspin\@
.Lback\@:
    TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    .if \tom == 0
    CHECK_EQ a0, CAUSE_ECALL_S
    mv a0, s2
    .endif
    lw t6, 0(s7)
    addi s7, s7, 4
    li t5, CAUSE_IRQ
    or t6, t6, t5
    CHECK_EQ_REG a0, t6
    li t0, MSTATUS_SIE
    csrc mstatus, t0
    CLEAR_CODE a0
.endm

# s7 = the spec's table `name`, or QEMU's (name_qemu) when s11 = 1.
.macro ORDER name
    la s7, \name
    beqz s11, .Lspec\@
    la s7, \name\()_qemu
.Lspec\@:
.endm

.macro RAISE_ALL
    # MSI
    li t0, CLINT_MSIP
    li t1, 1
    sw t1, 0(t0)
    # MTI
    li t0, CLINT_MTIMECMP
    sw zero, 0(t0)
    sw zero, 4(t0)
    # SEI, SSI, STI
    li t1, MIP_SEIP | MIP_SSIP | MIP_STIP
    csrs mip, t1
    # MEI: the UART line rises (the PLIC is set up already)
    li t0, UART_IER
    li t1, 2
    sb t1, 0(t0)
    PRIV_WAIT_MIP 0xaaa, 0xaaa
.endm

.macro CLEAR_MEI
    # the line falls, then claim and complete what is pending (QEMU's
    # PLIC keeps a request pending until it is claimed; rvjit's follows
    # the line, so its claim may find nothing: 0 is not completed)
    li t0, UART_IER
    sb zero, 0(t0)
    li t0, PLIC_CLAIM0
    lw t1, 0(t0)
    beqz t1, .Lnone\@
    sw t1, 0(t0)
.Lnone\@:
    PRIV_WAIT_MIP MIP_MEIP, 0
.endm

TEST_BEGIN
    PRIV_PMP_OPEN
    PRIV_IS_QEMU s11
    la a0, s_handler
    csrw stvec, a0
    PRIV_IRQS_OFF
    csrw menvcfgh, zero
    # PLIC: source 10 priority 1, enabled for context 0 with threshold 0;
    # the UART raises its line when IER.ETBEI is set while its
    # transmitter is empty (set up before the line rises)
    PLIC_ROUTE PLIC_SRC_UART, 0

    # ---- everything pending, nothing delegated: the full order in M
    RAISE_ALL
    li a1, 0xaaa
    csrw mie, a1
    ORDER all
    TAKE_M 1
    TAKE_M 2
    TAKE_M 3
    TAKE_M 4
    TAKE_M 5
    TAKE_M 6
    # nothing left
    SET_TEST 7
    csrr a0, mip
    PRIV_CHECK_MASK a0, 0xaaa, 0
    li t0, MSTATUS_MIE
    csrs mstatus, t0
    nop
    nop
    csrc mstatus, t0

    # ---- mie masks: with MSIE and MTIE clear, MSI and MTI wait
    RAISE_ALL
    li a1, MIP_MEIP | MIP_SEIP | MIP_SSIP | MIP_STIP
    csrw mie, a1
    ORDER masked
    TAKE_M 10
    TAKE_M 11
    TAKE_M 12
    TAKE_M 13
    SET_TEST 14
    csrr a0, mip
    PRIV_CHECK_MASK a0, 0xaaa, MIP_MSIP | MIP_MTIP
    PRIV_SET_MSIP 0
    PRIV_TIMER_OFF

    # ---- S-level interrupts delegated, S-mode running with SIE = 1:
    # the M-level ones still come first (to M), then SEI > SSI > STI in S
    RAISE_ALL
    li a1, MIP_SEIP | MIP_SSIP | MIP_STIP
    csrw mideleg, a1
    li a1, 0xaaa
    csrw mie, a1
    ORDER deleg
    TAKE_IN_S 20, 1
    TAKE_IN_S 21, 1
    TAKE_IN_S 22, 1
    TAKE_IN_S 23, 0
    TAKE_IN_S 24, 0
    TAKE_IN_S 25, 0
    # ---- delegated ones wait while M-mode runs, even with MIE = 1
    SET_TEST 26
    li a1, MIP_SEIP | MIP_SSIP | MIP_STIP
    csrs mip, a1
    li t0, MSTATUS_MIE
    csrs mstatus, t0
    nop
    nop
    csrc mstatus, t0
    csrc mip, a1

    # tidy up: nothing enabled
    li t0, PLIC_ENABLE0
    sw zero, 0(t0)
    csrw mie, zero
    csrw mideleg, zero
TEST_END

.p2align 2
s_handler:
    csrr s2, scause
    ecall

.data
.p2align 2
all:
    .word IRQ_MEI, IRQ_MSI, IRQ_MTI, IRQ_SEI, IRQ_SSI, IRQ_STI
all_qemu:
    .word IRQ_SSI, IRQ_MSI, IRQ_STI, IRQ_MTI, IRQ_SEI, IRQ_MEI
deleg:
    .word IRQ_MEI, IRQ_MSI, IRQ_MTI, IRQ_SEI, IRQ_SSI, IRQ_STI
deleg_qemu:
    .word IRQ_MSI, IRQ_MTI, IRQ_MEI, IRQ_SSI, IRQ_STI, IRQ_SEI
masked:
    .word IRQ_MEI, IRQ_SEI, IRQ_SSI, IRQ_STI
masked_qemu:
    .word IRQ_SSI, IRQ_STI, IRQ_SEI, IRQ_MEI
