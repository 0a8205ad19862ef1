# CSR access rules (Privileged ISA 2.1, Zicsr): unknown CSR numbers are
# illegal; read-only CSRs (number bits 11:10 = 3) may not be written, not
# even by csrrw/csrrwi with x0 or 0 and not by csrrs/csrrc with a nonzero
# rs1 register holding zero, while csrrs/csrrc with rs1 = x0 (and csrrsi/
# csrrci with 0) only read and are legal; a CSR whose number bits 9:8 name
# a higher privilege is illegal from S and U. mtval = the instruction bits.
# Also: the csrr* instructions return the old value and write the new one.

TEST_BEGIN
    PRIV_PMP_OPEN

    # ---- unknown CSR numbers, read and written
    TEST_TRAP_TVAL 1, CAUSE_ILLEGAL_INSN, 0x0ff02573, csrr a0, 0x0ff
    TEST_TRAP_TVAL 2, CAUSE_ILLEGAL_INSN, 0x1ff02573, csrr a0, 0x1ff
    TEST_TRAP_TVAL 3, CAUSE_ILLEGAL_INSN, 0x3ff02573, csrr a0, 0x3ff
    TEST_TRAP_TVAL 4, CAUSE_ILLEGAL_INSN, 0x5ff02573, csrr a0, 0x5ff
    TEST_TRAP_TVAL 5, CAUSE_ILLEGAL_INSN, 0xbff02573, csrr a0, 0xbff
    TEST_TRAP_TVAL 6, CAUSE_ILLEGAL_INSN, 0xfff02573, csrr a0, 0xfff
    TEST_TRAP_TVAL 7, CAUSE_ILLEGAL_INSN, 0x32102573, csrr a0, 0x321
    TEST_TRAP_TVAL 8, CAUSE_ILLEGAL_INSN, 0x3ff59073, csrw 0x3ff, a1
    TEST_TRAP_TVAL 9, CAUSE_ILLEGAL_INSN, 0x0ff2e073, csrsi 0x0ff, 5
    # the debug-mode CSRs (dcsr, dpc) are illegal outside debug mode
    TEST_TRAP_TVAL 10, CAUSE_ILLEGAL_INSN, 0x7b002573, csrr a0, 0x7b0
    TEST_TRAP_TVAL 11, CAUSE_ILLEGAL_INSN, 0x7b102573, csrr a0, 0x7b1
    # the removed N extension's ustatus/utvec are not there
    TEST_TRAP_TVAL 12, CAUSE_ILLEGAL_INSN, 0x00502573, csrr a0, 0x005
    # rd = x0 does not make an unknown CSR legal
    TEST_TRAP_TVAL 13, CAUSE_ILLEGAL_INSN, 0x3ff02073, csrr x0, 0x3ff
    # a failed access writes no register
    SET_TEST 14
    li a0, 0x1234
    TRAP_ARM
    csrr a0, 0x3ff
    TRAP_DISARM
    CHECK_EQ a0, 0x1234

    # ---- writes to read-only CSRs are illegal, whatever the value
    TEST_TRAP_TVAL 20, CAUSE_ILLEGAL_INSN, 0xf1401073, csrw mhartid, x0
    TEST_TRAP_TVAL 21, CAUSE_ILLEGAL_INSN, 0xf1405073, csrwi mhartid, 0
    TEST_TRAP_TVAL 22, CAUSE_ILLEGAL_INSN, 0xf1159573, csrrw a0, mvendorid, a1
    TEST_TRAP_TVAL 23, CAUSE_ILLEGAL_INSN, 0xf120d073, csrwi marchid, 1
    TEST_TRAP_TVAL 24, CAUSE_ILLEGAL_INSN, 0xf1301073, csrw mimpid, x0
    TEST_TRAP_TVAL 25, CAUSE_ILLEGAL_INSN, 0xc0001073, csrw cycle, x0
    TEST_TRAP_TVAL 26, CAUSE_ILLEGAL_INSN, 0xc0101073, csrw time, x0
    TEST_TRAP_TVAL 27, CAUSE_ILLEGAL_INSN, 0xc0201073, csrw instret, x0
    TEST_TRAP_TVAL 28, CAUSE_ILLEGAL_INSN, 0xc8001073, csrw cycleh, x0
    TEST_TRAP_TVAL 29, CAUSE_ILLEGAL_INSN, 0xc8101073, csrw timeh, x0
    TEST_TRAP_TVAL 30, CAUSE_ILLEGAL_INSN, 0xc8201073, csrw instreth, x0
    TEST_TRAP_TVAL 31, CAUSE_ILLEGAL_INSN, 0xf1501073, csrw mconfigptr, x0
    # csrrs/csrrc with a register other than x0 attempt the write even if
    # the register holds 0: illegal on a read-only CSR. QEMU 7.2 looks at
    # the value instead and lets these read (no trap, the CSR's value in
    # rd): accepted only when PRIV_IS_QEMU.
    PRIV_IS_QEMU s11
    .irp n, 32, 33
    SET_TEST \n
    li a1, 0
    li a0, 0x5a5a
    TRAP_ARM
    .if \n == 32
    csrrs a0, mhartid, a1
    .else
    csrrc a0, mvendorid, a1
    .endif
    TRAP_DISARM
    TRAP_READ t5, TRAP_COUNT
    bnez t5, 1f
    beqz s11, __fail
    CHECK_EQ a0, 0
    j 2f
1:  CHECK_EQ a0, 0x5a5a
    TRAP_READ t5, TRAP_MCAUSE
    CHECK_EQ t5, CAUSE_ILLEGAL_INSN
2:
    .endr
    # csrrsi/csrrci with a nonzero immediate write
    TEST_TRAP_TVAL 34, CAUSE_ILLEGAL_INSN, 0xc010e573, csrrsi a0, time, 1
    TEST_TRAP_TVAL 35, CAUSE_ILLEGAL_INSN, 0xf14ff573, csrrci a0, mhartid, 31
    # the write of an illegal csrrw does not happen and rd keeps its value
    SET_TEST 36
    li a0, 0x5a5a
    li a1, 7
    TRAP_ARM
    csrrw a0, mhartid, a1
    TRAP_DISARM
    CHECK_EQ a0, 0x5a5a
    csrr a0, mhartid
    CHECK_EQ a0, 0

    # ---- csrrs/csrrc with x0, csrrsi/csrrci with 0 only read: legal on
    # read-only CSRs
    SET_TEST 40
    li a0, 0x5a5a
    csrrs a0, mhartid, x0
    CHECK_EQ a0, 0
    SET_TEST 41
    li a0, 0x5a5a
    csrrc a0, mhartid, x0
    CHECK_EQ a0, 0
    SET_TEST 42
    li a0, 0x5a5a
    csrrsi a0, mhartid, 0
    CHECK_EQ a0, 0
    SET_TEST 43
    li a0, 0x5a5a
    csrrci a0, mhartid, 0
    CHECK_EQ a0, 0
    SET_TEST 44
    csrrs x0, cycle, x0
    csrrc x0, time, x0
    csrrsi x0, instret, 0
    csrrci x0, mvendorid, 0
    csrrs a0, marchid, x0
    csrrs a0, mimpid, x0
    csrrs a0, mconfigptr, x0
    csrrs a0, cycleh, x0
    csrrs a0, timeh, x0
    csrrs a0, instreth, x0
    # ...and they leave a writable CSR unchanged
    SET_TEST 45
    li a1, 0x600d
    csrw mscratch, a1
    csrrs a0, mscratch, x0
    CHECK_EQ a0, 0x600d
    csrrc a0, mscratch, x0
    CHECK_EQ a0, 0x600d
    csrrsi a0, mscratch, 0
    csrrci a0, mscratch, 0
    csrr a0, mscratch
    CHECK_EQ a0, 0x600d

    # ---- the csr instructions: old value to rd, then the write
    SET_TEST 50
    li a1, 0x11110000
    csrw mscratch, a1
    li a1, 0x00ff00ff
    csrrw a0, mscratch, a1
    CHECK_EQ a0, 0x11110000
    csrr a0, mscratch
    CHECK_EQ a0, 0x00ff00ff
    SET_TEST 51
    li a1, 0x0f000f00
    csrrs a0, mscratch, a1
    CHECK_EQ a0, 0x00ff00ff
    csrr a0, mscratch
    CHECK_EQ a0, 0x0fff0fff
    SET_TEST 52
    li a1, 0x00f000f0
    csrrc a0, mscratch, a1
    CHECK_EQ a0, 0x0fff0fff
    csrr a0, mscratch
    CHECK_EQ a0, 0x0f0f0f0f
    SET_TEST 53
    csrrwi a0, mscratch, 31
    CHECK_EQ a0, 0x0f0f0f0f
    csrrsi a0, mscratch, 0x20 - 1
    CHECK_EQ a0, 31
    csrrci a0, mscratch, 5
    CHECK_EQ a0, 31
    csrr a0, mscratch
    CHECK_EQ a0, 26
    # rd = rs1: the old value lands in the register the new one came from
    SET_TEST 54
    li a0, 0x1234
    csrw mscratch, a0
    li a0, 0x4321
    csrrw a0, mscratch, a0
    CHECK_EQ a0, 0x1234
    csrr a0, mscratch
    CHECK_EQ a0, 0x4321
    # rd = x0: the write still happens
    SET_TEST 55
    li a1, 0x777
    csrrw x0, mscratch, a1
    csrr a0, mscratch
    CHECK_EQ a0, 0x777

    # ---- privilege: M CSRs are illegal from S and U, S CSRs from U
    PRIV_TEST_TRAP_TVAL 60, PRV_S, CAUSE_ILLEGAL_INSN, 0x30002573, csrr a0, mstatus
    PRIV_TEST_TRAP_TVAL 61, PRV_S, CAUSE_ILLEGAL_INSN, 0x34059073, csrw mscratch, a1
    PRIV_TEST_TRAP_TVAL 62, PRV_S, CAUSE_ILLEGAL_INSN, 0xf1402573, csrr a0, mhartid
    PRIV_TEST_TRAP_TVAL 63, PRV_S, CAUSE_ILLEGAL_INSN, 0xb0002573, csrr a0, mcycle
    PRIV_TEST_TRAP_TVAL 64, PRV_S, CAUSE_ILLEGAL_INSN, 0x3a002573, csrr a0, pmpcfg0
    PRIV_TEST_TRAP_TVAL 65, PRV_S, CAUSE_ILLEGAL_INSN, 0x30102573, csrr a0, misa
    PRIV_TEST_TRAP_TVAL 66, PRV_S, CAUSE_ILLEGAL_INSN, 0x34402573, csrr a0, mip
    PRIV_TEST_TRAP_TVAL 67, PRV_S, CAUSE_ILLEGAL_INSN, 0x30a02573, csrr a0, menvcfg
    PRIV_TEST_TRAP_TVAL 68, PRV_U, CAUSE_ILLEGAL_INSN, 0x30002573, csrr a0, mstatus
    PRIV_TEST_TRAP_TVAL 69, PRV_U, CAUSE_ILLEGAL_INSN, 0x10002573, csrr a0, sstatus
    PRIV_TEST_TRAP_TVAL 70, PRV_U, CAUSE_ILLEGAL_INSN, 0x14059073, csrw sscratch, a1
    PRIV_TEST_TRAP_TVAL 71, PRV_U, CAUSE_ILLEGAL_INSN, 0x18002573, csrr a0, satp
    PRIV_TEST_TRAP_TVAL 72, PRV_U, CAUSE_ILLEGAL_INSN, 0x10402573, csrr a0, sie
    PRIV_TEST_TRAP_TVAL 73, PRV_U, CAUSE_ILLEGAL_INSN, 0x10502573, csrr a0, stvec
    PRIV_TEST_TRAP_TVAL 74, PRV_U, CAUSE_ILLEGAL_INSN, 0xf1402573, csrr a0, mhartid
    # even a read-only-style access (csrrs x0) needs the privilege
    PRIV_TEST_TRAP_TVAL 75, PRV_S, CAUSE_ILLEGAL_INSN, 0x34002073, csrrs x0, mscratch, x0
    # S-mode reaches its own CSRs
    SET_TEST 77
    csrw sscratch, zero
    PRIV_GOTO PRV_S
    li a1, 0xabc
    csrw sscratch, a1
    csrr s1, sscratch
    csrr s2, sepc
    PRIV_RETURN
    CHECK_EQ s1, 0xabc
    csrr a0, sscratch
    CHECK_EQ a0, 0xabc
TEST_END
