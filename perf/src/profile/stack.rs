//! The frame-pointer stack walk over guest memory.
//!
//! Our guests are built with `-C force-frame-pointers=yes`, so every
//! function's prologue saves `ra` at `fp - 4` and the caller's `fp` at
//! `fp - 8`, then points `fp` (`s0`, x8) at its frame's top (the RISC-V
//! psABI frame-pointer convention). A sample taken in a prologue or an
//! epilogue, before the frame is set up or after it is gone, misses the
//! caller's frame: a known limit of frame-pointer profiles.

/// The most frames a walk follows (a guard against corrupt chains).
pub const MAX_DEPTH: usize = 256;

/// The return addresses of the frames above the one at `pc`, innermost
/// first, `pc` itself included first. `fp` is the guest's x8 at the
/// sample; `read` reads a 32-bit guest word (`None` where nothing is
/// mapped). The walk ends at a null, misaligned or unreadable frame
/// pointer, or one that does not move up the stack.
pub fn walk(pc: u32, fp: u32, mut read: impl FnMut(u32) -> Option<u32>) -> Vec<u32> {
    let mut frames = vec![pc];
    let mut fp = fp;
    while frames.len() < MAX_DEPTH && fp >= 8 && fp.is_multiple_of(4) {
        let (Some(ra), Some(caller_fp)) = (read(fp - 4), read(fp - 8)) else {
            break;
        };
        if ra == 0 {
            break;
        }
        // The return address points after the call: name the call itself.
        frames.push(ra.wrapping_sub(1));
        if caller_fp <= fp {
            break;
        }
        fp = caller_fp;
    }
    frames
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn frames_are_followed_up_the_stack_until_the_chain_ends() {
        // main's frame at 0x1000 (called with ra 0, from the entry code),
        // f's at 0xf00 (returns to 0x2010), g's at 0xe00 (to 0x2104).
        let words: HashMap<u32, u32> = [
            (0x1000 - 4, 0),
            (0x1000 - 8, 0),
            (0xf00 - 4, 0x2010),
            (0xf00 - 8, 0x1000),
            (0xe00 - 4, 0x2104),
            (0xe00 - 8, 0xf00),
        ]
        .into();
        let read = |a: u32| words.get(&a).copied();
        assert_eq!(walk(0x2200, 0xe00, read), [0x2200, 0x2103, 0x200f]);
        // A chain that points down the stack, or off the map, stops.
        let looped: HashMap<u32, u32> = [(0xffc, 0x2010), (0xff8, 0xf00)].into();
        assert_eq!(
            walk(0x10, 0x1000, |a| looped.get(&a).copied()),
            [0x10, 0x200f]
        );
        assert_eq!(walk(0x10, 0x1003, read), [0x10]);
        assert_eq!(walk(0x10, 0, read), [0x10]);
        assert_eq!(walk(0x10, 0x5000, read), [0x10]);
    }
}
