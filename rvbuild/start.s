# The entry point of the bare-metal programs (perf's workloads, min-rt) on
# the QEMU virt machine with no firmware, included by each with
# global_asm!(include_str!(..)): sets the stack (__stack_top, from the
# linker script), turns the FPU on (mstatus.FS = Initial), sends any trap
# to a fail exit with code 3 through the SiFive test finisher, and calls
# main, which does not return.
.section .text.start
.globl _start
_start:
la sp, __stack_top
li t0, 0x2000
csrs mstatus, t0
la t0, 2f
csrw mtvec, t0
call main
1: j 1b
.align 2
2: li t0, 0x33333
li t1, 0x00100000
sw t0, 0(t1)
j 2b
