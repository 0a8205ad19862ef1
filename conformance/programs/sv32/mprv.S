# mstatus.MPRV (Privileged ISA, "Memory Privilege in mstatus"): with MPRV
# set, M-mode loads and stores are translated and checked as if the
# privilege were MPP (S or U; M means no translation), with SUM and MXR
# applied as in that mode; instruction fetches are not affected. Faults
# trap to M-mode with the access type's cause and mtval = the virtual
# address. An MRET to M keeps MPRV. (Privileged ISA 1.12 adds that an MRET
# or SRET to a mode below M clears MPRV; QEMU 7.2 keeps it, as 1.11 did, so
# tests 40 and 41 only check that the return happens and then clear it. The
# trap from S in between saves MPP = S, so the recording handler's own
# accesses are translated then: they go through the S identity map.)
TEST_BEGIN
    VM_STD_DATA 1
    VM_PMP_OPEN
    VM_STD_LAYOUT
    la s0, vm_pages
    li t0, 0x1111aaaa
    sw t0, 8(s0)
    # VA page 0: S RW; page 1: S R; page 2: U RW; page 3: S X-only.
    VM_SET_PTE vm_l0, 0, s0, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W
    VM_SET_PTE vm_l0, 1, s0, PTE_V|PTE_A|PTE_D|PTE_R
    VM_SET_PTE vm_l0, 2, s0, PTE_V|PTE_A|PTE_D|PTE_U|PTE_R|PTE_W
    VM_SET_PTE vm_l0, 3, s0, PTE_V|PTE_A|PTE_D|PTE_X
    VM_SATP vm_root

    SET_TEST 1                  # MPP = S: the load is translated
    li a1, VM_PAGE_VA + 8
    li a0, 0
    VM_MPRV MPP_S, lw a0, 0(a1)
    VM_EXPECT CAUSE_ECALL_M
    CHECK_EQ a0, 0x1111aaaa
    SET_TEST 2                  # ... and so is the store
    li a1, VM_PAGE_VA + 12
    li a2, 0x2222bbbb
    VM_MPRV MPP_S, sw a2, 0(a1)
    VM_EXPECT CAUSE_ECALL_M
    lw a0, 12(s0)
    CHECK_EQ a0, 0x2222bbbb
    SET_TEST 3                  # an unmapped address: load page fault
    li a1, VM_PAGE_VA + 9 * 4096 + 4
    VM_MPRV MPP_S, lw a0, 0(a1)
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    VM_EXPECT_EPC a5
    SET_TEST 4                  # the trap leaves MPP = M
    csrr a0, mstatus
    li t0, MSTATUS_MPP
    and a0, a0, t0
    CHECK_EQ a0, 0
    SET_TEST 5                  # store to the read-only alias
    li a1, VM_PAGE_VA + 4096 + 12
    VM_MPRV MPP_S, sw zero, 0(a1)
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, a1
    VM_EXPECT_EPC a5
    lw a0, 12(s0)
    CHECK_EQ a0, 0x2222bbbb
    SET_TEST 6                  # byte, half and FP accesses are translated
    li a1, VM_PAGE_VA + 8
    VM_MPRV MPP_S, lhu a0, 2(a1)
    VM_EXPECT CAUSE_ECALL_M
    CHECK_EQ a0, 0x1111
    SET_TEST 7
    VM_MPRV MPP_S, flw fa0, 4(a1)
    VM_EXPECT CAUSE_ECALL_M
    fmv.x.w a0, fa0
    CHECK_EQ a0, 0x2222bbbb
    SET_TEST 8                  # AMOs too
    li a2, 1
    VM_MPRV MPP_S, amoadd.w a0, a2, (a1)
    VM_EXPECT CAUSE_ECALL_M
    CHECK_EQ a0, 0x1111aaaa
    lw a0, 8(s0)
    CHECK_EQ a0, 0x1111aaab
    SET_TEST 9                  # AMO to the read-only alias faults
    li a1, VM_PAGE_VA + 4096 + 8
    VM_MPRV MPP_S, amoadd.w a0, a2, (a1)
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, a1

    # ---- MPP = U: only U pages.
    SET_TEST 10
    li a1, VM_PAGE_VA + 8
    VM_MPRV MPP_U, lw a0, 0(a1)
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 11
    li a1, VM_PAGE_VA + 2 * 4096 + 8
    li a0, 0
    VM_MPRV MPP_U, lw a0, 0(a1)
    VM_EXPECT CAUSE_ECALL_M
    CHECK_EQ a0, 0x1111aaab
    SET_TEST 12                 # fetches stay untranslated: this code is
    li a0, 0                    # on an S page, which U could not run
    VM_MPRV MPP_U, jal a0, .+4
    VM_EXPECT CAUSE_ECALL_M
    addi t0, a5, 4
    CHECK_EQ_REG a0, t0

    # ---- MPP = S: SUM and MXR apply.
    SET_TEST 20                 # U page, SUM clear: fault
    li a1, VM_PAGE_VA + 2 * 4096 + 8
    VM_MPRV MPP_S, lw a0, 0(a1)
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 21                 # SUM set: works
    li t0, MSTATUS_SUM
    csrs mstatus, t0
    li a0, 0
    VM_MPRV MPP_S, lw a0, 0(a1)
    VM_EXPECT CAUSE_ECALL_M
    CHECK_EQ a0, 0x1111aaab
    li t0, MSTATUS_SUM
    csrc mstatus, t0
    SET_TEST 22                 # X-only page, MXR clear: fault
    li a1, VM_PAGE_VA + 3 * 4096 + 8
    VM_MPRV MPP_S, lw a0, 0(a1)
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 23                 # MXR set: works
    li t0, MSTATUS_MXR
    csrs mstatus, t0
    li a0, 0
    VM_MPRV MPP_S, lw a0, 0(a1)
    VM_EXPECT CAUSE_ECALL_M
    CHECK_EQ a0, 0x1111aaab
    li t0, MSTATUS_MXR
    csrc mstatus, t0

    # ---- MPP = M: no translation.
    SET_TEST 30
    addi a1, s0, 8
    li a0, 0
    VM_MPRV MPP_M, lw a0, 0(a1)
    VM_EXPECT CAUSE_ECALL_M
    CHECK_EQ a0, 0x1111aaab
    SET_TEST 31                 # the virtual address is just physical
    li a1, VM_PAGE_VA + 8
    VM_MPRV MPP_M, lw a0, 0(a1)
    VM_EXPECT_TVAL CAUSE_LOAD_ACCESS, a1

    # ---- satp Bare: MPP = S accesses are physical.
    SET_TEST 32
    csrw satp, zero
    sfence.vma
    addi a1, s0, 8
    li a0, 0
    VM_MPRV MPP_S, lw a0, 0(a1)
    VM_EXPECT CAUSE_ECALL_M
    CHECK_EQ a0, 0x1111aaab
    VM_SATP vm_root

    # ---- leaving M-mode clears MPRV; staying in M keeps it.
    SET_TEST 40                 # mret to S
    TRAP_ARM_RESUME 1f
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MPP_S | MSTATUS_MPRV
    csrs mstatus, t0
    la t0, s_ecall
    csrw mepc, t0
    mret
1:  csrr a0, mstatus
    li t0, MSTATUS_MPRV
    csrc mstatus, t0
    VM_EXPECT CAUSE_ECALL_S
    SET_TEST 41                 # sret (from M) to S
    TRAP_ARM_RESUME 1f
    li t0, MSTATUS_MPP
    csrs mstatus, t0            # MPP = M: MPRV changes nothing in M
    li t0, MSTATUS_MPRV | MSTATUS_SPP
    csrs mstatus, t0
    la t0, s_ecall
    csrw sepc, t0
    sret
1:  csrr a0, mstatus
    li t0, MSTATUS_MPRV
    csrc mstatus, t0
    VM_EXPECT CAUSE_ECALL_S
    SET_TEST 42                 # mret to M keeps MPRV
    li t0, MSTATUS_MPP | MSTATUS_MPRV
    csrs mstatus, t0
    la t0, 1f
    csrw mepc, t0
    mret
1:  csrr a0, mstatus
    li t0, MSTATUS_MPRV
    and a0, a0, t0
    li t0, MSTATUS_MPRV
    csrc mstatus, t0
    CHECK_EQ a0, MSTATUS_MPRV
    TEST_END

s_ecall:
    ecall
