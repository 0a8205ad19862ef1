# sstatus.MXR (Privileged ISA, "Memory Privilege in mstatus"): with MXR set,
# loads from pages marked executable succeed even without R; without it they
# page-fault (cause 13, mtval = the address). MXR does not grant stores, does
# not lift the U-bit rules, does not rescue the reserved W-without-R
# encodings, and a change takes effect at once.
TEST_BEGIN
    VM_STD_DATA 1
    VM_PMP_OPEN
    VM_STD_LAYOUT
    la s0, vm_pages
    li t0, 0x00000073           # ecall at 0, data at 8
    sw t0, 0(s0)
    li t0, 0x0000c0de
    sw t0, 8(s0)
    fence.i
    # VA page 0: S X; page 1: U X; page 2: S WX (reserved); page 3: S R.
    VM_SET_PTE vm_l0, 0, s0, PTE_V|PTE_A|PTE_D|PTE_X
    VM_SET_PTE vm_l0, 1, s0, PTE_V|PTE_A|PTE_D|PTE_U|PTE_X
    VM_SET_PTE vm_l0, 2, s0, PTE_V|PTE_A|PTE_D|PTE_W|PTE_X
    VM_SET_PTE vm_l0, 3, s0, PTE_V|PTE_A|PTE_D|PTE_R
    VM_SATP vm_root
    li s1, MSTATUS_MXR
    li s2, MSTATUS_SUM

    SET_TEST 1                  # S load from X-only page, MXR clear: fault
    li a1, VM_PAGE_VA + 8
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 2                  # MXR set: the load works
    csrs mstatus, s1
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xc0de
    SET_TEST 3                  # the page is still executable
    li t2, VM_PAGE_VA
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    SET_TEST 4                  # MXR grants no stores
    li a1, VM_PAGE_VA + 12
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, a1
    SET_TEST 5                  # R pages read as before
    li a1, VM_PAGE_VA + 3 * 4096 + 8
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xc0de
    SET_TEST 6                  # reserved W|X still faults
    li a1, VM_PAGE_VA + 2 * 4096 + 8
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 7                  # U X-only page from U with MXR: works
    li a1, VM_PAGE_VA + 4096 + 8
    li a0, 0
    VM_UADDR t2, s_load
    VM_RUN 0, t2
    VM_EXPECT CAUSE_ECALL_U
    CHECK_EQ a0, 0xc0de
    SET_TEST 8                  # from S without SUM: the U rule wins
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 9                  # from S with SUM and MXR: works
    csrs mstatus, s2
    li a0, 0
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xc0de
    csrc mstatus, s2
    SET_TEST 10                 # MXR clear again: U X-only from U faults
    csrc mstatus, s1
    VM_UADDR t2, s_load
    VM_RUN 0, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 11                 # and S X-only from S faults again
    li a1, VM_PAGE_VA + 8
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1

    # ---- S-mode flips MXR itself: load (works), clear, load (faults).
    SET_TEST 20
    li a0, 0
    li a3, 0
    la t2, s_mxr_on_off
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    la t0, s_mxr_second
    VM_EXPECT_EPC t0
    CHECK_EQ a0, 0xc0de
    CHECK_EQ a3, 0
    SET_TEST 21                 # and the other way: fault first, then set
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 22
    li a0, 0
    la t2, s_mxr_on
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xc0de
    SET_TEST 23                 # sstatus.MXR is mstatus.MXR
    csrr a0, mstatus
    and a0, a0, s1
    CHECK_EQ_REG a0, s1
    csrc mstatus, s1
    TEST_END

    VM_SNIPPETS                 # s_load, s_store
s_mxr_on_off:
    li t0, MSTATUS_MXR
    csrs sstatus, t0
    lw a0, 0(a1)
    csrc sstatus, t0
s_mxr_second:
    lw a3, 0(a1)
    ecall
s_mxr_on:
    li t0, MSTATUS_MXR
    csrs sstatus, t0
    lw a0, 0(a1)
    ecall
