//! Logic shared by the user programs and tested on the host: the shell's
//! command-line parser and the file server's request handling.
#![cfg_attr(not(test), no_std)]

extern crate alloc;

pub mod fsserver;
pub mod rvfs_backend;
pub mod shell;
