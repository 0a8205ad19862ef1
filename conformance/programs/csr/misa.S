# misa and the machine information CSRs (Privileged ISA 3.1.1-3.1.5,
# 3.1.17): misa reads MXL = 1 (32-bit) and the extensions I M A F D C S U
# (others may be present: QEMU 7.2 also shows H); mhartid is 0 on this
# one-hart machine; mvendorid, marchid, mimpid, mconfigptr are readable
# in M-mode and read-only. rvjit keeps misa fixed, as QEMU 7.2 does (the
# spec allows a writable misa): writes are ignored.

.equ EXT_A, 1 << 0
.equ EXT_C, 1 << 2
.equ EXT_D, 1 << 3
.equ EXT_E, 1 << 4
.equ EXT_F, 1 << 5
.equ EXT_I, 1 << 8
.equ EXT_M, 1 << 12
.equ EXT_S, 1 << 18
.equ EXT_U, 1 << 20
.equ EXT_REQUIRED, EXT_A|EXT_C|EXT_D|EXT_F|EXT_I|EXT_M|EXT_S|EXT_U

TEST_BEGIN
    SET_TEST 1
    csrr s0, misa
    # MXL = 1 (bits 31:30)
    PRIV_CHECK_MASK s0, 0xc0000000, 0x40000000
    SET_TEST 2
    PRIV_CHECK_MASK s0, EXT_REQUIRED, EXT_REQUIRED
    # not RV32E, and no extension letters beyond Z in bits 29:26
    SET_TEST 3
    PRIV_CHECK_MASK s0, EXT_E | 0x3c000000, 0
    # writes are ignored (misa is WARL; here read-only): clearing C, D, F
    # or everything, or setting E, leaves it as it was
    SET_TEST 4
    csrw misa, zero
    csrr a0, misa
    CHECK_EQ_REG a0, s0
    SET_TEST 5
    li a1, ~(EXT_C | EXT_D | EXT_F)
    and a1, a1, s0
    csrw misa, a1
    csrr a0, misa
    CHECK_EQ_REG a0, s0
    SET_TEST 6
    li a1, EXT_E
    csrs misa, a1
    csrr a0, misa
    CHECK_EQ_REG a0, s0
    # and the extensions still work after those writes
    SET_TEST 7
    li a1, 6
    li a2, 7
    mul a0, a1, a2
    c.addi a0, 1
    CHECK_EQ a0, 43
    li a1, 0x40400000
    fmv.w.x fa1, a1
    fadd.s fa0, fa1, fa1
    fmv.x.w a0, fa0
    CHECK_EQ a0, 0x40c00000

    # mhartid is 0
    SET_TEST 10
    li a0, 0x5a5a
    csrr a0, mhartid
    CHECK_EQ a0, 0
    # the other information CSRs read, and keep reading the same value
    SET_TEST 11
    csrr a0, mvendorid
    csrr a1, mvendorid
    CHECK_EQ_REG a0, a1
    csrr a0, marchid
    csrr a1, marchid
    CHECK_EQ_REG a0, a1
    csrr a0, mimpid
    csrr a1, mimpid
    CHECK_EQ_REG a0, a1
    # mconfigptr: 0, no configuration structure
    SET_TEST 12
    csrr a0, mconfigptr
    CHECK_EQ a0, 0
    # they are read-only: writes are illegal (csr/access has more)
    TEST_TRAP_TVAL 13, CAUSE_ILLEGAL_INSN, 0xf1459073, csrw mhartid, a1
    TEST_TRAP_TVAL 14, CAUSE_ILLEGAL_INSN, 0xf1159073, csrw mvendorid, a1
    TEST_TRAP_TVAL 15, CAUSE_ILLEGAL_INSN, 0xf1259073, csrw marchid, a1
    TEST_TRAP_TVAL 16, CAUSE_ILLEGAL_INSN, 0xf1359073, csrw mimpid, a1
    TEST_TRAP_TVAL 17, CAUSE_ILLEGAL_INSN, 0xf155a073, csrs mconfigptr, a1
    SET_TEST 18
    csrr a0, mhartid
    CHECK_EQ a0, 0
TEST_END
