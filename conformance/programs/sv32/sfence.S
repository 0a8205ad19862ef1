# sfence.vma (Privileged ISA, "Supervisor Memory-Management Fence
# Instruction"): after a PTE changes, sfence.vma (all, by address, by ASID,
# or both) makes the new PTE govern later loads, stores and fetches:
# remapping, invalidating, revalidating, and narrowing or widening
# permissions; code rewritten through a writable alias runs after fence.i. satp writes from S-mode take effect. sfence.vma is illegal in
# U-mode, and in S-mode while mstatus.TVM is set (which also makes satp
# accesses from S-mode illegal).
TEST_BEGIN
    VM_STD_DATA 2
    VM_PMP_OPEN
    VM_STD_LAYOUT
    la s0, vm_pages             # physical page 0: ecall at 0, 0xaaaa at 8
    li t1, 4096
    add s1, s0, t1              # physical page 1: li a0, 0x77; ecall; 0xbbbb at 8
    li t0, 0x00000073
    sw t0, 0(s0)
    li t0, 0x07700513           # addi a0, zero, 0x77
    sw t0, 0(s1)
    li t0, 0x00000073
    sw t0, 4(s1)
    li t0, 0xaaaa
    sw t0, 8(s0)
    li t0, 0xbbbb
    sw t0, 8(s1)
    fence.i
    la s2, vm_l0
    VM_SET_PTE vm_l0, 0, s0, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W|PTE_X
    VM_SATP vm_root
    li s3, VM_PAGE_VA + 8

    # SET_L0 pa, flags: vm_l0[0] = PTE(pa, flags), no fence.
    .macro SET_L0 pa, flags
    VM_PTE t1, \pa, \flags
    sw t1, 0(s2)
    .endm

    # ---- remapping.
    SET_TEST 1
    mv a1, s3
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xaaaa
    SET_TEST 2                  # sfence.vma (everything) in M-mode
    SET_L0 s1, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W|PTE_X
    sfence.vma
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xbbbb
    SET_TEST 3                  # sfence.vma by address, in S-mode
    SET_L0 s0, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W|PTE_X
    la t2, s_fence_va_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xaaaa
    SET_TEST 4                  # by ASID 0 (the current one)
    SET_L0 s1, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W|PTE_X
    li a4, 0
    la t2, s_fence_asid_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xbbbb
    SET_TEST 5                  # by address and ASID
    SET_L0 s0, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W|PTE_X
    la t2, s_fence_both_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xaaaa
    SET_TEST 6                  # S-mode changes the PTE itself and fences
    VM_PTE a4, s1, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W|PTE_X
    mv a5, s2
    la t2, s_remap_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xaaaa
    CHECK_EQ a3, 0xbbbb

    # ---- remapping code: the fetch follows the new PTE.
    SET_TEST 10
    SET_L0 s0, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W|PTE_X
    sfence.vma
    li a0, 0
    li t2, VM_PAGE_VA
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0
    SET_TEST 11
    SET_L0 s1, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W|PTE_X
    sfence.vma
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0x77
    SET_TEST 12                 # X removed: fetch page fault
    SET_L0 s1, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W
    sfence.vma
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_FETCH_PAGE_FAULT, t2
    SET_TEST 13                 # X back
    SET_L0 s0, PTE_V|PTE_A|PTE_D|PTE_X
    sfence.vma
    li a0, 0
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0

    # ---- code rewritten through a writable alias of its page, then
    #      fence.i: the new instruction runs.
    SET_TEST 14
    SET_L0 s1, PTE_V|PTE_A|PTE_D|PTE_X
    VM_SET_PTE vm_l0, 2, s1, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W
    sfence.vma
    li a0, 0
    li t2, VM_PAGE_VA
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0x77
    SET_TEST 15
    li a4, 0x06600513           # addi a0, zero, 0x66
    li a5, VM_PAGE_VA + 0x2000
    li a6, VM_PAGE_VA
    li a0, 0
    la t2, s_patch_run
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0x66
    li t0, 0x07700513           # put li a0, 0x77 back
    sw t0, 0(s1)
    fence.i

    # ---- invalidating and revalidating.
    SET_TEST 20
    SET_L0 s0, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W
    sfence.vma
    mv a1, s3
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xaaaa
    SET_TEST 21
    SET_L0 s0, PTE_A|PTE_D|PTE_R|PTE_W
    sfence.vma
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 22
    SET_L0 s0, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W
    sfence.vma
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xaaaa
    SET_TEST 23                 # a root entry invalidated
    la t0, vm_root
    sw zero, 4(t0)
    sfence.vma
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 24
    VM_SET_PTE vm_root, 1, s2, PTE_V
    sfence.vma
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xaaaa

    # ---- narrowing and widening permissions.
    SET_TEST 30                 # store works (and is cached as writable)
    li a2, 0x1234
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    lw a0, 8(s0)
    CHECK_EQ a0, 0x1234
    SET_TEST 31                 # read-only now: the store faults
    SET_L0 s0, PTE_V|PTE_A|PTE_D|PTE_R
    sfence.vma
    li a2, 0x5678
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, a1
    lw a0, 8(s0)
    CHECK_EQ a0, 0x1234
    SET_TEST 32                 # loads still work
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0x1234
    SET_TEST 33                 # writable again
    SET_L0 s0, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W
    sfence.vma
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    lw a0, 8(s0)
    CHECK_EQ a0, 0x5678
    SET_TEST 34                 # S page made U: S-mode loads fault
    SET_L0 s0, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W|PTE_U
    sfence.vma
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 35                 # and U-mode loads work
    li a0, 0
    VM_UADDR t2, s_load
    VM_RUN 0, t2
    VM_EXPECT CAUSE_ECALL_U
    CHECK_EQ a0, 0x5678
    SET_L0 s0, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W
    sfence.vma

    # ---- satp written by S-mode takes effect.
    SET_TEST 40                 # S switches to Bare: physical addresses
    addi a1, s1, 8
    csrr a5, satp
    la t2, s_satp_bare_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xbbbb         # physical page 1 while Bare
    CHECK_EQ a3, 0x5678         # VM_PAGE_VA + 8 after Sv32 is back
    csrr a0, satp
    CHECK_EQ_REG a0, a5

    # ---- illegal uses.
    SET_TEST 50                 # sfence.vma in U-mode
    VM_UADDR t2, s_fence
    VM_RUN 0, t2
    VM_EXPECT CAUSE_ILLEGAL_INSN
    VM_EXPECT_EPC t2
    SET_TEST 51                 # in S-mode with TVM
    li t0, MSTATUS_TVM
    csrs mstatus, t0
    la t2, s_fence
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ILLEGAL_INSN
    VM_EXPECT_EPC t2
    SET_TEST 52                 # satp read in S-mode with TVM
    la t2, s_read_satp
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ILLEGAL_INSN
    VM_EXPECT_EPC t2
    SET_TEST 53                 # satp write in S-mode with TVM
    la t2, s_write_satp
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ILLEGAL_INSN
    csrr a0, satp
    CHECK_EQ_REG a0, a5
    SET_TEST 54                 # M-mode is not affected by TVM
    sfence.vma
    csrr a0, satp
    CHECK_EQ_REG a0, a5
    li t0, MSTATUS_TVM
    csrc mstatus, t0
    SET_TEST 55                 # without TVM S-mode reads satp
    li a0, 0
    la t2, s_read_satp
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ_REG a0, a5
    TEST_END

# Snippets: a1 = address, a2 = value, a4/a5 as noted; results a0, a3.
    VM_SNIPPETS                 # s_load, s_store
s_fence:
    sfence.vma
    ecall
s_fence_va_load:
    sfence.vma a1, zero
    lw a0, 0(a1)
    ecall
s_fence_asid_load:
    sfence.vma zero, a4
    lw a0, 0(a1)
    ecall
s_fence_both_load:
    sfence.vma a1, a4
    lw a0, 0(a1)
    ecall
# Loads a1, stores PTE a4 at a5, fences that page, loads again into a3.
s_remap_load:
    lw a0, 0(a1)
    sw a4, 0(a5)
    sfence.vma a1
    lw a3, 0(a1)
    ecall
# satp = Bare, load a1 (physical) into a0; satp = a5 again, load
# VM_PAGE_VA + 8 into a3.
s_satp_bare_load:
    csrw satp, zero
    sfence.vma
    lw a0, 0(a1)
    csrw satp, a5
    sfence.vma
    li t0, VM_PAGE_VA + 8
    lw a3, 0(t0)
    ecall
# Stores the instruction a4 at a5, fence.i, jumps to a6.
s_patch_run:
    sw a4, 0(a5)
    fence.i
    jr a6
s_read_satp:
    csrr a0, satp
    ecall
s_write_satp:
    csrw satp, zero
    ecall
