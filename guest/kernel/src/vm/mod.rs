//! Memory: physical frames ([`frames`]), Sv32 page tables
//! ([`page_table`]) and per-process address spaces ([`address_space`]).
//!
//! RAM is mapped one-to-one (virtual = physical) in every address space,
//! supervisor only, with 4 MiB superpages, so the kernel reaches any frame
//! (page tables included) through its physical address.

pub mod address_space;
pub mod frames;
pub mod page_table;

/// Bytes per page.
pub const PAGE_SIZE: usize = 4096;

/// Rounds up to a page boundary (saturating).
pub fn page_up(x: usize) -> usize {
    x.saturating_add(PAGE_SIZE - 1) & !(PAGE_SIZE - 1)
}

/// Rounds down to a page boundary.
pub fn page_down(x: usize) -> usize {
    x & !(PAGE_SIZE - 1)
}
