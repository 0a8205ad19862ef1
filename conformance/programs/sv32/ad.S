# Sv32 A and D bits (Privileged ISA, "Virtual Address Translation Process",
# step 7): an access that is allowed sets A in the leaf PTE, a store also
# sets D; an access that page-faults on permissions leaves the PTE alone;
# non-leaf PTEs are never touched. The spec also allows raising a page
# fault instead (Svade); rvjit and QEMU update the bits in hardware (Svadu
# behaviour), which is what these checks expect. After the software clears
# A and executes sfence.vma, the next access sets it again.
TEST_BEGIN
    VM_STD_DATA 1
    VM_PMP_OPEN
    VM_STD_LAYOUT
    la s0, vm_pages
    li t0, 0x00000073           # ecall at 0, data at 8
    sw t0, 0(s0)
    li t0, 0x00ad00ad
    sw t0, 8(s0)
    fence.i
    la s1, vm_l0
    # Every VA page maps physical page 0; A and D start clear.
    VM_SET_PTE vm_l0, 0, s0, PTE_V|PTE_R|PTE_W
    VM_SET_PTE vm_l0, 1, s0, PTE_V|PTE_R|PTE_W
    VM_SET_PTE vm_l0, 2, s0, PTE_V|PTE_X
    VM_SET_PTE vm_l0, 3, s0, PTE_V|PTE_R
    VM_SET_PTE vm_l0, 4, s0, PTE_V|PTE_R|PTE_W|PTE_A
    VM_SET_PTE vm_l0, 5, s0, PTE_V|PTE_R|PTE_W
    VM_SET_PTE vm_l0, 6, s0, PTE_V|PTE_R|PTE_W
    VM_SET_PTE vm_l0, 7, s0, PTE_V|PTE_R|PTE_W|PTE_U
    VM_SET_PTE vm_l0, 8, s0, PTE_V|PTE_R
    VM_SET_PTE vm_l0, 9, s0, PTE_V|PTE_R|PTE_W
    VM_SET_PTE vm_l0, 10, s0, PTE_V|PTE_R|PTE_W
    VM_SET_PTE vm_l0, 11, s0, PTE_V|PTE_R|PTE_W
    VM_SET_PTE vm_l0, 12, s0, PTE_V|PTE_R|PTE_W
    VM_SET_PTE vm_l0, 13, s0, PTE_V|PTE_R|PTE_U
    VM_SET_PTE vm_l0, 14, s0, PTE_V|PTE_X
    # 0x00800000: an RW superpage onto RAM, A and D clear.
    li t1, 0x80000000
    VM_SET_PTE vm_root, 2, t1, PTE_V|PTE_R|PTE_W
    VM_SATP vm_root

    # PTE_IS index, flags: FAIL unless vm_l0[index] maps physical page 0
    # with exactly these flags (a0 = PTE, t6 = expected).
    .macro PTE_IS index, flags
    lw a0, (\index) * 4(s1)
    VM_PTE t6, s0, \flags
    beq a0, t6, .Lok\@
    FAIL
.Lok\@:
    .endm

    SET_TEST 1                  # a load sets A only
    li a1, VM_PAGE_VA + 8
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0x00ad00ad
    PTE_IS 0, PTE_V|PTE_R|PTE_W|PTE_A
    SET_TEST 2                  # then a store sets D
    li a2, 0x00ad00ae
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    PTE_IS 0, PTE_V|PTE_R|PTE_W|PTE_A|PTE_D
    SET_TEST 3                  # a first store sets A and D
    li a1, VM_PAGE_VA + 4096 + 12
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    PTE_IS 1, PTE_V|PTE_R|PTE_W|PTE_A|PTE_D
    SET_TEST 4                  # a fetch sets A
    li t2, VM_PAGE_VA + 2 * 4096
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    PTE_IS 2, PTE_V|PTE_X|PTE_A
    SET_TEST 5                  # a store that faults sets nothing
    li a1, VM_PAGE_VA + 3 * 4096 + 12
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, a1
    PTE_IS 3, PTE_V|PTE_R
    SET_TEST 6                  # A already set: a load changes nothing
    li a1, VM_PAGE_VA + 4 * 4096 + 8
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    PTE_IS 4, PTE_V|PTE_R|PTE_W|PTE_A
    SET_TEST 7                  # a store adds D
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    PTE_IS 4, PTE_V|PTE_R|PTE_W|PTE_A|PTE_D
    SET_TEST 8                  # an AMO is a store
    li a1, VM_PAGE_VA + 5 * 4096 + 8
    li a2, 0
    la t2, s_amo
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    PTE_IS 5, PTE_V|PTE_R|PTE_W|PTE_A|PTE_D
    SET_TEST 9                  # lr.w is a load; the sc.w after it a store
    li a1, VM_PAGE_VA + 6 * 4096 + 8
    la t2, s_lr
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    PTE_IS 6, PTE_V|PTE_R|PTE_W|PTE_A
    SET_TEST 10
    la t2, s_lr_sc
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a3, 0              # the sc.w succeeded
    PTE_IS 6, PTE_V|PTE_R|PTE_W|PTE_A|PTE_D
    SET_TEST 11                 # U-mode loads set A on U pages
    li a1, VM_PAGE_VA + 7 * 4096 + 8
    VM_UADDR t2, s_load
    VM_RUN 0, t2
    VM_EXPECT CAUSE_ECALL_U
    PTE_IS 7, PTE_V|PTE_R|PTE_W|PTE_U|PTE_A
    SET_TEST 12                 # M-mode loads through MPRV set A
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MPP_S | MSTATUS_MPRV
    csrs mstatus, t0
    li a1, VM_PAGE_VA + 8 * 4096 + 8
    lw a0, 0(a1)
    li t0, MSTATUS_MPRV
    csrc mstatus, t0
    CHECK_EQ a0, 0x00ad00ae
    PTE_IS 8, PTE_V|PTE_R|PTE_A
    SET_TEST 13                 # a page-crossing store sets A and D on both
    li a1, VM_PAGE_VA + 10 * 4096 - 2
    li a2, 0x12345678
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    PTE_IS 9, PTE_V|PTE_R|PTE_W|PTE_A|PTE_D
    PTE_IS 10, PTE_V|PTE_R|PTE_W|PTE_A|PTE_D
    SET_TEST 14                 # a page-crossing load sets A on both
    li a1, VM_PAGE_VA + 12 * 4096 - 2
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    PTE_IS 11, PTE_V|PTE_R|PTE_W|PTE_A
    PTE_IS 12, PTE_V|PTE_R|PTE_W|PTE_A
    SET_TEST 15                 # the U-bit fault sets nothing
    li a1, VM_PAGE_VA + 13 * 4096 + 8
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    PTE_IS 13, PTE_V|PTE_R|PTE_U
    SET_TEST 16                 # an MXR load from an X-only page sets A
    li t0, MSTATUS_MXR
    csrs mstatus, t0
    li a1, VM_PAGE_VA + 14 * 4096 + 8
    VM_RUN 1, t2
    li t0, MSTATUS_MXR
    csrc mstatus, t0
    VM_EXPECT CAUSE_ECALL_S
    PTE_IS 14, PTE_V|PTE_X|PTE_A

    # ---- superpage: the bits are set in the level-1 leaf.
    SET_TEST 20
    lui a1, %hi(word_a - 0x80000000 + 0x00800000)
    addi a1, a1, %lo(word_a - 0x80000000 + 0x00800000)
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    la t0, vm_root
    lw a0, 8(t0)
    li t6, (0x80000000 >> 2) | PTE_V|PTE_R|PTE_W|PTE_A
    CHECK_EQ_REG a0, t6
    SET_TEST 21
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    la t0, vm_root
    lw a0, 8(t0)
    li t6, (0x80000000 >> 2) | PTE_V|PTE_R|PTE_W|PTE_A|PTE_D
    CHECK_EQ_REG a0, t6
    SET_TEST 22                 # the non-leaf entry is untouched
    la t0, vm_root
    lw a0, 4(t0)
    VM_PTE t6, s1, PTE_V
    CHECK_EQ_REG a0, t6

    # ---- software clears A and D, sfence.vma: set again on next use.
    SET_TEST 30
    VM_SET_PTE vm_l0, 0, s0, PTE_V|PTE_R|PTE_W
    sfence.vma
    li a1, VM_PAGE_VA + 8
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    PTE_IS 0, PTE_V|PTE_R|PTE_W|PTE_A
    SET_TEST 31
    VM_SET_PTE vm_l0, 0, s0, PTE_V|PTE_R|PTE_W|PTE_A
    sfence.vma
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    PTE_IS 0, PTE_V|PTE_R|PTE_W|PTE_A|PTE_D
    SET_TEST 32                 # S-mode itself clears A, fences and loads
    li a4, PTE_A | PTE_D
    mv a5, s1
    la t2, s_clear_a_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    PTE_IS 0, PTE_V|PTE_R|PTE_W|PTE_A
    TEST_END

# Snippets: a1 = address, a2 = value, a4/a5 as noted; results a0, a3.
    VM_SNIPPETS                 # s_load, s_store
s_amo:
    amoadd.w a0, a2, (a1)
    ecall
s_lr:
    lr.w a0, (a1)
    ecall
s_lr_sc:
    lr.w a0, (a1)
    sc.w a3, a0, (a1)
    ecall
# Clears the bits a4 in the PTE at a5 (vm_l0[0], reached through the
# identity map), fences, loads from a1.
s_clear_a_load:
    lw t0, 0(a5)
    not t1, a4
    and t0, t0, t1
    sw t0, 0(a5)
    sfence.vma
    lw a0, 0(a1)
    ecall

.data
.p2align 2
word_a: .word 0x5eed5eed
