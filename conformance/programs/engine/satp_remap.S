# One virtual page, two physical pages of code: VM_PAGE_VA maps code_a
# under one root table and code_b under another, whose two functions sit
# at the same offsets but add 1 and 2 (code_a) or 100 and 200 (code_b) per
# iteration. S-mode calls both functions in loops that run often enough to
# be compiled and chained (a self-loop on the page, calls into it and
# returns out of it), with satp switched between the runs from M-mode, by
# S-mode itself between two calls, and with the PTE rewritten under the
# same satp. After each switch the code of the new mapping must run: an
# engine that found a block, a chain or a jump-cache entry by virtual pc
# alone would run the other page's code and add the wrong amount. The
# second function is reached after the first has mapped the page again,
# so a jump-cache entry left from the old mapping meets a valid fetch
# translation of its pc. Every satp or PTE change is followed by
# sfence.vma, as the spec asks when ASIDs are reused.
.equ CALLS, 40                  # calls per run
.equ ITERS, 50                  # loop iterations per call
.equ FN2, 64                    # the second function's offset in a page
.equ SUM_A, CALLS*ITERS*3       # a run of s_calls under code_a
.equ SUM_B, CALLS*ITERS*300     # and under code_b

# SATP_OF rd, root: rd = the Sv32 satp value (ASID 0) for the table at root.
.macro SATP_OF rd, root
    la \rd, \root
    srli \rd, \rd, 12
    li t0, SATP_SV32
    or \rd, \rd, t0
.endm

# RUN_CALLS reg: runs the S-mode snippet at reg (a2/a6 = the functions on
# the page, a4/a5 = the satp values of roots B and A) and expects its
# ecall; a0 = its sum.
.macro CALL_BOTH
    li a1, ITERS
    jalr ra, 0(a2)
    li a1, ITERS
    jalr ra, 0(a6)
.endm

.macro RUN_CALLS reg
    VM_RUN 1, \reg
    VM_EXPECT CAUSE_ECALL_S
.endm

TEST_BEGIN
    VM_STD_DATA 1
    VM_PMP_OPEN
    VM_STD_LAYOUT               # root A: vm_root, VM_PAGE_VA by vm_l0
    li t1, 0x80000000           # root B: the same superpage, its own l0
    VM_SET_PTE root_b, 0x200, t1, PTE_V|PTE_R|PTE_W|PTE_X|PTE_A|PTE_D
    la t1, l0_b
    VM_SET_PTE root_b, VM_PAGE_VA >> 22, t1, PTE_V
    la t1, code_a
    VM_SET_PTE vm_l0, 0, t1, PTE_V|PTE_R|PTE_X|PTE_A|PTE_D
    la t1, code_b
    VM_SET_PTE l0_b, 0, t1, PTE_V|PTE_R|PTE_X|PTE_A|PTE_D
    SATP_OF a4, root_b
    SATP_OF a5, vm_root
    li a2, VM_PAGE_VA
    li a6, VM_PAGE_VA + FN2
    la s0, s_calls
    la s1, s_switch

    # ---- satp switched from M-mode between runs: A, B, A, B.
    SET_TEST 1
    csrw satp, a5
    sfence.vma
    RUN_CALLS s0
    CHECK_EQ a0, SUM_A
    SET_TEST 2
    csrw satp, a4
    sfence.vma
    RUN_CALLS s0
    CHECK_EQ a0, SUM_B
    SET_TEST 3
    csrw satp, a5
    sfence.vma
    RUN_CALLS s0
    CHECK_EQ a0, SUM_A
    SET_TEST 4
    csrw satp, a4
    sfence.vma
    RUN_CALLS s0
    CHECK_EQ a0, SUM_B

    # ---- S-mode switches satp between two calls, from root A.
    SET_TEST 5
    csrw satp, a5
    sfence.vma
    RUN_CALLS s1
    CHECK_EQ a0, SUM_A+SUM_B
    csrr t0, satp
    CHECK_EQ_REG t0, a5

    # ---- the PTE of root A rewritten to code_b, then back.
    SET_TEST 6
    la t1, code_b
    VM_SET_PTE vm_l0, 0, t1, PTE_V|PTE_R|PTE_X|PTE_A|PTE_D
    sfence.vma
    RUN_CALLS s0
    CHECK_EQ a0, SUM_B
    SET_TEST 7
    la t1, code_a
    VM_SET_PTE vm_l0, 0, t1, PTE_V|PTE_R|PTE_X|PTE_A|PTE_D
    sfence.vma
    RUN_CALLS s0
    CHECK_EQ a0, SUM_A
    TEST_END

# S-mode snippets. s_calls: a0 = the sum of CALLS rounds, each calling
# both functions of the page.
s_calls:
    li a0, 0
    li a3, CALLS
1:  CALL_BOTH
    addi a3, a3, -1
    bnez a3, 1b
    ecall
# s_switch: each round calls the page under root A, switches to B, calls
# it again and switches back.
s_switch:
    li a0, 0
    li a3, CALLS
1:  CALL_BOTH
    csrw satp, a4
    sfence.vma
    CALL_BOTH
    csrw satp, a5
    sfence.vma
    addi a3, a3, -1
    bnez a3, 1b
    ecall

# The two physical pages seen at VM_PAGE_VA, each with two functions at
# the same offsets: a0 += step, a1 times.
.macro CODE_PAGE name, step
.option push
.option norvc                   # the same layout whatever the step
.p2align 12
\name:
1:  addi a0, a0, \step
    addi a1, a1, -1
    bnez a1, 1b
    ret
.p2align 6                      # at FN2
1:  addi a0, a0, 2*\step
    addi a1, a1, -1
    bnez a1, 1b
    ret
.option pop
.endm
    CODE_PAGE code_a, 1
    CODE_PAGE code_b, 100
.p2align 12

.pushsection .data
.p2align 12
root_b:
    .space 4096
l0_b:
    .space 4096
.popsection
