//! The command line shared by the host binary and the guest's
//! `/bin/minrt`: `[--size N] [--precision f32|f64] [SCENE]`.

use core::fmt;

use crate::render::{ImageSize, MAX_SIZE};

/// The float type to render with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    F32,
    F64,
}

/// Parsed options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options<'a> {
    /// Square, `--size` (default 128).
    pub size: ImageSize,
    /// `--precision` (default f32).
    pub precision: Precision,
    /// The scene file; None means standard input.
    pub scene: Option<&'a str>,
}

/// A bad command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgError<'a> {
    /// `--size` without a number in 1..=MAX_SIZE.
    BadSize(&'a str),
    BadPrecision(&'a str),
    MissingValue(&'a str),
    UnknownOption(&'a str),
    TwoScenes(&'a str),
}

impl fmt::Display for ArgError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArgError::BadSize(s) => write!(f, "bad size `{s}` (1 to {MAX_SIZE})"),
            ArgError::BadPrecision(s) => write!(f, "bad precision `{s}` (f32 or f64)"),
            ArgError::MissingValue(o) => write!(f, "{o} needs a value"),
            ArgError::UnknownOption(o) => write!(f, "unknown option {o}"),
            ArgError::TwoScenes(s) => write!(f, "one scene only (also given `{s}`)"),
        }
    }
}

/// The usage line, after the program's name.
pub const USAGE: &str = "[--size N] [--precision f32|f64] [SCENE.sld] > out.ppm";

/// Parses the arguments after the program's name.
pub fn parse<'a>(args: impl IntoIterator<Item = &'a str>) -> Result<Options<'a>, ArgError<'a>> {
    let mut opts = Options {
        size: ImageSize::DEFAULT,
        precision: Precision::F32,
        scene: None,
    };
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        match a {
            "--size" | "--precision" => {
                let v = args.next().ok_or(ArgError::MissingValue(a))?;
                if a == "--size" {
                    let n = v.parse().map_err(|_| ArgError::BadSize(v))?;
                    opts.size = ImageSize::new(n, n).ok_or(ArgError::BadSize(v))?;
                } else {
                    opts.precision = match v {
                        "f32" => Precision::F32,
                        "f64" => Precision::F64,
                        _ => return Err(ArgError::BadPrecision(v)),
                    };
                }
            }
            _ if a.starts_with('-') && a != "-" => return Err(ArgError::UnknownOption(a)),
            _ if opts.scene.is_some() => return Err(ArgError::TwoScenes(a)),
            _ => opts.scene = Some(a),
        }
    }
    Ok(opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_and_defaults() {
        let o = parse(["--size", "512", "--precision", "f64", "s.sld"]).unwrap();
        assert_eq!(o.size, ImageSize::new(512, 512).unwrap());
        assert_eq!((o.precision, o.scene), (Precision::F64, Some("s.sld")));
        let o = parse([]).unwrap();
        assert_eq!(
            (o.size.width(), o.precision, o.scene),
            (128, Precision::F32, None)
        );
    }

    #[test]
    fn errors() {
        assert_eq!(parse(["--size", "0"]), Err(ArgError::BadSize("0")));
        assert_eq!(parse(["--size"]), Err(ArgError::MissingValue("--size")));
        assert_eq!(
            parse(["--precision", "f16"]),
            Err(ArgError::BadPrecision("f16"))
        );
        assert_eq!(parse(["-x"]), Err(ArgError::UnknownOption("-x")));
        assert_eq!(parse(["a", "b"]), Err(ArgError::TwoScenes("b")));
        assert_eq!(
            ArgError::BadSize("0").to_string(),
            "bad size `0` (1 to 8192)"
        );
    }
}
