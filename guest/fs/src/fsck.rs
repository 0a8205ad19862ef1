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

use alloc::collections::BTreeSet;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use crate::fs::FileSystem;
use crate::layout::{
    BlockNo, DiskInode, INODE_SIZE, INODES_PER_BLOCK, InodeNum, InodeType, NDIRECT, PTRS_PER_BLOCK,
    ROOT_INO, RawDirEntry, get_u32, new_block,
};
use crate::{BLOCK_SIZE, BlockDevice, FsError};

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

    fn add(&mut self, p: Problem) {
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
        for (i, inode) in st.inodes.iter().enumerate().skip(1) {
            let Some(inode) = inode else { continue };
            let (stored, found) = (u32::from(inode.links), st.found_links[i]);
            let ino = InodeNum(i as u32);
            if found == 0 {
                st.report.add(Problem::Orphan { ino });
            } else if stored != found {
                st.report.add(Problem::LinkCount { ino, stored, found });
            }
        }
        self.check_bitmap(&mut st);
        // Checksum files are compared only in a sound tree.
        if st.report.is_clean() {
            for ino in self.sum_mismatches()? {
                st.report.add(Problem::SumMismatch { ino });
            }
        }
        Ok(st.report)
    }

    /// Reads the inode table; a bad type is a problem and the inode is skipped.
    fn load_inodes(&mut self, st: &mut State) -> Result<(), FsError> {
        let mut buf = new_block();
        for b in 0..self.sb.inode_blocks {
            self.dev.read_block(self.sb.inode_start + b, &mut buf)?;
            for slot in 0..INODES_PER_BLOCK {
                let ino = InodeNum(b * INODES_PER_BLOCK + slot);
                if ino.0 == 0 {
                    continue;
                }
                match DiskInode::decode(&buf, slot as usize * INODE_SIZE) {
                    Ok(i) if i.kind == InodeType::Free => {}
                    Ok(i) => {
                        match i.kind {
                            InodeType::Dir => st.report.dirs += 1,
                            _ => st.report.files += 1,
                        }
                        st.inodes[ino.0 as usize] = Some(i);
                    }
                    Err(_) => st.report.add(Problem::BadInode {
                        ino,
                        what: "bad inode type",
                    }),
                }
            }
        }
        Ok(())
    }

    /// Claims pointer `raw` for `ino` (file block `index`, `None` for an
    /// indirect block); returns whether to follow it.
    fn claim(
        &self,
        st: &mut State,
        ino: InodeNum,
        raw: u32,
        index: Option<u32>,
        limit: u32,
    ) -> bool {
        if raw == 0 {
            return false;
        }
        if !self.sb.is_data_block(raw) {
            st.report.add(Problem::BadInode {
                ino,
                what: "block pointer out of range",
            });
            return false;
        }
        let block = BlockNo(raw);
        if index.is_some_and(|i| i >= limit) {
            st.report.add(Problem::BlockPastEnd { ino, block });
        }
        if st.claimed[raw as usize] {
            st.report.add(Problem::SharedBlock { block, ino });
            return false;
        }
        st.claimed[raw as usize] = true;
        true
    }

    /// Claims every block of `inode`: direct, single- and double-indirect.
    fn claim_blocks(
        &mut self,
        st: &mut State,
        ino: InodeNum,
        inode: &DiskInode,
    ) -> Result<(), FsError> {
        let limit = inode.size.div_ceil(BLOCK_SIZE as u32);
        for (i, &p) in inode.direct.iter().enumerate() {
            self.claim(st, ino, p, Some(i as u32), limit);
        }
        let ptrs = PTRS_PER_BLOCK;
        let mut buf = new_block();
        let mut mid = new_block();
        if self.claim(st, ino, inode.indirect, None, limit) {
            self.dev.read_block(inode.indirect, &mut buf)?;
            for j in 0..ptrs {
                let index = NDIRECT as u32 + j;
                self.claim(
                    st,
                    ino,
                    get_u32(&buf[..], j as usize * 4),
                    Some(index),
                    limit,
                );
            }
        }
        if self.claim(st, ino, inode.double, None, limit) {
            self.dev.read_block(inode.double, &mut buf)?;
            for j in 0..ptrs {
                let p = get_u32(&buf[..], j as usize * 4);
                if !self.claim(st, ino, p, None, limit) {
                    continue;
                }
                self.dev.read_block(p, &mut mid)?;
                for k in 0..ptrs {
                    let index = NDIRECT as u32 + ptrs + j * ptrs + k;
                    self.claim(
                        st,
                        ino,
                        get_u32(&mid[..], k as usize * 4),
                        Some(index),
                        limit,
                    );
                }
            }
        }
        Ok(())
    }

    /// Walks the tree from the root, checking each directory's entries and
    /// counting the entries that name each inode.
    fn check_tree(&mut self, st: &mut State) -> Result<(), FsError> {
        let count = st.inodes.len();
        let mut visited = vec![false; count];
        let mut queue = vec![(ROOT_INO, ROOT_INO)];
        visited[ROOT_INO.0 as usize] = true;
        while let Some((dir, parent)) = queue.pop() {
            let Some(inode) = st.inodes[dir.0 as usize] else {
                st.report.add(Problem::BadEntry {
                    dir,
                    what: "the root inode is not in use",
                });
                continue;
            };
            let mut entries: Vec<RawDirEntry> = Vec::new();
            let scanned = self.scan_dir(&inode, |_, e| {
                if e.ino.0 != 0 {
                    entries.push(*e);
                }
                None::<()>
            });
            if let Err(e) = scanned {
                let what = match e {
                    FsError::Corrupt(what) => what,
                    FsError::NotDir => "not a directory",
                    _ => return Err(e),
                };
                st.report.add(Problem::BadInode { ino: dir, what });
                continue;
            }
            let (mut dot, mut dotdot) = (false, false);
            let mut names = BTreeSet::new();
            for e in &entries {
                let bad = |what| Problem::BadEntry { dir, what };
                if !names.insert(e.name()) {
                    st.report.add(bad("duplicate name"));
                }
                if e.name().iter().any(|&c| c == b'/' || c == 0) {
                    st.report.add(bad("name contains '/' or NUL"));
                }
                let Some(child) = st.inodes.get(e.ino.0 as usize).copied().flatten() else {
                    st.report
                        .add(bad("entry names a free or out-of-range inode"));
                    continue;
                };
                st.found_links[e.ino.0 as usize] += 1;
                match e.name() {
                    b"." => {
                        dot = true;
                        if e.ino != dir {
                            st.report.add(bad("'.' does not name the directory itself"));
                        }
                    }
                    b".." => {
                        dotdot = true;
                        if e.ino != parent {
                            st.report.add(bad("'..' does not name the parent"));
                        }
                    }
                    _ if child.kind == InodeType::Dir => {
                        if visited[e.ino.0 as usize] {
                            st.report.add(Problem::ExtraParent { dir: e.ino });
                        } else {
                            visited[e.ino.0 as usize] = true;
                            queue.push((e.ino, dir));
                        }
                    }
                    _ => {}
                }
            }
            if !dot || !dotdot {
                st.report.add(Problem::BadEntry {
                    dir,
                    what: "missing '.' or '..'",
                });
            }
        }
        Ok(())
    }

    /// Compares the bitmap with the blocks claimed.
    fn check_bitmap(&mut self, st: &mut State) {
        let mut used = 0;
        for b in 0..self.sb.total_blocks {
            let marked = self.bitmap.is_used(b);
            let block = BlockNo(b);
            if b < self.sb.data_start {
                used += 1;
                if !marked {
                    st.report.add(Problem::MetadataNotMarked { block });
                }
                continue;
            }
            let claimed = st.claimed[b as usize];
            used += u32::from(claimed);
            if claimed && !marked {
                st.report.add(Problem::BlockNotMarked { block });
            } else if marked && !claimed {
                st.report.add(Problem::BlockLeaked { block });
            }
        }
        st.report.used_blocks = used;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{DIRENT_SIZE, Superblock};
    use crate::test_utils::{fresh, pattern, remount};
    use crate::{FileSystem, MemDevice};

    /// A small tree: /a/b/f (20 KB), /g (5 KB).
    fn sample() -> FileSystem<MemDevice> {
        let mut fs = fresh(256);
        fs.mkdir("/a").unwrap();
        fs.mkdir("/a/b").unwrap();
        let f = fs.create("/a/b/f").unwrap();
        fs.write_at(f, 0, &pattern(20_000)).unwrap();
        let g = fs.create("/g").unwrap();
        fs.write_at(g, 0, &pattern(5000)).unwrap();
        fs
    }

    fn problems(fs: &mut FileSystem<MemDevice>) -> Vec<Problem> {
        fs.check().unwrap().problems
    }

    #[test]
    fn a_fresh_and_a_used_image_are_clean() {
        let mut fs = fresh(64);
        let r = fs.check().unwrap();
        assert!(r.is_clean(), "{r}");
        assert_eq!((r.files, r.dirs, r.total_blocks), (0, 1, 64));
        let mut fs = sample();
        let r = fs.check().unwrap();
        assert!(r.is_clean(), "{r}");
        assert_eq!((r.files, r.dirs), (2, 3));
        // Metadata (3 blocks), 3 directory blocks, 5 + 2 file blocks.
        assert_eq!(r.used_blocks, 3 + 3 + 5 + 2);
        assert!(alloc::format!("{r}").ends_with("13/256 blocks used: clean"));
    }

    #[test]
    fn finds_a_leaked_and_an_unmarked_block() {
        let mut fs = sample();
        let g = fs.lookup("/g").unwrap();
        let inode = fs.get_inode(g).unwrap();
        fs.bitmap.free(inode.direct[1]);
        fs.bitmap.mark_used(200);
        let p = problems(&mut fs);
        assert!(p.contains(&Problem::BlockNotMarked {
            block: BlockNo(inode.direct[1])
        }));
        assert!(p.contains(&Problem::BlockLeaked {
            block: BlockNo(200)
        }));
        assert_eq!(p.len(), 2, "{p:?}");
    }

    #[test]
    fn finds_wrong_link_counts_and_orphans() {
        let mut fs = sample();
        let a = fs.lookup("/a").unwrap();
        let mut inode = fs.get_inode(a).unwrap();
        inode.links = 7;
        fs.put_inode(a, &inode).unwrap();
        let orphan = fs.alloc_inode(InodeType::File, 1).unwrap();
        let p = problems(&mut fs);
        assert!(
            p.contains(&Problem::LinkCount {
                ino: a,
                stored: 7,
                found: 3
            }),
            "{p:?}"
        );
        assert!(p.contains(&Problem::Orphan { ino: orphan }), "{p:?}");
    }

    #[test]
    fn finds_shared_blocks_and_blocks_past_the_end() {
        let mut fs = sample();
        let g = fs.lookup("/g").unwrap();
        let f = fs.lookup("/a/b/f").unwrap();
        let mut gi = fs.get_inode(g).unwrap();
        let fi = fs.get_inode(f).unwrap();
        gi.direct[5] = fi.direct[0];
        fs.put_inode(g, &gi).unwrap();
        let p = problems(&mut fs);
        let block = BlockNo(fi.direct[0]);
        assert!(
            p.contains(&Problem::SharedBlock { block, ino: g })
                || p.contains(&Problem::SharedBlock { block, ino: f }),
            "{p:?}"
        );
        assert!(
            p.contains(&Problem::BlockPastEnd { ino: g, block }),
            "{p:?}"
        );
    }

    #[test]
    fn finds_bad_pointers_types_and_entries() {
        let mut fs = sample();
        let g = fs.lookup("/g").unwrap();
        let mut gi = fs.get_inode(g).unwrap();
        gi.direct[0] = 1; // the bitmap block
        fs.put_inode(g, &gi).unwrap();
        // An entry naming a free inode, written straight into the root.
        let mut root = fs.get_inode(ROOT_INO).unwrap();
        let entry = RawDirEntry::new(InodeNum(60), b"ghost").unwrap();
        let mut raw = [0; DIRENT_SIZE];
        entry.encode(&mut raw, 0);
        let end = root.size;
        fs.write_data(ROOT_INO, &mut root, end, &raw).unwrap();
        let p = problems(&mut fs);
        assert!(p.contains(&Problem::BadInode {
            ino: g,
            what: "block pointer out of range"
        }));
        assert!(p.contains(&Problem::BadEntry {
            dir: ROOT_INO,
            what: "entry names a free or out-of-range inode"
        }));
        // A bad inode type is reported, not fatal.
        let (block, at) = fs.sb.inode_pos(g).unwrap();
        let mut buf = new_block();
        fs.read_meta(block, &mut buf).unwrap();
        buf[at] = 9;
        fs.write_block(block, &buf).unwrap();
        let p = problems(&mut fs);
        assert!(
            p.contains(&Problem::BadInode {
                ino: g,
                what: "bad inode type"
            }),
            "{p:?}"
        );
    }

    #[test]
    fn finds_bad_dot_entries_and_names() {
        let mut fs = sample();
        let a = fs.lookup("/a").unwrap();
        let b = fs.lookup("/a/b").unwrap();
        let g = fs.lookup("/g").unwrap();
        // Rewrite /a/b's entries: '.' names /a, '..' names /g, and a name
        // with a slash; then a duplicate name in the root.
        let mut bi = fs.get_inode(b).unwrap();
        let mut raw = [0; 3 * DIRENT_SIZE];
        RawDirEntry::new(a, b".").unwrap().encode(&mut raw, 0);
        RawDirEntry::new(g, b"..")
            .unwrap()
            .encode(&mut raw, DIRENT_SIZE);
        RawDirEntry::new(g, b"x/y")
            .unwrap()
            .encode(&mut raw, 2 * DIRENT_SIZE);
        fs.write_data(b, &mut bi, 0, &raw).unwrap();
        let mut root = fs.get_inode(ROOT_INO).unwrap();
        fs.dir_add(ROOT_INO, &mut root, b"g2", g).unwrap();
        let mut raw = [0; DIRENT_SIZE];
        RawDirEntry::new(g, b"g").unwrap().encode(&mut raw, 0);
        let end = root.size;
        fs.write_data(ROOT_INO, &mut root, end, &raw).unwrap();
        let p = problems(&mut fs);
        for what in [
            "'.' does not name the directory itself",
            "'..' does not name the parent",
            "name contains '/' or NUL",
        ] {
            assert!(
                p.contains(&Problem::BadEntry { dir: b, what }),
                "{what}: {p:?}"
            );
        }
        let dup = Problem::BadEntry {
            dir: ROOT_INO,
            what: "duplicate name",
        };
        assert!(p.contains(&dup), "{p:?}");
        // /g is named by '/g' twice, 'g2', '/a/b/..' and '/a/b/x/y'.
        assert!(
            p.contains(&Problem::LinkCount {
                ino: g,
                stored: 1,
                found: 5
            }),
            "{p:?}"
        );
        // /a/b lost its '.', so only /a names it; /a/b/f lost its entry.
        let b_links = Problem::LinkCount {
            ino: b,
            stored: 2,
            found: 1,
        };
        assert!(p.contains(&b_links), "{p:?}");
        assert!(
            p.contains(&Problem::Orphan {
                ino: InodeNum(b.0 + 1)
            }),
            "{p:?}"
        );
        // b's '.' now names /a in place of b's '..': still three entries.
        let a_wrong = |p: &Problem| matches!(p, Problem::LinkCount { ino, .. } if *ino == a);
        assert!(!p.iter().any(a_wrong), "{p:?}");
        // An emptied directory has neither '.' nor '..'.
        let mut bi = fs.get_inode(b).unwrap();
        fs.write_data(b, &mut bi, 0, &[0; 3 * DIRENT_SIZE]).unwrap();
        let missing = Problem::BadEntry {
            dir: b,
            what: "missing '.' or '..'",
        };
        assert!(problems(&mut fs).contains(&missing));
    }

    #[test]
    fn a_directory_cycle_is_reported_and_ends() {
        let mut fs = sample();
        let b = fs.lookup("/a/b").unwrap();
        let mut bi = fs.get_inode(b).unwrap();
        // /a/b/up names the root: the root is now reached twice.
        fs.dir_add(b, &mut bi, b"up", ROOT_INO).unwrap();
        let p = problems(&mut fs);
        assert!(p.contains(&Problem::ExtraParent { dir: ROOT_INO }), "{p:?}");
        // Resolution through the cycle still ends (one step per component).
        assert_eq!(fs.lookup("/a/b/up/a/b/up/g"), fs.lookup("/g"));
        let mut fs = remount(fs);
        assert_eq!(fs.read_file("/a/b/up/g").unwrap(), pattern(5000));
    }

    #[test]
    fn finds_a_metadata_block_marked_free_and_caps_problems() {
        let mut fs = fresh(40_000);
        fs.bitmap.free(0); // refused: metadata is never freed
        let sb = Superblock::new(40_000, 0).unwrap();
        fs.dev.bytes_mut()[4096] &= !1; // block 0's bit, on disk
        let mut fs = FileSystem::mount(fs.into_device()).unwrap();
        let p = problems(&mut fs);
        assert_eq!(p, [Problem::MetadataNotMarked { block: BlockNo(0) }]);
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
