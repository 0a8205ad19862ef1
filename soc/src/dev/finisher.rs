//! SiFive test finisher (QEMU `hw/misc/sifive_test.c`): a guest write asks
//! the machine to stop with success or failure, or to reset.
//!
//! A write at offset 0 whose low 16 bits are [`FINISHER_PASS`],
//! [`FINISHER_FAIL`] (with the code in the high 16 bits) or
//! [`FINISHER_RESET`] records a [`FinisherRequest`]; other values and
//! offsets are ignored, and reads return 0, as in QEMU. QEMU accepts 2- and
//! 4-byte accesses only, so byte accesses are a [`BusFault`].
//!
//! A device cannot stop the machine, so the request goes to a
//! [`FinisherHandle`] the machine keeps and checks (with
//! [`FinisherHandle::take`]) after MMIO writes. A later request replaces one
//! not yet taken.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::bus::{AccessSize, BusFault, DevCtx, Device};

/// Status value for "stop, test passed".
pub const FINISHER_PASS: u32 = 0x5555;
/// Status value for "stop, test failed"; the exit code is in bits 31:16.
pub const FINISHER_FAIL: u32 = 0x3333;
/// Status value for "reset the machine".
pub const FINISHER_RESET: u32 = 0x7777;

/// What the guest asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FinisherRequest {
    /// Stop; success.
    Pass,
    /// Stop; failure with this exit code.
    Fail(u16),
    /// Reset the machine.
    Reset,
}

impl FinisherRequest {
    /// Decodes a written value; `None` for values the device ignores.
    pub fn from_value(value: u32) -> Option<FinisherRequest> {
        let code = (value >> 16) as u16;
        match value & 0xffff {
            FINISHER_PASS => Some(FinisherRequest::Pass),
            FINISHER_FAIL => Some(FinisherRequest::Fail(code)),
            FINISHER_RESET => Some(FinisherRequest::Reset),
            _ => None,
        }
    }

    /// A non-zero encoding, the inverse of [`FinisherRequest::from_value`].
    fn to_value(self) -> u32 {
        match self {
            FinisherRequest::Pass => FINISHER_PASS,
            FinisherRequest::Fail(code) => (u32::from(code) << 16) | FINISHER_FAIL,
            FinisherRequest::Reset => FINISHER_RESET,
        }
    }
}

/// The machine's end of the finisher: the request not yet taken, if any.
/// Clones share it.
#[derive(Clone, Debug, Default)]
pub struct FinisherHandle(Arc<AtomicU32>);

impl FinisherHandle {
    /// Removes and returns the pending request.
    pub fn take(&self) -> Option<FinisherRequest> {
        FinisherRequest::from_value(self.0.swap(0, Ordering::Relaxed))
    }

    /// The pending request, left in place.
    pub fn peek(&self) -> Option<FinisherRequest> {
        FinisherRequest::from_value(self.0.load(Ordering::Relaxed))
    }
}

/// The test finisher device.
#[derive(Debug)]
pub struct Finisher {
    handle: FinisherHandle,
}

impl Finisher {
    /// A finisher and the handle on which its requests appear.
    pub fn new() -> (Finisher, FinisherHandle) {
        let handle = FinisherHandle::default();
        (
            Finisher {
                handle: handle.clone(),
            },
            handle,
        )
    }
}

impl Device for Finisher {
    fn name(&self) -> &'static str {
        "finisher"
    }

    fn read(&mut self, _offset: u32, size: AccessSize, _ctx: &mut DevCtx) -> Result<u32, BusFault> {
        if size == AccessSize::Byte {
            return Err(BusFault);
        }
        Ok(0)
    }

    fn write(
        &mut self,
        offset: u32,
        size: AccessSize,
        value: u32,
        _ctx: &mut DevCtx,
    ) -> Result<(), BusFault> {
        if size == AccessSize::Byte {
            return Err(BusFault);
        }
        if offset == 0
            && let Some(request) = FinisherRequest::from_value(value)
        {
            self.handle.0.store(request.to_value(), Ordering::Relaxed);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dev::test_utils::Harness;

    #[test]
    fn records_pass_fail_and_reset() {
        let mut h = Harness::new(4096);
        let (mut dev, handle) = Finisher::new();
        assert_eq!(handle.take(), None);
        h.w32(&mut dev, 0, FINISHER_PASS);
        assert_eq!(handle.peek(), Some(FinisherRequest::Pass));
        assert_eq!(handle.take(), Some(FinisherRequest::Pass));
        assert_eq!(handle.take(), None);
        h.w32(&mut dev, 0, (42 << 16) | FINISHER_FAIL);
        assert_eq!(handle.take(), Some(FinisherRequest::Fail(42)));
        h.w32(&mut dev, 0, (0xffff << 16) | FINISHER_FAIL);
        assert_eq!(handle.take(), Some(FinisherRequest::Fail(0xffff)));
        h.write(&mut dev, 0, AccessSize::Half, FINISHER_RESET)
            .unwrap();
        assert_eq!(handle.take(), Some(FinisherRequest::Reset));
        // The code bits of a pass are ignored, as in QEMU.
        h.w32(&mut dev, 0, (7 << 16) | FINISHER_PASS);
        assert_eq!(handle.take(), Some(FinisherRequest::Pass));
    }

    #[test]
    fn fail_with_code_zero_is_still_a_request() {
        let mut h = Harness::new(4096);
        let (mut dev, handle) = Finisher::new();
        h.w32(&mut dev, 0, FINISHER_FAIL);
        assert_eq!(handle.take(), Some(FinisherRequest::Fail(0)));
    }

    #[test]
    fn ignores_other_values_offsets_and_reads_zero() {
        let mut h = Harness::new(4096);
        let (mut dev, handle) = Finisher::new();
        h.w32(&mut dev, 0, 0x1234);
        h.w32(&mut dev, 0, 0);
        h.w32(&mut dev, 4, FINISHER_PASS);
        assert_eq!(handle.take(), None);
        assert_eq!(h.r32(&mut dev, 0), 0);
        assert_eq!(h.read(&mut dev, 0, AccessSize::Byte), Err(BusFault));
        assert_eq!(h.write(&mut dev, 0, AccessSize::Byte, 0x55), Err(BusFault));
        assert_eq!(handle.take(), None);
    }

    #[test]
    fn a_later_request_replaces_an_untaken_one() {
        let mut h = Harness::new(4096);
        let (mut dev, handle) = Finisher::new();
        h.w32(&mut dev, 0, FINISHER_RESET);
        h.w32(&mut dev, 0, (3 << 16) | FINISHER_FAIL);
        assert_eq!(handle.take(), Some(FinisherRequest::Fail(3)));
    }
}
