//! Disk system calls for the registered file server: disk_read,
//! disk_write, disk_flush. Each starts an interrupt-driven request and
//! blocks; the restarted call collects the outcome.

use abi::{Errno, SERVICE_FS};
use rvfs::BLOCK_SIZE;
use virtio::Op;

use super::{Args, Outcome, aspace};
use crate::proc::{Kernel, Pid, Wait};
use crate::user_ptr;
use crate::virtio_blk::Request;

fn run(k: &mut Kernel, pid: Pid, op: Op, block: u32, buf: usize) -> Outcome {
    if k.services[SERVICE_FS] != pid {
        return Outcome::from(Err(Errno::EPERM));
    }
    {
        let Ok(space) = aspace(k, pid) else {
            return Outcome::Exited;
        };
        let check = match op {
            Op::Read => user_ptr::check_writable(space, buf, BLOCK_SIZE),
            Op::Write => user_ptr::copy_in(space, buf, &mut [0u8; 4]),
            Op::Flush => Ok(()),
        };
        if let Err(e) = check {
            return Outcome::from(Err(e));
        }
    }
    let req = Request { pid, op, block };
    let Some(disk) = k.disk.as_mut() else {
        return Outcome::from(Err(Errno::EIO));
    };
    if let Some(result) = disk.take_done(req) {
        if result.is_err() {
            return Outcome::from(Err(Errno::EIO));
        }
        if op == Op::Read {
            let data = *disk.buffer();
            let Ok(space) = aspace(k, pid) else {
                return Outcome::Exited;
            };
            return Outcome::from(user_ptr::copy_out(space, buf, &data).map(|()| 0));
        }
        return Outcome::Return(0);
    }
    if !disk.is_idle() {
        return Outcome::Block(Wait::Disk);
    }
    let mut data = None;
    if op == Op::Write {
        let mut block_bytes = [0u8; BLOCK_SIZE];
        let Some(space) = k.proc(pid).and_then(|p| p.aspace.as_mut()) else {
            return Outcome::Exited;
        };
        if let Err(e) = user_ptr::copy_in(space, buf, &mut block_bytes) {
            return Outcome::from(Err(e));
        }
        data = Some(block_bytes);
    }
    let Some(disk) = k.disk.as_mut() else {
        return Outcome::from(Err(Errno::EIO));
    };
    match disk.start(req, data.as_ref()) {
        // A flush the device does not need finishes at once.
        Ok(()) if disk.take_done(req).is_some() => Outcome::Return(0),
        Ok(()) => Outcome::Block(Wait::Disk),
        Err(virtio::Error::OutOfRange) => Outcome::from(Err(Errno::EINVAL)),
        Err(_) => Outcome::from(Err(Errno::EIO)),
    }
}

pub fn read(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    run(k, pid, Op::Read, a[0] as u32, a[1])
}

pub fn write(k: &mut Kernel, pid: Pid, a: Args) -> Outcome {
    run(k, pid, Op::Write, a[0] as u32, a[1])
}

pub fn flush(k: &mut Kernel, pid: Pid, _: Args) -> Outcome {
    run(k, pid, Op::Flush, 0, 0)
}
