# Sv32 translation (Privileged ISA, "Sv32: Page-Based 32-bit Virtual-Memory
# Systems"): satp Bare versus Sv32, 4 KiB pages through two levels, 4 MiB
# superpages, the page offset, aliases, switching address spaces by satp,
# and the walks that must page-fault: invalid PTEs at either level, a
# misaligned superpage, a pointer PTE at the last level. Faults report the
# faulting virtual address in mtval. Runs in S-mode, traps go to M-mode.
TEST_BEGIN
    VM_STD_DATA 4
    VM_PMP_OPEN

    # ---- satp resets to Bare; S-mode then accesses physical memory.
    SET_TEST 1
    csrr a0, satp
    CHECK_EQ a0, 0
    SET_TEST 2
    la a1, word_a
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0x11111111

    # ---- the standard layout; data in physical pages 0 and 1.
    VM_STD_LAYOUT
    la s0, vm_pages
    li t0, 0xa0a0a0a0
    sw t0, 0(s0)
    li t1, 4096
    add s1, s0, t1              # s1 = physical page 1
    li t0, 0xa0a0affc
    sw t0, -4(s1)
    li t0, 0xb1b1b1b1
    sw t0, 0(s1)
    # VA page 0 -> phys page 0 (RW), VA page 1 -> phys page 1 (R),
    # VA page 2 -> phys page 0 again (an alias, R).
    VM_SET_PTE vm_l0, 0, s0, PTE_V|PTE_R|PTE_W|PTE_A|PTE_D
    VM_SET_PTE vm_l0, 1, s1, PTE_V|PTE_R|PTE_A
    VM_SET_PTE vm_l0, 2, s0, PTE_V|PTE_R|PTE_A
    # VA page 3: not valid although R/W/X are set.
    VM_SET_PTE vm_l0, 3, s0, PTE_R|PTE_W|PTE_X|PTE_A|PTE_D
    # VA page 4: a pointer (V only) at the last level.
    VM_SET_PTE vm_l0, 4, s0, PTE_V
    # 0x00800000: superpage onto RAM, readable only.
    li t1, 0x80000000
    VM_SET_PTE vm_root, 2, t1, PTE_V|PTE_R|PTE_A
    # 0x00c00000: misaligned superpage (PPN[0] = 1), RWX.
    li t1, 0x80001000
    VM_SET_PTE vm_root, 3, t1, PTE_V|PTE_R|PTE_W|PTE_X|PTE_A|PTE_D
    # 0x01000000: root entry with V clear.
    li t1, 0x80000000
    VM_SET_PTE vm_root, 4, t1, PTE_R|PTE_W|PTE_X|PTE_A|PTE_D
    VM_SATP vm_root

    # ---- satp reads back MODE and PPN.
    SET_TEST 3
    csrr a0, satp
    la t0, vm_root
    srli t0, t0, 12
    li t1, SATP_SV32
    or t6, t0, t1
    CHECK_EQ_REG a0, t6

    # ---- S-mode runs through the identity superpage.
    SET_TEST 4
    la t2, s_load
    la a1, word_a
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    la t2, s_load_ecall
    VM_EXPECT_EPC t2
    CHECK_EQ a0, 0x11111111

    # ---- 4 KiB pages: loads, stores, the page offset, an alias.
    SET_TEST 5
    li a1, VM_PAGE_VA
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xa0a0a0a0
    SET_TEST 6
    li a1, VM_PAGE_VA + 0xffc
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xa0a0affc
    SET_TEST 7
    li a1, VM_PAGE_VA + 0x1000
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xb1b1b1b1
    SET_TEST 8
    li a1, VM_PAGE_VA + 0x2ffc
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xa0a0affc
    SET_TEST 9
    li a1, VM_PAGE_VA + 0x10
    li a2, 0x5a5a1234
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    lw a0, 0x10(s0)
    CHECK_EQ a0, 0x5a5a1234
    SET_TEST 10                 # the store is visible through the alias
    li a1, VM_PAGE_VA + 0x2010
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0x5a5a1234
    SET_TEST 11                 # byte and halfword accesses
    li a1, VM_PAGE_VA + 0x11
    la t2, s_load_bytes
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0x12
    CHECK_EQ a3, 0x5a5a

    # ---- 4 MiB superpage: offset bits 21:0 pass through.
    SET_TEST 12
    lui a1, %hi(word_b - 0x80000000 + 0x00800000)
    addi a1, a1, %lo(word_b - 0x80000000 + 0x00800000)
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0x22222222
    SET_TEST 13                 # a word in the second physical page, via the superpage
    la a1, vm_pages + 0x1000
    li t0, 0x80000000 - 0x00800000
    sub a1, a1, t0
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xb1b1b1b1
    SET_TEST 14                 # the superpage is read-only
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, a1

    # ---- page faults, with mtval = the virtual address.
    SET_TEST 20                 # misaligned superpage: load
    li a1, 0x00c00123
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 21                 # misaligned superpage: store
    li a1, 0x00c01000
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, a1
    SET_TEST 22                 # misaligned superpage: fetch
    li t2, 0x00c00000
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_FETCH_PAGE_FAULT, t2
    VM_EXPECT_EPC t2
    SET_TEST 23                 # leaf with V clear: load
    li a1, VM_PAGE_VA + 0x3008
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 24                 # leaf with V clear: store
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, a1
    SET_TEST 25                 # leaf with V clear: fetch
    li t2, VM_PAGE_VA + 0x3000
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_FETCH_PAGE_FAULT, t2
    SET_TEST 26                 # root entry with V clear
    li a1, 0x01000004
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 27                 # pointer PTE at level 0
    li a1, VM_PAGE_VA + 0x4000
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 28                 # unmapped (all-zero) level-0 entry
    li a1, VM_PAGE_VA + 0x9ffc
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, a1
    SET_TEST 29                 # the faulting store wrote nothing anywhere
    lw a0, -4(s1)
    CHECK_EQ a0, 0xa0a0affc

    # ---- a second address space (root in physical page 2) maps VA page 0
    #      to physical page 1; switching satp switches the view.
    SET_TEST 30
    li t1, 8192
    add s2, s0, t1              # s2 = physical page 2: second root
    li t1, 12288
    add s3, s0, t1              # s3 = physical page 3: its level-0 table
    la t0, vm_root
    li t1, 4096
    add t1, t1, t0
1:  lw t3, 0(t0)                # copy the standard root
    sub t4, t0, t1
    add t4, t4, s2
    li t5, 4096
    add t4, t4, t5
    sw t3, 0(t4)
    addi t0, t0, 4
    bne t0, t1, 1b
    VM_PTE t1, s3, PTE_V
    sw t1, 4(s2)                # its VM_PAGE_VA entry -> its own table
    VM_PTE t1, s1, PTE_V|PTE_R|PTE_A
    sw t1, 0(s3)                # VA page 0 -> physical page 1
    srli t0, s2, 12
    li t1, SATP_SV32
    or t0, t0, t1
    csrw satp, t0
    sfence.vma
    li a1, VM_PAGE_VA
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xb1b1b1b1
    SET_TEST 31                 # back to the first one
    VM_SATP vm_root
    li a1, VM_PAGE_VA
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xa0a0a0a0

    # ---- satp = Bare again: S-mode addresses are physical.
    SET_TEST 32
    csrw satp, zero
    sfence.vma
    csrr a0, satp
    CHECK_EQ a0, 0
    SET_TEST 33
    mv a1, s1
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xb1b1b1b1
    SET_TEST 34                 # and the old virtual address means nothing
    li a1, VM_PAGE_VA
    VM_RUN 1, t2
    VM_EXPECT CAUSE_LOAD_ACCESS
    TEST_END

# S-mode snippets (inputs a1, a2; results a0, a3), ending with ecall.
s_load:
    lw a0, 0(a1)
s_load_ecall:
    ecall
s_store:
    sw a2, 0(a1)
    ecall
s_load_bytes:
    lbu a0, 0(a1)
    lhu a3, 1(a1)
    ecall

.data
.p2align 2
word_a: .word 0x11111111
word_b: .word 0x22222222
