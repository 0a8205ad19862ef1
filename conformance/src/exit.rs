//! The framework's exit-code scheme (`programs/common/prelude.S`): what the
//! status an emulator exits with says about a program's run.

/// First exit code of a failure caused by an unexpected exception:
/// the code is `TRAP_EXCEPTION_BASE + mcause` (mcause < 16).
pub const TRAP_EXCEPTION_BASE: u8 = 224;
/// First exit code of a failure caused by an unexpected interrupt:
/// the code is `TRAP_INTERRUPT_BASE + (mcause & 15)`.
pub const TRAP_INTERRUPT_BASE: u8 = 240;
/// Exit code of `FAIL` with a test number outside `1..=MAX_TEST_NUMBER`.
pub const BAD_TEST_NUMBER: u8 = 200;
/// Largest test number a program may use (exit statuses are 8 bits wide).
pub const MAX_TEST_NUMBER: u8 = 199;

/// Explains a program's exit status in words, following the framework's
/// code scheme (see `programs/common/prelude.S`).
pub fn describe_exit(code: i32) -> String {
    let Ok(byte) = u8::try_from(code) else {
        return format!("exit status {code} (not a framework code)");
    };
    match byte {
        0 => "passed".to_owned(),
        1..=MAX_TEST_NUMBER => format!("failed test {byte}"),
        BAD_TEST_NUMBER => "FAIL with a test number outside 1..=199".to_owned(),
        TRAP_EXCEPTION_BASE..TRAP_INTERRUPT_BASE => {
            format!(
                "unexpected exception, mcause {}",
                byte - TRAP_EXCEPTION_BASE
            )
        }
        TRAP_INTERRUPT_BASE..=u8::MAX => {
            format!("unexpected interrupt, cause {}", byte - TRAP_INTERRUPT_BASE)
        }
        _ => format!("exit status {byte} (not a framework code)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_described() {
        assert_eq!(describe_exit(0), "passed");
        assert_eq!(describe_exit(17), "failed test 17");
        assert_eq!(
            describe_exit(200),
            "FAIL with a test number outside 1..=199"
        );
        assert_eq!(describe_exit(226), "unexpected exception, mcause 2");
        assert_eq!(describe_exit(247), "unexpected interrupt, cause 7");
        assert_eq!(describe_exit(210), "exit status 210 (not a framework code)");
        assert_eq!(describe_exit(-1), "exit status -1 (not a framework code)");
    }
}
