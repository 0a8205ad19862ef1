//! The file system's one error type. Each variant maps to a Linux errno
//! ([`FsError::errno`]) so the file server can pass it on unchanged; the
//! numbers agree with the guest ABI's `Errno`.

use core::fmt;

/// Why a file-system operation failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FsError {
    /// The block device failed (or a block past its end was asked for).
    Io,
    /// The image is not an rvfs file system (bad magic number or version).
    BadMagic,
    /// The image is inconsistent; the text says what was found.
    Corrupt(&'static str),
    /// No such file or directory.
    NotFound,
    /// The name already exists.
    Exists,
    /// A path component, or the target, is not a directory.
    NotDir,
    /// The target is a directory.
    IsDir,
    /// The directory still has entries.
    NotEmpty,
    /// No free data block.
    NoSpace,
    /// No free inode (too many files).
    NoInodes,
    /// A name is longer than [`crate::NAME_MAX`] or a path than [`crate::PATH_MAX`].
    NameTooLong,
    /// A malformed path (relative, or with a NUL byte) or argument.
    Invalid,
    /// The root directory cannot be removed.
    Busy,
    /// The offset or length is past [`crate::MAX_FILE_BYTES`].
    FileTooLarge,
    /// An inode's link count would overflow.
    TooManyLinks,
    /// A whole-file read could not allocate its buffer.
    NoMemory,
}

impl FsError {
    /// The Linux errno number (positive) for this error.
    pub fn errno(self) -> i32 {
        match self {
            FsError::Io | FsError::BadMagic | FsError::Corrupt(_) => 5, // EIO
            FsError::NotFound => 2,                                     // ENOENT
            FsError::Exists => 17,                                      // EEXIST
            FsError::NotDir => 20,                                      // ENOTDIR
            FsError::IsDir => 21,                                       // EISDIR
            FsError::NotEmpty => 39,                                    // ENOTEMPTY
            // The ABI has no EMLINK; a directory too full of subdirectories is "no space".
            FsError::NoSpace | FsError::NoInodes | FsError::TooManyLinks => 28, // ENOSPC
            FsError::NameTooLong => 36,                                         // ENAMETOOLONG
            FsError::Invalid => 22,                                             // EINVAL
            FsError::Busy => 16,                                                // EBUSY
            FsError::FileTooLarge => 27,                                        // EFBIG
            FsError::NoMemory => 12,                                            // ENOMEM
        }
    }
}

impl fmt::Display for FsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FsError::Io => f.write_str("block device error"),
            FsError::BadMagic => f.write_str("not an rvfs image (bad magic number or version)"),
            FsError::Corrupt(what) => write!(f, "corrupt file system: {what}"),
            FsError::NotFound => f.write_str("no such file or directory"),
            FsError::Exists => f.write_str("file exists"),
            FsError::NotDir => f.write_str("not a directory"),
            FsError::IsDir => f.write_str("is a directory"),
            FsError::NotEmpty => f.write_str("directory not empty"),
            FsError::NoSpace => f.write_str("no space left on device"),
            FsError::NoInodes => f.write_str("no free inodes (too many files)"),
            FsError::NameTooLong => f.write_str("file name too long"),
            FsError::Invalid => f.write_str("invalid argument"),
            FsError::Busy => f.write_str("device or resource busy"),
            FsError::FileTooLarge => f.write_str("file too large"),
            FsError::TooManyLinks => f.write_str("too many links"),
            FsError::NoMemory => f.write_str("out of memory"),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for FsError {}

#[cfg(test)]
mod tests {
    use super::FsError;

    #[test]
    fn errno_numbers_are_linux_values() {
        assert_eq!(FsError::NotFound.errno(), 2);
        assert_eq!(FsError::Corrupt("x").errno(), 5);
        assert_eq!(FsError::NoInodes.errno(), 28);
        assert_eq!(FsError::NotEmpty.errno(), 39);
        assert_eq!(FsError::FileTooLarge.errno(), 27);
    }

    #[test]
    fn messages_are_one_lowercase_line() {
        use alloc::string::ToString;
        let text = FsError::Corrupt("block pointer out of range").to_string();
        assert_eq!(text, "corrupt file system: block pointer out of range");
        assert!(!FsError::BadMagic.to_string().contains('\n'));
    }
}
