//! fsd: the file server. Registers as `SERVICE_FS`, mounts the disk with
//! rvfs over the disk_read/disk_write system calls, and serves `FsOp`
//! requests: one message in, one reply out, paths and data in each client's
//! shared buffer (attached once per process image with `FsOp::Attach`,
//! given back at exit with `FsOp::Detach`). The request logic is
//! `user::fsserver`; this file is the disk, the clients' buffers and the
//! message loop.
#![no_std]
#![no_main]

extern crate alloc;

use abi::{
    Errno, FS_SHM_BYTES, FdKind, FsOp, Message, NONBLOCK, ProcInfo, SERVICE_FS, STATE_ZOMBIE,
};
use alloc::vec::Vec;
use rvfs::{BLOCK_SIZE, BlockDevice, FileSystem, FsError};
use ulib::{eprintln, sys};
use user::fsserver::Server;
use user::rvfs_backend::Rvfs;

ulib::entry!(main);

/// The virtio disk, through the kernel.
struct Disk;

impl BlockDevice for Disk {
    fn read_block(&mut self, block: u32, buf: &mut [u8; BLOCK_SIZE]) -> Result<(), FsError> {
        sys::disk_read(block, buf).map_err(|_| FsError::Io)
    }

    fn write_block(&mut self, block: u32, buf: &[u8; BLOCK_SIZE]) -> Result<(), FsError> {
        sys::disk_write(block, buf).map_err(|_| FsError::Io)
    }

    fn flush(&mut self) -> Result<(), FsError> {
        sys::disk_flush().map_err(|_| FsError::Io)
    }
}

/// Client processes and where their buffers are mapped here.
struct Clients {
    list: Vec<(usize, usize)>,
}

impl Clients {
    /// Maps client `pid`'s region `id` as its buffer, replacing the buffer
    /// of an earlier image of the same pid and dropping those of ended
    /// processes.
    fn attach(&mut self, pid: usize, id: usize) -> Result<usize, Errno> {
        self.sweep(Some(pid));
        let addr = sys::shm_map(id)?;
        // The region must cover FS_SHM_BYTES: let the kernel check every
        // page is mapped and writable (ps writes one row into each).
        let mut row_ok = true;
        for page in (0..FS_SHM_BYTES).step_by(4096) {
            let row = addr + page + 4096 - core::mem::size_of::<ProcInfo>();
            row_ok &= sys::check(sys::raw(abi::Sysno::Ps as usize, row, 1, 0, 0)).is_ok();
        }
        if !row_ok {
            let _ = sys::shm_unmap(addr);
            return Err(Errno::EINVAL);
        }
        self.list.push((pid, addr));
        Ok(0)
    }

    /// Unmaps the buffers of processes that have ended, and `replace`'s.
    fn sweep(&mut self, replace: Option<usize>) {
        let mut rows = [ProcInfo::default(); 128];
        // With a list that may be cut short, only `replace` goes.
        let n = match sys::raw(
            abi::Sysno::Ps as usize,
            rows.as_mut_ptr() as usize,
            rows.len(),
            0,
            0,
        ) {
            n if n >= 0 && (n as usize) < rows.len() => Some(n as usize),
            _ => None,
        };
        let live = |pid: usize| match n {
            Some(n) => rows[..n]
                .iter()
                .any(|r| r.pid as usize == pid && r.state != STATE_ZOMBIE),
            None => true,
        };
        self.list.retain(|&(pid, addr)| {
            let keep = Some(pid) != replace && live(pid);
            if !keep {
                let _ = sys::shm_unmap(addr);
            }
            keep
        });
    }

    /// Client `pid`'s buffer.
    fn buffer(&mut self, pid: usize) -> Option<&mut [u8]> {
        let &(_, addr) = self.list.iter().find(|(p, _)| *p == pid)?;
        // SAFETY: addr maps a region of at least FS_SHM_BYTES (checked at
        // attach) that stays mapped until we unmap it in `sweep`. Only the
        // client shares it, and it waits for our reply while we use it; if
        // it does not, it only scrambles its own bytes.
        Some(unsafe { core::slice::from_raw_parts_mut(addr as *mut u8, FS_SHM_BYTES) })
    }
}

fn main(_args: &[&str]) -> i32 {
    for fd in 0..3 {
        if matches!(sys::fd_get(fd), Ok((FdKind::Closed, _))) {
            let _ = sys::fd_set(fd, FdKind::Console, 0);
        }
    }
    // The disk system calls are for the registered file server only;
    // requests that come before the mount is done wait in the mailbox.
    if let Err(e) = sys::register(SERVICE_FS) {
        eprintln!("fsd: cannot register: {}", e.message());
        return 1;
    }
    let fs = match FileSystem::mount(Disk) {
        Ok(fs) => fs,
        Err(e) => {
            eprintln!("fsd: cannot mount the disk: {:?}", e);
            return 1;
        }
    };
    let mut server = Server::new(Rvfs(fs));
    let mut clients = Clients { list: Vec::new() };
    loop {
        let mut req = Message::default();
        let Ok(from) = sys::recv(&mut req, 0) else {
            continue;
        };
        let result = if req.words[0] == FsOp::Attach as u32 {
            match clients.attach(from, req.words[1] as usize) {
                Ok(_) => 0,
                Err(e) => -(e as i32),
            }
        } else if req.words[0] == FsOp::Detach as u32 {
            clients.sweep(Some(from));
            0
        } else {
            match clients.buffer(from) {
                Some(buf) => server.handle(&req, buf),
                None => -(Errno::EINVAL as i32),
            }
        };
        let mut reply = Message::default();
        reply.words[0] = result as u32;
        // Never block on a client that does not read its mailbox.
        let _ = sys::send(from, &reply, NONBLOCK);
    }
}
