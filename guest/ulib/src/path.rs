//! Path arithmetic: joining a relative path to a directory and removing
//! `.`, `..` and repeated slashes. Pure, so the shell, the runtime and the
//! file server agree on it.

use alloc::string::String;
use alloc::vec::Vec;

/// `path` made absolute against `cwd` (itself absolute) and normalized:
/// no `.`/`..` components, no repeated or trailing slashes; `..` at the
/// root stays at the root.
pub fn resolve(cwd: &str, path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let start = if path.starts_with('/') { "" } else { cwd };
    for comp in start.split('/').chain(path.split('/')) {
        match comp {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    let mut out = String::new();
    for p in &parts {
        out.push('/');
        out.push_str(p);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// The last component of a normalized path ("" for the root).
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_relative_and_absolute() {
        assert_eq!(resolve("/", "etc"), "/etc");
        assert_eq!(resolve("/etc", "motd"), "/etc/motd");
        assert_eq!(resolve("/etc", "/bin/ls"), "/bin/ls");
        assert_eq!(resolve("/a/b", "../c"), "/a/c");
        assert_eq!(resolve("/a/b", "./c/./d/"), "/a/b/c/d");
        assert_eq!(resolve("/a", "../../.."), "/");
        assert_eq!(resolve("/", "//x///y"), "/x/y");
        assert_eq!(resolve("/a/b", ""), "/a/b");
        assert_eq!(resolve("/", "."), "/");
    }

    #[test]
    fn file_names() {
        assert_eq!(file_name("/etc/motd"), "motd");
        assert_eq!(file_name("/"), "");
        assert_eq!(file_name("sh"), "sh");
    }
}
