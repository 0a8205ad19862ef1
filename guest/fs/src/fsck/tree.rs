//! The directory pass of the check: walks the tree from the root, checking
//! each directory's entries (names, `.` and `..`; a directory reached twice
//! means a cycle or a hard-linked directory, reported and not walked
//! again), counts the entries naming each inode and compares the counts
//! with the inodes' link counts.

use alloc::collections::BTreeSet;
use alloc::vec;
use alloc::vec::Vec;

use crate::fs::FileSystem;
use crate::layout::{InodeNum, InodeType, ROOT_INO, RawDirEntry};
use crate::{BlockDevice, FsError};

use super::{Problem, State};

impl<D: BlockDevice> FileSystem<D> {
    /// Walks the tree from the root, checking each directory's entries and
    /// counting the entries that name each inode.
    pub(super) fn check_tree(&mut self, st: &mut State) -> Result<(), FsError> {
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
}

/// Compares each in-use inode's link count with the entries found naming
/// it; one named by none is an orphan.
pub(super) fn check_links(st: &mut State) {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::DIRENT_SIZE;
    use crate::test_utils::{pattern, problems, remount, sample_tree};

    #[test]
    fn finds_wrong_link_counts_and_orphans() {
        let mut fs = sample_tree();
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
    fn finds_an_entry_naming_a_free_inode() {
        let mut fs = sample_tree();
        // An entry naming a free inode, written straight into the root.
        let mut root = fs.get_inode(ROOT_INO).unwrap();
        let entry = RawDirEntry::new(InodeNum(60), b"ghost").unwrap();
        let mut raw = [0; DIRENT_SIZE];
        entry.encode(&mut raw, 0);
        let end = root.size;
        fs.write_data(ROOT_INO, &mut root, end, &raw).unwrap();
        let p = problems(&mut fs);
        assert!(p.contains(&Problem::BadEntry {
            dir: ROOT_INO,
            what: "entry names a free or out-of-range inode"
        }));
    }

    #[test]
    fn finds_bad_dot_entries_and_names() {
        let mut fs = sample_tree();
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
        let mut fs = sample_tree();
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
}
