# The virtio-mmio block device at 0x10001000 (virtio 1.2, "Virtio Over
# MMIO", version 2, and "Block Device"), driven as a guest driver would:
# identification (magic "virt", version 2, device ID 2, QEMU's vendor ID),
# reset, the status handshake with feature negotiation (VERSION_1 and FLUSH
# offered and accepted, FEATURES_OK kept), one split virtqueue of 8
# entries, and requests completed through the used ring with an interrupt
# (PLIC source 1, context 0; InterruptStatus bit 0, InterruptACK): read
# sector 0 and sector 5 and check the image pattern, write sector 7 and
# read sectors 6..8 back, flush, then a read past the end (IOERR) and an
# unknown request type (UNSUPP). The runner attaches a fresh 64 KiB image
# whose sector s holds s in its first word and byte i = i & 0xff elsewhere.
# (dev/virtio_blk_legacy drives the same device through version 1.)
# drive: 65536
TEST_BEGIN
    .equ VIO, 0x10001000
    .equ VIO_MAGIC, 0x000
    .equ VIO_VERSION, 0x004
    .equ VIO_DEVICE_ID, 0x008
    .equ VIO_VENDOR_ID, 0x00c
    .equ VIO_DEV_FEATURES, 0x010
    .equ VIO_DEV_FEATURES_SEL, 0x014
    .equ VIO_DRV_FEATURES, 0x020
    .equ VIO_DRV_FEATURES_SEL, 0x024
    .equ VIO_QUEUE_SEL, 0x030
    .equ VIO_QUEUE_NUM_MAX, 0x034
    .equ VIO_QUEUE_NUM, 0x038
    .equ VIO_QUEUE_READY, 0x044
    .equ VIO_QUEUE_NOTIFY, 0x050
    .equ VIO_INT_STATUS, 0x060
    .equ VIO_INT_ACK, 0x064
    .equ VIO_STATUS, 0x070
    .equ VIO_DESC_LO, 0x080
    .equ VIO_DESC_HI, 0x084
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
    .equ PLIC_BASE, 0x0c000000
    .equ PLIC_ENABLE0, 0x0c002000
    .equ PLIC_THRESHOLD0, 0x0c200000
    .equ PLIC_CLAIM0, 0x0c200004
    .equ MIP_MEIP, 0x800
    li s0, VIO

    # VREG n, off, value: FAIL unless the register at off reads value.
    .macro VREG n, off, value
    SET_TEST \n
    lw a0, \off(s0)
    CHECK_EQ a0, \value
    .endm
    .macro VWR off, value
    li t0, \value
    sw t0, \off(s0)
    .endm

    # ---- identification.
    VREG 1, VIO_MAGIC, 0x74726976
    VREG 2, VIO_VERSION, 2
    VREG 3, VIO_DEVICE_ID, 2
    VREG 4, VIO_VENDOR_ID, 0x554d4551

    # ---- reset and handshake (virtio 1.2 section 3.1.1).
    VWR VIO_STATUS, 0
    VREG 10, VIO_STATUS, 0
    VWR VIO_STATUS, ST_ACK
    VREG 11, VIO_STATUS, ST_ACK
    VWR VIO_STATUS, ST_ACK | ST_DRIVER
    VREG 12, VIO_STATUS, ST_ACK | ST_DRIVER
    SET_TEST 13                 # VERSION_1 (feature 32) offered
    VWR VIO_DEV_FEATURES_SEL, 1
    lw a0, VIO_DEV_FEATURES(s0)
    andi a0, a0, 1
    CHECK_EQ a0, 1
    SET_TEST 14                 # FLUSH offered
    VWR VIO_DEV_FEATURES_SEL, 0
    lw a0, VIO_DEV_FEATURES(s0)
    li t0, F_BLK_FLUSH
    and a0, a0, t0
    CHECK_EQ a0, F_BLK_FLUSH
    VWR VIO_DRV_FEATURES_SEL, 0
    VWR VIO_DRV_FEATURES, F_BLK_FLUSH
    VWR VIO_DRV_FEATURES_SEL, 1
    VWR VIO_DRV_FEATURES, 1
    VWR VIO_STATUS, ST_ACK | ST_DRIVER | ST_FEATURES_OK
    VREG 15, VIO_STATUS, ST_ACK | ST_DRIVER | ST_FEATURES_OK
    SET_TEST 16                 # capacity: 128 sectors (config is stable)
    lw a1, VIO_CONFIG_GEN(s0)
    lw a0, VIO_CONFIG(s0)
    lw a2, VIO_CONFIG + 4(s0)
    lw a3, VIO_CONFIG_GEN(s0)
    CHECK_EQ a0, 128
    CHECK_EQ a2, 0
    CHECK_EQ_REG a1, a3

    # ---- queue 0: 8 entries, descriptor table / driver / device areas.
    VWR VIO_QUEUE_SEL, 0
    VREG 20, VIO_QUEUE_READY, 0
    SET_TEST 21
    lw a0, VIO_QUEUE_NUM_MAX(s0)
    li t0, 8
    bgeu a0, t0, 1f
    FAIL
1:  VWR VIO_QUEUE_NUM, 8
    la t0, vq_desc
    sw t0, VIO_DESC_LO(s0)
    sw zero, VIO_DESC_HI(s0)
    la t0, vq_avail
    sw t0, VIO_DRIVER_LO(s0)
    sw zero, VIO_DRIVER_HI(s0)
    la t0, vq_used
    sw t0, VIO_DEVICE_LO(s0)
    sw zero, VIO_DEVICE_HI(s0)
    VWR VIO_QUEUE_READY, 1
    VREG 22, VIO_QUEUE_READY, 1
    VWR VIO_STATUS, ST_ACK | ST_DRIVER | ST_FEATURES_OK | ST_DRIVER_OK
    VREG 23, VIO_STATUS, ST_ACK | ST_DRIVER | ST_FEATURES_OK | ST_DRIVER_OK
    VREG 24, VIO_INT_STATUS, 0

    # ---- interrupts: PLIC source 1 to hart 0 M-mode, handler vblk_isr.
    li t0, PLIC_BASE + 4 * 1
    li t1, 1
    sw t1, 0(t0)
    li t0, PLIC_ENABLE0
    li t1, 1 << 1
    sw t1, 0(t0)
    li t0, PLIC_THRESHOLD0
    sw zero, 0(t0)
    la t0, vblk_isr
    csrw mtvec, t0
    li t0, MIP_MEIP
    csrs mie, t0
    csrsi mstatus, MSTATUS_MIE
    li s1, 0                    # requests completed so far

    # REQ n, type, sector, buf, len, flags: one request; checks that it
    # completed through the used ring (next index, head 0) with one
    # interrupt; a0 = status byte, a1 = used length.
    .macro REQ n, type, sector, buf, len, flags
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
    lw t1, 4 + 8 * 0(t0)        # ring[(idx - 1) % 8].id
    addi t2, s1, -1
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
    CHECK_EQ t1, 1
    .endm

    # ---- read sector 0.
    REQ 30, BLK_T_IN, 0, blk_buf, 512, DESC_F_WRITE
    CHECK_EQ a0, 0
    CHECK_EQ a1, 513            # data and status written
    SET_TEST 31
    la a0, blk_buf
    li a1, 0
    jal check_sector
    CHECK_EQ a0, 0
    VREG 32, VIO_INT_STATUS, 0  # acknowledged by the handler
    # ---- read sector 5.
    REQ 33, BLK_T_IN, 5, blk_buf, 512, DESC_F_WRITE
    CHECK_EQ a0, 0
    SET_TEST 34
    la a0, blk_buf
    li a1, 5
    jal check_sector
    CHECK_EQ a0, 0

    # ---- write sector 7, read 6..8 back.
    la t0, blk_wbuf             # data: byte i = 7 * i + 3
    li t1, 0
1:  slli t2, t1, 3
    sub t2, t2, t1
    addi t2, t2, 3
    add t3, t0, t1
    sb t2, 0(t3)
    addi t1, t1, 1
    li t2, 512
    bne t1, t2, 1b
    REQ 40, BLK_T_OUT, 7, blk_wbuf, 512, 0
    CHECK_EQ a0, 0
    CHECK_EQ a1, 1              # only the status written
    REQ 41, BLK_T_IN, 6, blk_buf, 1536, DESC_F_WRITE
    CHECK_EQ a0, 0
    CHECK_EQ a1, 1537
    SET_TEST 42
    la a0, blk_buf
    li a1, 6
    jal check_sector
    CHECK_EQ a0, 0
    SET_TEST 43
    la a0, blk_buf + 1024
    li a1, 8
    jal check_sector
    CHECK_EQ a0, 0
    SET_TEST 44
    la t0, blk_buf + 512
    la t1, blk_wbuf
    li t2, 512
1:  lbu a0, 0(t0)
    lbu a1, 0(t1)
    CHECK_EQ_REG a0, a1
    addi t0, t0, 1
    addi t1, t1, 1
    addi t2, t2, -1
    bnez t2, 1b

    # ---- flush; errors.
    REQ 50, BLK_T_FLUSH, 0, blk_buf, 0, 0
    CHECK_EQ a0, 0
    REQ 51, BLK_T_IN, 128, blk_buf, 512, DESC_F_WRITE
    CHECK_EQ a0, 1              # IOERR: past the end
    REQ 52, BLK_T_IN, 127, blk_buf, 1024, DESC_F_WRITE
    CHECK_EQ a0, 1              # IOERR: runs past the end
    REQ 53, 0x55, 0, blk_buf, 512, DESC_F_WRITE
    CHECK_EQ a0, 2              # UNSUPP
    SET_TEST 54                 # sector 0 is still the pattern
    REQ 54, BLK_T_IN, 0, blk_buf, 512, DESC_F_WRITE
    la a0, blk_buf
    li a1, 0
    jal check_sector
    CHECK_EQ a0, 0

    # ---- reset: status and queue go back to zero.
    csrci mstatus, MSTATUS_MIE
    VWR VIO_STATUS, 0
    VREG 60, VIO_STATUS, 0
    VREG 61, VIO_QUEUE_READY, 0
    li t0, MIP_MEIP
    csrc mie, t0
    TRAP_DISARM
    TEST_END

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
    li t0, 0x0200bff8           # mtime: give up 2 s from now
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
.p2align 12
vq_desc:
    .space 16 * 8
.p2align 2
vq_avail:
    .space 6 + 2 * 8
.p2align 2
vq_used:
    .space 6 + 8 * 8
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
