# RV32I fence variants (memory ordering is trivially kept on one hart: they
# must simply execute) and Zifencei fence.i with self-modifying code: an
# instruction already executed is overwritten, fence.i, and the new one runs
# (also for code hot enough for a JIT to have compiled it).
.option norvc
TEST_BEGIN
    SET_TEST 1
    la a1, fdat
    li a2, 0x1234
    sw a2, 0(a1)
    fence
    fence rw, rw
    fence iorw, iorw
    fence r, w
    fence.tso
    .word 0x0100000f    # pause (fence w, 0): a hint
    lw a0, 0(a1)
    CHECK_EQ a0, 0x1234

    # Patch an instruction in .text after it has run once.
    SET_TEST 2
    jal ra, patch_fn
    CHECK_EQ a0, 1
    SET_TEST 3
    la a1, patch_insn
    li a2, 0x00200513   # addi a0, x0, 2
    sw a2, 0(a1)
    fence.i
    jal ra, patch_fn
    CHECK_EQ a0, 2
    # Patch it again, many times, each value executed once.
    SET_TEST 4
    li s0, 3
    li s1, 40
1:  slli a2, s0, 20
    ori a2, a2, 0x513   # addi a0, x0, s0
    la a1, patch_insn
    sw a2, 0(a1)
    fence.i
    jal ra, patch_fn
    bne a0, s0, __fail
    addi s0, s0, 1
    bne s0, s1, 1b

    # Generate a function in a data buffer and call it.
    SET_TEST 5
    la a1, code_buf
    li a2, 0x00550513   # addi a0, a0, 5
    sw a2, 0(a1)
    sw a2, 4(a1)
    li a2, 0x00008067   # ret
    sw a2, 8(a1)
    fence.i
    li a0, 100
    jalr ra, 0(a1)
    CHECK_EQ a0, 110
    # Rewrite the buffer: the old code must not run again.
    SET_TEST 6
    li a2, 0x00008067
    sw a2, 4(a1)
    fence.i
    li a0, 100
    jalr ra, 0(a1)
    CHECK_EQ a0, 105

    # Patch a compressed instruction (a 2-byte store) in place.
    SET_TEST 7
    jal ra, cpatch_fn
    CHECK_EQ a0, 1
    la a1, cpatch_insn
    li a2, 0x4525       # c.li a0, 9
    sh a2, 0(a1)
    fence.i
    jal ra, cpatch_fn
    CHECK_EQ a0, 9

    # A store into the next instruction of the same block, then fence.i.
    SET_TEST 8
    la a1, 2f
    li a2, 0x00700513   # addi a0, x0, 7
    li a0, 0
    sw a2, 0(a1)
    fence.i
2:  addi a0, x0, 3
    CHECK_EQ a0, 7

    # A hot function (run 1000 times, so a JIT has compiled it) is patched;
    # after fence.i the next 1000 calls see the new code.
    SET_TEST 9
    la a1, patch_insn
    li a2, 0x00b00513   # addi a0, x0, 11
    sw a2, 0(a1)
    fence.i
    li s0, 0
    li s1, 1000
    li s2, 0
3:  jal ra, patch_fn
    add s2, s2, a0
    addi s0, s0, 1
    bne s0, s1, 3b
    CHECK_EQ s2, 11000
    SET_TEST 10
    la a1, patch_insn
    li a2, 0x00d00513   # addi a0, x0, 13
    sw a2, 0(a1)
    fence.i
    li s0, 0
    li s2, 0
4:  jal ra, patch_fn
    add s2, s2, a0
    addi s0, s0, 1
    bne s0, s1, 4b
    CHECK_EQ s2, 13000
    # Patch it from inside the hot loop, every 100th iteration, to the
    # iteration number: each call returns the value last written.
    SET_TEST 11
    li s0, 0
    li s2, 0
    li s3, 100
5:  remu t0, s0, s3
    bnez t0, 6f
    la a1, patch_insn
    andi a2, s0, 0x7ff
    slli a2, a2, 20
    ori a2, a2, 0x513   # addi a0, x0, s0
    sw a2, 0(a1)
    fence.i
6:  jal ra, patch_fn
    add s2, s2, a0
    addi s0, s0, 1
    bne s0, s1, 5b
    CHECK_EQ s2, 450000
TEST_END

patch_fn:
patch_insn:
    addi a0, x0, 1
    ret

cpatch_fn:
.option push
.option rvc
cpatch_insn:
    c.li a0, 1
    c.nop
.option pop
    ret

.data
.p2align 2
fdat:
    .word 0
code_buf:
    .fill 4, 4, 0
