# The virtio-mmio block device at 0x10001000 through the legacy interface
# (virtio 1.2, "Legacy interface" of "Virtio Over MMIO": version 1): the
# same identification but version 1, features without VERSION_1 (FLUSH
# offered and accepted, no FEATURES_OK step), GuestPageSize, and a queue of
# 8 entries placed by QueueNum, QueueAlign and QueuePFN in one contiguous
# area (descriptors, then the available ring, then the used ring at the
# next 4 KiB boundary). Requests complete through the used ring with an
# interrupt (PLIC source 1): read sector 0 and check the image pattern,
# write sector 3 and read sectors 2..4 back. A reset clears QueuePFN.
# The runner attaches a fresh 64 KiB image (see dev/virtio_blk, which
# shares the request driver in common/virtio_blk.S).
# drive: 65536 legacy
# include: virtio_blk.S
TEST_BEGIN
    .equ VIO_HOST_FEATURES, VIO_DEV_FEATURES
    .equ VIO_HOST_FEATURES_SEL, VIO_DEV_FEATURES_SEL
    .equ VIO_GUEST_FEATURES, VIO_DRV_FEATURES
    .equ VIO_GUEST_FEATURES_SEL, VIO_DRV_FEATURES_SEL
    li s0, VIO

    # ---- identification.
    VREG 1, VIO_MAGIC, 0x74726976
    VREG 2, VIO_VERSION, 1
    VREG 3, VIO_DEVICE_ID, 2
    VREG 4, VIO_VENDOR_ID, 0x554d4551

    # ---- reset and handshake: no FEATURES_OK in the legacy interface.
    VWR VIO_STATUS, 0
    VREG 10, VIO_STATUS, 0
    VWR VIO_STATUS, ST_ACK
    VWR VIO_STATUS, ST_ACK | ST_DRIVER
    VREG 11, VIO_STATUS, ST_ACK | ST_DRIVER
    SET_TEST 12                 # FLUSH offered
    VWR VIO_HOST_FEATURES_SEL, 0
    lw a0, VIO_HOST_FEATURES(s0)
    li t0, F_BLK_FLUSH
    and a0, a0, t0
    CHECK_EQ a0, F_BLK_FLUSH
    SET_TEST 13                 # no VERSION_1 (feature 32) for legacy
    VWR VIO_HOST_FEATURES_SEL, 1
    lw a0, VIO_HOST_FEATURES(s0)
    andi a0, a0, 1
    CHECK_EQ a0, 0
    VWR VIO_GUEST_FEATURES_SEL, 0
    VWR VIO_GUEST_FEATURES, F_BLK_FLUSH
    SET_TEST 14                 # capacity: 128 sectors
    lw a0, VIO_CONFIG(s0)
    lw a2, VIO_CONFIG + 4(s0)
    CHECK_EQ a0, 128
    CHECK_EQ a2, 0

    # ---- queue 0: 8 entries from one page number.
    VWR VIO_GUEST_PAGE_SIZE, 4096
    VWR VIO_QUEUE_SEL, 0
    VREG 20, VIO_QUEUE_PFN, 0
    SET_TEST 21
    lw a0, VIO_QUEUE_NUM_MAX(s0)
    li t0, 8
    bgeu a0, t0, 1f
    FAIL
1:  VWR VIO_QUEUE_NUM, 8
    VWR VIO_QUEUE_ALIGN, 4096
    la t0, vq_desc
    srli t0, t0, 12
    sw t0, VIO_QUEUE_PFN(s0)
    SET_TEST 22
    lw a0, VIO_QUEUE_PFN(s0)
    CHECK_EQ_REG a0, t0
    VWR VIO_STATUS, ST_ACK | ST_DRIVER | ST_DRIVER_OK
    VREG 23, VIO_STATUS, ST_ACK | ST_DRIVER | ST_DRIVER_OK
    VREG 24, VIO_INT_STATUS, 0

    # ---- interrupts: PLIC source 1 to hart 0 M-mode, handler vblk_isr.
    VBLK_IRQ_ON

    # ---- read sector 0.
    VBLK_REQ 30, BLK_T_IN, 0, blk_buf, 512, DESC_F_WRITE
    CHECK_EQ a0, 0
    CHECK_EQ a1, 513
    VBLK_CHECK_SECTOR 31, blk_buf, 0
    VREG 32, VIO_INT_STATUS, 0

    # ---- write sector 3, read 2..4 back (tests 40-44); flush.
    VBLK_WRITE_READBACK 40, 3
    VBLK_REQ 45, BLK_T_FLUSH, 0, blk_buf, 0, 0
    CHECK_EQ a0, 0

    # ---- reset: status and the queue's page number go back to zero.
    VBLK_IRQ_OFF
    VWR VIO_STATUS, 0
    VREG 60, VIO_STATUS, 0
    VREG 61, VIO_QUEUE_PFN, 0
    TEST_END

.data
.p2align 12
vq_desc:                        # the legacy queue area: descriptors,
    .space 16 * 8               # available ring, then the used ring at
vq_avail:                       # the next 4 KiB boundary
    .space 4096 - 16 * 8
vq_used:
    .space 4096
