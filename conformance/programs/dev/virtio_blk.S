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
# The requests go through the driver in common/virtio_blk.S, shared with
# dev/virtio_blk_legacy (the same device through version 1).
# drive: 65536
# include: virtio_blk.S
TEST_BEGIN
    li s0, VIO

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
    VBLK_IRQ_ON

    # ---- read sector 0.
    VBLK_REQ 30, BLK_T_IN, 0, blk_buf, 512, DESC_F_WRITE
    CHECK_EQ a0, 0
    CHECK_EQ a1, 513            # data and status written
    VBLK_CHECK_SECTOR 31, blk_buf, 0
    VREG 32, VIO_INT_STATUS, 0  # acknowledged by the handler
    # ---- read sector 5.
    VBLK_REQ 33, BLK_T_IN, 5, blk_buf, 512, DESC_F_WRITE
    CHECK_EQ a0, 0
    VBLK_CHECK_SECTOR 34, blk_buf, 5

    # ---- write sector 7, read 6..8 back (tests 40-44).
    VBLK_WRITE_READBACK 40, 7

    # ---- flush; errors.
    VBLK_REQ 50, BLK_T_FLUSH, 0, blk_buf, 0, 0
    CHECK_EQ a0, 0
    VBLK_REQ 51, BLK_T_IN, 128, blk_buf, 512, DESC_F_WRITE
    CHECK_EQ a0, 1              # IOERR: past the end
    VBLK_REQ 52, BLK_T_IN, 127, blk_buf, 1024, DESC_F_WRITE
    CHECK_EQ a0, 1              # IOERR: runs past the end
    VBLK_REQ 53, 0x55, 0, blk_buf, 512, DESC_F_WRITE
    CHECK_EQ a0, 2              # UNSUPP
    # sector 0 is still the pattern
    VBLK_REQ 54, BLK_T_IN, 0, blk_buf, 512, DESC_F_WRITE
    VBLK_CHECK_SECTOR 54, blk_buf, 0

    # ---- reset: status and queue go back to zero.
    VBLK_IRQ_OFF
    VWR VIO_STATUS, 0
    VREG 60, VIO_STATUS, 0
    VREG 61, VIO_QUEUE_READY, 0
    TEST_END

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
