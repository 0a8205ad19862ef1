//! The shell's command-line parser: words, quotes, `<`/`>` redirection and
//! `$?`. Pure, so it is tested on the host.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// One parsed command line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Command {
    /// The program and its arguments (empty for a blank line).
    pub argv: Vec<String>,
    /// File for standard input (`< file`).
    pub stdin: Option<String>,
    /// File for standard output (`> file`).
    pub stdout: Option<String>,
    /// Run without waiting (`&` at the end).
    pub background: bool,
}

/// Why a line could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// A quote was never closed.
    UnterminatedQuote,
    /// `<` or `>` with no file name after it.
    MissingRedirectTarget(char),
    /// `&` not at the end of the line.
    MisplacedAmpersand,
}

impl core::fmt::Display for ParseError {
    fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        match self {
            ParseError::UnterminatedQuote => write!(f, "unterminated quote"),
            ParseError::MissingRedirectTarget(c) => write!(f, "missing file name after {c}"),
            ParseError::MisplacedAmpersand => write!(f, "& must end the line"),
        }
    }
}

/// A lexical token.
#[derive(Debug, PartialEq, Eq)]
enum Token {
    Word(String),
    In,
    Out,
    Amp,
}

/// Splits a line into words and redirection operators. Quotes ('…' and
/// "…") group; `$?` expands to `last_status` outside single quotes; `#`
/// at the start of a word begins a comment.
fn tokenize(line: &str, last_status: i32) -> Result<Vec<Token>, ParseError> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    tokens.push(Token::Word(core::mem::take(&mut word)));
                    in_word = false;
                }
            }
            '#' if !in_word => break,
            '<' | '>' | '&' => {
                if in_word {
                    tokens.push(Token::Word(core::mem::take(&mut word)));
                    in_word = false;
                }
                tokens.push(match c {
                    '<' => Token::In,
                    '>' => Token::Out,
                    _ => Token::Amp,
                });
            }
            '\'' | '"' => {
                in_word = true;
                let mut closed = false;
                while let Some(q) = chars.next() {
                    if q == c {
                        closed = true;
                        break;
                    }
                    if q == '$' && c == '"' && chars.peek() == Some(&'?') {
                        chars.next();
                        word.push_str(&last_status.to_string());
                    } else {
                        word.push(q);
                    }
                }
                if !closed {
                    return Err(ParseError::UnterminatedQuote);
                }
            }
            '$' if chars.peek() == Some(&'?') => {
                chars.next();
                in_word = true;
                word.push_str(&format!("{last_status}"));
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        tokens.push(Token::Word(word));
    }
    Ok(tokens)
}

/// Parses one command line; `last_status` is what `$?` expands to.
pub fn parse(line: &str, last_status: i32) -> Result<Command, ParseError> {
    let mut cmd = Command::default();
    let mut tokens = tokenize(line, last_status)?.into_iter();
    while let Some(t) = tokens.next() {
        if cmd.background {
            return Err(ParseError::MisplacedAmpersand);
        }
        match t {
            Token::Word(w) => cmd.argv.push(w),
            Token::Amp => cmd.background = true,
            Token::In | Token::Out => {
                let op = if t == Token::In { '<' } else { '>' };
                let Some(Token::Word(file)) = tokens.next() else {
                    return Err(ParseError::MissingRedirectTarget(op));
                };
                if op == '<' {
                    cmd.stdin = Some(file);
                } else {
                    cmd.stdout = Some(file);
                }
            }
        }
    }
    Ok(cmd)
}

/// The file to run for command `name`: a name with a `/` is a path
/// (resolved against `cwd`), any other is looked up in `/bin` (PATH).
pub fn program_path(cwd: &str, name: &str) -> String {
    if name.contains('/') {
        ulib::path::resolve(cwd, name)
    } else {
        format!("/bin/{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(c: &Command) -> Vec<&str> {
        c.argv.iter().map(String::as_str).collect()
    }

    #[test]
    fn words_and_spaces() {
        let c = parse("  echo   hello  world ", 0).unwrap();
        assert_eq!(words(&c), ["echo", "hello", "world"]);
        assert_eq!(c.stdin, None);
        assert_eq!(c.stdout, None);
        assert!(parse("   ", 0).unwrap().argv.is_empty());
        assert!(parse("# just a comment", 0).unwrap().argv.is_empty());
    }

    #[test]
    fn redirections_with_and_without_spaces() {
        let c = parse("echo hi > /tmp/out", 0).unwrap();
        assert_eq!(words(&c), ["echo", "hi"]);
        assert_eq!(c.stdout.as_deref(), Some("/tmp/out"));
        let c = parse("cat<in>out", 0).unwrap();
        assert_eq!(words(&c), ["cat"]);
        assert_eq!(c.stdin.as_deref(), Some("in"));
        assert_eq!(c.stdout.as_deref(), Some("out"));
    }

    #[test]
    fn quotes_group_and_status_expands() {
        let c = parse("echo 'a  b' \"c $? d\" '$?' x$?", 42).unwrap();
        assert_eq!(words(&c), ["echo", "a  b", "c 42 d", "$?", "x42"]);
        let c = parse("echo '' end", 0).unwrap();
        assert_eq!(words(&c), ["echo", "", "end"]);
        let c = parse("echo 'a>b'", 0).unwrap();
        assert_eq!(words(&c), ["echo", "a>b"]);
    }

    #[test]
    fn background() {
        let c = parse("spin 5 &", 0).unwrap();
        assert_eq!(words(&c), ["spin", "5"]);
        assert!(c.background);
        let c = parse("spin>out&", 0).unwrap();
        assert_eq!(c.stdout.as_deref(), Some("out"));
        assert!(c.background);
        assert!(!parse("spin", 0).unwrap().background);
        assert_eq!(parse("a & b", 0), Err(ParseError::MisplacedAmpersand));
    }

    #[test]
    fn errors() {
        assert_eq!(parse("echo 'oops", 0), Err(ParseError::UnterminatedQuote));
        assert_eq!(
            parse("echo >", 0),
            Err(ParseError::MissingRedirectTarget('>'))
        );
        assert_eq!(
            parse("cat < > x", 0),
            Err(ParseError::MissingRedirectTarget('<'))
        );
    }

    #[test]
    fn program_paths() {
        assert_eq!(program_path("/", "ls"), "/bin/ls");
        assert_eq!(program_path("/home", "./prog"), "/home/prog");
        assert_eq!(program_path("/home", "/sbin/init"), "/sbin/init");
    }
}
