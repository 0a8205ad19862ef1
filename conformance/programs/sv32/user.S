# Sv32 U-bit rules (Privileged ISA, "Supervisor User Memory access" and the
# PTE U bit): U-mode may touch only U pages; S-mode may load and store to U
# pages only with sstatus.SUM set, and never executes from them; SUM takes
# effect at once, with no sfence.vma. Each fault has the access type's cause
# and mtval = the virtual address.
TEST_BEGIN
    VM_STD_DATA 2
    VM_PMP_OPEN
    VM_STD_LAYOUT
    # Physical page 0 (U) and page 1 (S): ecall at 0, data at 8.
    la s0, vm_pages
    li t1, 4096
    add s1, s0, t1
    li t0, 0x00000073
    sw t0, 0(s0)
    sw t0, 0(s1)
    li t0, 0x0000aaaa
    sw t0, 8(s0)
    li t0, 0x0000bbbb
    sw t0, 8(s1)
    fence.i
    # VA page 0: U RWX -> page 0; VA page 1: S RWX -> page 1.
    VM_SET_PTE vm_l0, 0, s0, PTE_V|PTE_A|PTE_D|PTE_U|PTE_R|PTE_W|PTE_X
    VM_SET_PTE vm_l0, 1, s1, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W|PTE_X
    VM_SATP vm_root
    li s2, VM_PAGE_VA           # the U page
    li s3, VM_PAGE_VA + 4096    # the S page
    li s4, MSTATUS_SUM

    # ---- U-mode on its own page: load, store, fetch all work.
    SET_TEST 1
    addi a1, s2, 8
    VM_UADDR t2, s_load
    VM_RUN 0, t2
    VM_EXPECT CAUSE_ECALL_U
    CHECK_EQ a0, 0xaaaa
    SET_TEST 2
    addi a1, s2, 12
    li a2, 0x1001
    VM_UADDR t2, s_store
    VM_RUN 0, t2
    VM_EXPECT CAUSE_ECALL_U
    lw a0, 12(s0)
    CHECK_EQ a0, 0x1001
    SET_TEST 3
    VM_RUN 0, s2
    VM_EXPECT CAUSE_ECALL_U
    VM_EXPECT_EPC s2

    # ---- U-mode on an S page: every access faults.
    SET_TEST 4
    addi a1, s3, 8
    VM_UADDR t2, s_load
    VM_RUN 0, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 5
    addi a1, s3, 12
    VM_UADDR t2, s_store
    VM_RUN 0, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, a1
    SET_TEST 6
    VM_RUN 0, s3
    VM_EXPECT_TVAL CAUSE_FETCH_PAGE_FAULT, s3
    SET_TEST 7                  # SUM changes nothing for U-mode
    csrs mstatus, s4
    addi a1, s3, 8
    VM_UADDR t2, s_load
    VM_RUN 0, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 8
    VM_RUN 0, s3
    VM_EXPECT_TVAL CAUSE_FETCH_PAGE_FAULT, s3
    SET_TEST 9                  # U code cannot run in the S identity map
    la t2, s_ecall
    VM_RUN 0, t2
    VM_EXPECT_TVAL CAUSE_FETCH_PAGE_FAULT, t2
    csrc mstatus, s4

    # ---- S-mode on a U page with SUM clear: loads and stores fault.
    SET_TEST 10
    addi a1, s2, 8
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 11
    addi a1, s2, 12
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, a1
    lw a0, 12(s0)
    CHECK_EQ a0, 0x1001
    SET_TEST 12                 # and fetches fault
    VM_RUN 1, s2
    VM_EXPECT_TVAL CAUSE_FETCH_PAGE_FAULT, s2
    SET_TEST 13                 # a U superpage too (the U alias of RAM)
    VM_UADDR a1, word_a
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1

    # ---- S-mode with SUM set: loads and stores work, fetches still fault.
    csrs mstatus, s4
    SET_TEST 20
    addi a1, s2, 8
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xaaaa
    SET_TEST 21
    addi a1, s2, 12
    li a2, 0x2002
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    lw a0, 12(s0)
    CHECK_EQ a0, 0x2002
    SET_TEST 22
    VM_RUN 1, s2
    VM_EXPECT_TVAL CAUSE_FETCH_PAGE_FAULT, s2
    VM_EXPECT_EPC s2
    SET_TEST 23
    VM_UADDR a1, word_a
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0x12345678
    SET_TEST 24                 # S pages stay accessible with SUM set
    addi a1, s3, 8
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xbbbb
    csrc mstatus, s4

    # ---- S-mode flips SUM itself (sstatus): the change is immediate.
    SET_TEST 30                 # set SUM, load (works), clear, load (faults)
    addi a1, s2, 8
    li a0, 0
    li a3, 0
    la t2, s_sum_on_off
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    la t0, s_sum_second
    VM_EXPECT_EPC t0
    CHECK_EQ a0, 0xaaaa
    CHECK_EQ a3, 0
    SET_TEST 31                 # SUM as S left it: clear
    csrr a0, mstatus
    and a0, a0, s4
    CHECK_EQ a0, 0
    SET_TEST 32                 # store with SUM then without
    addi a1, s2, 12
    li a2, 0x3003
    la t2, s_sum_store
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, a1
    la t0, s_sum_store_second
    VM_EXPECT_EPC t0
    lw a0, 12(s0)
    CHECK_EQ a0, 0x3003
    SET_TEST 33                 # sstatus.SUM is mstatus.SUM
    li a4, MSTATUS_SUM
    la t2, s_set_sum
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    csrr a0, mstatus
    and a0, a0, s4
    CHECK_EQ_REG a0, s4
    csrc mstatus, s4
    TEST_END

# Snippets (inputs a1, a2, a4; results a0, a3), ending with ecall.
    VM_SNIPPETS                 # s_load, s_store
s_ecall:
    ecall
s_sum_on_off:
    li t0, MSTATUS_SUM
    csrs sstatus, t0
    lw a0, 0(a1)
    csrc sstatus, t0
s_sum_second:
    lw a3, 0(a1)
    ecall
s_sum_store:
    li t0, MSTATUS_SUM
    csrs sstatus, t0
    sw a2, 0(a1)
    csrc sstatus, t0
s_sum_store_second:
    sw zero, 0(a1)
    ecall
s_set_sum:
    csrs sstatus, a4
    ecall

.data
.p2align 2
word_a: .word 0x12345678
