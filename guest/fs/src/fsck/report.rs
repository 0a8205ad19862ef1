//! What [`FileSystem::check`](crate::FileSystem::check) finds: each
//! [`Problem`], and the [`Report`] that keeps them with the image's counts.

use alloc::vec::Vec;
use core::fmt;

use crate::layout::{BlockNo, InodeNum};

/// Problems kept in a report; the rest are only counted.
const MAX_PROBLEMS: usize = 1000;

/// One inconsistency found by [`FileSystem::check`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// An inode that cannot be used as it stands.
    BadInode {
        /// The inode.
        ino: InodeNum,
        /// What is wrong with it.
        what: &'static str,
    },
    /// A block claimed by a second inode (or twice by one).
    SharedBlock {
        /// The block.
        block: BlockNo,
        /// The inode that claimed it second.
        ino: InodeNum,
    },
    /// A data block allocated past the end of its file.
    BlockPastEnd {
        /// The inode.
        ino: InodeNum,
        /// The block.
        block: BlockNo,
    },
    /// A block in use by a file but free in the bitmap.
    BlockNotMarked {
        /// The block.
        block: BlockNo,
    },
    /// A block marked in use that no file uses.
    BlockLeaked {
        /// The block.
        block: BlockNo,
    },
    /// A superblock, bitmap or inode-table block marked free.
    MetadataNotMarked {
        /// The block.
        block: BlockNo,
    },
    /// A bad directory entry.
    BadEntry {
        /// The directory holding it.
        dir: InodeNum,
        /// What is wrong with it.
        what: &'static str,
    },
    /// A directory reached by a second path (a cycle or a directory hard link).
    ExtraParent {
        /// The directory.
        dir: InodeNum,
    },
    /// A link count that differs from the entries naming the inode.
    LinkCount {
        /// The inode.
        ino: InodeNum,
        /// The count in the inode.
        stored: u32,
        /// Entries found naming it.
        found: u32,
    },
    /// An inode in use that no directory entry names.
    Orphan {
        /// The inode.
        ino: InodeNum,
    },
    /// A file whose contents differ from its checksum file (`crate::checksum`).
    SumMismatch {
        /// The file.
        ino: InodeNum,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Problem::BadInode { ino, what } => write!(f, "inode {}: {what}", ino.0),
            Problem::SharedBlock { block, ino } => {
                write!(f, "block {} is also claimed by inode {}", block.0, ino.0)
            }
            Problem::BlockPastEnd { ino, block } => {
                write!(
                    f,
                    "inode {}: block {} lies past the end of the file",
                    ino.0, block.0
                )
            }
            Problem::BlockNotMarked { block } => {
                write!(f, "block {} is in use but free in the bitmap", block.0)
            }
            Problem::BlockLeaked { block } => {
                write!(f, "block {} is marked in use but nothing uses it", block.0)
            }
            Problem::MetadataNotMarked { block } => {
                write!(f, "metadata block {} is free in the bitmap", block.0)
            }
            Problem::BadEntry { dir, what } => write!(f, "directory {}: {what}", dir.0),
            Problem::ExtraParent { dir } => {
                write!(
                    f,
                    "directory {} is reached twice (a cycle or a hard link)",
                    dir.0
                )
            }
            Problem::LinkCount { ino, stored, found } => write!(
                f,
                "inode {}: link count {stored}, but {found} entries name it",
                ino.0
            ),
            Problem::Orphan { ino } => write!(f, "inode {} is in use but no entry names it", ino.0),
            Problem::SumMismatch { ino } => {
                write!(f, "inode {} does not match its checksum file", ino.0)
            }
        }
    }
}

/// What [`FileSystem::check`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The inconsistencies (at most 1000; see `more_problems`).
    pub problems: Vec<Problem>,
    /// Problems found past the first 1000.
    pub more_problems: u32,
    /// Regular files in use.
    pub files: u32,
    /// Directories in use.
    pub dirs: u32,
    /// Blocks on the device.
    pub total_blocks: u32,
    /// Blocks in use: metadata plus every block some inode claims.
    pub used_blocks: u32,
}

impl Report {
    /// Whether no problem was found.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty() && self.more_problems == 0
    }

    /// Records `p`, or only counts it once the report is full.
    pub(super) fn add(&mut self, p: Problem) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(p);
        } else {
            self.more_problems = self.more_problems.saturating_add(1);
        }
    }
}

impl Report {
    /// The last line: counts, and "clean" or "ERRORS FOUND".
    pub fn summary(&self) -> alloc::string::String {
        alloc::format!(
            "{} files, {} directories, {}/{} blocks used: {}",
            self.files,
            self.dirs,
            self.used_blocks,
            self.total_blocks,
            if self.is_clean() {
                "clean"
            } else {
                "ERRORS FOUND"
            }
        )
    }
}

impl fmt::Display for Report {
    /// One line per problem, then the summary line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.problems {
            writeln!(f, "{p}")?;
        }
        if self.more_problems > 0 {
            writeln!(f, "... and {} more problems", self.more_problems)?;
        }
        f.write_str(&self.summary())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Superblock;
    use crate::test_utils::fresh;

    #[test]
    fn keeps_the_first_problems_and_counts_the_rest() {
        let mut fs = fresh(40_000);
        let sb = Superblock::new(40_000, 0).unwrap();
        // Mark every data block used: tens of thousands of leaks, 1000 kept.
        for b in sb.data_start..sb.total_blocks {
            fs.bitmap.mark_used(b);
        }
        let r = fs.check().unwrap();
        assert_eq!(r.problems.len(), MAX_PROBLEMS);
        assert!(r.more_problems > 30_000);
        assert!(alloc::format!("{r}").contains("more problems"));
    }
}
