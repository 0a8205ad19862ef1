# A small driver for the virtio-mmio block device at 0x10001000 (virtio
# 1.2, "Virtio Over MMIO" and "Block Device"), shared by dev/virtio_blk
# (version 2) and dev/virtio_blk_legacy (version 1), which pull it in with
# `# include: virtio_blk.S`. The programs do the identification, the status
# handshake and the queue set-up themselves (that is where the two
# interfaces differ) and define the queue's three areas, vq_desc, vq_avail
# and vq_used (8 entries); from there on requests are the same.
#
# Conventions: s0 = VIO (the device's registers), s1 = requests completed
# so far (VBLK_IRQ_ON zeroes it, VBLK_REQ counts).
#
#   VREG n, off, value       SET_TEST n; FAIL unless the register at off
#                            reads value (a0)
#   VWR off, value           the register at off = value (t0)
#   VBLK_IRQ_ON              PLIC source 1 to hart 0 M-mode, mtvec =
#                            vblk_isr, mie.MEIE and mstatus.MIE set; s1 = 0
#   VBLK_IRQ_OFF             mstatus.MIE and mie.MEIE cleared, the
#                            unexpected-trap handler installed again
#                            (after the last request) (t0)
#   VBLK_REQ n, type, sector, buf, len, flags
#                            SET_TEST n; one request (blk_request) for len
#                            bytes at label buf (len 0: no data descriptor;
#                            flags DESC_F_WRITE for reads), then checks that
#                            it completed through the used ring (the next
#                            index, head 0) with exactly one more interrupt,
#                            for PLIC source 1 and the used-ring bit of
#                            InterruptStatus; a0 = the status byte, a1 =
#                            the used length
#   VBLK_CHECK_SECTOR n, buf, sector
#                            SET_TEST n; FAIL unless the 512 bytes at label
#                            buf hold the fresh image's sector (sector s
#                            holds s in its first word and byte i = i & 0xff
#                            elsewhere; see conformance::disk_pattern)
#   VBLK_WRITE_READBACK n, sector
#                            tests n..n+4: writes a pattern (byte i = 7i + 3)
#                            to sector, reads sectors sector-1..sector+1
#                            back in one request (1536 bytes), and checks
#                            the pattern between two untouched sectors
#
# Routines (jal, defined below): blk_request (see VBLK_REQ), check_sector;
# vblk_isr, the interrupt handler. Data: blk_buf (1536 bytes), blk_wbuf (512),
# blk_hdr, blk_status, isr_data (interrupt count, InterruptStatus, claimed
# source).

.equ VIO, 0x10001000
.equ VIO_MAGIC, 0x000
.equ VIO_VERSION, 0x004
.equ VIO_DEVICE_ID, 0x008
.equ VIO_VENDOR_ID, 0x00c
.equ VIO_DEV_FEATURES, 0x010        # HostFeatures in the legacy interface
.equ VIO_DEV_FEATURES_SEL, 0x014    # HostFeaturesSel
.equ VIO_DRV_FEATURES, 0x020        # GuestFeatures
.equ VIO_DRV_FEATURES_SEL, 0x024    # GuestFeaturesSel
.equ VIO_GUEST_PAGE_SIZE, 0x028     # legacy only
.equ VIO_QUEUE_SEL, 0x030
.equ VIO_QUEUE_NUM_MAX, 0x034
.equ VIO_QUEUE_NUM, 0x038
.equ VIO_QUEUE_ALIGN, 0x03c         # legacy only
.equ VIO_QUEUE_PFN, 0x040           # legacy only
.equ VIO_QUEUE_READY, 0x044         # version 2 only
.equ VIO_QUEUE_NOTIFY, 0x050
.equ VIO_INT_STATUS, 0x060
.equ VIO_INT_ACK, 0x064
.equ VIO_STATUS, 0x070
.equ VIO_DESC_LO, 0x080             # version 2 only, down to
.equ VIO_DESC_HI, 0x084             # VIO_CONFIG_GEN
.equ VIO_DRIVER_LO, 0x090
.equ VIO_DRIVER_HI, 0x094
.equ VIO_DEVICE_LO, 0x0a0
.equ VIO_DEVICE_HI, 0x0a4
.equ VIO_CONFIG_GEN, 0x0fc
.equ VIO_CONFIG, 0x100
.equ ST_ACK, 1
.equ ST_DRIVER, 2
.equ ST_DRIVER_OK, 4
.equ ST_FEATURES_OK, 8
.equ F_BLK_FLUSH, 1 << 9
.equ BLK_T_IN, 0
.equ BLK_T_OUT, 1
.equ BLK_T_FLUSH, 4
.equ DESC_F_WRITE, 2

.macro VREG n, off, value
    SET_TEST \n
    lw a0, \off(s0)
    CHECK_EQ a0, \value
.endm

.macro VWR off, value
    li t0, \value
    sw t0, \off(s0)
.endm

.macro VBLK_IRQ_ON
    PLIC_ROUTE PLIC_SRC_VIRTIO, 0
    la t0, vblk_isr
    csrw mtvec, t0
    li t0, MIP_MEIP
    csrs mie, t0
    csrsi mstatus, MSTATUS_MIE
    li s1, 0
.endm

.macro VBLK_IRQ_OFF
    csrci mstatus, MSTATUS_MIE
    li t0, MIP_MEIP
    csrc mie, t0
    TRAP_DISARM
.endm

.macro VBLK_REQ n, type, sector, buf, len, flags
    SET_TEST \n
    li a0, \type
    li a1, \sector
    la a2, \buf
    li a3, \len
    li a4, \flags
    jal blk_request
    addi s1, s1, 1
    la t0, vq_used
    lhu t1, 2(t0)
    CHECK_EQ_REG t1, s1
    addi t2, s1, -1             # ring[(idx - 1) % 8]: id, len
    andi t2, t2, 7
    slli t2, t2, 3
    add t2, t2, t0
    lw t1, 4(t2)
    CHECK_EQ t1, 0
    lw a1, 8(t2)
    la t0, isr_data             # one interrupt, for source 1, used-ring bit
    lw t1, 0(t0)
    CHECK_EQ_REG t1, s1
    lw t1, 4(t0)
    CHECK_EQ t1, 1
    lw t1, 8(t0)
    CHECK_EQ t1, PLIC_SRC_VIRTIO
.endm

.macro VBLK_CHECK_SECTOR n, buf, sector
    SET_TEST \n
    la a0, \buf
    li a1, \sector
    jal check_sector
    CHECK_EQ a0, 0
.endm

.macro VBLK_WRITE_READBACK n, sector
    la t0, blk_wbuf             # data: byte i = 7 * i + 3
    li t1, 0
.Lfill\@:
    slli t2, t1, 3
    sub t2, t2, t1
    addi t2, t2, 3
    add t3, t0, t1
    sb t2, 0(t3)
    addi t1, t1, 1
    li t2, 512
    bne t1, t2, .Lfill\@
    VBLK_REQ \n, BLK_T_OUT, \sector, blk_wbuf, 512, 0
    CHECK_EQ a0, 0
    CHECK_EQ a1, 1              # only the status written
    VBLK_REQ \n+1, BLK_T_IN, \sector-1, blk_buf, 1536, DESC_F_WRITE
    CHECK_EQ a0, 0
    CHECK_EQ a1, 1537           # data and status written
    VBLK_CHECK_SECTOR \n+2, blk_buf, \sector-1
    VBLK_CHECK_SECTOR \n+3, blk_buf+1024, \sector+1
    SET_TEST \n+4               # the written sector reads back
    la t0, blk_buf + 512
    la t1, blk_wbuf
    li t2, 512
.Lcmp\@:
    lbu a0, 0(t0)
    lbu a1, 0(t1)
    CHECK_EQ_REG a0, a1
    addi t0, t0, 1
    addi t1, t1, 1
    addi t2, t2, -1
    bnez t2, .Lcmp\@
.endm

# Submits one request as a 3-descriptor chain (header, data, status) at
# head 0 and waits (up to 2 s) for the interrupt handler to run.
# a0 = type, a1 = sector, a2 = data buffer, a3 = its length (0: no data
# descriptor), a4 = its flags (DESC_F_WRITE for reads). Returns a0 = the
# status byte. Clobbers a1-a5, t0-t6.
blk_request:
    la t0, blk_hdr
    sw a0, 0(t0)
    sw zero, 4(t0)
    sw a1, 8(t0)
    sw zero, 12(t0)
    la t1, blk_status
    li t2, 0xff
    sb t2, 0(t1)
    la t2, vq_desc
    sw t0, 0(t2)                # desc 0: header, device-readable
    sw zero, 4(t2)
    li t3, 16
    sw t3, 8(t2)
    li t3, 1 | (1 << 16)        # NEXT, next = 1
    sw t3, 12(t2)
    addi t4, t2, 16             # where the status descriptor goes
    beqz a3, 1f
    sw a2, 16(t2)               # desc 1: data
    sw zero, 20(t2)
    sw a3, 24(t2)
    ori t3, a4, 1
    li t5, 2 << 16
    or t3, t3, t5               # NEXT, next = 2
    sw t3, 28(t2)
    addi t4, t2, 32
    j 2f
1:  li t3, 1 | (2 << 16)        # no data: desc 0 chains to desc 2
    sw t3, 12(t2)
    addi t4, t2, 32
2:  sw t1, 0(t4)                # status descriptor, device-writable
    sw zero, 4(t4)
    li t3, 1
    sw t3, 8(t4)
    li t3, DESC_F_WRITE
    sw t3, 12(t4)
    la t2, vq_avail
    lhu t3, 2(t2)
    andi t4, t3, 7
    slli t4, t4, 1
    add t4, t4, t2
    sh zero, 4(t4)              # ring[idx % 8] = head 0
    fence rw, rw
    addi t3, t3, 1
    sh t3, 2(t2)                # publish
    fence rw, rw
    la t5, isr_data
    lw t6, 0(t5)
    li t0, VIO
    sw zero, VIO_QUEUE_NOTIFY(t0)
    li t0, CLINT_MTIME          # give up 2 s from now
    lw t1, 0(t0)
    li t2, 20000000
    add t2, t2, t1
3:  lw t3, 0(t5)
    bne t3, t6, 4f
    lw t1, 0(t0)
    sub t3, t2, t1
    bgtz t3, 3b
    FAIL
4:  fence rw, rw
    la t1, blk_status
    lbu a0, 0(t1)
    ret

# Checks a 512-byte buffer at a0 against the image pattern of sector a1.
# Returns a0 = 0, or 1 + the offset of the first wrong byte. Clobbers t0-t3.
check_sector:
    lw t0, 0(a0)
    bne t0, a1, 2f
    li t1, 4
1:  add t2, a0, t1
    lbu t2, 0(t2)
    andi t3, t1, 0xff
    bne t2, t3, 3f
    addi t1, t1, 1
    li t3, 512
    bne t1, t3, 1b
    li a0, 0
    ret
2:  li a0, 1
    ret
3:  addi a0, t1, 1
    ret

# Machine external interrupt: count; claim (id at +8); InterruptStatus
# (at +4) acknowledged; complete. Keeps every register.
.p2align 2
vblk_isr:
    csrw mscratch, t0
    la t0, isr_data
    sw t1, 12(t0)
    sw t2, 16(t0)
    lw t1, 0(t0)
    addi t1, t1, 1
    sw t1, 0(t0)
    li t1, PLIC_CLAIM0
    lw t2, 0(t1)
    sw t2, 8(t0)
    li t1, VIO
    lw t2, VIO_INT_STATUS(t1)
    sw t2, 4(t0)
    sw t2, VIO_INT_ACK(t1)
    li t1, PLIC_CLAIM0
    lw t2, 8(t0)
    sw t2, 0(t1)
    lw t1, 12(t0)
    lw t2, 16(t0)
    csrr t0, mscratch
    mret

.data
.p2align 4
blk_hdr:
    .space 16
blk_status:
    .space 4
.p2align 2
isr_data:
    .space 20
.p2align 9
blk_buf:
    .space 1536
blk_wbuf:
    .space 512
.text
