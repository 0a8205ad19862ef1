//! The consistency check behind `rvjit fsck`: [`FileSystem::check`].
//!
//! It reads the whole inode table, claims every block each in-use inode
//! points at (so a block claimed twice is found), walks the directory tree
//! from the root (a directory reached twice means a cycle or a hard-linked
//! directory; it is reported and not walked again), counts the entries
//! naming each inode, and compares the on-disk bitmap with the blocks
//! found; if all that is sound, it compares files with their checksum
//! files. Everything it reads is bounded by the layout, so a corrupt image
//! yields problems in the report, never a hang.
//!
//! One file per pass: `blocks` (the inode table, the blocks each inode
//! claims, the bitmap) and `tree` (the directory walk, the link counts);
//! `report` holds what they find.

use alloc::vec;
use alloc::vec::Vec;

use crate::fs::FileSystem;
use crate::layout::{DiskInode, InodeNum};
use crate::{BlockDevice, FsError};

mod blocks;
mod report;
mod tree;

pub use report::{Problem, Report};

/// The walk's state: every inode, the blocks claimed, the entries counted.
struct State {
    inodes: Vec<Option<DiskInode>>,
    claimed: Vec<bool>,
    found_links: Vec<u32>,
    report: Report,
}

impl<D: BlockDevice> FileSystem<D> {
    /// Checks the whole file system; `Err` only when the device fails.
    pub fn check(&mut self) -> Result<Report, FsError> {
        let count = self.sb.inode_count as usize;
        let mut st = State {
            inodes: vec![None; count],
            claimed: vec![false; self.sb.total_blocks as usize],
            found_links: vec![0; count],
            report: Report {
                total_blocks: self.sb.total_blocks,
                ..Report::default()
            },
        };
        self.load_inodes(&mut st)?;
        for i in 1..count {
            if let Some(inode) = st.inodes[i] {
                self.claim_blocks(&mut st, InodeNum(i as u32), &inode)?;
            }
        }
        self.check_tree(&mut st)?;
        tree::check_links(&mut st);
        self.check_bitmap(&mut st);
        // Checksum files are compared only in a sound tree.
        if st.report.is_clean() {
            for ino in self.sum_mismatches()? {
                st.report.add(Problem::SumMismatch { ino });
            }
        }
        Ok(st.report)
    }
}

#[cfg(test)]
mod tests {
    use crate::test_utils::{fresh, sample_tree};

    #[test]
    fn a_fresh_and_a_used_image_are_clean() {
        let mut fs = fresh(64);
        let r = fs.check().unwrap();
        assert!(r.is_clean(), "{r}");
        assert_eq!((r.files, r.dirs, r.total_blocks), (0, 1, 64));
        let mut fs = sample_tree();
        let r = fs.check().unwrap();
        assert!(r.is_clean(), "{r}");
        assert_eq!((r.files, r.dirs), (2, 3));
        // Metadata (3 blocks), 3 directory blocks, 5 + 2 file blocks.
        assert_eq!(r.used_blocks, 3 + 3 + 5 + 2);
        assert!(alloc::format!("{r}").ends_with("13/256 blocks used: clean"));
    }
}
