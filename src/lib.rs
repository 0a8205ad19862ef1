//! What the `rvjit` binary shares with its benches: the guest OS built into
//! it ([`guest`]). The command-line front end itself is the binary's
//! (`main.rs` and its modules).
#![forbid(unsafe_code)]

pub mod guest;
