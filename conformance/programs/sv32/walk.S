# Sv32 walks that leave memory (Privileged ISA, "Virtual Address Translation
# Process", steps 2 and 7, and "Physical Memory Protection"): when reading a
# PTE violates a PMA (no memory there, also above 4 GiB in the 34-bit
# physical space) or a PMP check, the access raises an access fault of its
# own type (5 load, 7 store, 1 fetch) with mtval = the virtual address; so
# does a translated address that is no memory or that PMP denies. Page-table
# reads are checked by PMP as S-mode accesses, even under MPRV from M-mode.
#
# QEMU 7.2 raises a page fault instead of an access fault when a PTE read
# finds no memory (its walker turns any failed PTE read into a page fault;
# PMP failures it does report as access faults). The spec wins for rvjit;
# the PTE-outside-memory tests accept both causes, with the same mtval.
TEST_BEGIN
    VM_STD_DATA 2
    VM_PMP_OPEN
    VM_STD_LAYOUT
    la s0, vm_pages
    li t0, 0x00000073
    sw t0, 0(s0)
    li t0, 0x00005eed
    sw t0, 8(s0)
    fence.i
    .equ XW, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W|PTE_X
    VM_SET_PTE vm_l0, 0, s0, XW                 # page 0: fine
    li t1, 0x90000000
    VM_SET_PTE vm_l0, 1, t1, XW                 # page 1: no memory
    la t0, vm_l0                                # page 2: 0x3_0000_0000
    li t1, (0x300000 << 10) | XW
    sw t1, 8(t0)
    li t1, 0x90000000                           # 0x00800000: level-0
    VM_SET_PTE vm_root, 2, t1, PTE_V            # table outside RAM
    la t0, vm_root                              # 0x00c00000: level-0 table
    li t1, (0x300000 << 10) | PTE_V             # above 4 GiB
    sw t1, 12(t0)
    VM_SATP vm_root
    .equ PG, VM_PAGE_VA

    # WALK n, va: load, store and fetch at va must raise access faults
    # (tests n, n+1, n+2).
    .macro WALK n, va
    SET_TEST \n
    li a1, \va
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_ACCESS, a1
    SET_TEST \n + 1
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_ACCESS, a1
    SET_TEST \n + 2
    mv t2, a1
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_FETCH_ACCESS, t2
    VM_EXPECT_EPC t2
.endm

    # EITHER cause1, cause2, reg: one trap, mcause cause1 or cause2, mtval reg.
    .macro EITHER cause1, cause2, reg
    TRAP_READ t5, TRAP_MCAUSE
    li t6, \cause2
    bne t5, t6, .Lfirst\@
    VM_EXPECT_TVAL \cause2, \reg
    j .Ldone\@
.Lfirst\@:
    VM_EXPECT_TVAL \cause1, \reg
.Ldone\@:
    .endm

    # WALK_PTE n, va: like WALK, for PTEs outside memory (either cause).
    .macro WALK_PTE n, va
    SET_TEST \n
    li a1, \va
    la t2, s_load
    VM_RUN 1, t2
    EITHER CAUSE_LOAD_ACCESS, CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST \n + 1
    la t2, s_store
    VM_RUN 1, t2
    EITHER CAUSE_STORE_ACCESS, CAUSE_STORE_PAGE_FAULT, a1
    SET_TEST \n + 2
    mv t2, a1
    VM_RUN 1, t2
    EITHER CAUSE_FETCH_ACCESS, CAUSE_FETCH_PAGE_FAULT, t2
    VM_EXPECT_EPC t2
    .endm

    SET_TEST 1                  # the fine page works
    li a1, PG + 8
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0x5eed

    # ---- the translated address is no memory.
    WALK 2, PG + 0x1000
    WALK 5, PG + 0x2000

    # ---- the PTEs themselves are no memory.
    WALK_PTE 10, 0x00800000
    WALK_PTE 13, 0x00c00000
    # The root table outside RAM (test 16) or above 4 GiB (test 18): S-mode
    # cannot even fetch its first instruction; an M-mode load under MPRV
    # with MPP = S walks the same table.
    .irp n, 16, 18
    SET_TEST \n
    .if \n == 16
    li t0, SATP_SV32 | (0x90000000 >> 12)
    .else
    li t0, SATP_SV32 | 0x200000
    .endif
    csrw satp, t0
    sfence.vma
    la t2, s_load
    VM_RUN 1, t2
    EITHER CAUSE_FETCH_ACCESS, CAUSE_FETCH_PAGE_FAULT, t2
    SET_TEST \n + 1
    li a1, PG + 8
    VM_MPRV MPP_S, lw a0, 0(a1)
    EITHER CAUSE_LOAD_ACCESS, CAUSE_LOAD_PAGE_FAULT, a1
    .endr
    VM_SATP vm_root

    # ---- PMP. PMP_ONLY label, perms: entry 0 = the 4 KiB at label with
    # perms (PMP R 1, W 2, X 4), entry 1 = all memory RWX.
    .macro PMP_ONLY label, perms
    la t0, \label
    srli t0, t0, 2
    ori t0, t0, 0x1ff
    csrw pmpaddr0, t0
    li t0, -1
    csrw pmpaddr1, t0
    li t0, (0x1f << 8) | 0x18 | (\perms)
    csrw pmpcfg0, t0
    .endm

    SET_TEST 30                 # the root table denied to S: S cannot fetch
    PMP_ONLY vm_root, 0
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_FETCH_ACCESS, t2
    SET_TEST 31                 # MPRV loads walk it as S: access fault
    li a1, PG + 8
    VM_MPRV MPP_S, lw a0, 0(a1)
    VM_EXPECT_TVAL CAUSE_LOAD_ACCESS, a1
    SET_TEST 32                 # stores too
    VM_MPRV MPP_S, sw zero, 0(a1)
    VM_EXPECT_TVAL CAUSE_STORE_ACCESS, a1
    SET_TEST 33                 # M-mode itself is not checked (entry 0 is
    la t0, vm_root              # not locked)
    lw a0, 4(t0)
    la t0, vm_l0
    VM_PTE t6, t0, PTE_V
    CHECK_EQ_REG a0, t6
    SET_TEST 34                 # the level-0 table denied
    PMP_ONLY vm_l0, 0
    li a1, PG + 8
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_ACCESS, a1
    SET_TEST 35
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_ACCESS, a1
    SET_TEST 36
    li t2, PG
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_FETCH_ACCESS, t2
    SET_TEST 37                 # the page itself read-only by PMP
    PMP_ONLY vm_pages, 1
    li a1, PG + 8
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0x5eed
    SET_TEST 38
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_ACCESS, a1
    SET_TEST 39
    li t2, PG
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_FETCH_ACCESS, t2
    SET_TEST 40                 # executable by PMP: the fetch works
    PMP_ONLY vm_pages, 4
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    # A must be set but PMP makes the PTE read-only for S: the PTE write is
    # an access that violates PMP, so an access fault with the PTE left
    # alone. QEMU 7.2 does not check PMP for its A/D update: it sets A and
    # the load completes; accepted as well.
    SET_TEST 41
    VM_SET_PTE vm_l0, 3, s0, PTE_V|PTE_R|PTE_W
    sfence.vma
    PMP_ONLY vm_l0, 1
    li a1, PG + 0x3008
    la t2, s_load
    VM_RUN 1, t2
    TRAP_READ t5, TRAP_MCAUSE
    li t6, CAUSE_ECALL_S
    beq t5, t6, 1f
    VM_EXPECT_TVAL CAUSE_LOAD_ACCESS, a1
    la t0, vm_l0
    lw a0, 12(t0)
    VM_PTE t6, s0, PTE_V|PTE_R|PTE_W
    CHECK_EQ_REG a0, t6
    j 2f
1:  SET_TEST 42                 # QEMU 7.2: the load worked and A is set
    CHECK_EQ a0, 0x5eed
    la t0, vm_l0
    lw a0, 12(t0)
    VM_PTE t6, s0, PTE_V|PTE_R|PTE_W|PTE_A
    CHECK_EQ_REG a0, t6
2:
    VM_PMP_OPEN
    TEST_END

    VM_SNIPPETS                 # s_load, s_store
