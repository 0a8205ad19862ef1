# The NS16550A UART at 0x10000000 through its registers, as a driver sees
# it: reset values (LSR THRE|TEMT, IER 0, IIR "no interrupt", LCR 0, SCR 0,
# MSR with DCD, DSR, CTS), the scratch and line-control registers, the
# divisor latch behind LCR.DLAB, IER and the THR-empty interrupt identity,
# FIFO enable in IIR, a line printed through THR (the runner checks the
# output), and loopback (MCR bit 4): transmitted bytes come back with LSR.DR,
# MSR mirrors MCR, overruns set LSR.OE, the FIFO holds 16 bytes with its
# trigger level, and a received byte raises PLIC source 10, taken as a
# machine external interrupt and claimed through context 0.
# expect-output: dev/uart: hello from the guest
TEST_BEGIN
    .equ U_RBR, 0
    .equ U_IER, 1
    .equ U_IIR, 2
    .equ U_FCR, 2
    .equ U_LCR, 3
    .equ U_MCR, 4
    .equ U_LSR, 5
    .equ U_MSR, 6
    .equ U_SCR, 7
    li s0, UART_BASE

    # UREG n, reg, value: FAIL unless the register reads value.
    .macro UREG n, reg, value
    SET_TEST \n
    lbu a0, \reg(s0)
    CHECK_EQ a0, \value
    .endm
    .macro UWR reg, value
    li t0, \value
    sb t0, \reg(s0)
    .endm

    # ---- reset values.
    UREG 1, U_LSR, 0x60
    UREG 2, U_IER, 0
    UREG 3, U_IIR, 0x01
    UREG 4, U_LCR, 0
    UREG 5, U_SCR, 0
    UREG 6, U_MSR, 0xb0

    # ---- scratch and line control.
    UWR U_SCR, 0xa5
    UREG 10, U_SCR, 0xa5
    UWR U_SCR, 0x5a
    UREG 11, U_SCR, 0x5a
    UWR U_LCR, 0x1f             # 8 bits, 2 stop bits, even parity
    UREG 12, U_LCR, 0x1f
    UWR U_LCR, 0x03             # 8N1
    UREG 13, U_LCR, 0x03

    # ---- the divisor latch (DLAB) hides RBR/THR and IER.
    UWR U_IER, 0x01
    UWR U_LCR, 0x83
    UWR U_RBR, 0x0c             # DLL: nothing is transmitted
    UWR U_IER, 0x00             # DLM
    UREG 20, U_RBR, 0x0c
    UREG 21, U_IER, 0x00
    UWR U_IER, 0x01
    UREG 22, U_IER, 0x01
    UWR U_IER, 0x00
    UREG 23, U_LCR, 0x83
    UWR U_LCR, 0x03
    UREG 24, U_IER, 0x01        # IER kept its own value
    UREG 25, U_LSR, 0x60        # nothing was sent or received
    UWR U_IER, 0x00

    # ---- IER keeps four bits; ETBEI raises the THR-empty identity, which
    #      a read of IIR clears.
    UWR U_IER, 0xf0
    UREG 30, U_IER, 0x00
    UWR U_IER, 0x02
    UREG 31, U_IER, 0x02
    UREG 32, U_IIR, 0x02
    UREG 33, U_IIR, 0x01
    UWR U_IER, 0x00

    # ---- FIFO enable shows in IIR bits 7:6.
    UWR U_FCR, 0x07
    UREG 35, U_IIR, 0xc1
    UWR U_FCR, 0x00
    UREG 36, U_IIR, 0x01

    # ---- print a line through THR, waiting for THRE before each byte.
    SET_TEST 40
    la s1, hello
1:  lbu a1, 0(s1)
    beqz a1, 3f
    li t1, 100000
2:  lbu a0, U_LSR(s0)
    andi a0, a0, 0x20
    addi t1, t1, -1
    beqz t1, 9f                 # THRE never came back
    beqz a0, 2b
    sb a1, U_RBR(s0)
    addi s1, s1, 1
    j 1b
9:  FAIL
3:  SET_TEST 41                 # the transmitter drains: TEMT and THRE
    li t1, 100000
4:  lbu a0, U_LSR(s0)
    andi a0, a0, 0x60
    li t0, 0x60
    beq a0, t0, 5f
    addi t1, t1, -1
    bnez t1, 4b
    FAIL
5:

    # ---- loopback: MSR mirrors MCR (DTR->DSR, RTS->CTS, OUT1->RI,
    #      OUT2->DCD).
    UWR U_MCR, 0x10
    UREG 50, U_MCR, 0x10
    UREG 51, U_MSR, 0x00
    UWR U_MCR, 0x11
    UREG 52, U_MSR, 0x20
    UWR U_MCR, 0x12
    UREG 53, U_MSR, 0x10
    UWR U_MCR, 0x14
    UREG 54, U_MSR, 0x40
    UWR U_MCR, 0x18
    UREG 55, U_MSR, 0x80
    UWR U_MCR, 0x1f
    UREG 56, U_MSR, 0xf0
    UWR U_MCR, 0x10

    # ---- loopback without FIFO: a byte comes back with DR.
    UREG 60, U_LSR, 0x60
    UWR U_RBR, 'A'
    UREG 61, U_LSR, 0x61
    UREG 62, U_RBR, 'A'
    UREG 63, U_LSR, 0x60
    UWR U_RBR, 'B'              # a second byte before the first is read:
    UWR U_RBR, 'C'              # overrun, the holding register takes 'C'
    UREG 64, U_LSR, 0x63
    UREG 65, U_LSR, 0x61        # reading LSR cleared OE
    UREG 66, U_RBR, 'C'
    UREG 67, U_LSR, 0x60

    # ---- loopback with the FIFO: 16 bytes, the 17th overruns and is lost.
    UWR U_FCR, 0x07
    SET_TEST 70
    li a1, 'a'
1:  sb a1, U_RBR(s0)
    addi a1, a1, 1
    li t0, 'a' + 17
    bne a1, t0, 1b
    UREG 71, U_LSR, 0x63
    SET_TEST 72
    li a1, 'a'
1:  lbu a0, U_LSR(s0)
    andi a0, a0, 1
    CHECK_EQ a0, 1
    lbu a0, U_RBR(s0)
    CHECK_EQ_REG a0, a1
    addi a1, a1, 1
    li t0, 'a' + 16
    bne a1, t0, 1b
    UREG 73, U_LSR, 0x60

    # ---- received-data identity: FIFO trigger level 4.
    UWR U_FCR, 0x47             # trigger 4, clear both FIFOs
    UWR U_IER, 0x01
    UWR U_RBR, '1'
    UWR U_RBR, '2'
    UWR U_RBR, '3'
    UREG 80, U_LSR, 0x61
    SET_TEST 81                 # below the trigger: no RDI (IIR is 0xc1
    lbu a0, U_IIR(s0)           # or, if time passed, the timeout 0xcc)
    li t0, 0xc4
    bne a0, t0, 1f
    FAIL
1:  UWR U_RBR, '4'
    UREG 82, U_IIR, 0xc4        # at the trigger: received data available
    UREG 83, U_RBR, '1'
    SET_TEST 84                 # 3 left, below the trigger again: after
    li t1, 0x0200bff8           # a few character times, the character
    lw t2, 0(t1)                # timeout (0xcc) is reported (waiting up
    li t0, 20000000             # to 2 s of mtime)
    add t2, t2, t0
1:  lbu a0, U_IIR(s0)
    li t0, 0xcc
    beq a0, t0, 2f
    lw t0, 0(t1)
    sub t0, t2, t0
    bgtz t0, 1b
    FAIL
2:  UREG 85, U_RBR, '2'         # reading RBR clears the timeout
    UREG 86, U_RBR, '3'
    UREG 87, U_RBR, '4'
    UREG 88, U_IIR, 0xc1
    UREG 89, U_LSR, 0x60
    UWR U_IER, 0x00
    UWR U_FCR, 0x00

    # ---- a received byte interrupts through PLIC source 10, context 0.
    # The THR-empty and received-data identities above were requests the
    # PLIC latched (a request stays pending until claimed, PLIC spec): a
    # driver drains them first, claiming and completing until claim reads 0.
    SET_TEST 90
    PLIC_ROUTE PLIC_SRC_UART, 0
    PLIC_DRAIN 0
    SET_TEST 98
    la t0, uart_isr
    csrw mtvec, t0
    li t0, MIP_MEIP
    csrs mie, t0
    csrsi mstatus, MSTATUS_MIE
    UWR U_IER, 0x01             # received-data interrupt on
    UWR U_RBR, 'Z'
    la s1, isr_data
    li t1, 100000
1:  lw a0, 0(s1)                # wait for the handler
    bnez a0, 2f
    addi t1, t1, -1
    bnez t1, 1b
    FAIL
2:  csrci mstatus, MSTATUS_MIE
    SET_TEST 91
    lw a0, 0(s1)
    CHECK_EQ a0, 1              # taken once
    SET_TEST 92
    lw a0, 4(s1)
    CHECK_EQ a0, 0x8000000b     # machine external interrupt
    SET_TEST 93
    lw a0, 8(s1)
    CHECK_EQ a0, 10             # claimed source 10
    SET_TEST 94
    lw a0, 12(s1)
    CHECK_EQ a0, 'Z'
    UREG 95, U_LSR, 0x60
    UREG 96, U_IIR, 0x01
    PRIV_CHECK_MIP 97, MIP_MEIP, 0
    TRAP_DISARM
    li t0, MIP_MEIP
    csrc mie, t0
    UWR U_IER, 0x00
    UWR U_MCR, 0x00
    TEST_END

# Machine external interrupt: count it, record mcause, claim, read RBR,
# complete. Keeps every register.
.p2align 2
uart_isr:
    PLIC_UART_ISR isr_data

.data
hello:
    .asciz "dev/uart: hello from the guest\r\n"
.p2align 2
isr_data:
    .space 24
