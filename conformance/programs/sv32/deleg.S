# Page faults delegated to S-mode (medeleg bits 12, 13, 15), as an OS
# kernel takes them: the S-mode handler (stvec) sees scause = 12/13/15,
# stval = the faulting virtual address, sepc = the faulting instruction and
# sstatus.SPP = the mode it came from (for a fetch that crosses into an
# unmapped page, stval = the page boundary and sepc = the instruction);
# faults of M-mode accesses (MPRV)
# are never delegated, and causes not delegated (access faults) still go
# to M-mode.
TEST_BEGIN
    VM_STD_DATA 1
    VM_PMP_OPEN
    VM_STD_LAYOUT
    la s0, vm_pages
    li t0, 0x00000073
    sw t0, 0(s0)
    li t1, 4096                 # the page ends with the first half of
    add t1, t1, s0              # addi a0, a0, 1 (0x00150513)
    li t0, 0x0513
    sh t0, -2(t1)
    fence.i
    # VA page 0: S RW (data only); page 1: U RWX; page 2: not memory.
    VM_SET_PTE vm_l0, 0, s0, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W
    VM_SET_PTE vm_l0, 1, s0, PTE_V|PTE_A|PTE_D|PTE_U|PTE_R|PTE_W|PTE_X
    li t1, 0x90000000
    VM_SET_PTE vm_l0, 2, t1, PTE_V|PTE_A|PTE_D|PTE_R|PTE_W
    VM_SET_PTE vm_l0, 3, s0, PTE_V|PTE_A|PTE_D|PTE_R|PTE_X
    VM_SATP vm_root             # (page 4 stays unmapped)
    li t0, (1 << 12) | (1 << 13) | (1 << 15)
    csrw medeleg, t0
    la t0, s_trap
    csrw stvec, t0
    la s1, s_rec
    .equ PG, VM_PAGE_VA

    # S_TRAPPED n, cause, tval, epc, spp: the S handler ran once (ecall
    # from S back to M) and saw these values (registers tval, epc).
    .macro S_TRAPPED n, cause, tval, epc, spp
    SET_TEST \n
    VM_EXPECT CAUSE_ECALL_S
    lw a0, 0(s1)
    CHECK_EQ a0, 1
    lw a0, 4(s1)
    CHECK_EQ a0, \cause
    lw a0, 8(s1)
    CHECK_EQ_REG a0, \tval
    lw a0, 12(s1)
    CHECK_EQ_REG a0, \epc
    lw a0, 16(s1)
    CHECK_EQ a0, \spp
    sw zero, 0(s1)
    .endm

    SET_TEST 1                  # S load from an unmapped page
    li a1, PG + 0x5004
    la t2, s_load
    VM_RUN 1, t2
    S_TRAPPED 1, CAUSE_LOAD_PAGE_FAULT, a1, t2, MSTATUS_SPP
    SET_TEST 2                  # S store to a U page
    li a1, PG + 0x1008
    la t2, s_store
    VM_RUN 1, t2
    S_TRAPPED 2, CAUSE_STORE_PAGE_FAULT, a1, t2, MSTATUS_SPP
    SET_TEST 3                  # S fetch from a data page
    li t2, PG
    VM_RUN 1, t2
    S_TRAPPED 3, CAUSE_FETCH_PAGE_FAULT, t2, t2, MSTATUS_SPP
    SET_TEST 4                  # U load from an S page
    li a1, PG + 8
    VM_UADDR t2, s_load
    VM_RUN 0, t2
    S_TRAPPED 4, CAUSE_LOAD_PAGE_FAULT, a1, t2, 0
    SET_TEST 5                  # U store to an S page
    VM_UADDR t2, s_store
    VM_RUN 0, t2
    S_TRAPPED 5, CAUSE_STORE_PAGE_FAULT, a1, t2, 0
    SET_TEST 6                  # U fetch from an S page
    li t2, PG
    VM_RUN 0, t2
    S_TRAPPED 6, CAUSE_FETCH_PAGE_FAULT, t2, t2, 0
    SET_TEST 8                  # a fetch crossing into an unmapped page:
    li a0, 5                    # stval = the second half's address, sepc
    li t2, PG + 0x4000 - 2      # = the instruction
    li t3, PG + 0x4000
    VM_RUN 1, t2
    mv s3, a0                   # (S_TRAPPED uses a0)
    S_TRAPPED 8, CAUSE_FETCH_PAGE_FAULT, t3, t2, MSTATUS_SPP
    CHECK_EQ s3, 5
    SET_TEST 7                  # U runs on its own page: no fault
    li t2, PG + 0x1000
    VM_RUN 0, t2
    VM_EXPECT CAUSE_ECALL_U
    lw a0, 0(s1)
    CHECK_EQ a0, 0

    # ---- not delegated: access faults go to M-mode.
    SET_TEST 10
    li a1, PG + 0x2000
    la t2, s_load
    VM_RUN 1, t2
    VM_EXPECT_TVAL CAUSE_LOAD_ACCESS, a1
    VM_EXPECT_EPC t2
    lw a0, 0(s1)
    CHECK_EQ a0, 0

    # ---- M-mode accesses under MPRV: page faults stay in M-mode.
    SET_TEST 11
    li a1, PG + 0x5000
    TRAP_ARM_RESUME 1f
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, MPP_S | MSTATUS_MPRV
    csrs mstatus, t0
2:  lw a0, 0(a1)
    ecall
1:  li t0, MSTATUS_MPRV | MSTATUS_MPP
    csrc mstatus, t0
    VM_EXPECT_TVAL CAUSE_LOAD_PAGE_FAULT, a1
    la t0, 2b
    VM_EXPECT_EPC t0
    lw a0, 0(s1)
    CHECK_EQ a0, 0
    csrw medeleg, zero
    TEST_END

    VM_SNIPPETS                 # s_load, s_store

# S-mode trap handler: records count, scause, stval, sepc, sstatus.SPP at
# s_rec (through the identity map), then returns to M-mode with ecall.
.p2align 2
s_trap:
    la t0, s_rec
    lw t1, 0(t0)
    addi t1, t1, 1
    sw t1, 0(t0)
    csrr t1, scause
    sw t1, 4(t0)
    csrr t1, stval
    sw t1, 8(t0)
    csrr t1, sepc
    sw t1, 12(t0)
    csrr t1, sstatus
    andi t1, t1, MSTATUS_SPP
    sw t1, 16(t0)
    ecall

.data
.p2align 2
s_rec:
    .space 20
