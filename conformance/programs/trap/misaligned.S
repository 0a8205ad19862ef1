# Address-misaligned exceptions (Privileged ISA 3.1.15; A extension): plain
# loads and stores at misaligned addresses are performed (the spec lets
# an implementation trap or emulate them; QEMU 7.2 and rvjit perform
# them, in every mode); LR, SC and AMOs must be naturally aligned: lr.w
# raises load address misaligned (4), sc.w and AMOs store/AMO address
# misaligned (6), with mtval = the address and nothing written; these
# causes are delegable. Instruction-address-misaligned (0) cannot happen
# with C (IALIGN = 16).
# QEMU 7.2 reports misaligned AMOs with cause 4 and lets a misaligned sc.w
# fail without a trap: those two are accepted only when PRIV_IS_QEMU
# (s11 = 1).

.macro ATOMIC_TRAP n, mode, cause, insn:vararg
    SET_TEST \n
    li a0, 0x5a5a
    TRAP_ARM_RESUME .Ldone\@
    PRIV_ENTER \mode, .Lrun\@
.Lrun\@:
    \insn
    ecall
.Ldone\@:
    TRAP_DISARM
    TRAP_READ t5, TRAP_MCAUSE
    li t6, \cause
    beq t5, t6, .Lcause\@
    beqz s11, __fail
    .if \cause == CAUSE_MISALIGNED_STORE
    # QEMU: an AMO reports 4, an sc.w does not trap (rd = 1)
    li t6, CAUSE_MISALIGNED_LOAD
    beq t5, t6, .Lcause\@
    CHECK_EQ a0, 1
    j .Lend\@
    .else
    FAIL
    .endif
.Lcause\@:
    TRAP_READ t5, TRAP_MTVAL
    CHECK_EQ_REG t5, a1
    CHECK_EQ a0, 0x5a5a
.Lend\@:
    lw t5, 0(s0)
    CHECK_EQ t5, 0x11223344
    lw t5, 4(s0)
    CHECK_EQ t5, 0x55667788
.endm

TEST_BEGIN
    PRIV_PMP_OPEN
    PRIV_IS_QEMU s11
    la s0, mdat
    li a2, 0x11223344
    sw a2, 0(s0)
    li a2, 0x55667788
    sw a2, 4(s0)
    li a2, -1

    # ---- plain accesses are performed, in M, S and U
    SET_TEST 1
    lw a0, 1(s0)
    CHECK_EQ a0, 0x88112233
    lh a0, 3(s0)
    CHECK_EQ a0, 0xffff8811
    .irp mode, PRV_S, PRV_U
    SET_TEST 2
    PRIV_GOTO \mode
    lw s1, 2(s0)
    lhu s2, 5(s0)
    sh s2, 9(s0)
    lw s3, 8(s0)
    PRIV_RETURN
    CHECK_EQ s1, 0x77881122
    CHECK_EQ s2, 0x6677
    PRIV_CHECK_MASK s3, 0x00ffff00, 0x00667700
    .endr

    # ---- LR, SC, AMOs
    .irp mode, PRV_M, PRV_S, PRV_U
    addi a1, s0, 2
    ATOMIC_TRAP 10, \mode, CAUSE_MISALIGNED_LOAD, lr.w a0, (a1)
    addi a1, s0, 1
    ATOMIC_TRAP 11, \mode, CAUSE_MISALIGNED_LOAD, lr.w a0, (a1)
    addi a1, s0, 3
    ATOMIC_TRAP 12, \mode, CAUSE_MISALIGNED_STORE, sc.w a0, a2, (a1)
    addi a1, s0, 2
    ATOMIC_TRAP 13, \mode, CAUSE_MISALIGNED_STORE, amoswap.w a0, a2, (a1)
    addi a1, s0, 1
    ATOMIC_TRAP 14, \mode, CAUSE_MISALIGNED_STORE, amoadd.w a0, a2, (a1)
    addi a1, s0, 3
    ATOMIC_TRAP 15, \mode, CAUSE_MISALIGNED_STORE, amomaxu.w a0, a2, (a1)
    .endr

    # ---- delegated to S: scause 4 from an lr.w in U, stval = the address
    SET_TEST 20
    li a1, 1 << CAUSE_MISALIGNED_LOAD
    csrw medeleg, a1
    la a0, s_handler
    csrw stvec, a0
    addi a1, s0, 2
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_U, 2f
2:  lr.w a0, (a1)
1:  TRAP_DISARM
    csrw medeleg, zero
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_ECALL_S
    CHECK_EQ s2, CAUSE_MISALIGNED_LOAD
    CHECK_EQ_REG s3, a1
    # and cause 6 from an AMO (not on QEMU, which reports 4)
    SET_TEST 21
    bnez s11, 3f
    li a1, 1 << CAUSE_MISALIGNED_STORE
    csrw medeleg, a1
    addi a1, s0, 1
    TRAP_ARM_RESUME 1f
    PRIV_ENTER PRV_U, 2f
2:  amoor.w a0, a2, (a1)
1:  TRAP_DISARM
    csrw medeleg, zero
    TRAP_READ a0, TRAP_MCAUSE
    CHECK_EQ a0, CAUSE_ECALL_S
    CHECK_EQ s2, CAUSE_MISALIGNED_STORE
    CHECK_EQ_REG s3, a1
3:
TEST_END

.p2align 2
s_handler:
    csrr s2, scause
    csrr s3, stval
    ecall

.data
.p2align 3
mdat:
    .word 0, 0, 0, 0
