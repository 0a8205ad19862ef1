//! Shared-memory regions: frames that several processes map. The region
//! holds one reference to each frame and every mapping one more; the region
//! goes when its last mapping goes (or when its creator ends without it
//! ever having been mapped).

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use crate::proc::Pid;
use crate::vm::frames;

/// Largest region (pages).
pub const MAX_PAGES: usize = 1024;

struct Region {
    frames: Vec<usize>,
    maps: u32,
    creator: Pid,
}

/// All regions by id.
pub struct ShmTable {
    regions: BTreeMap<u32, Region>,
    next_id: u32,
}

impl ShmTable {
    /// No regions.
    pub const fn new() -> ShmTable {
        ShmTable {
            regions: BTreeMap::new(),
            next_id: 1,
        }
    }

    /// A new zeroed region of `pages` pages; None when out of memory.
    pub fn create(&mut self, creator: Pid, pages: usize) -> Option<u32> {
        let mut fs = Vec::with_capacity(pages);
        for _ in 0..pages {
            match frames::alloc() {
                Some(pa) => fs.push(pa),
                None => {
                    fs.into_iter().for_each(frames::decref);
                    return None;
                }
            }
        }
        let id = self.next_id;
        self.next_id += 1;
        self.regions.insert(
            id,
            Region {
                frames: fs,
                maps: 0,
                creator,
            },
        );
        Some(id)
    }

    /// The frames of region `id`, counting one more mapping (the caller
    /// takes a frame reference per page it maps).
    pub fn map(&mut self, id: u32) -> Option<&[usize]> {
        let r = self.regions.get_mut(&id)?;
        r.maps += 1;
        Some(&r.frames)
    }

    /// Counts one more mapping of `id` (a fork copied one).
    pub fn mapped_again(&mut self, id: u32) {
        if let Some(r) = self.regions.get_mut(&id) {
            r.maps += 1;
        }
    }

    /// One mapping of `id` went; the region goes with its last.
    pub fn unmapped(&mut self, id: u32) {
        if let Some(r) = self.regions.get_mut(&id) {
            r.maps = r.maps.saturating_sub(1);
            if r.maps == 0 {
                self.destroy(id);
            }
        }
    }

    /// Drops the regions `pid` created that nobody maps.
    pub fn owner_exited(&mut self, pid: Pid) {
        let dead: Vec<u32> = self
            .regions
            .iter()
            .filter(|(_, r)| r.creator == pid && r.maps == 0)
            .map(|(id, _)| *id)
            .collect();
        for id in dead {
            self.destroy(id);
        }
    }

    fn destroy(&mut self, id: u32) {
        if let Some(r) = self.regions.remove(&id) {
            r.frames.into_iter().for_each(frames::decref);
        }
    }
}
