# Self-modifying code at the granularity engines watch (64-byte lines): a
# store patches an instruction in its own line, in the next line of the
# same block, and in another line of the same page, without fence.i and
# with it. Zifencei requires the new instruction only after fence.i:
# without it either the old or the new one may run, and QEMU 7.2 runs the
# old one when it follows the store in the same translation block. rvjit
# always runs the new one (the store ends the running block and drops just
# the blocks on the written line); interp/tests/engine.rs checks that.
# Stores next to the code (same page, other lines) must leave it intact.
.option norvc
TEST_BEGIN
    # ---- same line, the instruction two after the store, no fence.i
    SET_TEST 1
    la t0, 1f
    li t1, 0x00200513           # li a0, 2
    j 2f
.p2align 6
2:  sw t1, 0(t0)
    nop
1:  li a0, 1
    li t3, 1
    beq a0, t3, 3f              # the old instruction: allowed
    CHECK_EQ a0, 2
3:

    # ---- the next line of the same block, no fence.i
    SET_TEST 2
    la t0, 1f
    li t1, 0x00300513           # li a0, 3
    j 2f
.p2align 6
2:  .rept 14
    nop
    .endr
    sw t1, 0(t0)                # bytes 56..59 of the line
    nop
1:  li a0, 1                    # the first word of the next line
    li t3, 1
    beq a0, t3, 3f              # the old instruction: allowed
    CHECK_EQ a0, 3
3:

    # ---- same line and next line again, with fence.i
    SET_TEST 3
    la t0, 1f
    li t1, 0x00400513           # li a0, 4
    j 2f
.p2align 6
2:  sw t1, 0(t0)
    fence.i
1:  li a0, 1
    CHECK_EQ a0, 4

    # ---- another line of the same page: a function that already ran
    SET_TEST 4
    call page_fn
    CHECK_EQ a0, 1
    call patch_page
    li t3, 1
    beq a0, t3, 3f              # the old instruction: allowed
    CHECK_EQ a0, 5
3:
    SET_TEST 5
    call page_fn
    CHECK_EQ a0, 6
TEST_END

# One 4 KiB page: the patching code in its first lines, the function it
# patches and data it writes in later ones.
.p2align 12
patch_page:
    # Stores next to the code: data in the page, no instruction hit.
    la t0, page_data
    li t1, 0x12345678
    sw t1, 0(t0)
    sw t1, 60(t0)
    lw t2, 60(t0)
    bne t1, t2, __fail
    mv s0, ra
    call page_fn                # still the old code
    li t1, 1
    bne a0, t1, __fail
    la t0, page_fn
    li t1, 0x00500513           # li a0, 5
    sw t1, 0(t0)
    mv t2, s0
    call page_fn                # no fence.i: a0 = 5 or the old 1
    mv s2, a0
    la t0, page_fn
    li t1, 0x00600513           # li a0, 6
    sw t1, 0(t0)
    fence.i
    mv a0, s2
    jr t2
.p2align 6
page_fn:
    li a0, 1
    ret
.p2align 6
page_data:
    .space 64
