# Access faults (Privileged ISA 3.1.15, 3.6): loads (cause 5), stores and
# AMOs (7) and fetches (1) at physical addresses where nothing is mapped
# (outside RAM, between devices, the low "debug" hole) or where the device
# refuses the access size (the CLINT takes 4-byte accesses only); mtval is
# the faulting address, for a misaligned access the part that faulted; a
# faulting load leaves rd alone; a fetch fault reports the target in both
# mepc and mtval. The same from S and U (not delegated, PMP open).
# Not here: misaligned loads and stores are performed (rv32i/misaligned),
# and instruction-address-misaligned cannot happen with C (IALIGN = 16).
# A 4-byte instruction straddling the end of RAM faults with mepc = its
# start and mtval = the end of RAM (the part that faulted); QEMU 7.2
# aborts on it (an assertion in its translator), so that test is skipped
# when PRIV_IS_QEMU (s11 = 1).

.equ RAM_END, 0x88000000

# insn (using a5 = addr) must fault with cause and mtval = addr + off.
.macro FAULT n, cause, addr, off, insn:vararg
    SET_TEST \n
    li a5, \addr
    TEST_TRAP \n, \cause, \insn
    TRAP_READ a0, TRAP_MTVAL
    CHECK_EQ a0, (\addr) + (\off)
.endm

# An AMO at addr must fault with cause 7 (or 5 when PRIV_IS_QEMU), mtval =
# addr.
.macro AMO_FAULT n, addr, insn:vararg
    SET_TEST \n
    li a5, \addr
    TRAP_ARM
    \insn
    TRAP_DISARM
    TRAP_READ a0, TRAP_COUNT
    CHECK_EQ a0, 1
    TRAP_READ a0, TRAP_MTVAL
    CHECK_EQ a0, \addr
    TRAP_READ a0, TRAP_MCAUSE
    li t6, CAUSE_STORE_ACCESS
    beq a0, t6, .Lok\@
    beqz s11, __fail
    CHECK_EQ a0, CAUSE_LOAD_ACCESS
.Lok\@:
.endm

# A fetch from addr must fault: mepc = mtval = addr (jr from M-mode).
.macro FETCH_FAULT n, addr
    SET_TEST \n
    li a5, \addr
    TRAP_ARM_RESUME .Lback\@
    jr a5
.Lback\@:
    TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_FETCH_ACCESS
    TRAP_READ a0, TRAP_MTVAL
    CHECK_EQ a0, \addr
    TRAP_READ a0, TRAP_MEPC
    CHECK_EQ a0, \addr
.endm

TEST_BEGIN
    PRIV_PMP_OPEN
    PRIV_IS_QEMU s11
    # ---- loads
    FAULT 1, CAUSE_LOAD_ACCESS, 0x00000000, 0, lw a0, 0(a5)
    FAULT 2, CAUSE_LOAD_ACCESS, 0x00000100, 0, lw a0, 0(a5)
    FAULT 3, CAUSE_LOAD_ACCESS, 0x00200000, 0, lbu a0, 0(a5)
    FAULT 4, CAUSE_LOAD_ACCESS, 0x12000000, 0, lhu a0, 0(a5)
    FAULT 5, CAUSE_LOAD_ACCESS, RAM_END, 0, lw a0, 0(a5)
    FAULT 6, CAUSE_LOAD_ACCESS, RAM_END, 12, lh a0, 12(a5)
    FAULT 7, CAUSE_LOAD_ACCESS, 0xfffffffc, 0, lw a0, 0(a5)
    FAULT 8, CAUSE_LOAD_ACCESS, 0x10000100, 0, lw a0, 0(a5)
    FAULT 9, CAUSE_LOAD_ACCESS, RAM_END, 0, flw fa0, 0(a5)
    FAULT 10, CAUSE_LOAD_ACCESS, RAM_END, 0, fld fa0, 0(a5)
    FAULT 11, CAUSE_LOAD_ACCESS, RAM_END, 0, lr.w a0, (a5)
    # the CLINT takes only 4-byte accesses
    FAULT 12, CAUSE_LOAD_ACCESS, CLINT_MSIP, 0, lb a0, 0(a5)
    FAULT 13, CAUSE_LOAD_ACCESS, CLINT_MSIP, 0, lh a0, 0(a5)
    # misaligned across the end of RAM: the part outside faults
    FAULT 14, CAUSE_LOAD_ACCESS, RAM_END - 2, 2, lw a0, 0(a5)
    FAULT 15, CAUSE_LOAD_ACCESS, RAM_END - 1, 1, lhu a0, 0(a5)
    # rd keeps its value
    SET_TEST 16
    li a0, 0x5a5a
    li a5, RAM_END - 2
    TRAP_ARM
    lw a0, 0(a5)
    TRAP_DISARM
    CHECK_EQ a0, 0x5a5a

    # ---- stores and AMOs
    FAULT 20, CAUSE_STORE_ACCESS, 0x00000000, 0, sw a0, 0(a5)
    FAULT 21, CAUSE_STORE_ACCESS, 0x00200000, 0, sb a0, 0(a5)
    FAULT 22, CAUSE_STORE_ACCESS, RAM_END, 0, sw a0, 0(a5)
    FAULT 23, CAUSE_STORE_ACCESS, RAM_END, 8, sh a0, 8(a5)
    FAULT 24, CAUSE_STORE_ACCESS, 0xfffffffc, 0, sw a0, 0(a5)
    FAULT 25, CAUSE_STORE_ACCESS, RAM_END, 0, fsd fa0, 0(a5)
    FAULT 26, CAUSE_STORE_ACCESS, CLINT_MSIP, 0, sb a0, 0(a5)
    FAULT 27, CAUSE_STORE_ACCESS, RAM_END - 2, 2, sw a0, 0(a5)
    # AMOs report store/AMO access faults (7); QEMU 7.2 reports them as
    # load access faults (5), as it does for misaligned AMOs: accepted
    # there only
    AMO_FAULT 28, RAM_END, amoadd.w a0, a1, (a5)
    AMO_FAULT 29, RAM_END, amoswap.w a0, a1, (a5)
    AMO_FAULT 30, 0x00000000, amoor.w a0, a1, (a5)
    # the store right below the end still works
    SET_TEST 31
    li a5, RAM_END - 4
    li a1, 0x600dcafe
    sw a1, 0(a5)
    lw a0, 0(a5)
    CHECK_EQ a0, 0x600dcafe

    # ---- fetches
    FETCH_FAULT 40, 0x00000000
    FETCH_FAULT 41, 0x00000100
    FETCH_FAULT 42, RAM_END
    FETCH_FAULT 43, 0x00200000
    # the CLINT is not executable (QEMU 7.2 does execute from some other
    # devices, e.g. the UART, so those are not tested)
    FETCH_FAULT 44, CLINT_BASE
    # falling off the end of RAM after a 2-byte instruction: the fetch at
    # the end faults, mepc = mtval = the end
    SET_TEST 46
    li a5, RAM_END - 2
    li a1, 0x0001                   # c.nop
    sh a1, 0(a5)
    fence.i
    TRAP_ARM_RESUME 1f
    jr a5
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_FETCH_ACCESS
    TRAP_READ a0, TRAP_MTVAL
    CHECK_EQ a0, RAM_END
    TRAP_READ a0, TRAP_MEPC
    CHECK_EQ a0, RAM_END
    # a 4-byte instruction whose upper half is outside RAM (not on QEMU)
    SET_TEST 48
    bnez s11, 1f
    li a5, RAM_END - 2
    li a1, 0x0513                   # low half of addi a0, a0, 0
    sh a1, 0(a5)
    fence.i
    TRAP_ARM_RESUME 1f
    jr a5
1:  TRAP_DISARM
    bnez s11, 2f
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_FETCH_ACCESS
    TRAP_READ a0, TRAP_MTVAL
    CHECK_EQ a0, RAM_END
    TRAP_READ a0, TRAP_MEPC
    CHECK_EQ a0, RAM_END - 2
2:
    # a jal that jumps out: the link register is written (the jal retired)
    SET_TEST 47
    li a5, 0x100
    li ra, 0
    la s0, 2f
    TRAP_ARM_RESUME 1f
    jalr ra, 0(a5)
2:  nop
1:  TRAP_DISARM
    CHECK_EQ_REG ra, s0
    TRAP_READ a0, TRAP_MEPC
    CHECK_EQ a0, 0x100

    # ---- the same from S and U
    li a5, RAM_END
    PRIV_TEST_TRAP_TVAL 50, PRV_S, CAUSE_LOAD_ACCESS, RAM_END, lw a0, 0(a5)
    PRIV_TEST_TRAP_TVAL 51, PRV_U, CAUSE_LOAD_ACCESS, RAM_END, lw a0, 0(a5)
    PRIV_TEST_TRAP_TVAL 52, PRV_S, CAUSE_STORE_ACCESS, RAM_END, sw a0, 0(a5)
    PRIV_TEST_TRAP_TVAL 53, PRV_U, CAUSE_STORE_ACCESS, RAM_END, sw a0, 0(a5)
    li a5, 0
    PRIV_TEST_TRAP_TVAL 55, PRV_U, CAUSE_LOAD_ACCESS, 0, lw a0, 0(a5)
    # fetch faults from S and U: jump out of lower-mode code
    .irp mode, PRV_S, PRV_U
    SET_TEST 56
    li a5, RAM_END
    TRAP_ARM_RESUME 1f
    PRIV_ENTER \mode, 2f
2:  jr a5
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_FETCH_ACCESS
    TRAP_READ a0, TRAP_MTVAL
    CHECK_EQ a0, RAM_END
    TRAP_READ a0, TRAP_MEPC
    CHECK_EQ a0, RAM_END
    .endr
    # an mret straight to an unmapped address faults in the new mode
    SET_TEST 57
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_U, RAM_END
1:  TRAP_DISARM
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_FETCH_ACCESS
    TRAP_READ a0, TRAP_MEPC
    CHECK_EQ a0, RAM_END
TEST_END
