# Accesses that cross a 4 KiB page boundary under Sv32.
#
# Instruction fetch: a 4-byte instruction whose halves lie on two pages
# executes when both are executable; when the second half's page is not
# (unmapped, no X, or S-only from U-mode) the fetch page-faults with mepc =
# the instruction and mtval = the address of the second half, i.e. the page
# boundary (Privileged ISA, mtval: "the virtual address of the portion of
# the instruction that caused the fault"); when the first page faults,
# mtval = mepc. (Not tested: a second half whose physical address is no
# memory, which should raise an instruction access fault with the same
# mtval; QEMU 7.2 aborts on an assertion in translator_access there.) A 2-byte instruction at the end of a page runs even when the
# next page is unmapped. The second half is fetched through the current
# mapping every time (a remap plus sfence.vma changes the instruction).
#
# Data: misaligned loads and stores that cross into a mapped page work
# (QEMU 7.2 and rvjit perform misaligned accesses); crossing into a page
# that faults raises the load or store page fault with mtval = the address
# of the faulting portion (the page boundary), or the access address when
# the first page faults. A faulting crossing store writes nothing: QEMU and
# rvjit translate both pages before storing any byte.
TEST_BEGIN
    VM_STD_DATA 5
    VM_PMP_OPEN
    VM_STD_LAYOUT
    la s0, vm_pages
    li t1, 4096
    add s1, s0, t1              # P1
    add s2, s1, t1              # P2
    add s3, s2, t1              # P3
    add s4, s3, t1              # P4
    # P0 ends with the low half of addi a0, a0, 1 (0x00150513); P1 starts
    # with its high half, then ecall. P2 starts with the high half of
    # addi a0, a0, 2 (0x00250513), then ecall, and ends with c.addi a0, 1.
    li t0, 0x0513
    sh t0, -2(s1)
    li t0, 0x0015
    sh t0, 0(s1)
    li t0, 0x0073
    sh t0, 2(s1)
    sh zero, 4(s1)
    li t0, 0x0025
    sh t0, 0(s2)
    li t0, 0x0073
    sh t0, 2(s2)
    sh zero, 4(s2)
    li t0, 0x0505
    sh t0, -2(s3)
    # P3 ends with 0x11223344, P4 starts with 0x55667788.
    li t0, 0x11223344
    sw t0, -4(s4)
    li t0, 0x55667788
    sw t0, 0(s4)
    fence.i
    .equ XW, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W|PTE_X
    VM_SET_PTE vm_l0, 0, s0, XW         # 0/1: both executable
    VM_SET_PTE vm_l0, 1, s1, XW
    VM_SET_PTE vm_l0, 2, s0, XW         # 2/3: second unmapped
    VM_SET_PTE vm_l0, 4, s0, XW         # 4/5: second not executable
    VM_SET_PTE vm_l0, 5, s1, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W
    VM_SET_PTE vm_l0, 7, s1, XW         # 6/7: first unmapped
    VM_SET_PTE vm_l0, 8, s0, XW|PTE_U   # 8/9: U, then S
    VM_SET_PTE vm_l0, 9, s1, XW
    VM_SET_PTE vm_l0, 10, s2, XW        # 10/11: c.addi at the end, then unmapped
    VM_SET_PTE vm_l0, 12, s3, XW        # 12/13: data, both mapped
    VM_SET_PTE vm_l0, 13, s4, XW
    VM_SET_PTE vm_l0, 14, s3, XW        # 14/15: data, second unmapped
    VM_SET_PTE vm_l0, 17, s4, XW        # 16/17: data, first unmapped
    VM_SET_PTE vm_l0, 18, s3, XW        # 18/19: data, second read-only
    VM_SET_PTE vm_l0, 19, s4, PTE_V|PTE_A|PTE_D|PTE_R
    VM_SET_PTE vm_l0, 20, s3, XW        # 20/21: data, second U-only
    VM_SET_PTE vm_l0, 21, s4, XW|PTE_U
    VM_SATP vm_root
    .equ PG, VM_PAGE_VA

    # ---- instruction fetch.
    SET_TEST 1                  # both pages executable: runs
    li a0, 5
    li t2, PG + 0x1000 - 2
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 6
    li t0, PG + 0x1000 + 2
    VM_EXPECT_EPC t0
    SET_TEST 2                  # second page unmapped
    li a0, 5
    li t2, PG + 0x3000 - 2
    VM_RUN 1, t2
    li t3, PG + 0x3000
    VM_EXPECT_TVAL CAUSE_FETCH_PAGE_FAULT, t3
    VM_EXPECT_EPC t2
    CHECK_EQ a0, 5
    SET_TEST 3                  # second page not executable
    li t2, PG + 0x5000 - 2
    VM_RUN 1, t2
    li t3, PG + 0x5000
    VM_EXPECT_TVAL CAUSE_FETCH_PAGE_FAULT, t3
    VM_EXPECT_EPC t2
    CHECK_EQ a0, 5
    SET_TEST 4                  # first page unmapped
    li t2, PG + 0x7000 - 2
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_FETCH_PAGE_FAULT, t2
    VM_EXPECT_EPC t2
    SET_TEST 5                  # U-mode: the second page is S-only
    li t2, PG + 0x9000 - 2
    VM_RUN 0, t2
    li t3, PG + 0x9000
    VM_EXPECT_TVAL CAUSE_FETCH_PAGE_FAULT, t3
    VM_EXPECT_EPC t2
    CHECK_EQ a0, 5
    SET_TEST 6                  # a 2-byte instruction ends the page: it
    li t2, PG + 0xb000 - 2      # runs, then the next fetch faults
    VM_RUN 1, t2
    li t3, PG + 0xb000
    VM_EXPECT_TVAL CAUSE_FETCH_PAGE_FAULT, t3
    VM_EXPECT_EPC t3
    CHECK_EQ a0, 6
    SET_TEST 7                  # the same instruction once more (cached?)
    li a0, 5
    li t2, PG + 0x1000 - 2
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 6
    SET_TEST 8                  # remap the second page: addi a0, a0, 2
    VM_SET_PTE vm_l0, 1, s2, XW
    sfence.vma
    li a0, 5
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 7
    SET_TEST 9                  # unmap it: the instruction faults
    la t0, vm_l0
    sw zero, 4(t0)
    sfence.vma
    li a0, 5
    VM_RUN 1, t2
    li t3, PG + 0x1000
    VM_EXPECT_TVAL CAUSE_FETCH_PAGE_FAULT, t3
    VM_EXPECT_EPC t2
    CHECK_EQ a0, 5
    SET_TEST 10                 # and back
    VM_SET_PTE vm_l0, 1, s1, XW
    sfence.vma
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 6

    # ---- data: loads.
    SET_TEST 20                 # lw across two mapped pages
    li a1, PG + 0xd000 - 2
    la t2, s_lw
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0x77881122
    SET_TEST 21                 # lh across
    li a1, PG + 0xd000 - 1
    la t2, s_lh
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0xffff8811
    SET_TEST 22                 # fld across
    li a1, PG + 0xd000 - 4
    la t2, s_fld
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0x11223344
    CHECK_EQ a3, 0x55667788
    SET_TEST 23                 # second page unmapped: lw
    li a0, 0
    li a1, PG + 0xf000 - 2
    li t3, PG + 0xf000
    la t2, s_lw
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, t3
    CHECK_EQ a0, 0
    SET_TEST 24                 # lh
    li a1, PG + 0xf000 - 1
    la t2, s_lh
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, t3
    SET_TEST 25                 # fld
    li a1, PG + 0xf000 - 4
    la t2, s_fld
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, t3
    SET_TEST 26                 # first page unmapped: mtval = the address
    li a1, PG + 0x11000 - 2
    la t2, s_lw
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    SET_TEST 27                 # second page U-only (S-mode, SUM clear)
    li a1, PG + 0x15000 - 2
    li t3, PG + 0x15000
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, t3
    SET_TEST 28                 # with SUM the load works
    li t0, MSTATUS_SUM
    csrs mstatus, t0
    VM_RUN 1, t2
    li t0, MSTATUS_SUM
    csrc mstatus, t0
    VM_EXPECT CAUSE_ECALL_S
    CHECK_EQ a0, 0x77881122

    # ---- data: stores.
    SET_TEST 30                 # sw across two mapped pages
    li a1, PG + 0xd000 - 2
    li a2, 0xa1b2c3d4
    la t2, s_sw
    VM_RUN 1, t2
    VM_EXPECT CAUSE_ECALL_S
    lw a0, -4(s4)
    CHECK_EQ a0, 0xc3d43344
    lw a0, 0(s4)
    CHECK_EQ a0, 0x5566a1b2
    SET_TEST 31                 # second page unmapped: sw, nothing written
    li a1, PG + 0xf000 - 2
    li a2, 0x0badf00d
    li t3, PG + 0xf000
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, t3
    lw a0, -4(s4)
    CHECK_EQ a0, 0xc3d43344
    SET_TEST 32                 # sh
    li a1, PG + 0xf000 - 1
    la t2, s_sh
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, t3
    lw a0, -4(s4)
    CHECK_EQ a0, 0xc3d43344
    SET_TEST 33                 # fsd
    li a1, PG + 0xf000 - 4
    la t2, s_fsd
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, t3
    lw a0, -4(s4)
    CHECK_EQ a0, 0xc3d43344
    SET_TEST 34                 # second page read-only: sw, nothing written
    li a1, PG + 0x13000 - 1
    li t3, PG + 0x13000
    la t2, s_sw
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, t3
    lw a0, -4(s4)
    CHECK_EQ a0, 0xc3d43344
    lw a0, 0(s4)
    CHECK_EQ a0, 0x5566a1b2
    SET_TEST 35                 # first page unmapped: mtval = the address
    li a1, PG + 0x11000 - 3
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_STORE_PAGE_FAULT, a1
    lw a0, 0(s4)
    CHECK_EQ a0, 0x5566a1b2
    TEST_END

# Snippets: a1 = address, a2 = value; results a0 (a3).
s_lw:
    lw a0, 0(a1)
    ecall
s_lh:
    lh a0, 0(a1)
    ecall
s_fld:
    fld fa0, 0(a1)
    fsd fa0, -8(sp)
    lw a0, -8(sp)
    lw a3, -4(sp)
    ecall
s_sw:
    sw a2, 0(a1)
    ecall
s_sh:
    sh a2, 0(a1)
    ecall
s_fsd:
    fmv.w.x fa0, a2
    fsd fa0, 0(a1)
    ecall
