# A signature region in the architecture-test style: the program stores
# results between begin_signature and end_signature, and the emulator
# dumps them (`rvjit run --signature FILE`). tests/cli.rs checks the dump.
TEST_BEGIN
    la a0, begin_signature
    li a1, 0x12345678
    sw a1, 0(a0)
    li a1, -1
    add a1, a1, a1
    sw a1, 4(a0)
    li a1, 0xabc
    sh a1, 8(a0)
TEST_END

.data
.align 4
.globl begin_signature
begin_signature:
    .word 0, 0, 0xdead0000, 0xcafef00d
.globl end_signature
end_signature:
    .word 0x5a5a5a5a
