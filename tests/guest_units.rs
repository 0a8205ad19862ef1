//! The guest crates' host-side unit tests (shell parsing, argv layout,
//! paths, the file server against an in-memory file system). The guest is
//! its own workspace, so `cargo test` here runs them through cargo there,
//! on the host target.

use std::process::Command;

#[test]
fn guest_user_space_unit_tests_pass() {
    let guest = concat!(env!("CARGO_MANIFEST_DIR"), "/guest/Cargo.toml");
    let output = Command::new(env!("CARGO"))
        .args([
            "test",
            "--manifest-path",
            guest,
            "-p",
            "ulib",
            "-p",
            "user",
            "--lib",
        ])
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "guest unit tests failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let passed: usize = stdout
        .lines()
        .filter_map(|l| {
            l.strip_prefix("test result: ok. ")?
                .split(" ")
                .next()?
                .parse::<usize>()
                .ok()
        })
        .sum();
    assert!(
        passed >= 19,
        "only {passed} guest unit tests ran:\n{stdout}"
    );
}
