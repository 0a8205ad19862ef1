# Conformance test framework: constants and macros.
#
# Every program is assembled as  prelude.S + <machine>.S + start.S + program
# (see conformance/build.rs). A program looks like:
#
#     # One-line description; optional directives:
#     # machine: spike          (report through HTIF tohost instead of the
#     #                          virt test finisher; run on -machine spike)
#     # expect-exit: N          (framework self-tests only: the run must
#     #                          end with exit status N instead of 0)
#     # expect-output: TEXT     (the run's stdout must contain TEXT)
#     # drive: SIZE [legacy]    (a virtio-mmio block device at 0x10001000
#     #                          with a fresh SIZE-byte image; see build.rs)
#     TEST_BEGIN
#         TEST_RR_OP 1, add, 3, 1, 2
#         ...
#     TEST_END
#     .data                     (test data, anywhere after TEST_BEGIN;
#     ...                        switch back with .text)
#
# Start-up (start.S): _start at 0x80000000 in M-mode sets mtvec to the
# "unexpected trap" handler, sp to the top of a 4 KiB stack, mstatus.FS to
# Initial, fcsr to 0 and gp to 0, then jumps to TEST_BEGIN.
#
# Results and exit codes (the emulator's exit status):
#   0            pass (PASS, TEST_END)
#   1..199       FAIL: the current test number (gp) failed
#   200          FAIL while gp was outside 1..199
#   224 + c      unexpected exception with mcause c (0..15)
#   240 + c      unexpected interrupt with cause c & 15
# On virt a failure also prints a line on the UART with gp, a0, a1, a2, t5
# and t6 (macros leave the value they checked in a0/a1 and the expected value
# in t5/t6) or, for an unexpected trap, mcause, mepc and mtval.
#
# Register conventions:
#   gp        current test number (set by every TEST_* macro, or SET_TEST)
#   sp        stack (4 KiB), s0-s11, tp, ra: never touched by the macros
#   a0-a7, t0-t6, fa0-fa7, ft0-ft11, fflags: scratch, clobbered by macros
#   (the trap macros keep every register but t5/t6: see below)
# Macro arguments must not contain spaces (write 1<<31, not 1 << 31).
# Values are integers; FP values are IEEE bit patterns (32-bit for S, 64-bit
# for D), see the F_* / D_* constants below.
#
# ---- Bookkeeping
#   TEST_BEGIN / TEST_END      start of the test code / PASS at its end
#   SET_TEST n                 gp = n (n checked to be in 1..199 at assembly)
#   PASS / FAIL                end the run (FAIL reports gp)
#   CHECK_EQ reg, val          FAIL unless reg == val (uses t6)
#   CHECK_EQ64 lo, hi, val     FAIL unless the pair {hi,lo} == 64-bit val
#   CHECK_EQ_REG r1, r2        FAIL unless r1 == r2 (e.g. an address)
#   TEST_CASE n, reg, val, insn...   SET_TEST n; insn; CHECK_EQ reg, val
#
# ---- Integer (operands in a1, a2; result in a0)
#   TEST_RR_OP n, inst, result, v1, v2      inst a0, a1, a2
#   TEST_RR_SRC1_EQ_DEST n, inst, result, v1, v2   inst a1, a1, a2
#   TEST_RR_SRC2_EQ_DEST n, inst, result, v1, v2   inst a2, a1, a2
#   TEST_RR_SRC12_EQ_DEST n, inst, result, v       inst a1, a1, a1
#   TEST_RR_ZEROSRC1 n, inst, result, v2    inst a0, x0, a2
#   TEST_RR_ZEROSRC2 n, inst, result, v1    inst a0, a1, x0
#   TEST_RR_ZERODEST n, inst, v1, v2        inst x0, a1, a2; x0 stays 0
#   TEST_IMM_OP n, inst, result, v1, imm    inst a0, a1, imm
#   TEST_IMM_SRC1_EQ_DEST n, inst, result, v1, imm
#   TEST_IMM_ZEROSRC1 n, inst, result, imm
#   TEST_IMM_ZERODEST n, inst, v1, imm
#   TEST_LD_OP n, inst, result, off, label  inst a0, off(a1) with a1 = label
#   TEST_ST_OP n, ld, st, val, off, label   st val at off(label), ld it back
#   TEST_BR2_TAKEN n, inst, v1, v2          inst a1, a2 taken, fwd and back
#   TEST_BR2_NOT_TAKEN n, inst, v1, v2      inst a1, a2 not taken, both ways
#
# ---- Floating point (operands fa1, fa2, fa3; fflags cleared before the
#      operation and compared exactly with `flags` after it; `rm` optional:
#      a static rounding mode such as rtz, or left out for the instruction's
#      default (dyn where the instruction has a rounding mode))
#   TEST_FP_OP1_S  n, inst, flags, result, v1[, rm]           inst fa0, fa1
#   TEST_FP_OP2_S  n, inst, flags, result, v1, v2[, rm]       inst fa0, fa1, fa2
#   TEST_FP_OP3_S  n, inst, flags, result, v1, v2, v3[, rm]   inst fa0, fa1, fa2, fa3
#   TEST_FP_CMP_S  n, inst, flags, result, v1, v2             inst a0, fa1, fa2
#   TEST_FP_TO_INT_S n, inst, flags, result, v1[, rm]         inst a0, fa1
#   TEST_INT_TO_FP_S n, inst, flags, result, ival[, rm]       inst fa0, a1
#   Single results are also checked to be NaN-boxed (upper 32 bits all ones).
#   The _D variants take 64-bit values (kept in .data, RV32 has no 64-bit
#   immediates) and check 64-bit results: TEST_FP_OP1_D, TEST_FP_OP2_D,
#   TEST_FP_OP3_D, TEST_FP_CMP_D, TEST_FP_TO_INT_D, TEST_INT_TO_FP_D, plus
#   TEST_FCVT_S_D n, flags, result32, v64[, rm]  (fcvt.s.d fa0, fa1)
#   TEST_FCVT_D_S n, flags, result64, v32        (fcvt.d.s fa0, fa1)
#   Building blocks: FP_LOAD_S freg, bits32 (fmv.w.x: NaN-boxed),
#   FP_LOAD_D freg, bits64 (fld: any 64-bit pattern, e.g. a badly boxed
#   single), FP_CHECK_S n, freg, bits32 (value and boxing),
#   FP_CHECK_D n, freg, bits64, FFLAGS_CHECK n, flags.
#
# ---- Expected traps
#   TEST_TRAP n, cause, insn...        insn must trap with mcause == cause;
#                                      the handler skips it (2 or 4 bytes)
#   TEST_TRAP_TVAL n, cause, tval, insn...   the same, and mtval == tval
#   TEST_TRAP_EITHER n, spec_cause, other_cause, insn...   insn must trap
#                                      with either cause: for behaviour where
#                                      QEMU 7.2 departs from the spec
#                                      (tval a number; for an address use
#                                      TRAP_READ and CHECK_EQ_REG)
#   Building blocks for longer sequences (privileged tests):
#   TRAP_ARM                 next trap goes to the recording handler, which
#                            stores mcause/mtval/mepc, counts the trap,
#                            re-installs the unexpected-trap handler and
#                            returns with mret past the trapping instruction
#                            (for an interrupt: to mepc itself); MPP is left
#                            as the trap set it (so the trapping mode resumes).
#                            Skipping reads the instruction at mepc, so for
#                            instruction-fetch faults use TRAP_ARM_RESUME.
#   TRAP_ARM_RESUME label    the same, but returns to `label` in M-mode
#                            (mstatus.MPP set to M before mret); uses 16
#                            bytes below sp
#   TRAP_DISARM              re-install the unexpected-trap handler
#   TRAP_READ reg, field     reg = recorded TRAP_COUNT, TRAP_MCAUSE,
#                            TRAP_MTVAL or TRAP_MEPC (count is 0 after ARM)
#   TRAP_EXPECT cause[, other_cause]   FAIL unless exactly one trap was
#                            recorded and its mcause is cause (or
#                            other_cause); t5 = the recorded value, t6 =
#                            the expected one (the check of TEST_TRAP,
#                            VM_EXPECT and PRIV_TEST_TRAP)
#   TRAP_ARM/ARM_RESUME/DISARM keep every register (they go through
#   mscratch); the handler keeps every register too. The handlers run in
#   M-mode and use mscratch as scratch, and __fw by physical address: keep
#   mstatus.MPRV = 0 while a trap can be taken, and do not keep anything
#   in mscratch across one. Both handlers are direct-mode (mtvec low bits
#   00); a test that needs another handler installs it itself and puts
#   back __trap_unexpected (TRAP_DISARM does that).
#
# ---- Adding a program
#   Put <group>/<name>.S next to the others (conformance/build.rs finds it;
#   the name is "<group>/<name>"); start it with a comment saying what it
#   covers and the QEMU behaviour it pins down. Test numbers 1..199 per
#   program. Code goes in .text (TEST_BEGIN switches to it), data in .data
#   or .bss; RAM starts at 0x80000000, the program is linked there by
#   conformance/link.ld and runs with translation off.
#
# ---- Sv32, privileged and device programs: the VM_* macros (page tables,
#      running code in S- or U-mode, checking recorded traps), the PRIV_*
#      macros (privilege levels, PMP, interrupts, timers) and the PLIC_*
#      ones (interrupt controller) are documented with their definitions at
#      the end of this file. Code that only a few programs of one group
#      share lives in its own file under common/, pulled in with
#      `# include: FILE` (see conformance/build.rs).

.attribute arch, "rv32imafdc_zicsr_zifencei"
.option norelax

# ---- Exception causes (mcause)
.equ CAUSE_MISALIGNED_FETCH, 0
.equ CAUSE_FETCH_ACCESS, 1
.equ CAUSE_ILLEGAL_INSN, 2
.equ CAUSE_BREAKPOINT, 3
.equ CAUSE_MISALIGNED_LOAD, 4
.equ CAUSE_LOAD_ACCESS, 5
.equ CAUSE_MISALIGNED_STORE, 6
.equ CAUSE_STORE_ACCESS, 7
.equ CAUSE_ECALL_U, 8
.equ CAUSE_ECALL_S, 9
.equ CAUSE_ECALL_M, 11
.equ CAUSE_FETCH_PAGE_FAULT, 12
.equ CAUSE_LOAD_PAGE_FAULT, 13
.equ CAUSE_STORE_PAGE_FAULT, 15

# ---- mstatus bits
.equ MSTATUS_MIE, 0x8
.equ MSTATUS_MPIE, 0x80
.equ MSTATUS_MPP, 0x1800
.equ MSTATUS_FS, 0x6000
.equ MSTATUS_FS_INITIAL, 0x2000

# ---- fflags bits and rounding modes
.equ NX, 0x01
.equ UF, 0x02
.equ OF, 0x04
.equ DZ, 0x08
.equ NV, 0x10
.equ RM_RNE, 0
.equ RM_RTZ, 1
.equ RM_RDN, 2
.equ RM_RUP, 3
.equ RM_RMM, 4
.equ RM_DYN, 7

# ---- Common single-precision bit patterns
.equ F_ZERO, 0x00000000
.equ F_NZERO, 0x80000000
.equ F_ONE, 0x3f800000
.equ F_NONE, 0xbf800000
.equ F_TWO, 0x40000000
.equ F_HALF, 0x3f000000
.equ F_INF, 0x7f800000
.equ F_NINF, 0xff800000
.equ F_QNAN, 0x7fc00000
.equ F_SNAN, 0x7f800001
.equ F_MAX, 0x7f7fffff
.equ F_NMAX, 0xff7fffff
.equ F_MIN_NORMAL, 0x00800000
.equ F_MIN_SUB, 0x00000001
.equ F_MAX_SUB, 0x007fffff

# ---- Common double-precision bit patterns
.equ D_ZERO, 0x0000000000000000
.equ D_NZERO, 0x8000000000000000
.equ D_ONE, 0x3ff0000000000000
.equ D_NONE, 0xbff0000000000000
.equ D_TWO, 0x4000000000000000
.equ D_HALF, 0x3fe0000000000000
.equ D_INF, 0x7ff0000000000000
.equ D_NINF, 0xfff0000000000000
.equ D_QNAN, 0x7ff8000000000000
.equ D_SNAN, 0x7ff0000000000001
.equ D_MAX, 0x7fefffffffffffff
.equ D_MIN_NORMAL, 0x0010000000000000
.equ D_MIN_SUB, 0x0000000000000001
.equ D_MAX_SUB, 0x000fffffffffffff

# ---- Framework data block (__fw in start.S): offsets
.equ TRAP_COUNT, 0
.equ TRAP_MCAUSE, 4
.equ TRAP_MTVAL, 8
.equ TRAP_MEPC, 12
.equ FW_RESUME, 16
.equ FW_SAVE_T1, 20
.equ FW_SAVE_T2, 24
.equ FW_SAVE_A0, 28
.equ FW_SAVE_A1, 32
.equ FW_SAVE_A2, 36
.equ FW_SAVE_T5, 40
.equ FW_SAVE_T6, 44
.equ FW_SIZE, 64

# ================================================================ bookkeeping

.macro TEST_BEGIN
    .text
__test_begin:
.endm

.macro TEST_END
    PASS
.endm

.macro PASS
    j __pass
.endm

.macro FAIL
    j __fail
.endm

.macro SET_TEST n
    .if (\n < 1) || (\n > 199)
    .error "test numbers must be in 1..199"
    .endif
    li gp, \n
.endm

.macro CHECK_EQ reg, val
    li t6, \val
    beq \reg, t6, .Lok\@
    FAIL
.Lok\@:
.endm

.macro CHECK_EQ_REG r1, r2
    beq \r1, \r2, .Lok\@
    FAIL
.Lok\@:
.endm

.macro CHECK_EQ64 lo, hi, val
    li t5, (\val) & 0xffffffff
    li t6, ((\val) >> 32) & 0xffffffff
    bne \lo, t5, .Lbad\@
    beq \hi, t6, .Lok\@
.Lbad\@:
    FAIL
.Lok\@:
.endm

.macro TEST_CASE n, reg, val, insn:vararg
    SET_TEST \n
    \insn
    CHECK_EQ \reg, \val
.endm

# ================================================================ integer

.macro TEST_RR_OP n, inst, result, v1, v2
    SET_TEST \n
    li a1, \v1
    li a2, \v2
    \inst a0, a1, a2
    CHECK_EQ a0, \result
.endm

.macro TEST_RR_SRC1_EQ_DEST n, inst, result, v1, v2
    SET_TEST \n
    li a1, \v1
    li a2, \v2
    \inst a1, a1, a2
    mv a0, a1
    CHECK_EQ a0, \result
.endm

.macro TEST_RR_SRC2_EQ_DEST n, inst, result, v1, v2
    SET_TEST \n
    li a1, \v1
    li a2, \v2
    \inst a2, a1, a2
    mv a0, a2
    CHECK_EQ a0, \result
.endm

.macro TEST_RR_SRC12_EQ_DEST n, inst, result, v
    SET_TEST \n
    li a1, \v
    \inst a1, a1, a1
    mv a0, a1
    CHECK_EQ a0, \result
.endm

.macro TEST_RR_ZEROSRC1 n, inst, result, v2
    SET_TEST \n
    li a2, \v2
    \inst a0, x0, a2
    CHECK_EQ a0, \result
.endm

.macro TEST_RR_ZEROSRC2 n, inst, result, v1
    SET_TEST \n
    li a1, \v1
    \inst a0, a1, x0
    CHECK_EQ a0, \result
.endm

.macro TEST_RR_ZERODEST n, inst, v1, v2
    SET_TEST \n
    li a1, \v1
    li a2, \v2
    \inst x0, a1, a2
    mv a0, x0
    CHECK_EQ a0, 0
.endm

.macro TEST_IMM_OP n, inst, result, v1, imm
    SET_TEST \n
    li a1, \v1
    \inst a0, a1, \imm
    CHECK_EQ a0, \result
.endm

.macro TEST_IMM_SRC1_EQ_DEST n, inst, result, v1, imm
    SET_TEST \n
    li a1, \v1
    \inst a1, a1, \imm
    mv a0, a1
    CHECK_EQ a0, \result
.endm

.macro TEST_IMM_ZEROSRC1 n, inst, result, imm
    SET_TEST \n
    \inst a0, x0, \imm
    CHECK_EQ a0, \result
.endm

.macro TEST_IMM_ZERODEST n, inst, v1, imm
    SET_TEST \n
    li a1, \v1
    \inst x0, a1, \imm
    mv a0, x0
    CHECK_EQ a0, 0
.endm

.macro TEST_LD_OP n, inst, result, off, label
    SET_TEST \n
    la a1, \label
    \inst a0, \off(a1)
    CHECK_EQ a0, \result
.endm

.macro TEST_ST_OP n, ld, st, val, off, label
    SET_TEST \n
    la a1, \label
    li a2, \val
    \st a2, \off(a1)
    \ld a0, \off(a1)
    CHECK_EQ a0, \val
.endm

.macro TEST_BR2_TAKEN n, inst, v1, v2
    SET_TEST \n
    li a1, \v1
    li a2, \v2
    \inst a1, a2, .Lfwd\@
    FAIL
.Lback\@:
    j .Ldone\@
.Lfwd\@:
    \inst a1, a2, .Lback\@
    FAIL
.Ldone\@:
.endm

.macro TEST_BR2_NOT_TAKEN n, inst, v1, v2
    SET_TEST \n
    li a1, \v1
    li a2, \v2
    \inst a1, a2, .Lbad\@
    j .Lnext\@
.Lbad\@:
    FAIL
.Lnext\@:
    \inst a1, a2, .Lbad\@
.endm

# ================================================================ floating point

# Builds `inst dst, srcs` or `inst dst, srcs, rm` (rm may be left blank).
.macro FP_INSN inst, ops, rm
    .ifb \rm
    \inst \ops
    .else
    \inst \ops, \rm
    .endif
.endm

.macro FP_LOAD_S freg, bits
    li t0, \bits
    fmv.w.x \freg, t0
.endm

.macro FP_LOAD_D freg, bits
    .pushsection .data
    .p2align 3
.Lval\@:
    .dword \bits
    .popsection
    la t0, .Lval\@
    fld \freg, 0(t0)
.endm

.macro FFLAGS_CHECK n, flags
    SET_TEST \n
    csrr a2, fflags
    li t6, \flags
    beq a2, t6, .Lok\@
    FAIL
.Lok\@:
.endm

# Checks the single in freg (a0 = its bits) and that it is NaN-boxed (a1 = upper word).
.macro FP_CHECK_S n, freg, bits
    SET_TEST \n
    fmv.x.w a0, \freg
    CHECK_EQ a0, \bits
    la t0, __fp_scratch
    fsd \freg, 0(t0)
    lw a1, 4(t0)
    CHECK_EQ a1, -1
.endm

# Checks the double in freg (a0 = low word, a1 = high word).
.macro FP_CHECK_D n, freg, bits
    SET_TEST \n
    la t0, __fp_scratch
    fsd \freg, 0(t0)
    lw a0, 0(t0)
    lw a1, 4(t0)
    CHECK_EQ64 a0, a1, \bits
.endm

.macro TEST_FP_OP1_S n, inst, flags, result, v1, rm
    SET_TEST \n
    FP_LOAD_S fa1, \v1
    csrwi fflags, 0
    FP_INSN \inst, "fa0, fa1", \rm
    FFLAGS_CHECK \n, \flags
    FP_CHECK_S \n, fa0, \result
.endm

.macro TEST_FP_OP2_S n, inst, flags, result, v1, v2, rm
    SET_TEST \n
    FP_LOAD_S fa1, \v1
    FP_LOAD_S fa2, \v2
    csrwi fflags, 0
    FP_INSN \inst, "fa0, fa1, fa2", \rm
    FFLAGS_CHECK \n, \flags
    FP_CHECK_S \n, fa0, \result
.endm

.macro TEST_FP_OP3_S n, inst, flags, result, v1, v2, v3, rm
    SET_TEST \n
    FP_LOAD_S fa1, \v1
    FP_LOAD_S fa2, \v2
    FP_LOAD_S fa3, \v3
    csrwi fflags, 0
    FP_INSN \inst, "fa0, fa1, fa2, fa3", \rm
    FFLAGS_CHECK \n, \flags
    FP_CHECK_S \n, fa0, \result
.endm

.macro TEST_FP_CMP_S n, inst, flags, result, v1, v2
    SET_TEST \n
    FP_LOAD_S fa1, \v1
    FP_LOAD_S fa2, \v2
    csrwi fflags, 0
    \inst a0, fa1, fa2
    FFLAGS_CHECK \n, \flags
    CHECK_EQ a0, \result
.endm

.macro TEST_FP_TO_INT_S n, inst, flags, result, v1, rm
    SET_TEST \n
    FP_LOAD_S fa1, \v1
    csrwi fflags, 0
    FP_INSN \inst, "a0, fa1", \rm
    FFLAGS_CHECK \n, \flags
    CHECK_EQ a0, \result
.endm

.macro TEST_INT_TO_FP_S n, inst, flags, result, ival, rm
    SET_TEST \n
    li a1, \ival
    csrwi fflags, 0
    FP_INSN \inst, "fa0, a1", \rm
    FFLAGS_CHECK \n, \flags
    FP_CHECK_S \n, fa0, \result
.endm

.macro TEST_FP_OP1_D n, inst, flags, result, v1, rm
    SET_TEST \n
    FP_LOAD_D fa1, \v1
    csrwi fflags, 0
    FP_INSN \inst, "fa0, fa1", \rm
    FFLAGS_CHECK \n, \flags
    FP_CHECK_D \n, fa0, \result
.endm

.macro TEST_FP_OP2_D n, inst, flags, result, v1, v2, rm
    SET_TEST \n
    FP_LOAD_D fa1, \v1
    FP_LOAD_D fa2, \v2
    csrwi fflags, 0
    FP_INSN \inst, "fa0, fa1, fa2", \rm
    FFLAGS_CHECK \n, \flags
    FP_CHECK_D \n, fa0, \result
.endm

.macro TEST_FP_OP3_D n, inst, flags, result, v1, v2, v3, rm
    SET_TEST \n
    FP_LOAD_D fa1, \v1
    FP_LOAD_D fa2, \v2
    FP_LOAD_D fa3, \v3
    csrwi fflags, 0
    FP_INSN \inst, "fa0, fa1, fa2, fa3", \rm
    FFLAGS_CHECK \n, \flags
    FP_CHECK_D \n, fa0, \result
.endm

.macro TEST_FP_CMP_D n, inst, flags, result, v1, v2
    SET_TEST \n
    FP_LOAD_D fa1, \v1
    FP_LOAD_D fa2, \v2
    csrwi fflags, 0
    \inst a0, fa1, fa2
    FFLAGS_CHECK \n, \flags
    CHECK_EQ a0, \result
.endm

.macro TEST_FP_TO_INT_D n, inst, flags, result, v1, rm
    SET_TEST \n
    FP_LOAD_D fa1, \v1
    csrwi fflags, 0
    FP_INSN \inst, "a0, fa1", \rm
    FFLAGS_CHECK \n, \flags
    CHECK_EQ a0, \result
.endm

.macro TEST_INT_TO_FP_D n, inst, flags, result, ival, rm
    SET_TEST \n
    li a1, \ival
    csrwi fflags, 0
    FP_INSN \inst, "fa0, a1", \rm
    FFLAGS_CHECK \n, \flags
    FP_CHECK_D \n, fa0, \result
.endm

.macro TEST_FCVT_S_D n, flags, result, v1, rm
    SET_TEST \n
    FP_LOAD_D fa1, \v1
    csrwi fflags, 0
    FP_INSN fcvt.s.d, "fa0, fa1", \rm
    FFLAGS_CHECK \n, \flags
    FP_CHECK_S \n, fa0, \result
.endm

.macro TEST_FCVT_D_S n, flags, result, v1
    SET_TEST \n
    FP_LOAD_S fa1, \v1
    csrwi fflags, 0
    fcvt.d.s fa0, fa1
    FFLAGS_CHECK \n, \flags
    FP_CHECK_D \n, fa0, \result
.endm

# ================================================================ expected traps

.macro TRAP_ARM
    csrw mscratch, t0
    la t0, __fw
    sw zero, TRAP_COUNT(t0)
    sw zero, TRAP_MCAUSE(t0)
    sw zero, TRAP_MTVAL(t0)
    sw zero, TRAP_MEPC(t0)
    sw zero, FW_RESUME(t0)
    la t0, __trap_expected
    csrw mtvec, t0
    csrr t0, mscratch
.endm

.macro TRAP_ARM_RESUME label
    TRAP_ARM
    addi sp, sp, -16
    sw t0, 0(sp)
    sw t1, 4(sp)
    la t0, __fw
    la t1, \label
    sw t1, FW_RESUME(t0)
    lw t1, 4(sp)
    lw t0, 0(sp)
    addi sp, sp, 16
.endm

.macro TRAP_DISARM
    csrw mscratch, t0
    la t0, __trap_unexpected
    csrw mtvec, t0
    csrr t0, mscratch
.endm

.macro TRAP_READ reg, field
    la \reg, __fw
    lw \reg, \field(\reg)
.endm

.macro TEST_TRAP n, cause, insn:vararg
    TEST_TRAP_EITHER \n, \cause, \cause, \insn
.endm

.macro TEST_TRAP_TVAL n, cause, tval, insn:vararg
    TEST_TRAP \n, \cause, \insn
    TRAP_READ t5, TRAP_MTVAL
    li t6, \tval
    beq t5, t6, .Lok\@
    FAIL
.Lok\@:
.endm

.macro TEST_TRAP_EITHER n, spec_cause, other_cause, insn:vararg
    SET_TEST \n
    TRAP_ARM
    \insn
    TRAP_DISARM
    TRAP_EXPECT \spec_cause, \other_cause
.endm

.macro TRAP_EXPECT cause, other_cause
    TRAP_READ t5, TRAP_COUNT
    li t6, 1
    beq t5, t6, .Lcounted\@
    FAIL
.Lcounted\@:
    TRAP_READ t5, TRAP_MCAUSE
    li t6, \cause
    beq t5, t6, .Lok\@
    .ifnb \other_cause
    li t6, \other_cause
    beq t5, t6, .Lok\@
    .endif
    FAIL
.Lok\@:
.endm

# ================================================================ Sv32 (VM_*)
#
# Helpers for the programs in sv32/ and dev/. They clobber t0 and t1 (the
# checks also t5, t6) and keep every other register.
#
#   PTE_V .. PTE_D, SATP_SV32    Sv32 PTE bits and the satp MODE bit
#   VM_PTE rd, pa, flags         rd = PTE for the physical address in
#                                register pa (any offset bits dropped)
#                                with constant flags; rd may equal pa
#   VM_SET_PTE table, index, pa, flags
#                                table[index] = VM_PTE(pa, flags); table a
#                                label, index a constant (0..1023)
#   VM_STD_LAYOUT                the standard address space, see below,
#                                in the tables vm_root/vm_l0 (VM_STD_DATA)
#   VM_STD_DATA npages           defines vm_root, vm_l0 and vm_pages
#                                (npages 4 KiB physical pages), all zero
#   VM_PMP_OPEN                  PMP entry 0 = NAPOT over all of memory,
#                                RWX, so that S and U may access anything
#                                (QEMU 7.2 even refuses an mret to S or U,
#                                as an illegal instruction, while no PMP
#                                entry is set); call it before any VM_RUN
#   VM_SATP root                 satp = Sv32 with the table at label root;
#                                sfence.vma
#   VM_RUN prv, reg              arms the recording trap handler (TRAP_ARM_
#                                RESUME to just after the macro), then
#                                mret to the address in reg in privilege prv
#                                (1 = S, 0 = U). The code there ends with
#                                ecall (mcause 9 from S, 8 from U) or traps;
#                                either way the run comes back to M-mode
#                                after the macro with the trap recorded.
#   VM_EXPECT cause              FAIL unless exactly one trap was recorded
#                                and its mcause is cause (TRAP_EXPECT:
#                                t5 = recorded value, t6 = expected)
#   VM_EXPECT_TVAL cause, reg    the same, and mtval == reg
#   VM_EXPECT_EPC reg            FAIL unless the recorded mepc == reg
#   VM_MPRV mpp, insn...         runs insn in M-mode with mstatus.MPRV = 1
#                                and MPP = mpp (MPP_S or MPP_U: loads and
#                                stores translated and checked as in that
#                                mode), then clears MPRV and ecalls; the
#                                recording handler is armed, so exactly one
#                                trap is recorded either way (mcause 11
#                                when insn did not trap). Afterwards MPRV
#                                and MPP are 0, a5 = the address of insn.
#   VM_SNIPPETS                  defines the two snippets most programs
#                                run through VM_RUN: s_load (a0 = the word
#                                at a1) and s_store (the word at a1 = a2),
#                                each ending with ecall
#
# Standard layout (VM_STD_LAYOUT): RAM 0x80000000..0x803fffff is mapped
# at its own address as an S-mode RWX superpage (the program runs there in
# S-mode), and again at VM_USER_BASE (0x40000000) as a U-mode RWX superpage
# (U-mode code runs at label - VM_USER_OFFSET: see VM_UADDR); vm_root[1]
# points to vm_l0, so VM_PAGE_VA + 4096 * i is mapped by vm_l0[i], which the
# program fills. A and D are preset in these mappings.
#   VM_UADDR rd, label           rd = the U-mode alias of label

.equ PTE_V, 0x01
.equ PTE_R, 0x02
.equ PTE_W, 0x04
.equ PTE_X, 0x08
.equ PTE_U, 0x10
.equ PTE_G, 0x20
.equ PTE_A, 0x40
.equ PTE_D, 0x80
.equ SATP_SV32, 0x80000000
.equ MSTATUS_SIE, 0x2
.equ MSTATUS_SPP, 0x100
.equ MSTATUS_MPRV, 0x20000
.equ MSTATUS_SUM, 0x40000
.equ MSTATUS_MXR, 0x80000
.equ MSTATUS_TVM, 0x100000
.equ MPP_U, 0x0000
.equ MPP_S, 0x0800
.equ MPP_M, 0x1800
.equ VM_USER_BASE, 0x40000000
.equ VM_USER_OFFSET, 0x40000000
.equ VM_PAGE_VA, 0x00400000

.macro VM_PTE rd, pa, flags
    srli \rd, \pa, 12
    slli \rd, \rd, 10
    ori \rd, \rd, \flags
.endm

.macro VM_SET_PTE table, index, pa, flags
    VM_PTE t1, \pa, \flags
    la t0, \table
    .if (\index) * 4 < 2048
    sw t1, (\index) * 4(t0)
    .else
    addi t0, t0, 2047
    sw t1, (\index) * 4 - 2047(t0)
    .endif
.endm

.macro VM_STD_DATA npages
    .pushsection .data
    .p2align 12
vm_root:
    .space 4096
vm_l0:
    .space 4096
vm_pages:
    .space 4096 * \npages
    .popsection
.endm

.macro VM_STD_LAYOUT
    li t1, 0x80000000
    VM_SET_PTE vm_root, 0x200, t1, PTE_V|PTE_R|PTE_W|PTE_X|PTE_A|PTE_D
    li t1, 0x80000000
    VM_SET_PTE vm_root, VM_USER_BASE >> 22, t1, PTE_V|PTE_R|PTE_W|PTE_X|PTE_U|PTE_A|PTE_D
    la t1, vm_l0
    VM_SET_PTE vm_root, VM_PAGE_VA >> 22, t1, PTE_V
.endm

.macro VM_UADDR rd, label
    lui \rd, %hi(\label - VM_USER_OFFSET)
    addi \rd, \rd, %lo(\label - VM_USER_OFFSET)
.endm

.macro VM_PMP_OPEN
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
.endm

.macro VM_SATP root
    la t0, \root
    srli t0, t0, 12
    li t1, SATP_SV32
    or t0, t0, t1
    csrw satp, t0
    sfence.vma
.endm

.macro VM_RUN prv, reg
    TRAP_ARM_RESUME .Lback\@
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    .if \prv
    li t0, (\prv) << 11
    csrs mstatus, t0
    .endif
    csrw mepc, \reg
    mret
.Lback\@:
.endm

.macro VM_EXPECT cause
    TRAP_EXPECT \cause
.endm

.macro VM_EXPECT_TVAL cause, reg
    VM_EXPECT \cause
    TRAP_READ t5, TRAP_MTVAL
    mv t6, \reg
    beq t5, t6, .Lok\@
    FAIL
.Lok\@:
.endm

.macro VM_EXPECT_EPC reg
    TRAP_READ t5, TRAP_MEPC
    mv t6, \reg
    beq t5, t6, .Lok\@
    FAIL
.Lok\@:
.endm

.macro VM_MPRV mpp, insn:vararg
    TRAP_ARM_RESUME .Lback\@
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, (\mpp) | MSTATUS_MPRV
    csrs mstatus, t0
.Linsn\@:
    \insn
    li t0, MSTATUS_MPRV
    csrc mstatus, t0
    ecall
.Lback\@:
    li t0, MSTATUS_MPRV | MSTATUS_MPP
    csrc mstatus, t0
    la a5, .Linsn\@
.endm

.macro VM_SNIPPETS
s_load:
    lw a0, 0(a1)
    ecall
s_store:
    sw a2, 0(a1)
    ecall
.endm

# ================================================================ privilege (PRIV_*)
#
# Helpers for the programs in csr/, trap/ and pmp/. Programs start in
# M-mode; these macros run code in S- or U-mode and come back to M-mode.
# The PRIV_ macros keep every register (they go through mscratch and the
# framework data block) except where noted below; they also use mscratch.
#
# Constants: PRV_U/S/M; MSTATUS_SIE, SPIE, SPP, MPRV, SUM, MXR, TVM, TW,
# TSR, SD and MSTATUS_MPP_SHIFT, MSTATUS_FS_SHIFT (with the MSTATUS_* above);
# MIP_SSIP, MSIP, STIP, MTIP, SEIP, MEIP; IRQ_SSI, MSI, STI, MTI, SEI, MEI
# (interrupt codes) and CAUSE_IRQ (the mcause interrupt bit); CLINT_BASE,
# CLINT_MSIP, CLINT_MTIMECMP, CLINT_MTIME (QEMU virt addresses); PMP_*.
#
# S and U need a PMP entry that allows them: with none active, every S/U
# access fails (Privileged ISA 3.7.1), and QEMU 7.2 even refuses the mret
# to S or U as an illegal instruction. Call PRIV_PMP_OPEN first.
#
#   PRIV_PMP_OPEN              PMP entry 15 (the lowest priority) = NAPOT
#                              over the whole address space, RWX, not
#                              locked; entries 12-14 are switched off
#   PRIV_PMP_ENTRY i, reg, cfg PMP entry i (a constant): pmpaddr_i = reg
#                              (an address already shifted right by 2),
#                              then its pmpcfg byte = cfg (a constant made
#                              of PMP_R, PMP_W, PMP_X, PMP_TOR, PMP_NA4,
#                              PMP_NAPOT, PMP_L); the other bytes are kept.
#                              Uses t0, t1.
#   PRV_U, PRV_S, PRV_M        privilege levels as mstatus.MPP encodes them
#   PRIV_ENTER mode, label     (M-mode) continue at `label` in `mode`: sets
#                              mstatus.MPP and mepc, then mret (which also
#                              sets MIE = MPIE, MPIE = 1 and, below M,
#                              clears MPRV). Nothing is armed: to come back,
#                              arm first (TRAP_ARM_RESUME, PRIV_IRQ_ARM_
#                              RESUME) and end the code with ecall, or use
#                              PRIV_GOTO. Beware: mret leaves MPIE = 1, so
#                              M-mode usually comes back from S/U (through
#                              a handler's mret) with MIE = 1; clear MIE
#                              before setting bits in mie.
#   PRIV_GOTO mode             (M-mode) continue right after the macro in
#                              `mode`, with a handler installed that takes
#                              the PRIV_RETURN ecall (any other trap is
#                              reported as unexpected)
#   PRIV_RETURN                (S/U after PRIV_GOTO) ecall: continues after
#                              it in M-mode, MIE as it was before the ecall,
#                              the unexpected-trap handler installed again
#   PRIV_TEST_TRAP n, mode, cause, insn...
#                              insn, run in `mode`, must trap to M-mode with
#                              mcause == cause; execution goes on after the
#                              macro in M-mode (TRAP_READ gives mepc, mtval).
#                              If insn does not trap, the ecall after it does
#                              (mcause 8 or 9) and the check fails.
#   PRIV_TEST_TRAP_TVAL n, mode, cause, tval, insn...   and mtval == tval
#                              (both use t5, t6 for the checks)
#   PRIV_IRQ_ARM_RESUME label  like TRAP_ARM_RESUME (the trap is recorded,
#                              TRAP_READ works, execution resumes at `label`
#                              in M-mode) but mstatus.MPIE is cleared before
#                              the mret, so M-mode resumes with MIE = 0 and
#                              an interrupt that is still pending is not
#                              taken again
#   PRIV_CHECK_MASK reg, mask, val   FAIL unless (reg & mask) == val (t5, t6)
#   PRIV_IS_QEMU reg           reg = 1 when running on QEMU, else 0. Only for
#                              checks QEMU 7.2 is known to get wrong (each
#                              use says why): those run strictly elsewhere.
#                              QEMU's marchid is its version (major << 16 |
#                              minor << 8 | micro) with mvendorid 0; rvjit's
#                              marchid is 0.

.equ PRV_U, 0
.equ PRV_S, 1
.equ PRV_M, 3
.equ MSTATUS_SIE, 0x2
.equ MSTATUS_SPIE, 0x20
.equ MSTATUS_SPP, 0x100
.equ MSTATUS_MPP_SHIFT, 11
.equ MSTATUS_FS_SHIFT, 13
.equ MSTATUS_MPRV, 0x20000
.equ MSTATUS_SUM, 0x40000
.equ MSTATUS_MXR, 0x80000
.equ MSTATUS_TVM, 0x100000
.equ MSTATUS_TW, 0x200000
.equ MSTATUS_TSR, 0x400000
.equ MSTATUS_SD, 0x80000000
.equ MIP_SSIP, 0x2
.equ MIP_MSIP, 0x8
.equ MIP_STIP, 0x20
.equ MIP_MTIP, 0x80
.equ MIP_SEIP, 0x200
.equ MIP_MEIP, 0x800
.equ CAUSE_IRQ, 0x80000000
.equ IRQ_SSI, 1
.equ IRQ_MSI, 3
.equ IRQ_STI, 5
.equ IRQ_MTI, 7
.equ IRQ_SEI, 9
.equ IRQ_MEI, 11
.equ CLINT_BASE, 0x02000000
.equ CLINT_MSIP, 0x02000000
.equ CLINT_MTIMECMP, 0x02004000
.equ CLINT_MTIME, 0x0200bff8

.equ PMP_R, 0x01
.equ PMP_W, 0x02
.equ PMP_X, 0x04
.equ PMP_TOR, 0x08
.equ PMP_NA4, 0x10
.equ PMP_NAPOT, 0x18
.equ PMP_L, 0x80

.macro PRIV_PMP_ENTRY i, reg, cfg
    .if (\i < 0) || (\i > 15)
    .error "PRIV_PMP_ENTRY: entries are 0..15"
    .endif
    csrw pmpaddr\i, \reg
    li t0, 0xff << (8 * ((\i) % 4))
    li t1, ((\cfg) & 0xff) << (8 * ((\i) % 4))
    .if \i < 4
    csrc pmpcfg0, t0
    csrs pmpcfg0, t1
    .elseif \i < 8
    csrc pmpcfg1, t0
    csrs pmpcfg1, t1
    .elseif \i < 12
    csrc pmpcfg2, t0
    csrs pmpcfg2, t1
    .else
    csrc pmpcfg3, t0
    csrs pmpcfg3, t1
    .endif
.endm

.macro PRIV_PMP_OPEN
    csrw mscratch, t0
    li t0, -1
    csrw pmpaddr15, t0
    li t0, 0x1f000000
    csrw pmpcfg3, t0
    csrr t0, mscratch
.endm

.macro PRIV_ENTER mode, label
    .if (\mode != PRV_U) && (\mode != PRV_S) && (\mode != PRV_M)
    .error "PRIV_ENTER: mode must be PRV_U, PRV_S or PRV_M"
    .endif
    csrw mscratch, t0
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, (\mode) << MSTATUS_MPP_SHIFT
    csrs mstatus, t0
    la t0, \label
    csrw mepc, t0
    csrr t0, mscratch
    mret
.endm

.macro PRIV_GOTO mode
    csrw mscratch, t0
    la t0, __priv_return
    csrw mtvec, t0
    csrr t0, mscratch
    PRIV_ENTER \mode, .Lgo\@
.Lgo\@:
.ifndef __priv_return
    .pushsection .text.priv, "ax"
    # PRIV_RETURN's handler: an ecall from U or S continues after the ecall
    # in M-mode; anything else is unexpected.
    .p2align 2
__priv_return:
    csrw mscratch, t0
    csrr t0, mcause
    addi t0, t0, -CAUSE_ECALL_U
    beqz t0, 1f
    addi t0, t0, CAUSE_ECALL_U - CAUSE_ECALL_S
    beqz t0, 1f
    csrr t0, mscratch
    j __trap_unexpected
1:  csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    li t0, MSTATUS_MPP
    csrs mstatus, t0
    la t0, __trap_unexpected
    csrw mtvec, t0
    csrr t0, mscratch
    mret
    .popsection
.endif
.endm

.macro PRIV_RETURN
    ecall
.endm

.macro PRIV_TEST_TRAP n, mode, cause, insn:vararg
    SET_TEST \n
    TRAP_ARM_RESUME .Ldone\@
    PRIV_ENTER \mode, .Lrun\@
.Lrun\@:
    \insn
    ecall
.Ldone\@:
    TRAP_DISARM
    TRAP_EXPECT \cause
.endm

.macro PRIV_TEST_TRAP_TVAL n, mode, cause, tval, insn:vararg
    PRIV_TEST_TRAP \n, \mode, \cause, \insn
    TRAP_READ t5, TRAP_MTVAL
    li t6, \tval
    beq t5, t6, .Lok\@
    FAIL
.Lok\@:
.endm

.macro PRIV_IRQ_ARM_RESUME label
    TRAP_ARM_RESUME \label
    csrw mscratch, t0
    la t0, __priv_irq_expected
    csrw mtvec, t0
    csrr t0, mscratch
.ifndef __priv_irq_expected
    .pushsection .text.priv, "ax"
    # Records the trap like __trap_expected, then resumes at FW_RESUME in
    # M-mode with MPIE (so MIE after the mret) clear.
    .p2align 2
__priv_irq_expected:
    csrw mscratch, t0
    la t0, __fw
    sw t1, FW_SAVE_T1(t0)
    la t1, __trap_unexpected
    csrw mtvec, t1
    lw t1, TRAP_COUNT(t0)
    addi t1, t1, 1
    sw t1, TRAP_COUNT(t0)
    csrr t1, mcause
    sw t1, TRAP_MCAUSE(t0)
    csrr t1, mtval
    sw t1, TRAP_MTVAL(t0)
    csrr t1, mepc
    sw t1, TRAP_MEPC(t0)
    lw t1, FW_RESUME(t0)
    csrw mepc, t1
    li t1, MSTATUS_MPP
    csrs mstatus, t1
    li t1, MSTATUS_MPIE
    csrc mstatus, t1
    lw t1, FW_SAVE_T1(t0)
    csrr t0, mscratch
    mret
    .popsection
.endif
.endm

.macro PRIV_CHECK_MASK reg, mask, val
    li t6, \mask
    and t5, \reg, t6
    li t6, \val
    beq t5, t6, .Lok\@
    FAIL
.Lok\@:
.endm

.macro PRIV_IS_QEMU reg
    csrr \reg, mvendorid
    bnez \reg, .Lnot\@
    csrr \reg, marchid
    srli \reg, \reg, 16
    snez \reg, \reg
    j .Ldone\@
.Lnot\@:
    li \reg, 0
.Ldone\@:
.endm

# ================================================================ interrupts, timers (PRIV_*)
#
# More helpers for the programs in csr/, trap/ and dev/; each names the
# registers it uses. Constants: MENVCFGH_STCE (Sstc's enable in menvcfgh),
# MCOUNTEREN_TM.
#
#   PRIV_IRQS_OFF              mstatus.MIE = SIE = 0, mie = 0, mideleg = 0:
#                              nothing can be taken (t0)
#   PRIV_CHECK_MIP n, mask, value
#                              SET_TEST n; FAIL unless (mip & mask) ==
#                              value (a0 = mip & mask; t0)
#   PRIV_WAIT_MIP mask, want   waits until (mip & mask) == want, else FAIL
#                              after 4,000,000 polls (t1, t2, t6)
#   PRIV_SET_MSIP val          CLINT msip = val (0 or 1), then waits until
#                              mip.MSIP follows (PRIV_WAIT_MIP) (t0-t2, t6)
#   PRIV_SET_MTIMECMP hi, lo   mtimecmp = {hi, lo} (registers), the low word
#                              set to all ones first so that it never passes
#                              through a smaller value (t0, t1)
#   PRIV_TIMER_IN delta        mtimecmp = mtime + delta (a constant below
#                              2^31); {a3 hi, a2 lo} = that deadline (a4,
#                              t0, t1)
#   PRIV_TIMER_OFF             mtimecmp = all ones, then waits until
#                              mip.MTIP is clear (t0-t2, t6)
#   PRIV_SSTC_ON               (M-mode) Sstc on: menvcfgh.STCE = 1,
#                              mcounteren = TM alone (S may read time and
#                              use stimecmp), stimecmp = all ones (t0)
#   PRIV_SET_STIMECMP hi, lo   stimecmp = {hi, lo} (registers), the low
#                              word set to all ones first (t0)
#   PRIV_STIMER_IN delta       stimecmp = time + delta (a constant below
#                              2^31), in M-mode or in S-mode after
#                              PRIV_SSTC_ON; {a3 hi, a2 lo} = that deadline
#                              (a4, t0, t1)
#   PRIV_CSR_RW n, csr, val[, expect]
#                              SET_TEST n; csr = val (through a1), then
#                              FAIL unless it reads back (into a0) as expect
#                              (default: val)

.macro PRIV_IRQS_OFF
    li t0, MSTATUS_MIE | MSTATUS_SIE
    csrc mstatus, t0
    csrw mie, zero
    csrw mideleg, zero
.endm

.macro PRIV_CHECK_MIP n, mask, value
    SET_TEST \n
    csrr a0, mip
    li t0, \mask
    and a0, a0, t0
    CHECK_EQ a0, \value
.endm

.macro PRIV_WAIT_MIP mask, want
    # Poll for up to one second of `time` (10 MHz), whatever the speed of
    # the emulator running us.
    csrr t2, time
    li t6, 10000000
    add t2, t2, t6
.Lpoll\@:
    csrr t1, mip
    li t6, \mask
    and t1, t1, t6
    li t6, \want
    beq t1, t6, .Lok\@
    csrr t1, time
    sub t1, t1, t2
    bltz t1, .Lpoll\@
    FAIL
.Lok\@:
.endm

.macro PRIV_SET_MSIP val
    .if (\val != 0) && (\val != 1)
    .error "PRIV_SET_MSIP: val is 0 or 1"
    .endif
    li t0, CLINT_MSIP
    li t1, \val
    sw t1, 0(t0)
    PRIV_WAIT_MIP MIP_MSIP, (\val) * MIP_MSIP
.endm

.macro PRIV_SET_MTIMECMP hi, lo
    li t0, CLINT_MTIMECMP
    li t1, -1
    sw t1, 0(t0)
    sw \hi, 4(t0)
    sw \lo, 0(t0)
.endm

.macro PRIV_TIMER_IN delta
    li t0, CLINT_MTIME
.Lagain\@:
    lw a3, 4(t0)
    lw a2, 0(t0)
    lw t1, 4(t0)
    bne a3, t1, .Lagain\@
    li t1, \delta
    add t1, a2, t1
    sltu a4, t1, a2
    add a3, a3, a4
    mv a2, t1
    PRIV_SET_MTIMECMP a3, a2
.endm

.macro PRIV_TIMER_OFF
    li t0, CLINT_MTIMECMP
    li t1, -1
    sw t1, 0(t0)
    sw t1, 4(t0)
    PRIV_WAIT_MIP MIP_MTIP, 0
.endm

.equ MENVCFGH_STCE, 0x80000000
.equ MCOUNTEREN_TM, 2

.macro PRIV_SSTC_ON
    li t0, MENVCFGH_STCE
    csrw menvcfgh, t0
    li t0, MCOUNTEREN_TM
    csrw mcounteren, t0
    li t0, -1
    csrw stimecmp, t0
    csrw stimecmph, t0
.endm

.macro PRIV_SET_STIMECMP hi, lo
    li t0, -1
    csrw stimecmp, t0
    csrw stimecmph, \hi
    csrw stimecmp, \lo
.endm

.macro PRIV_STIMER_IN delta
.Lagain\@:
    csrr a3, timeh
    csrr a2, time
    csrr t1, timeh
    bne a3, t1, .Lagain\@
    li t1, \delta
    add t1, a2, t1
    sltu a4, t1, a2
    add a3, a3, a4
    mv a2, t1
    PRIV_SET_STIMECMP a3, a2
.endm

.macro PRIV_CSR_RW n, csr, val, expect
    SET_TEST \n
    li a1, \val
    csrw \csr, a1
    csrr a0, \csr
    .ifb \expect
    CHECK_EQ a0, \val
    .else
    CHECK_EQ a0, \expect
    .endif
.endm

# ================================================================ PLIC (PLIC_*)
#
# The platform-level interrupt controller of QEMU virt, for the programs in
# dev/, csr/ and trap/ that take external interrupts. Context 0 is hart 0
# M-mode (drives mip.MEIP), context 1 hart 0 S-mode (mip.SEIP).
#
# Constants: PLIC_BASE (the priority of source s is the word at PLIC_BASE +
# 4 * s), PLIC_PENDING, PLIC_ENABLE0/1, PLIC_THRESHOLD0/1, PLIC_CLAIM0/1
# (claim/complete); the sources PLIC_SRC_VIRTIO (the first virtio-mmio
# transport, 0x10001000) and PLIC_SRC_UART (UART0).
#
#   PLIC_ROUTE src, ctx        source src (a constant, 1..31) at priority 1
#                              and enabled for context ctx (0 or 1) alone,
#                              whose threshold is then set to 0 (written
#                              last: QEMU 7.2 re-evaluates its outputs on
#                              threshold writes, not on enable writes)
#                              (t0, t1)
#   PLIC_DRAIN ctx             claims and completes on context ctx (0 or 1)
#                              until the claim reads 0, FAIL after 8
#                              requests (t0-t2): requests a device raised
#                              earlier stay pending until claimed (PLIC
#                              spec), even with its line low again
#   PLIC_UART_ISR data         emits a machine external interrupt handler
#                              (to install in mtvec; label it, 4-byte
#                              aligned) for UART0 interrupts: it counts
#                              itself in the word at `data`, stores mcause
#                              at data+4, claims context 0 (the source at
#                              data+8), reads RBR (the byte at data+12) and
#                              completes; keeps every register (saves t1,
#                              t2 at data+16, data+20: `data` is 24 bytes)

.equ PLIC_BASE, 0x0c000000
.equ PLIC_PENDING, 0x0c001000
.equ PLIC_ENABLE0, 0x0c002000
.equ PLIC_ENABLE1, 0x0c002080
.equ PLIC_THRESHOLD0, 0x0c200000
.equ PLIC_CLAIM0, 0x0c200004
.equ PLIC_THRESHOLD1, 0x0c201000
.equ PLIC_CLAIM1, 0x0c201004
.equ PLIC_SRC_VIRTIO, 1
.equ PLIC_SRC_UART, 10

.macro PLIC_ROUTE src, ctx
    .if (\src < 1) || (\src > 31) || (\ctx < 0) || (\ctx > 1)
    .error "PLIC_ROUTE: sources 1..31, contexts 0..1"
    .endif
    li t0, PLIC_BASE + 4 * (\src)
    li t1, 1
    sw t1, 0(t0)
    li t0, PLIC_ENABLE0 + 0x80 * (\ctx)
    li t1, 1 << (\src)
    sw t1, 0(t0)
    li t0, PLIC_THRESHOLD0 + 0x1000 * (\ctx)
    sw zero, 0(t0)
.endm

.macro PLIC_DRAIN ctx
    li t0, PLIC_CLAIM0 + 0x1000 * (\ctx)
    li t2, 8
.Lclaim\@:
    lw t1, 0(t0)
    beqz t1, .Ldone\@
    sw t1, 0(t0)
    addi t2, t2, -1
    bnez t2, .Lclaim\@
    FAIL
.Ldone\@:
.endm

.macro PLIC_UART_ISR data
    csrw mscratch, t0
    la t0, \data
    sw t1, 16(t0)
    sw t2, 20(t0)
    lw t1, 0(t0)
    addi t1, t1, 1
    sw t1, 0(t0)
    csrr t1, mcause
    sw t1, 4(t0)
    li t1, PLIC_CLAIM0
    lw t2, 0(t1)
    sw t2, 8(t0)
    li t1, UART_BASE
    lbu t1, 0(t1)
    sw t1, 12(t0)
    li t1, PLIC_CLAIM0
    sw t2, 0(t1)
    lw t1, 16(t0)
    lw t2, 20(t0)
    csrr t0, mscratch
    mret
.endm
