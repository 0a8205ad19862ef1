//! The block pass of the check: reads the inode table, claims every block
//! each in-use inode points at (direct, single- and double-indirect), so
//! that a block claimed twice, out of range or past its file's end is
//! found, then compares the claims with the on-disk bitmap.

use crate::fs::FileSystem;
use crate::layout::{
    BlockNo, DiskInode, INODE_SIZE, INODES_PER_BLOCK, InodeNum, InodeType, NDIRECT, PTRS_PER_BLOCK,
    get_u32, new_block,
};
use crate::{BLOCK_SIZE, BlockDevice, FsError};

use super::{Problem, State};

impl<D: BlockDevice> FileSystem<D> {
    /// Reads the inode table; a bad type is a problem and the inode is skipped.
    pub(super) fn load_inodes(&mut self, st: &mut State) -> Result<(), FsError> {
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
    pub(super) fn claim_blocks(
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

    /// Compares the bitmap with the blocks claimed.
    pub(super) fn check_bitmap(&mut self, st: &mut State) {
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
    use crate::test_utils::{fresh, problems, sample_tree};

    #[test]
    fn finds_a_leaked_and_an_unmarked_block() {
        let mut fs = sample_tree();
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
    fn finds_shared_blocks_and_blocks_past_the_end() {
        let mut fs = sample_tree();
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
    fn finds_bad_pointers_and_inode_types() {
        let mut fs = sample_tree();
        let g = fs.lookup("/g").unwrap();
        let mut gi = fs.get_inode(g).unwrap();
        gi.direct[0] = 1; // the bitmap block
        fs.put_inode(g, &gi).unwrap();
        let p = problems(&mut fs);
        assert!(p.contains(&Problem::BadInode {
            ino: g,
            what: "block pointer out of range"
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
    fn finds_a_metadata_block_marked_free() {
        let mut fs = fresh(40_000);
        fs.bitmap.free(0); // refused: metadata is never freed
        fs.dev.bytes_mut()[4096] &= !1; // block 0's bit, on disk
        let mut fs = FileSystem::mount(fs.into_device()).unwrap();
        let p = problems(&mut fs);
        assert_eq!(p, [Problem::MetadataNotMarked { block: BlockNo(0) }]);
    }
}
