//! HTIF, the host-target interface of Spike and riscv-tests: a 64-bit
//! `tohost` mailbox in RAM, found by the ELF symbol, whose address is
//! matched physically.
//!
//! A request is `device << 56 | command << 48 | payload`:
//! - device 0, odd payload: exit with status `payload >> 1` (1 = pass);
//! - device 0, even non-zero payload: the proxy-kernel system call block
//!   ("magic_mem", eight 64-bit words) at that address: `SYS_write` (64)
//!   and `SYS_exit` (93) are served, others return `-ENOSYS`;
//! - device 1, command 1: print the payload's low byte.
//!
//! RV32 programs write the two halves separately. A request is acted on
//! when its upper half is written, as QEMU does; a lower half written alone
//! (riscv-tests' and RISCOF's halt loops) is acted on at the next poll. After
//! a request `tohost` is cleared and, for the proxy and console, `fromhost`
//! is set to acknowledge it.

use std::io::Write;

use crate::mem::Ram;

/// `SYS_write` of the proxy kernel.
const SYS_WRITE: u64 = 64;
/// `SYS_exit` of the proxy kernel.
const SYS_EXIT: u64 = 93;
/// `-ENOSYS`, returned for other system calls.
const ENOSYS: u64 = 38u64.wrapping_neg();
/// `-EFAULT`, returned for a `SYS_write` buffer outside RAM.
const EFAULT: u64 = 14u64.wrapping_neg();

/// The mailbox and its state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Htif {
    /// Physical address of `tohost`.
    pub tohost: u32,
    /// Physical address of `fromhost`, if the program has one.
    pub fromhost: Option<u32>,
    /// The lower half was written alone: act at the next poll.
    low_pending: bool,
}

impl Htif {
    /// A mailbox at physical `tohost` (and `fromhost`).
    pub fn new(tohost: u32, fromhost: Option<u32>) -> Htif {
        Htif {
            tohost,
            fromhost,
            low_pending: false,
        }
    }

    /// The RAM page (offset from RAM's start) whose stores must reach
    /// [`Htif::on_store`].
    pub fn watched_page(&self) -> u32 {
        self.tohost.wrapping_sub(crate::memmap::RAM_BASE) & !crate::mmu::PAGE_OFFSET_MASK
    }

    /// A guest store to physical `[paddr, paddr + len)` has been done.
    /// Returns an exit status when the guest asked to stop.
    pub fn on_store(
        &mut self,
        paddr: u32,
        len: u32,
        ram: &mut Ram,
        out: &mut dyn Write,
    ) -> Option<u32> {
        let end = paddr.wrapping_add(len);
        if paddr >= self.tohost.wrapping_add(8) || end <= self.tohost {
            return None;
        }
        if end > self.tohost.wrapping_add(4) {
            self.low_pending = false;
            self.serve(ram, out)
        } else {
            self.low_pending = true;
            None
        }
    }

    /// Acts on a lower half written alone. Call every so often.
    pub fn poll(&mut self, ram: &mut Ram, out: &mut dyn Write) -> Option<u32> {
        if std::mem::take(&mut self.low_pending) {
            self.serve(ram, out)
        } else {
            None
        }
    }

    fn serve(&mut self, ram: &mut Ram, out: &mut dyn Write) -> Option<u32> {
        let value = read_u64(ram, self.tohost)?;
        if value == 0 {
            return None;
        }
        let (device, command, payload) =
            (value >> 56, (value >> 48) & 0xff, value & 0xffff_ffff_ffff);
        let mut exit = None;
        match (device, command) {
            (0, 0) if payload & 1 == 1 => exit = Some((payload >> 1) as u32),
            (0, 0) => {
                exit = proxy_syscall(ram, payload, out);
                self.acknowledge(ram, 1);
            }
            (1, 1) => {
                // The console is best effort: a closed stdout must not stop the guest.
                let _ = out.write_all(&[payload as u8]).and_then(|()| out.flush());
                self.acknowledge(ram, (device << 56) | (command << 48) | 1);
            }
            _ => log::debug!("htif: ignored request {value:#x}"),
        }
        write_u64(ram, self.tohost, 0);
        exit
    }

    fn acknowledge(&self, ram: &mut Ram, value: u64) {
        if let Some(from) = self.fromhost {
            write_u64(ram, from, value);
        }
    }
}

/// Serves the proxy-kernel system call whose block is at `addr`; returns an
/// exit status for `SYS_exit`.
fn proxy_syscall(ram: &mut Ram, addr: u64, out: &mut dyn Write) -> Option<u32> {
    let addr = u32::try_from(addr).ok()?;
    let word = |ram: &Ram, i: u32| read_u64(ram, addr.wrapping_add(8 * i));
    let which = word(ram, 0)?;
    let result = match which {
        SYS_EXIT => return Some(word(ram, 1)? as u32),
        SYS_WRITE => {
            let (buf, len) = (word(ram, 2)?, word(ram, 3)?);
            let bytes = u32::try_from(buf).ok().zip(u32::try_from(len).ok());
            match bytes.and_then(|(buf, len)| ram.slice(buf, len)) {
                Some(bytes) => {
                    let _ = out.write_all(bytes).and_then(|()| out.flush());
                    len
                }
                None => EFAULT,
            }
        }
        _ => ENOSYS,
    };
    write_u64(ram, addr, result);
    None
}

fn read_u64(ram: &Ram, paddr: u32) -> Option<u64> {
    ram.slice(paddr, 8)
        .map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()))
}

fn write_u64(ram: &mut Ram, paddr: u32, value: u64) {
    if let Some(b) = ram.slice_mut(paddr, 8) {
        b.copy_from_slice(&value.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memmap::RAM_BASE;

    const TOHOST: u32 = RAM_BASE + 0x1000;
    const FROMHOST: u32 = RAM_BASE + 0x1040;

    fn setup() -> (Htif, Ram) {
        (
            Htif::new(TOHOST, Some(FROMHOST)),
            Ram::new(1 << 16).unwrap(),
        )
    }

    fn store32(h: &mut Htif, ram: &mut Ram, paddr: u32, v: u32, out: &mut Vec<u8>) -> Option<u32> {
        ram.slice_mut(paddr, 4)
            .unwrap()
            .copy_from_slice(&v.to_le_bytes());
        h.on_store(paddr, 4, ram, out)
    }

    #[test]
    fn exit_acts_on_the_upper_half_or_at_the_next_poll() {
        let (mut h, mut ram) = setup();
        let mut out = Vec::new();
        assert_eq!(
            store32(&mut h, &mut ram, TOHOST, (3 << 1) | 1, &mut out),
            None
        );
        assert_eq!(store32(&mut h, &mut ram, TOHOST + 4, 0, &mut out), Some(3));
        assert_eq!(read_u64(&ram, TOHOST), Some(0), "cleared after reading");
        assert_eq!(store32(&mut h, &mut ram, TOHOST, 1, &mut out), None);
        assert_eq!(h.poll(&mut ram, &mut out), Some(0));
        assert_eq!(h.poll(&mut ram, &mut out), None);
    }

    #[test]
    fn console_character_with_an_odd_low_half_is_not_an_exit() {
        let (mut h, mut ram) = setup();
        let mut out = Vec::new();
        assert_eq!(
            store32(&mut h, &mut ram, TOHOST, u32::from(b'A'), &mut out),
            None
        );
        assert_eq!(
            store32(&mut h, &mut ram, TOHOST + 4, 0x0101_0000, &mut out),
            None
        );
        assert_eq!(out, b"A");
        assert_eq!(read_u64(&ram, FROMHOST), Some(0x0101_0000_0000_0001));
        assert_eq!(h.poll(&mut ram, &mut out), None);
    }

    #[test]
    fn proxy_write_and_exit() {
        let (mut h, mut ram) = setup();
        let mut out = Vec::new();
        let block = RAM_BASE + 0x2000;
        let text = RAM_BASE + 0x3000;
        ram.slice_mut(text, 5).unwrap().copy_from_slice(b"hello");
        for (i, v) in [SYS_WRITE, 1, u64::from(text), 5].into_iter().enumerate() {
            write_u64(&mut ram, block + 8 * i as u32, v);
        }
        write_u64(&mut ram, TOHOST, u64::from(block));
        assert_eq!(h.on_store(TOHOST, 8, &mut ram, &mut out), None);
        assert_eq!(out, b"hello");
        assert_eq!(read_u64(&ram, block), Some(5), "return value");
        assert_eq!(read_u64(&ram, FROMHOST), Some(1));
        write_u64(&mut ram, block, SYS_EXIT);
        write_u64(&mut ram, block + 8, 7);
        write_u64(&mut ram, TOHOST, u64::from(block));
        assert_eq!(h.on_store(TOHOST, 8, &mut ram, &mut out), Some(7));
        write_u64(&mut ram, block, 1234);
        write_u64(&mut ram, TOHOST, u64::from(block));
        assert_eq!(h.on_store(TOHOST, 8, &mut ram, &mut out), None);
        assert_eq!(read_u64(&ram, block), Some(ENOSYS));
        for (i, v) in [SYS_WRITE, 1, 0x1000, 5].into_iter().enumerate() {
            write_u64(&mut ram, block + 8 * i as u32, v);
        }
        write_u64(&mut ram, TOHOST, u64::from(block));
        assert_eq!(h.on_store(TOHOST, 8, &mut ram, &mut out), None);
        assert_eq!(read_u64(&ram, block), Some(EFAULT), "buffer outside RAM");
        assert_eq!(out, b"hello");
    }

    #[test]
    fn stores_elsewhere_are_ignored() {
        let (mut h, mut ram) = setup();
        let mut out = Vec::new();
        write_u64(&mut ram, TOHOST, 1);
        assert_eq!(h.on_store(TOHOST + 8, 4, &mut ram, &mut out), None);
        assert_eq!(h.on_store(TOHOST - 4, 4, &mut ram, &mut out), None);
        assert_eq!(h.poll(&mut ram, &mut out), None);
    }
}
