# The UART's receive path from the host: echoes input in upper case until a
# newline, then passes; with no input at all it passes after a while of
# polling. tests/cli.rs pipes a line into rvjit and checks the echo.
TEST_BEGIN
    SET_TEST 1
    li s0, 0x10000000            # UART0
    li s1, 200000                # polls left before giving up
1:  lbu t0, 5(s0)                # LSR
    andi t0, t0, 1               # DR: a byte waits in RBR
    bnez t0, 2f
    addi s1, s1, -1
    bnez s1, 1b
    j 9f
2:  lbu a0, 0(s0)                # RBR
    li t1, 'a'
    blt a0, t1, 3f
    li t1, 'z'
    bgt a0, t1, 3f
    addi a0, a0, -32
3:  lbu t0, 5(s0)                # LSR.THRE: room to send
    andi t0, t0, 0x20
    beqz t0, 3b
    sb a0, 0(s0)
    li t1, '\n'
    bne a0, t1, 1b
9:
TEST_END
