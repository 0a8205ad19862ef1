//! `rvjit mkfs` and `rvjit fsck`: a folder round-trips into an image that
//! checks clean, a damaged image is reported, and bad input gives one line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rvfs::{FileSystem, MemDevice};

/// A scratch directory for this test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rvjit-fs-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn rvjit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rvjit"))
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A small tree: /etc/motd, /bin/data (spans indirect blocks), /empty/.
fn sample_tree(root: &Path) -> Vec<u8> {
    let data: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 256) as u8).collect();
    std::fs::create_dir_all(root.join("etc")).unwrap();
    std::fs::create_dir_all(root.join("bin")).unwrap();
    std::fs::create_dir_all(root.join("empty")).unwrap();
    std::fs::write(root.join("etc/motd"), b"welcome\n").unwrap();
    std::fs::write(root.join("bin/data"), &data).unwrap();
    data
}

#[test]
fn mkfs_then_fsck_round_trip() {
    let dir = scratch("round-trip");
    let data = sample_tree(&dir.join("root"));
    let img = dir.join("guest.img");
    let o = rvjit(&[
        "mkfs",
        "--out",
        img.to_str().unwrap(),
        "--size",
        "4M",
        dir.join("root").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let bytes = std::fs::read(&img).unwrap();
    assert_eq!(bytes.len(), 4 << 20);
    let mut fs = FileSystem::mount(MemDevice::from_bytes(bytes)).unwrap();
    assert_eq!(fs.read_file("/etc/motd").unwrap(), b"welcome\n");
    assert_eq!(fs.read_file("/bin/data").unwrap(), data);
    assert!(fs.lookup("/empty").is_ok());

    let o = rvjit(&["fsck", img.to_str().unwrap()]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}{}", text(&o.stderr));
    assert!(
        out.contains("2 files, 4 directories") && out.ends_with("clean\n"),
        "{out}"
    );
}

#[test]
fn fsck_reports_an_injected_inconsistency() {
    let dir = scratch("inject");
    sample_tree(&dir.join("root"));
    let bytes = rvfs::build_image(&dir.join("root"), 1 << 20).unwrap();
    // The 1 MiB image's data starts at block 3 and is used from there on:
    // clear bitmap bits 8..32, so used data blocks look free.
    let mut bad = bytes.clone();
    assert_eq!(bytes[4096 + 1..4096 + 4], [0xff; 3]);
    bad[4096 + 1..4096 + 4].fill(0);
    let img = dir.join("bad.img");
    std::fs::write(&img, &bad).unwrap();
    let o = rvjit(&["fsck", img.to_str().unwrap()]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}{}", text(&o.stderr));
    assert!(
        out.contains("bad.img: block 8 is in use but free in the bitmap\n"),
        "{out}"
    );
    assert!(out.ends_with("ERRORS FOUND\n"), "{out}");
}

#[test]
fn bad_input_gives_one_line_errors() {
    let dir = scratch("bad-input");
    let junk = dir.join("junk.img");
    std::fs::write(&junk, vec![0x55; 64 * 1024]).unwrap();
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    let good = rvfs::build_image(&dir.join("empty"), 1 << 20).unwrap();
    let cut = dir.join("cut.img");
    std::fs::write(&cut, &good[..512 * 1024]).unwrap();
    for (args, needle) in [
        (
            vec!["fsck", cut.to_str().unwrap()],
            "holds 128 blocks but its file system has 256",
        ),
        (vec!["fsck", junk.to_str().unwrap()], "not an rvfs image"),
        (vec!["fsck", "/nonexistent/x.img"], "cannot open"),
        (
            vec!["mkfs", "--out", "/nonexistent/x.img", "/nonexistent/dir"],
            "not a directory",
        ),
    ] {
        let o = rvjit(&args);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.contains(needle) && !err.contains("panicked"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn mkfs_refuses_a_bad_size() {
    let o = rvjit(&["mkfs", "--out", "x.img", "--size", "12X", "."]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("invalid size unit"), "{err}");
    let o = rvjit(&["mkfs", "--out", "x.img", "--size", "4097K", "."]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("not a multiple of 4 KiB"), "{err}");
}

#[test]
fn mkfs_reports_a_full_image() {
    let dir = scratch("full");
    std::fs::create_dir_all(dir.join("root")).unwrap();
    std::fs::write(dir.join("root/big"), vec![1; 200_000]).unwrap();
    let img = dir.join("small.img");
    let o = rvjit(&[
        "mkfs",
        "--out",
        img.to_str().unwrap(),
        "--size",
        "64K",
        dir.join("root").to_str().unwrap(),
    ]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("big: no space left on device"), "{err}");
    assert!(!img.exists());
}
