# Sv32 leaf permissions (Privileged ISA, "Virtual Address Translation
# Process", step 5): a load needs R, a store needs W, a fetch needs X, each
# failing with its own page fault (13 load, 15 store, 12 fetch) and mtval =
# the faulting virtual address; W without R (W, WX) is a reserved encoding
# that page-faults every access. The whole matrix is run in S-mode on S pages
# and in U-mode on U pages, on 4 KiB pages and on a superpage.
TEST_BEGIN
    VM_STD_DATA 1
    VM_PMP_OPEN
    VM_STD_LAYOUT
    # The physical page: ecall at 0 (the fetch target), data at 8 and 12.
    la s0, vm_pages
    li t0, 0x00000073
    sw t0, 0(s0)
    li t0, 0x600df00d
    sw t0, 8(s0)
    fence.i
    # VA pages 0..6 (S) and 8..14 (U) map it with R, RW, X, RX, RWX, W, WX.
    VM_SET_PTE vm_l0, 0, s0, PTE_V|PTE_A|PTE_D|PTE_R
    VM_SET_PTE vm_l0, 1, s0, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W
    VM_SET_PTE vm_l0, 2, s0, PTE_V|PTE_A|PTE_D|PTE_X
    VM_SET_PTE vm_l0, 3, s0, PTE_V|PTE_A|PTE_D|PTE_R|PTE_X
    VM_SET_PTE vm_l0, 4, s0, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W|PTE_X
    VM_SET_PTE vm_l0, 5, s0, PTE_V|PTE_A|PTE_D|PTE_W
    VM_SET_PTE vm_l0, 6, s0, PTE_V|PTE_A|PTE_D|PTE_W|PTE_X
    VM_SET_PTE vm_l0, 8, s0, PTE_V|PTE_A|PTE_D|PTE_U|PTE_R
    VM_SET_PTE vm_l0, 9, s0, PTE_V|PTE_A|PTE_D|PTE_U|PTE_R|PTE_W
    VM_SET_PTE vm_l0, 10, s0, PTE_V|PTE_A|PTE_D|PTE_U|PTE_X
    VM_SET_PTE vm_l0, 11, s0, PTE_V|PTE_A|PTE_D|PTE_U|PTE_R|PTE_X
    VM_SET_PTE vm_l0, 12, s0, PTE_V|PTE_A|PTE_D|PTE_U|PTE_R|PTE_W|PTE_X
    VM_SET_PTE vm_l0, 13, s0, PTE_V|PTE_A|PTE_D|PTE_U|PTE_W
    VM_SET_PTE vm_l0, 14, s0, PTE_V|PTE_A|PTE_D|PTE_U|PTE_W|PTE_X
    # Superpages at 0x00800000 (X only, S) and 0x00c00000 (W only, S),
    # both onto RAM.
    li t1, 0x80000000
    VM_SET_PTE vm_root, 2, t1, PTE_V|PTE_A|PTE_D|PTE_X
    li t1, 0x80000000
    VM_SET_PTE vm_root, 3, t1, PTE_V|PTE_A|PTE_D|PTE_W
    VM_SATP vm_root

    # PERM n, prv, page, load_ok, store_ok, fetch_ok: tests n, n+1, n+2.
    .macro PERM n, prv, page, load_ok, store_ok, fetch_ok
    .if \prv
    .equ .Lecall\@, CAUSE_ECALL_S
    .else
    .equ .Lecall\@, CAUSE_ECALL_U
    .endif
    SET_TEST \n
    li a1, VM_PAGE_VA + 4096 * (\page) + 8
    li a0, 0
    .if \prv
    la t2, s_load
    .else
    VM_UADDR t2, s_load
    .endif
    VM_RUN \prv, t2
    .if \load_ok
    VM_EXPECT .Lecall\@
    CHECK_EQ a0, 0x600df00d
    .else
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    CHECK_EQ a0, 0
    .endif
    SET_TEST \n + 1
    li a1, VM_PAGE_VA + 4096 * (\page) + 12
    li a2, 0x5700 + (\page)
    sw zero, 12(s0)
    .if \prv
    la t2, s_store
    .else
    VM_UADDR t2, s_store
    .endif
    VM_RUN \prv, t2
    .if \store_ok
    VM_EXPECT .Lecall\@
    lw a0, 12(s0)
    CHECK_EQ a0, 0x5700 + (\page)
    .else
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, a1
    lw a0, 12(s0)
    CHECK_EQ a0, 0
    .endif
    SET_TEST \n + 2
    li t2, VM_PAGE_VA + 4096 * (\page)
    VM_RUN \prv, t2
    .if \fetch_ok
    VM_EXPECT .Lecall\@
    .else
    VM_EXPECT_TVAL CAUSE_FETCH_PAGE_FAULT, t2
    .endif
    VM_EXPECT_EPC t2
    .endm

    #    n   prv page  load store fetch
    PERM 1,  1,  0,    1,   0,    0     # R
    PERM 4,  1,  1,    1,   1,    0     # RW
    PERM 7,  1,  2,    0,   0,    1     # X
    PERM 10, 1,  3,    1,   0,    1     # RX
    PERM 13, 1,  4,    1,   1,    1     # RWX
    PERM 16, 1,  5,    0,   0,    0     # W: reserved
    PERM 19, 1,  6,    0,   0,    0     # WX: reserved
    PERM 31, 0,  8,    1,   0,    0     # U R
    PERM 34, 0,  9,    1,   1,    0     # U RW
    PERM 37, 0,  10,   0,   0,    1     # U X
    PERM 40, 0,  11,   1,   0,    1     # U RX
    PERM 43, 0,  12,   1,   1,    1     # U RWX
    PERM 46, 0,  13,   0,   0,    0     # U W: reserved
    PERM 49, 0,  14,   0,   0,    0     # U WX: reserved

    # ---- superpages follow the same rules.
    SET_TEST 60                 # X-only superpage: no load
    lui a1, %hi(word_a - 0x80000000 + 0x00800000)
    addi a1, a1, %lo(word_a - 0x80000000 + 0x00800000)
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 61                 # no store
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, a1
    SET_TEST 62                 # but fetches: run s_ecall through it
    lui t2, %hi(s_ecall - 0x80000000 + 0x00800000)
    addi t2, t2, %lo(s_ecall - 0x80000000 + 0x00800000)
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    VM_EXPECT_EPC t2
    SET_TEST 63                 # W-only superpage: reserved, store faults
    lui a1, %hi(word_a - 0x80000000 + 0x00c00000)
    addi a1, a1, %lo(word_a - 0x80000000 + 0x00c00000)
    la t2, s_store
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, a1
    SET_TEST 64                 # load faults
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 65
    la a0, word_a
    lw a0, 0(a0)
    CHECK_EQ a0, 0x0a0a0a0a

    # ---- every access size takes the same check: byte, half and FP.
    SET_TEST 70                 # sb to an R page
    li a1, VM_PAGE_VA + 12
    la t2, s_store_byte
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, a1
    SET_TEST 71                 # lh from an X page
    li a1, VM_PAGE_VA + 2 * 4096 + 10
    la t2, s_load_half
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 72                 # fsw to an RX page (FS is on in S-mode too)
    li a1, VM_PAGE_VA + 3 * 4096 + 12
    la t2, s_store_fp
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, a1
    SET_TEST 73                 # AMO to an R page: a store page fault
    li a1, VM_PAGE_VA + 8
    la t2, s_amo
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, a1
    SET_TEST 74                 # lr.w from an X page: a load page fault
    li a1, VM_PAGE_VA + 2 * 4096 + 8
    la t2, s_lr
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 75                 # AMO to an RW page works
    li a1, VM_PAGE_VA + 4096 + 8
    li a2, 1
    la t2, s_amo
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0x600df00d
    lw a0, 8(s0)
    CHECK_EQ a0, 0x600df00e
    TEST_END

# Snippets (inputs a1, a2; result a0), ending with ecall. U-mode runs them
# through the U alias.
    VM_SNIPPETS                 # s_load, s_store
s_store_byte:
    sb a2, 0(a1)
    ecall
s_load_half:
    lh a0, 0(a1)
    ecall
s_store_fp:
    fsw fa0, 0(a1)
    ecall
s_amo:
    amoadd.w a0, a2, (a1)
    ecall
s_lr:
    lr.w a0, (a1)
    ecall
s_ecall:
    ecall

.data
.p2align 2
word_a: .word 0x0a0a0a0a
