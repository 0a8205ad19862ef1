//! NS16550A UART as QEMU emulates it (`hw/char/serial.c`), wired to PLIC
//! source [`UART0_IRQ`].
//!
//! Registers sit at offsets 0..8 (register shift 0); the rest of the window
//! mirrors them (QEMU masks the offset with 7). Any access width is taken as
//! a byte access to the register at that offset, as QEMU's `serial_mm` does:
//! writes use the low byte, reads are zero-extended.
//!
//! Console input reaches the receiver only once the guest has looked at
//! it (read RBR or LSR, or enabled the received-data interrupt): until
//! then the bytes wait on the host side, as if still on the wire. Drivers
//! set the UART up first, and enabling or resetting the FIFO discards what
//! it holds (16550 data sheet, FCR bit 0), so a script piped in from the
//! start would otherwise lose its first byte to that set-up.
//!
//! Transmission is instantaneous: a byte written to THR goes straight to the
//! [`Console`] (or, in loopback mode, to the receive FIFO), so LSR.THRE and
//! LSR.TEMT always read as set. Reception applies back-pressure instead of
//! overrunning: [`Device::poll`] moves console input into the receive FIFO
//! (16 bytes, or a single holding register with the FIFO off) only while
//! there is room. Input the console itself dropped (a terminal read on while
//! the guest lagged) is an overrun all the same: the poll that learns of it
//! sets LSR.OE, as a 16550 sets it the moment a byte is lost, before the
//! guest has read what came ahead of it. A receive FIFO that holds data
//! below its trigger level for a whole poll interval raises the
//! character-timeout interrupt, standing in for the four character times of
//! real hardware.
//!
//! Interrupt identification follows QEMU: line status (overrun) > character
//! timeout > received data > THR empty. The THR-empty interrupt is pending
//! after every transmission and when IER.ETBEI goes from 0 to 1; reading IIR
//! while it is the reported source, or writing THR, clears it. Modem lines
//! are fixed (DCD, DSR and CTS asserted, no deltas) except in loopback, where
//! MSR mirrors MCR.

use std::collections::VecDeque;

use crate::bus::{AccessSize, BusFault, DevCtx, Device, IrqLines};
use crate::dev::console::Console;
use crate::memmap::UART0_IRQ;

/// Input clock of the UART, as QEMU `virt` advertises it in the device tree.
pub const UART_CLOCK_HZ: u32 = 3_686_400;

/// Size of the receive FIFO when enabled.
const FIFO_BYTES: usize = 16;

// Register offsets.
const RBR_THR_DLL: u32 = 0;
const IER_DLM: u32 = 1;
const IIR_FCR: u32 = 2;
const LCR: u32 = 3;
const MCR: u32 = 4;
const LSR: u32 = 5;
const MSR: u32 = 6;
const SCR: u32 = 7;

const IER_RDI: u8 = 0x01;
const IER_THRI: u8 = 0x02;
const IER_RLSI: u8 = 0x04;

const IIR_NO_INT: u8 = 0x01;
const IIR_THRI: u8 = 0x02;
const IIR_RDI: u8 = 0x04;
const IIR_RLSI: u8 = 0x06;
const IIR_CTI: u8 = 0x0c;
const IIR_FIFO_ENABLED: u8 = 0xc0;

const FCR_FE: u8 = 0x01;
const FCR_RFR: u8 = 0x02;
const FCR_XFR: u8 = 0x04;
/// FCR bits that stick (FIFO enable, DMA mode, trigger level).
const FCR_STICKY: u8 = 0xc9;

const LCR_DLAB: u8 = 0x80;

const MCR_DTR: u8 = 0x01;
const MCR_RTS: u8 = 0x02;
const MCR_OUT1: u8 = 0x04;
const MCR_OUT2: u8 = 0x08;
const MCR_LOOP: u8 = 0x10;

const LSR_DR: u8 = 0x01;
const LSR_OE: u8 = 0x02;
const LSR_THRE: u8 = 0x20;
const LSR_TEMT: u8 = 0x40;

const MSR_CTS: u8 = 0x10;
const MSR_DSR: u8 = 0x20;
const MSR_RI: u8 = 0x40;
const MSR_DCD: u8 = 0x80;

/// The UART.
pub struct Uart16550 {
    console: Box<dyn Console>,
    lines: IrqLines,
    irq: u32,
    rx: VecDeque<u8>,
    /// The last byte received, returned by RBR reads with the FIFO off and
    /// nothing new (the holding register keeps its value).
    rbr: u8,
    ier: u8,
    fcr: u8,
    lcr: u8,
    mcr: u8,
    scr: u8,
    divisor: u16,
    overrun: bool,
    thr_ipending: bool,
    timeout_ipending: bool,
    /// The identification IIR reports (low four bits).
    iir: u8,
    /// The guest has looked at the receiver: console input may arrive.
    receiving: bool,
}

impl Uart16550 {
    /// A UART in its reset state, talking to `console` and raising
    /// [`UART0_IRQ`] on `lines`.
    pub fn new(console: Box<dyn Console>, lines: IrqLines) -> Uart16550 {
        Uart16550 {
            console,
            lines,
            irq: UART0_IRQ,
            rx: VecDeque::with_capacity(FIFO_BYTES),
            rbr: 0,
            ier: 0,
            fcr: 0,
            lcr: 0,
            mcr: 0,
            scr: 0,
            divisor: 0,
            overrun: false,
            thr_ipending: false,
            timeout_ipending: false,
            iir: IIR_NO_INT,
            receiving: false,
        }
    }

    fn fifo_enabled(&self) -> bool {
        self.fcr & FCR_FE != 0
    }

    fn rx_capacity(&self) -> usize {
        if self.fifo_enabled() { FIFO_BYTES } else { 1 }
    }

    /// Receive trigger level from FCR bits 7:6.
    fn rx_trigger(&self) -> usize {
        [1, 4, 8, 14][usize::from(self.fcr >> 6)]
    }

    fn lsr(&self) -> u8 {
        let mut lsr = LSR_THRE | LSR_TEMT;
        if !self.rx.is_empty() {
            lsr |= LSR_DR;
        }
        if self.overrun {
            lsr |= LSR_OE;
        }
        lsr
    }

    fn msr(&self) -> u8 {
        if self.mcr & MCR_LOOP == 0 {
            return MSR_DCD | MSR_DSR | MSR_CTS;
        }
        let mut msr = 0;
        for (mcr_bit, msr_bit) in [
            (MCR_DTR, MSR_DSR),
            (MCR_RTS, MSR_CTS),
            (MCR_OUT1, MSR_RI),
            (MCR_OUT2, MSR_DCD),
        ] {
            if self.mcr & mcr_bit != 0 {
                msr |= msr_bit;
            }
        }
        msr
    }

    /// Recomputes IIR and drives the interrupt line.
    fn update_irq(&mut self) {
        let ier = self.ier;
        let data_ready =
            !self.rx.is_empty() && (!self.fifo_enabled() || self.rx.len() >= self.rx_trigger());
        self.iir = if ier & IER_RLSI != 0 && self.overrun {
            IIR_RLSI
        } else if ier & IER_RDI != 0 && self.timeout_ipending {
            IIR_CTI
        } else if ier & IER_RDI != 0 && data_ready {
            IIR_RDI
        } else if ier & IER_THRI != 0 && self.thr_ipending {
            IIR_THRI
        } else {
            IIR_NO_INT
        };
        self.lines.set(self.irq, self.iir != IIR_NO_INT);
    }

    /// Puts a received byte in the receiver. When it is full the byte
    /// overruns (LSR.OE): a full FIFO keeps its contents and loses the new
    /// byte, while without the FIFO the new byte replaces the unread one in
    /// the holding register (16550 data sheet, LSR bit 1; QEMU does both).
    fn receive(&mut self, byte: u8) {
        if self.rx.len() < self.rx_capacity() {
            self.rx.push_back(byte);
            return;
        }
        self.overrun = true;
        if !self.fifo_enabled() {
            self.rx.clear();
            self.rx.push_back(byte);
        }
    }

    fn transmit(&mut self, byte: u8) {
        if self.mcr & MCR_LOOP != 0 {
            self.receive(byte);
        } else {
            self.console.write_bytes(&[byte]);
        }
        self.thr_ipending = true;
    }

    fn read_reg(&mut self, reg: u32) -> u8 {
        let dlab = self.lcr & LCR_DLAB != 0;
        match reg {
            RBR_THR_DLL if dlab => self.divisor as u8,
            RBR_THR_DLL => {
                self.receiving = true;
                let byte = match self.rx.pop_front() {
                    Some(b) => {
                        self.rbr = b;
                        b
                    }
                    None if self.fifo_enabled() => 0,
                    None => self.rbr,
                };
                self.timeout_ipending = false;
                self.update_irq();
                byte
            }
            IER_DLM if dlab => (self.divisor >> 8) as u8,
            IER_DLM => self.ier,
            IIR_FCR => {
                let iir = self.iir;
                if iir == IIR_THRI {
                    self.thr_ipending = false;
                    self.update_irq();
                }
                let fifo = if self.fifo_enabled() {
                    IIR_FIFO_ENABLED
                } else {
                    0
                };
                iir | fifo
            }
            LCR => self.lcr,
            MCR => self.mcr,
            LSR => {
                self.receiving = true;
                let lsr = self.lsr();
                if self.overrun {
                    self.overrun = false;
                    self.update_irq();
                }
                lsr
            }
            MSR => self.msr(),
            SCR => self.scr,
            _ => 0,
        }
    }

    fn write_reg(&mut self, reg: u32, value: u8) {
        let dlab = self.lcr & LCR_DLAB != 0;
        match reg {
            RBR_THR_DLL if dlab => self.divisor = (self.divisor & 0xff00) | u16::from(value),
            RBR_THR_DLL => self.transmit(value),
            IER_DLM if dlab => self.divisor = (self.divisor & 0x00ff) | (u16::from(value) << 8),
            IER_DLM => {
                let rising = !self.ier & value & IER_THRI != 0;
                self.ier = value & 0x0f;
                self.receiving |= value & IER_RDI != 0;
                // THR is always empty here, so enabling ETBEI raises THRE.
                if rising {
                    self.thr_ipending = true;
                }
            }
            IIR_FCR => self.write_fcr(value),
            LCR => self.lcr = value,
            MCR => self.mcr = value & 0x1f,
            SCR => self.scr = value,
            _ => {}
        }
        self.update_irq();
    }

    fn write_fcr(&mut self, mut value: u8) {
        if value == self.fcr {
            return;
        }
        // Switching the FIFO on or off flushes both FIFOs.
        if (value ^ self.fcr) & FCR_FE != 0 {
            value |= FCR_RFR | FCR_XFR;
        }
        if value & FCR_RFR != 0 {
            self.rx.clear();
            self.timeout_ipending = false;
        }
        // The transmit FIFO is always empty: nothing to do for XFR.
        self.fcr = value & FCR_STICKY;
    }
}

impl Device for Uart16550 {
    fn name(&self) -> &'static str {
        "uart16550"
    }

    fn read(&mut self, offset: u32, _size: AccessSize, _ctx: &mut DevCtx) -> Result<u32, BusFault> {
        Ok(u32::from(self.read_reg(offset & 7)))
    }

    fn write(
        &mut self,
        offset: u32,
        _size: AccessSize,
        value: u32,
        _ctx: &mut DevCtx,
    ) -> Result<(), BusFault> {
        self.write_reg(offset & 7, value as u8);
        Ok(())
    }

    fn poll(&mut self, _ctx: &mut DevCtx) {
        self.console.flush();
        let before = self.rx.len();
        let overrun_before = self.overrun;
        if self.mcr & MCR_LOOP == 0 && self.receiving {
            self.overrun |= self.console.take_overrun();
            while self.rx.len() < self.rx_capacity() {
                match self.console.read_byte() {
                    Some(b) => self.rx.push_back(b),
                    None => break,
                }
            }
        }
        let idle = self.rx.len() == before;
        let timeout_before = self.timeout_ipending;
        if self.fifo_enabled() && idle && !self.rx.is_empty() && self.rx.len() < self.rx_trigger() {
            self.timeout_ipending = true;
        }
        // Drive the line only on news (bytes arrived or were lost, the
        // character timeout fired): each drive high is a new request at the
        // PLIC, as QEMU's serial_update_irq is on events, not on a clock.
        if !idle || self.timeout_ipending != timeout_before || self.overrun != overrun_before {
            self.update_irq();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dev::console::BufferConsole;
    use crate::dev::test_utils::Harness;

    fn setup() -> (Harness, Uart16550, BufferConsole, IrqLines) {
        let console = BufferConsole::new();
        let lines = IrqLines::default();
        let uart = Uart16550::new(Box::new(console.clone()), lines.clone());
        (Harness::new(4096), uart, console, lines)
    }

    fn rd(h: &mut Harness, uart: &mut Uart16550, reg: u32) -> u8 {
        h.read(uart, reg, AccessSize::Byte).unwrap() as u8
    }

    fn wr(h: &mut Harness, uart: &mut Uart16550, reg: u32, value: u8) {
        h.write(uart, reg, AccessSize::Byte, u32::from(value))
            .unwrap();
    }

    fn irq(lines: &IrqLines) -> bool {
        lines.levels() & (1 << UART0_IRQ) != 0
    }

    #[test]
    fn reset_state() {
        let (mut h, mut uart, _, lines) = setup();
        assert_eq!(rd(&mut h, &mut uart, LSR), LSR_THRE | LSR_TEMT);
        assert_eq!(rd(&mut h, &mut uart, IIR_FCR), IIR_NO_INT);
        assert_eq!(rd(&mut h, &mut uart, IER_DLM), 0);
        assert_eq!(rd(&mut h, &mut uart, MSR), MSR_DCD | MSR_DSR | MSR_CTS);
        assert!(!irq(&lines));
    }

    #[test]
    fn transmits_to_the_console_with_any_access_width() {
        let (mut h, mut uart, console, _) = setup();
        wr(&mut h, &mut uart, RBR_THR_DLL, b'o');
        h.write(&mut uart, RBR_THR_DLL, AccessSize::Word, 0x1234_566b)
            .unwrap();
        // Offsets beyond 7 mirror the registers.
        h.write(&mut uart, 0x10, AccessSize::Half, u32::from(b'!'))
            .unwrap();
        assert_eq!(console.output(), b"ok!");
        assert_eq!(
            rd(&mut h, &mut uart, LSR) & (LSR_THRE | LSR_TEMT),
            LSR_THRE | LSR_TEMT
        );
    }

    #[test]
    fn divisor_latch_hides_thr_and_ier() {
        let (mut h, mut uart, console, _) = setup();
        wr(&mut h, &mut uart, IER_DLM, IER_RDI);
        wr(&mut h, &mut uart, LCR, LCR_DLAB | 0x03);
        wr(&mut h, &mut uart, RBR_THR_DLL, 0x0c);
        wr(&mut h, &mut uart, IER_DLM, 0x01);
        assert_eq!(rd(&mut h, &mut uart, RBR_THR_DLL), 0x0c);
        assert_eq!(rd(&mut h, &mut uart, IER_DLM), 0x01);
        assert_eq!(uart.divisor, 0x010c);
        wr(&mut h, &mut uart, LCR, 0x03);
        assert_eq!(rd(&mut h, &mut uart, IER_DLM), IER_RDI);
        assert_eq!(rd(&mut h, &mut uart, LCR), 0x03);
        assert!(console.output().is_empty());
    }

    #[test]
    fn input_waits_until_the_guest_looks_at_the_receiver() {
        let (mut h, mut uart, console, _) = setup();
        console.push_input(b"ls\n");
        // Set-up that resets the FIFO loses nothing: no byte has arrived yet.
        h.poll(&mut uart);
        wr(&mut h, &mut uart, IIR_FCR, FCR_FE | FCR_RFR | FCR_XFR);
        h.poll(&mut uart);
        assert_eq!(console.pending_input(), 3);
        assert_eq!(rd(&mut h, &mut uart, LSR) & LSR_DR, 0);
        h.poll(&mut uart);
        assert_eq!(rd(&mut h, &mut uart, RBR_THR_DLL), b'l');
    }

    #[test]
    fn enabling_the_receive_interrupt_lets_input_in() {
        let (mut h, mut uart, console, lines) = setup();
        console.push_input(b"x");
        wr(&mut h, &mut uart, IER_DLM, IER_RDI);
        h.poll(&mut uart);
        assert!(irq(&lines));
    }

    #[test]
    fn receive_without_fifo_holds_one_byte() {
        let (mut h, mut uart, console, lines) = setup();
        console.push_input(b"xy");
        wr(&mut h, &mut uart, IER_DLM, IER_RDI);
        h.poll(&mut uart);
        assert_eq!(console.pending_input(), 1, "back-pressure: one byte taken");
        assert_eq!(rd(&mut h, &mut uart, LSR) & LSR_DR, LSR_DR);
        assert!(irq(&lines));
        assert_eq!(rd(&mut h, &mut uart, IIR_FCR), IIR_RDI);
        assert_eq!(rd(&mut h, &mut uart, RBR_THR_DLL), b'x');
        assert!(!irq(&lines));
        assert_eq!(rd(&mut h, &mut uart, LSR) & LSR_DR, 0);
        // The holding register keeps its last value.
        assert_eq!(rd(&mut h, &mut uart, RBR_THR_DLL), b'x');
        h.poll(&mut uart);
        assert_eq!(rd(&mut h, &mut uart, RBR_THR_DLL), b'y');
    }

    #[test]
    fn fifo_trigger_level_and_character_timeout() {
        let (mut h, mut uart, console, lines) = setup();
        // FIFO on, trigger level 4.
        wr(&mut h, &mut uart, IIR_FCR, 0x41);
        assert_eq!(
            rd(&mut h, &mut uart, IIR_FCR),
            IIR_FIFO_ENABLED | IIR_NO_INT
        );
        wr(&mut h, &mut uart, IER_DLM, IER_RDI);
        console.push_input(b"ab");
        h.poll(&mut uart);
        assert!(!irq(&lines), "below the trigger level, data just arrived");
        h.poll(&mut uart);
        assert!(irq(&lines), "idle for a poll: character timeout");
        assert_eq!(rd(&mut h, &mut uart, IIR_FCR), IIR_FIFO_ENABLED | IIR_CTI);
        assert_eq!(rd(&mut h, &mut uart, RBR_THR_DLL), b'a');
        assert!(!irq(&lines));
        assert_eq!(rd(&mut h, &mut uart, RBR_THR_DLL), b'b');
        assert_eq!(rd(&mut h, &mut uart, RBR_THR_DLL), 0, "empty FIFO reads 0");

        console.push_input(b"0123456789abcdefXYZ");
        h.poll(&mut uart);
        assert_eq!(console.pending_input(), 3, "16 bytes fill the FIFO");
        assert_eq!(rd(&mut h, &mut uart, IIR_FCR), IIR_FIFO_ENABLED | IIR_RDI);
        let got: Vec<u8> = (0..16)
            .map(|_| rd(&mut h, &mut uart, RBR_THR_DLL))
            .collect();
        assert_eq!(got, b"0123456789abcdef");
    }

    #[test]
    fn fcr_receiver_reset_and_fifo_toggle_flush() {
        let (mut h, mut uart, console, _) = setup();
        wr(&mut h, &mut uart, IIR_FCR, FCR_FE);
        console.push_input(b"abc");
        h.poll(&mut uart);
        wr(&mut h, &mut uart, IIR_FCR, FCR_FE | FCR_RFR);
        assert_eq!(rd(&mut h, &mut uart, LSR) & LSR_DR, 0);
        console.push_input(b"d");
        h.poll(&mut uart);
        wr(&mut h, &mut uart, IIR_FCR, 0);
        assert_eq!(rd(&mut h, &mut uart, LSR) & LSR_DR, 0);
        assert_eq!(rd(&mut h, &mut uart, IIR_FCR), IIR_NO_INT);
    }

    #[test]
    fn thr_empty_interrupt_follows_qemu() {
        let (mut h, mut uart, _, lines) = setup();
        wr(&mut h, &mut uart, IER_DLM, IER_THRI);
        assert!(irq(&lines), "enabling ETBEI with THR empty raises THRE");
        assert_eq!(rd(&mut h, &mut uart, IIR_FCR), IIR_THRI);
        assert!(
            !irq(&lines),
            "reading IIR while THRE is the source clears it"
        );
        assert_eq!(rd(&mut h, &mut uart, IIR_FCR), IIR_NO_INT);
        // Re-writing IER without a rising edge does not re-arm it.
        wr(&mut h, &mut uart, IER_DLM, IER_THRI);
        assert!(!irq(&lines));
        // Each transmission empties THR again.
        wr(&mut h, &mut uart, RBR_THR_DLL, b'a');
        assert!(irq(&lines));
        // Disabling masks it; a rising edge re-arms it.
        wr(&mut h, &mut uart, IER_DLM, 0);
        assert!(!irq(&lines));
        wr(&mut h, &mut uart, IER_DLM, IER_THRI);
        assert!(irq(&lines));
    }

    #[test]
    fn received_data_outranks_thr_empty() {
        let (mut h, mut uart, console, lines) = setup();
        wr(&mut h, &mut uart, IER_DLM, IER_THRI | IER_RDI);
        console.push_input(b"k");
        h.poll(&mut uart);
        assert_eq!(rd(&mut h, &mut uart, IIR_FCR), IIR_RDI);
        // Reading IIR reported RDI, so THRE stays pending.
        assert_eq!(rd(&mut h, &mut uart, RBR_THR_DLL), b'k');
        assert!(irq(&lines));
        assert_eq!(rd(&mut h, &mut uart, IIR_FCR), IIR_THRI);
        assert!(!irq(&lines));
    }

    #[test]
    fn loopback_echoes_into_the_receiver_and_mirrors_modem_lines() {
        let (mut h, mut uart, console, _) = setup();
        wr(&mut h, &mut uart, MCR, MCR_LOOP | MCR_RTS | MCR_OUT2);
        assert_eq!(rd(&mut h, &mut uart, MSR), MSR_CTS | MSR_DCD);
        console.push_input(b"host");
        wr(&mut h, &mut uart, RBR_THR_DLL, b'L');
        h.poll(&mut uart);
        assert!(console.output().is_empty());
        assert_eq!(console.pending_input(), 4, "no console input in loopback");
        assert_eq!(rd(&mut h, &mut uart, RBR_THR_DLL), b'L');
    }

    #[test]
    fn loopback_overrun_sets_oe_until_lsr_is_read() {
        let (mut h, mut uart, _, lines) = setup();
        wr(&mut h, &mut uart, MCR, MCR_LOOP);
        wr(&mut h, &mut uart, IER_DLM, IER_RLSI);
        wr(&mut h, &mut uart, RBR_THR_DLL, b'1');
        assert!(!irq(&lines));
        wr(&mut h, &mut uart, RBR_THR_DLL, b'2');
        assert!(irq(&lines));
        assert_eq!(rd(&mut h, &mut uart, IIR_FCR), IIR_RLSI);
        assert_eq!(
            rd(&mut h, &mut uart, LSR) & (LSR_OE | LSR_DR),
            LSR_OE | LSR_DR
        );
        assert!(!irq(&lines));
        assert_eq!(rd(&mut h, &mut uart, LSR) & LSR_OE, 0);
        // Without the FIFO the overrunning byte replaced the unread one.
        assert_eq!(rd(&mut h, &mut uart, RBR_THR_DLL), b'2');
        assert_eq!(rd(&mut h, &mut uart, LSR) & LSR_DR, 0);
    }

    #[test]
    fn loopback_overrun_with_fifo_keeps_the_fifo() {
        let (mut h, mut uart, _, _) = setup();
        wr(&mut h, &mut uart, MCR, MCR_LOOP);
        wr(&mut h, &mut uart, IIR_FCR, FCR_FE);
        for byte in b'a'..=b'q' {
            wr(&mut h, &mut uart, RBR_THR_DLL, byte);
        }
        assert_eq!(
            rd(&mut h, &mut uart, LSR) & (LSR_OE | LSR_DR),
            LSR_OE | LSR_DR
        );
        for byte in b'a'..=b'p' {
            assert_eq!(rd(&mut h, &mut uart, RBR_THR_DLL), byte);
        }
        assert_eq!(rd(&mut h, &mut uart, LSR) & LSR_DR, 0, "'q' was lost");
    }

    #[test]
    fn input_the_console_dropped_is_an_overrun() {
        use crate::dev::console::{ConsoleInput, OVERRUN_BUFFER_BYTES, StdioConsole, WhenFull};
        use std::io::Read;
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::time::{Duration, Instant};
        /// The typed bytes, telling when the reader thread has read (so
        /// pushed, or dropped) all of them: only then is the overrun over.
        struct Typed(std::io::Cursor<Vec<u8>>, Arc<AtomicBool>);
        impl Read for Typed {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.read(buf)?;
                if n == 0 {
                    self.1.store(true, Ordering::SeqCst);
                }
                Ok(n)
            }
        }
        let all_read = Arc::new(AtomicBool::new(false));
        let typed = Typed(
            std::io::Cursor::new(vec![b'z'; 2 * OVERRUN_BUFFER_BYTES]),
            all_read.clone(),
        );
        let input = ConsoleInput::spawn(typed, WhenFull::Drop);
        let console = StdioConsole::new(input, std::io::sink());
        let lines = IrqLines::default();
        let mut uart = Uart16550::new(Box::new(console), lines.clone());
        let mut h = Harness::new(4096);
        wr(&mut h, &mut uart, IER_DLM, IER_RDI | IER_RLSI);
        // The guest reads nothing while the reader reads on and drops.
        let deadline = Instant::now() + Duration::from_secs(10);
        while !all_read.load(Ordering::SeqCst) && Instant::now() < deadline {
            std::thread::yield_now();
        }
        while rd(&mut h, &mut uart, IIR_FCR) != IIR_RLSI && Instant::now() < deadline {
            h.poll(&mut uart);
            std::thread::yield_now();
        }
        assert!(irq(&lines));
        assert_eq!(
            rd(&mut h, &mut uart, LSR) & (LSR_OE | LSR_DR),
            LSR_OE | LSR_DR
        );
        // Reading LSR cleared OE; the byte received before the loss waits.
        assert_eq!(rd(&mut h, &mut uart, LSR) & LSR_OE, 0);
        assert_eq!(rd(&mut h, &mut uart, IIR_FCR), IIR_RDI);
        assert_eq!(rd(&mut h, &mut uart, RBR_THR_DLL), b'z');
        h.poll(&mut uart);
        assert_eq!(rd(&mut h, &mut uart, LSR) & LSR_OE, 0, "reported once");
    }

    #[test]
    fn scratch_register_and_mcr_mask() {
        let (mut h, mut uart, _, _) = setup();
        wr(&mut h, &mut uart, SCR, 0xa5);
        assert_eq!(rd(&mut h, &mut uart, SCR), 0xa5);
        wr(&mut h, &mut uart, MCR, 0xff);
        assert_eq!(rd(&mut h, &mut uart, MCR), 0x1f);
        wr(&mut h, &mut uart, LSR, 0);
        assert_eq!(rd(&mut h, &mut uart, LSR), LSR_THRE | LSR_TEMT);
    }

    #[test]
    fn poll_flushes_the_console() {
        struct Flushed(std::sync::Arc<std::sync::atomic::AtomicBool>);
        impl Console for Flushed {
            fn read_byte(&mut self) -> Option<u8> {
                None
            }
            fn write_bytes(&mut self, _: &[u8]) {}
            fn flush(&mut self) {
                self.0.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        }
        let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let mut uart = Uart16550::new(Box::new(Flushed(flag.clone())), IrqLines::default());
        let mut h = Harness::new(4096);
        h.poll(&mut uart);
        assert!(flag.load(std::sync::atomic::Ordering::Relaxed));
    }
}
