//! Path parsing and resolution. Paths are absolute (`/a/b`); empty
//! components (`//`, a trailing `/`) are skipped, and `.` and `..` are
//! looked up like any name, since every directory holds them as entries.
//! Resolution takes one directory step per component, so it ends even on an
//! image whose directories form a cycle.

use alloc::vec::Vec;

use crate::fs::FileSystem;
use crate::layout::{DiskInode, InodeNum, InodeType, NAME_MAX, PATH_MAX, ROOT_INO};
use crate::{BlockDevice, FsError};

/// Checks `path` and returns its non-empty components.
pub(crate) fn components(path: &str) -> Result<impl Iterator<Item = &[u8]>, FsError> {
    if path.len() > PATH_MAX {
        return Err(FsError::NameTooLong);
    }
    if !path.starts_with('/') || path.contains('\0') {
        return Err(FsError::Invalid);
    }
    let parts = path.split('/').filter(|c| !c.is_empty()).map(str::as_bytes);
    if parts.clone().any(|c| c.len() > NAME_MAX) {
        return Err(FsError::NameTooLong);
    }
    Ok(parts)
}

/// A path split into its parent's components and its last name.
type Split<'p> = (Vec<&'p [u8]>, Option<&'p [u8]>);

/// Splits `path` into its parent's components and its last name; the last
/// name is `None` for the root itself.
pub(crate) fn split_last(path: &str) -> Result<Split<'_>, FsError> {
    let mut parts: Vec<&[u8]> = components(path)?.collect();
    let last = parts.pop();
    Ok((parts, last))
}

impl<D: BlockDevice> FileSystem<D> {
    /// Reads the inode a directory entry names; a free one is corruption.
    pub(crate) fn entry_inode(&mut self, ino: InodeNum) -> Result<DiskInode, FsError> {
        match self.get_inode(ino)? {
            i if i.kind == InodeType::Free => {
                Err(FsError::Corrupt("directory entry names a free inode"))
            }
            i => Ok(i),
        }
    }

    /// Walks `parts` from the root: the inode reached and its contents.
    pub(crate) fn walk<'p>(
        &mut self,
        parts: impl IntoIterator<Item = &'p [u8]>,
    ) -> Result<(InodeNum, DiskInode), FsError> {
        let mut ino = ROOT_INO;
        let mut inode = self.entry_inode(ino)?;
        for name in parts {
            if inode.kind != InodeType::Dir {
                return Err(FsError::NotDir);
            }
            let (next, _) = self.dir_lookup(&inode, name)?.ok_or(FsError::NotFound)?;
            ino = next;
            inode = self.entry_inode(ino)?;
        }
        Ok((ino, inode))
    }

    /// Resolves an absolute path.
    pub(crate) fn resolve(&mut self, path: &str) -> Result<(InodeNum, DiskInode), FsError> {
        let parts = components(path)?;
        self.walk(parts)
    }

    /// Resolves the directory that holds `path`'s last name; returns it and
    /// the name, or `None` for the name when `path` is the root.
    pub(crate) fn resolve_parent<'p>(
        &mut self,
        path: &'p str,
    ) -> Result<(InodeNum, DiskInode, Option<&'p [u8]>), FsError> {
        let (parents, last) = split_last(path)?;
        let (ino, inode) = self.walk(parents)?;
        if inode.kind != InodeType::Dir {
            return Err(FsError::NotDir);
        }
        Ok((ino, inode, last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_skip_empty_parts() {
        let parts: Vec<&[u8]> = components("//a/./b//c/").unwrap().collect();
        assert_eq!(parts, [&b"a"[..], b".", b"b", b"c"]);
        assert_eq!(components("/").unwrap().count(), 0);
    }

    #[test]
    fn bad_paths_are_refused() {
        assert_eq!(components("a/b").err(), Some(FsError::Invalid));
        assert_eq!(components("").err(), Some(FsError::Invalid));
        assert_eq!(components("/a\0b").err(), Some(FsError::Invalid));
        let long = alloc::format!("/{}", "x".repeat(NAME_MAX + 1));
        assert_eq!(components(&long).err(), Some(FsError::NameTooLong));
        let ok = alloc::format!("/{}", "x".repeat(NAME_MAX));
        assert!(components(&ok).is_ok());
        let huge = "/a".repeat(PATH_MAX);
        assert_eq!(components(&huge).err(), Some(FsError::NameTooLong));
    }

    #[test]
    fn split_last_separates_the_final_name() {
        let (parents, last) = split_last("/usr/bin/ls").unwrap();
        assert_eq!(parents, [&b"usr"[..], b"bin"]);
        assert_eq!(last, Some(&b"ls"[..]));
        let (parents, last) = split_last("/tmp/").unwrap();
        assert!(parents.is_empty());
        assert_eq!(last, Some(&b"tmp"[..]));
        assert_eq!(split_last("/").unwrap().1, None);
    }
}
