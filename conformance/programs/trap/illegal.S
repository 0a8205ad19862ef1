# Illegal-instruction exceptions (cause 2): mtval holds the instruction
# bits (the low 16 for a compressed encoding), mepc its address, and the
# trap happens in every mode. Covered: unimplemented and reserved 32-bit
# and 16-bit encodings, RV64-only instructions, reserved fields of SYSTEM
# instructions, reserved FP rounding modes (static, and dynamic through
# frm). The CSR cases are in csr/access, the privileged instructions in
# trap/priv_insn, FS = Off in csr/mstatus.

.macro ILLEGAL n, bits
    TEST_TRAP_TVAL \n, CAUSE_ILLEGAL_INSN, \bits, .word \bits
.endm
.macro ILLEGAL16 n, bits
    TEST_TRAP_TVAL \n, CAUSE_ILLEGAL_INSN, \bits, .half \bits
.endm

TEST_BEGIN
    PRIV_PMP_OPEN
    # ---- 32-bit
    ILLEGAL 1, 0xffffffff
    ILLEGAL 2, 0x00000073 | (1 << 20) | (1 << 7)  # ebreak with rd != 0
    ILLEGAL 3, 0xfe000033     # OP with funct7 = 0x7f
    ILLEGAL 4, 0x00053503     # ld (RV64)
    ILLEGAL 5, 0x0005051b     # addiw (RV64)
    ILLEGAL 6, 0x0005053b     # addw (RV64)
    ILLEGAL 7, 0x0000200f     # MISC-MEM funct3 = 2
    ILLEGAL 8, 0x00001073     # csrrw x0, 0x000 (no ustatus)
    ILLEGAL 9, 0x105000f3     # wfi with rd != 0
    ILLEGAL 10, 0x30208073    # mret with rs1 != 0
    ILLEGAL 11, 0x7b200073    # dret outside debug mode
    ILLEGAL 12, 0x00c5d553    # fadd.s rm = 5 (reserved)
    ILLEGAL 13, 0x00c5e553    # fadd.s rm = 6 (reserved)
    ILLEGAL 14, 0x0000005b    # custom-2 opcode
    ILLEGAL 15, 0x0000000b    # custom-0 opcode
    ILLEGAL 16, 0x0000502f    # AMO funct3 = 5
    # ---- 16-bit, mtval = the 16 bits
    ILLEGAL16 20, 0x0000      # all zeros (defined illegal)
    ILLEGAL16 21, 0x6081      # c.lui x1, 0 (reserved)
    ILLEGAL16 22, 0x6101      # c.addi16sp 0 (reserved)
    ILLEGAL16 23, 0x8002      # c.jr x0 (reserved)
    ILLEGAL16 24, 0x4002      # c.lwsp x0 (reserved)
    ILLEGAL16 25, 0x9c41      # c.subw (RV64)
    ILLEGAL16 26, 0x9c21      # c.addw (RV64)
    # a 16-bit illegal instruction is skipped by 2 bytes: the instruction
    # right after it runs
    SET_TEST 27
    li a0, 0
    TRAP_ARM
    .half 0x6081
    c.li a0, 9
    TRAP_DISARM
    CHECK_EQ a0, 9

    # ---- reserved dynamic rounding mode: frm = 5, 6 or 7 makes every
    # instruction with rm = dyn illegal (and only those)
    .irp frm, 5, 6, 7
    SET_TEST 30
    li a1, \frm
    csrw frm, a1
    TEST_TRAP_TVAL 30, CAUSE_ILLEGAL_INSN, 0x00c5f553, fadd.s fa0, fa1, fa2, dyn
    TEST_TRAP_TVAL 31, CAUSE_ILLEGAL_INSN, 0xc005f553, fcvt.w.s a0, fa1, dyn
    SET_TEST 32
    fadd.s fa0, fa1, fa2, rne
    fsgnj.s fa0, fa1, fa2
    fmv.x.w a0, fa1
    .endr
    csrw frm, zero
    SET_TEST 33
    fadd.s fa0, fa1, fa2, dyn

    # ---- mepc is the illegal instruction's address; nothing else changes
    SET_TEST 40
    la s0, 1f
    li a0, 0x1234
    TRAP_ARM
1:  .word 0xffffffff
    TRAP_DISARM
    TRAP_READ a1, TRAP_MEPC
    CHECK_EQ_REG a1, s0
    CHECK_EQ a0, 0x1234
    # ---- the same from S and U (not delegated: to M)
    PRIV_TEST_TRAP_TVAL 50, PRV_S, CAUSE_ILLEGAL_INSN, 0xffffffff, .word 0xffffffff
    PRIV_TEST_TRAP_TVAL 51, PRV_U, CAUSE_ILLEGAL_INSN, 0xffffffff, .word 0xffffffff
    PRIV_TEST_TRAP_TVAL 52, PRV_U, CAUSE_ILLEGAL_INSN, 0x00006081, .half 0x6081
    PRIV_TEST_TRAP_TVAL 53, PRV_S, CAUSE_ILLEGAL_INSN, 0x00000000, .half 0x0000
    PRIV_TEST_TRAP_TVAL 54, PRV_U, CAUSE_ILLEGAL_INSN, 0x00053503, .word 0x00053503
    # from U, mepc is the instruction and MPP says U
    SET_TEST 55
    la s0, 1f
    TRAP_ARM_RESUME 2f
    PRIV_ENTER PRV_U, 1f
1:  .word 0xffffffff
2:  TRAP_DISARM
    TRAP_READ a1, TRAP_MEPC
    CHECK_EQ_REG a1, s0
    TRAP_READ a1, TRAP_MTVAL
    CHECK_EQ a1, 0xffffffff
    # (the resume rewrote mepc and MPP; mcause is still the trap's)
    csrr a1, mcause
    CHECK_EQ a1, CAUSE_ILLEGAL_INSN
TEST_END
