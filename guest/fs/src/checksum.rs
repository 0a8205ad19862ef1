//! File checksums kept beside the file: `NAME.crc32` holds the CRC-32 of
//! `NAME` as eight hex digits and a newline (readable with `cat`).
//! `rvjit mkfs` writes one for `/boot/kernel`, the firmware checks it
//! before loading the kernel, and `fsck` checks every such pair.

use alloc::collections::BTreeSet;
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use crate::{BlockDevice, FileSystem, FsError, InodeNum, Kind, ROOT_INO};

/// The kernel the firmware boots (and checks against its checksum file).
pub const KERNEL_PATH: &str = "/boot/kernel";

/// What a checksum file's name adds to the name of the file it sums.
pub const SUM_SUFFIX: &str = ".crc32";

/// The CRC-32 table (IEEE 802.3, reflected polynomial 0xEDB88320: the CRC
/// of zlib, gzip and PNG).
const TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut bit = 0;
        while bit < 8 {
            c = if c & 1 != 0 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            bit += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// The CRC-32 of `data`.
pub fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |c, &b| {
        TABLE[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8)
    })
}

/// The contents of the checksum file for `data`.
pub fn sum_text(data: &[u8]) -> String {
    format!("{:08x}\n", crc32(data))
}

/// The checksum a checksum file's contents hold, if they are well formed.
pub fn parse_sum(text: &[u8]) -> Option<u32> {
    let digits = text.strip_suffix(b"\n")?;
    if digits.len() != 8 {
        return None;
    }
    u32::from_str_radix(core::str::from_utf8(digits).ok()?, 16).ok()
}

/// How a file compares with its checksum file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SumCheck {
    /// The file matches.
    Matches,
    /// There is no checksum file.
    Missing,
    /// The checksum file is not eight hex digits and a newline.
    Malformed,
    /// The file's CRC-32 differs.
    Differs,
}

impl<D: BlockDevice> FileSystem<D> {
    /// Writes `path`'s checksum file (`path` + [`SUM_SUFFIX`]), replacing
    /// an older one.
    pub fn write_sum(&mut self, path: &str) -> Result<(), FsError> {
        let data = self.read_file(path)?;
        let sum_path = format!("{path}{SUM_SUFFIX}");
        if self.lookup(&sum_path).is_ok() {
            self.unlink(&sum_path)?;
        }
        let ino = self.create(&sum_path)?;
        self.write_at(ino, 0, sum_text(&data).as_bytes())?;
        Ok(())
    }

    /// Compares `data` (the contents of `path`) with `path`'s checksum file.
    pub fn check_sum(&mut self, path: &str, data: &[u8]) -> Result<SumCheck, FsError> {
        let text = match self.read_file(&format!("{path}{SUM_SUFFIX}")) {
            Ok(text) => text,
            Err(FsError::NotFound) => return Ok(SumCheck::Missing),
            Err(e) => return Err(e),
        };
        Ok(match parse_sum(&text) {
            None => SumCheck::Malformed,
            Some(sum) if sum == crc32(data) => SumCheck::Matches,
            Some(_) => SumCheck::Differs,
        })
    }
}

impl<D: BlockDevice> FileSystem<D> {
    /// The files that do not match their checksum files (or whose checksum
    /// file is malformed), walking the tree from the root; each directory
    /// is read once, so a cycle cannot make the walk endless.
    pub(crate) fn sum_mismatches(&mut self) -> Result<Vec<InodeNum>, FsError> {
        let mut bad = Vec::new();
        let mut seen = BTreeSet::new();
        let mut dirs = vec![(ROOT_INO, String::new())];
        while let Some((dir, path)) = dirs.pop() {
            if !seen.insert(dir.0) {
                continue;
            }
            let mut index = 0;
            while let Some(e) = self.read_dir(dir, index)? {
                index += 1;
                let Ok(name) = core::str::from_utf8(e.name()) else {
                    continue;
                };
                let child = format!("{path}/{name}");
                match e.kind {
                    Kind::Dir if name != "." && name != ".." => dirs.push((e.ino, child)),
                    Kind::File if !name.ends_with(SUM_SUFFIX) => {
                        if self.lookup(&format!("{child}{SUM_SUFFIX}")).is_err() {
                            continue;
                        }
                        let data = self.read_file(&child)?;
                        if !matches!(
                            self.check_sum(&child, &data)?,
                            SumCheck::Matches | SumCheck::Missing
                        ) {
                            bad.push(e.ino);
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok(bad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemDevice;

    #[test]
    fn crc32_of_the_standard_check_string() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn sum_text_round_trips_and_bad_text_is_refused() {
        assert_eq!(sum_text(b"123456789"), "cbf43926\n");
        assert_eq!(parse_sum(b"cbf43926\n"), Some(0xcbf4_3926));
        assert_eq!(parse_sum(b"cbf43926"), None);
        assert_eq!(parse_sum(b"cbf4392\n"), None);
        assert_eq!(parse_sum(b"cbf4392x\n"), None);
    }

    #[test]
    fn a_file_checks_against_its_sum_until_it_changes() {
        let mut fs = FileSystem::format(MemDevice::new(64), 64).unwrap();
        let ino = fs.create("/k").unwrap();
        fs.write_at(ino, 0, b"kernel bytes").unwrap();
        assert_eq!(fs.check_sum("/k", b"kernel bytes"), Ok(SumCheck::Missing));
        fs.write_sum("/k").unwrap();
        fs.write_sum("/k").unwrap();
        assert_eq!(fs.check_sum("/k", b"kernel bytes"), Ok(SumCheck::Matches));
        assert_eq!(fs.check_sum("/k", b"kernel bytez"), Ok(SumCheck::Differs));
        let sum = fs.lookup("/k.crc32").unwrap();
        fs.write_at(sum, 0, b"zz").unwrap();
        assert_eq!(fs.check_sum("/k", b"kernel bytes"), Ok(SumCheck::Malformed));
    }

    #[test]
    fn fsck_reports_a_file_that_differs_from_its_sum() {
        let mut fs = FileSystem::format(MemDevice::new(64), 64).unwrap();
        fs.mkdir("/boot").unwrap();
        let ino = fs.create("/boot/kernel").unwrap();
        fs.write_at(ino, 0, b"kernel bytes").unwrap();
        fs.write_sum("/boot/kernel").unwrap();
        assert!(fs.check().unwrap().is_clean());
        fs.write_at(ino, 0, b"K").unwrap();
        let report = fs.check().unwrap();
        assert_eq!(report.problems, [crate::Problem::SumMismatch { ino }]);
        assert_eq!(
            alloc::string::ToString::to_string(&report.problems[0]),
            format!("inode {} does not match its checksum file", ino.0)
        );
    }
}
