//! sh: the shell. A prompt, a line, and then a builtin (cd, pwd, exit) or
//! a program run by fork → exec → wait, with `<`/`>` redirection, `&` to
//! run in the background, and `$?` for the last status. The current
//! directory is kept here (for `pwd` and relative paths) and, for the
//! programs, open in fd `CWD_FD` where the file server finds it.
#![no_std]
#![no_main]

extern crate alloc;

use abi::{CWD_FD, Errno, FdKind, O_CREATE, O_READ, O_TRUNC, O_WRITE, WNOHANG};
use alloc::string::String;
use alloc::vec::Vec;
use ulib::{eprintln, fs, path, print, println, sys};
use user::shell::{self, Command};

ulib::entry!(main);

struct Shell {
    cwd: String,
    status: i32,
}

/// Reads one line from standard input (without the newline); `None` at
/// the end of input.
fn read_line() -> Option<String> {
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        match fs::read(0, &mut byte) {
            Ok(0) | Err(_) if line.is_empty() => return None,
            Ok(0) | Err(_) => break,
            Ok(_) if byte[0] == b'\n' => break,
            Ok(_) => line.push(byte[0]),
        }
    }
    Some(String::from_utf8_lossy(&line).into_owned())
}

impl Shell {
    fn builtin(&mut self, cmd: &Command) -> Option<i32> {
        match cmd.argv[0].as_str() {
            "cd" => {
                let target = path::resolve(&self.cwd, cmd.argv.get(1).map_or("/", |s| s.as_str()));
                Some(match fs::chdir(&target) {
                    Ok(()) => {
                        self.cwd = target;
                        0
                    }
                    Err(e) => {
                        eprintln!("cd: {}: {}", target, e.message());
                        1
                    }
                })
            }
            "pwd" => {
                println!("{}", self.cwd);
                Some(0)
            }
            "exit" => {
                let code = cmd
                    .argv
                    .get(1)
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(self.status);
                ulib::exit(code)
            }
            _ => None,
        }
    }

    /// In the child: redirections, then the program. Never returns.
    fn child(&self, cmd: &Command) -> ! {
        let redirect = |file: &str, flags: u32, fd: usize| -> Result<(), Errno> {
            let f = fs::open(&path::resolve(&self.cwd, file), flags)?;
            let r = fs::dup2(f, fd);
            let _ = fs::close(f);
            r
        };
        if let Some(f) = &cmd.stdin
            && let Err(e) = redirect(f, O_READ, 0)
        {
            eprintln!("sh: {}: {}", f, e.message());
            ulib::exit(1);
        }
        if let Some(f) = &cmd.stdout
            && let Err(e) = redirect(f, O_WRITE | O_CREATE | O_TRUNC, 1)
        {
            eprintln!("sh: {}: {}", f, e.message());
            ulib::exit(1);
        }
        let prog = shell::program_path(&self.cwd, &cmd.argv[0]);
        let args: Vec<&str> = cmd.argv.iter().map(String::as_str).collect();
        let e = ulib::exec(&prog, &args);
        eprintln!("sh: {}: {}", cmd.argv[0], e.message());
        ulib::exit(if e == Errno::ENOENT { 127 } else { 126 })
    }

    fn run(&mut self, cmd: &Command) -> i32 {
        if let Some(status) = self.builtin(cmd) {
            return status;
        }
        let pid = match ulib::fork() {
            Ok(0) => self.child(cmd),
            Ok(pid) => pid,
            Err(e) => {
                eprintln!("sh: fork: {}", e.message());
                return 1;
            }
        };
        if cmd.background {
            println!("[{}]", pid);
            return 0;
        }
        let _ = sys::set_foreground(pid);
        let status = match ulib::wait(pid as isize) {
            Ok((_, status)) => status,
            Err(e) => {
                eprintln!("sh: wait: {}", e.message());
                1
            }
        };
        let _ = sys::set_foreground(0);
        status
    }

    /// Reports background programs that have ended.
    fn reap(&self) {
        while let Ok((pid, status)) = sys::wait(-1, WNOHANG) {
            if pid == 0 {
                break;
            }
            println!("[{}] done, status {}", pid, status);
        }
    }
}

fn main(_args: &[&str]) -> i32 {
    // A new shell starts at the root.
    if let Ok((FdKind::File, _)) = sys::fd_get(CWD_FD) {
        let _ = fs::close(CWD_FD);
    }
    let mut sh = Shell {
        cwd: String::from("/"),
        status: 0,
    };
    loop {
        sh.reap();
        print!("$ ");
        let Some(line) = read_line() else {
            println!();
            return sh.status;
        };
        match shell::parse(&line, sh.status) {
            Ok(cmd) if cmd.argv.is_empty() => {}
            Ok(cmd) => sh.status = sh.run(&cmd),
            Err(e) => {
                eprintln!("sh: {}", e);
                sh.status = 2;
            }
        }
    }
}
