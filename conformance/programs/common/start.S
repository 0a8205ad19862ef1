# Start-up code, trap handlers and the pass/fail exits (see prelude.S).

.section .text.init, "ax"
.globl _start
_start:
    la t0, __trap_unexpected
    csrw mtvec, t0
    la sp, __stack_top
    li t0, MSTATUS_FS_INITIAL
    csrs mstatus, t0
    csrwi fcsr, 0
    li gp, 0
    j __test_begin

# PASS: on virt, "PASS" on the UART first (the runners require it, so an
# emulator cannot pass by exiting 0 without running the program).
__pass:
.if HAS_UART
    la a0, __msg_pass
    jal __puts
.endif
    li a0, 0
    j __exit

# FAIL: exit status gp, or 200 when gp is not a test number.
__fail:
    la t0, __fw
    sw a0, FW_SAVE_A0(t0)
    sw a1, FW_SAVE_A1(t0)
    sw a2, FW_SAVE_A2(t0)
    sw t5, FW_SAVE_T5(t0)
    sw t6, FW_SAVE_T6(t0)
.if HAS_UART
    la a0, __msg_fail
    jal __puts
    mv a0, gp
    jal __puthex
    la s0, __fw + FW_SAVE_A0
    la s1, __msg_regs
    li s2, 5
1:  mv a0, s1
    jal __puts
    lw a0, 0(s0)
    jal __puthex
    addi s0, s0, 4
    addi s1, s1, 5
    addi s2, s2, -1
    bnez s2, 1b
    li a0, '\n'
    jal __putc
.endif
    mv a0, gp
    addi t0, a0, -1
    li t1, 199
    bltu t0, t1, __exit
    li a0, 200
    j __exit

# Any trap that no TRAP_ARM expected: exit 224 + cause (240 + cause for
# interrupts).
.p2align 2
__trap_unexpected:
.if HAS_UART
    la a0, __msg_trap
    jal __puts
    csrr a0, mcause
    jal __puthex
    la a0, __msg_mepc
    jal __puts
    csrr a0, mepc
    jal __puthex
    la a0, __msg_mtval
    jal __puts
    csrr a0, mtval
    jal __puthex
    la a0, __msg_test
    jal __puts
    mv a0, gp
    jal __puthex
    li a0, '\n'
    jal __putc
.endif
    csrr t0, mcause
    andi a0, t0, 15
    addi a0, a0, 224
    bgez t0, __exit
    addi a0, a0, 16
    j __exit

# Ends the run with exit status a0.
__exit:
    MACHINE_EXIT
1:  j 1b

# The recording handler installed by TRAP_ARM; keeps every register.
.p2align 2
__trap_expected:
    csrw mscratch, t0
    la t0, __fw
    sw t1, FW_SAVE_T1(t0)
    sw t2, FW_SAVE_T2(t0)
    la t1, __trap_unexpected
    csrw mtvec, t1
    lw t1, TRAP_COUNT(t0)
    addi t1, t1, 1
    sw t1, TRAP_COUNT(t0)
    csrr t1, mtval
    sw t1, TRAP_MTVAL(t0)
    csrr t1, mepc
    sw t1, TRAP_MEPC(t0)
    csrr t2, mcause
    sw t2, TRAP_MCAUSE(t0)
    lw t2, FW_RESUME(t0)
    bnez t2, 2f
    csrr t2, mcause
    bltz t2, 1f
    # Skip the trapping instruction: 4 bytes if its low bits are 11, else 2.
    lhu t2, 0(t1)
    andi t2, t2, 3
    addi t1, t1, 2
    xori t2, t2, 3
    bnez t2, 1f
    addi t1, t1, 2
1:  csrw mepc, t1
    j 3f
2:  csrw mepc, t2
    li t1, MSTATUS_MPP
    csrs mstatus, t1
3:  lw t1, FW_SAVE_T1(t0)
    lw t2, FW_SAVE_T2(t0)
    csrr t0, mscratch
    mret

.if HAS_UART
# Writes the character in a0 to the UART. Clobbers t0, t1.
__putc:
    li t0, UART_BASE
1:  lbu t1, UART_LSR(t0)
    andi t1, t1, UART_LSR_THRE
    beqz t1, 1b
    sb a0, 0(t0)
    ret

# Writes the NUL-terminated string at a0. Clobbers a0, t0-t3.
__puts:
    mv t2, ra
    mv t3, a0
1:  lbu a0, 0(t3)
    beqz a0, 2f
    jal __putc
    addi t3, t3, 1
    j 1b
2:  mv ra, t2
    ret

# Writes a0 as 0x and eight hex digits. Clobbers a0, t0-t4.
__puthex:
    mv t2, ra
    mv t3, a0
    li a0, '0'
    jal __putc
    li a0, 'x'
    jal __putc
    li t4, 28
1:  srl a0, t3, t4
    andi a0, a0, 15
    addi a0, a0, '0'
    li t0, '9'
    ble a0, t0, 2f
    addi a0, a0, 'a' - '9' - 1
2:  jal __putc
    addi t4, t4, -4
    bgez t4, 1b
    mv ra, t2
    ret

.section .rodata
__msg_pass:
    .asciz "PASS\n"
__msg_fail:
    .asciz "FAIL: test "
__msg_regs:
    .asciz " a0="
    .asciz " a1="
    .asciz " a2="
    .asciz " t5="
    .asciz " t6="
__msg_trap:
    .asciz "FAIL: unexpected trap, mcause="
__msg_mepc:
    .asciz " mepc="
__msg_mtval:
    .asciz " mtval="
__msg_test:
    .asciz " test="
.endif

.data
.p2align 6
__fw:
    .space FW_SIZE
.p2align 3
__fp_scratch:
    .space 16

.bss
.p2align 4
__stack:
    .space 4096
__stack_top:

.text
