//! Reading SLD scene text (SPEC section 2): tokens, numbers and the
//! grammar, into a [`SceneFile`] of raw fields. Numbers are parsed here,
//! not by `core` (whose float parsing is soft-float code on the bare-metal
//! f64 build).
//!
//! Reals are correctly rounded when the decimal mantissa converts exactly
//! and the power of ten is exact in the type (e.g. up to 15 digits and
//! |exponent| ≤ 22 in f64, which covers every scene we know); beyond that
//! they are within a few units in the last place.

use alloc::vec::Vec;
use core::fmt;

use crate::Real;

/// The largest number of objects: the original has 60 slots but breaks
/// with 60 objects (SPEC 2.8), so 59 is the real limit.
pub const MAX_OBJECTS: usize = 59;
/// The largest number of AND networks.
pub const MAX_AND_NETWORKS: usize = 50;

/// An object's fields as the file gives them (SPEC 2.5).
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectFields<R> {
    pub texture: i32,
    pub form: i32,
    pub reflection: i32,
    /// RX RY RZ in degrees, when ROT ≠ 0.
    pub rotation: Option<[R; 3]>,
    /// A B C.
    pub abc: [R; 3],
    /// X Y Z.
    pub center: [R; 3],
    pub inv: R,
    pub kd: R,
    pub ks: R,
    /// R G B, 0..255.
    pub color: [R; 3],
}

/// A whole scene file, not yet preprocessed.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneFile<R> {
    /// SX SY SZ.
    pub screen: [R; 3],
    /// AV, AH in degrees.
    pub view_angles: [R; 2],
    /// LA, LB in degrees (NL is read and ignored).
    pub light_angles: [R; 2],
    pub beam: R,
    pub objects: Vec<ObjectFields<R>>,
    /// Object indices of each AND network.
    pub and_networks: Vec<Vec<usize>>,
    /// Each OR group: its range object (None for 99) and AND networks.
    pub or_groups: Vec<(Option<usize>, Vec<usize>)>,
}

/// What is wrong with a scene file, and on which line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SldError {
    pub line: u32,
    pub kind: SldErrorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SldErrorKind {
    /// The file ended inside the scene.
    UnexpectedEnd,
    /// A token that is not an integer where an integer belongs.
    NotAnInteger,
    /// A token that is not a decimal number where a real belongs.
    NotANumber,
    TooManyObjects,
    TooManyAndNetworks,
    /// An AND network names an object that does not exist.
    NoSuchObject,
    /// A negative index other than the terminator.
    BadIndex,
}

impl fmt::Display for SldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            SldErrorKind::UnexpectedEnd => "the scene ends too early",
            SldErrorKind::NotAnInteger => "expected an integer",
            SldErrorKind::NotANumber => "expected a number",
            SldErrorKind::TooManyObjects => "more than 59 objects",
            SldErrorKind::TooManyAndNetworks => "more than 50 AND networks",
            SldErrorKind::NoSuchObject => "no object with this index",
            SldErrorKind::BadIndex => "a negative index",
        };
        write!(f, "scene line {}: {what}", self.line)
    }
}

impl core::error::Error for SldError {}

/// Whitespace-separated tokens with their line numbers.
struct Tokens<'a> {
    text: &'a [u8],
    at: usize,
    line: u32,
}

impl<'a> Tokens<'a> {
    fn next(&mut self) -> Result<&'a [u8], SldError> {
        while let Some(&c) = self.text.get(self.at) {
            if !c.is_ascii_whitespace() {
                break;
            }
            if c == b'\n' {
                self.line += 1;
            }
            self.at += 1;
        }
        let start = self.at;
        while self
            .text
            .get(self.at)
            .is_some_and(|c| !c.is_ascii_whitespace())
        {
            self.at += 1;
        }
        if start == self.at {
            return Err(self.error(SldErrorKind::UnexpectedEnd));
        }
        Ok(&self.text[start..self.at])
    }

    fn error(&self, kind: SldErrorKind) -> SldError {
        SldError {
            line: self.line,
            kind,
        }
    }

    fn int(&mut self) -> Result<i32, SldError> {
        let t = self.next()?;
        parse_int(t).ok_or(self.error(SldErrorKind::NotAnInteger))
    }

    fn real<R: Real>(&mut self) -> Result<R, SldError> {
        let t = self.next()?;
        parse_real(t).ok_or(self.error(SldErrorKind::NotANumber))
    }

    fn reals<R: Real, const N: usize>(&mut self) -> Result<[R; N], SldError> {
        let mut v = [R::default(); N];
        for x in &mut v {
            *x = self.real()?;
        }
        Ok(v)
    }

    /// An index list closed by −1, with a first element already read.
    fn index_list(&mut self, first: i32) -> Result<Vec<usize>, SldError> {
        let mut list = Vec::new();
        let mut i = first;
        while i != -1 {
            list.push(usize::try_from(i).map_err(|_| self.error(SldErrorKind::BadIndex))?);
            i = self.int()?;
        }
        Ok(list)
    }
}

/// An optionally signed decimal integer that fits in i32.
pub fn parse_int(t: &[u8]) -> Option<i32> {
    let (negative, digits) = split_sign(t);
    if digits.is_empty() {
        return None;
    }
    let mut v: i64 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(c - b'0');
        if v > 1 << 31 {
            return None;
        }
    }
    i32::try_from(if negative { -v } else { v }).ok()
}

fn split_sign(t: &[u8]) -> (bool, &[u8]) {
    match t.first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    }
}

/// A decimal number: sign, digits with an optional fraction (at least one
/// digit in all), optional exponent.
pub fn parse_real<R: Real>(t: &[u8]) -> Option<R> {
    let (negative, rest) = split_sign(t);
    let mut mantissa: u64 = 0;
    let mut exp10: i32 = 0;
    let mut digits = 0;
    let mut i = 0;
    let mut seen_point = false;
    while let Some(&c) = rest.get(i) {
        match c {
            b'0'..=b'9' => {
                digits += 1;
                if mantissa < 1_000_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(c - b'0');
                    if seen_point {
                        exp10 -= 1;
                    }
                } else if !seen_point {
                    exp10 += 1;
                }
            }
            b'.' if !seen_point => seen_point = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    if let Some(b'e' | b'E') = rest.get(i) {
        let e = parse_int(&rest[i + 1..])?;
        exp10 = exp10.saturating_add(e);
    } else if i != rest.len() {
        return None;
    }
    let v: R = scale(mantissa, exp10);
    Some(if negative { -v } else { v })
}

/// mantissa · 10^exp10, rounded once when both factors are exact.
fn scale<R: Real>(mantissa: u64, exp10: i32) -> R {
    let hi = R::from_u32((mantissa >> 32) as u32);
    let lo = R::from_u32(mantissa as u32);
    let m = hi * R::from_u32(1 << 16) * R::from_u32(1 << 16) + lo;
    if mantissa == 0 {
        return m;
    }
    let ten = R::from_i32(10);
    let mut v = m;
    let n = exp10.unsigned_abs();
    if mantissa < R::EXACT_INT && n <= R::EXACT_POW10 {
        let mut p = R::from_i32(1);
        for _ in 0..n {
            p = p * ten;
        }
        return if exp10 < 0 { v / p } else { v * p };
    }
    // Outside the exact range: step by powers of ten (saturating to 0 or
    // infinity far out).
    for _ in 0..n.min(400) {
        v = if exp10 < 0 { v / ten } else { v * ten };
    }
    v
}

/// Parses a whole scene file; text after the final terminator is ignored.
pub fn parse<R: Real>(text: &[u8]) -> Result<SceneFile<R>, SldError> {
    let mut t = Tokens {
        text,
        at: 0,
        line: 1,
    };
    let screen = t.reals()?;
    let view_angles = t.reals()?;
    let _lights = t.int()?;
    let light_angles = t.reals()?;
    let beam = t.real()?;

    let mut objects = Vec::new();
    loop {
        let texture = t.int()?;
        if texture == -1 {
            break;
        }
        if objects.len() == MAX_OBJECTS {
            return Err(t.error(SldErrorKind::TooManyObjects));
        }
        let form = t.int()?;
        let reflection = t.int()?;
        let rotated = t.int()? != 0;
        let abc = t.reals()?;
        let center = t.reals()?;
        let inv = t.real()?;
        let kd = t.real()?;
        let ks = t.real()?;
        let color = t.reals()?;
        let rotation = if rotated { Some(t.reals()?) } else { None };
        objects.push(ObjectFields {
            texture,
            form,
            reflection,
            rotation,
            abc,
            center,
            inv,
            kd,
            ks,
            color,
        });
    }

    let mut and_networks = Vec::new();
    loop {
        let first = t.int()?;
        if first == -1 {
            break;
        }
        if and_networks.len() == MAX_AND_NETWORKS {
            return Err(t.error(SldErrorKind::TooManyAndNetworks));
        }
        let members = t.index_list(first)?;
        if members.iter().any(|&m| m >= objects.len()) {
            return Err(t.error(SldErrorKind::NoSuchObject));
        }
        and_networks.push(members);
    }

    let mut or_groups = Vec::new();
    loop {
        let range = t.int()?;
        if range == -1 {
            break;
        }
        let range = match usize::try_from(range) {
            Ok(99) => None,
            Ok(i) if i < objects.len() => Some(i),
            Ok(_) => return Err(t.error(SldErrorKind::NoSuchObject)),
            Err(_) => return Err(t.error(SldErrorKind::BadIndex)),
        };
        let first = t.int()?;
        or_groups.push((range, t.index_list(first)?));
    }
    Ok(SceneFile {
        screen,
        view_angles,
        light_angles,
        beam,
        objects,
        and_networks,
        or_groups,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reals_round_like_std() {
        for s in [
            "0",
            "-0",
            "1",
            "20",
            "-1.5",
            "0.3",
            "0.2",
            "1.0",
            "250",
            "0.017453293",
            "1e-4",
            "+3.25e2",
            "12345678.9",
            ".5",
            "5.",
        ] {
            let want64: f64 = s.parse().unwrap();
            let want32: f32 = s.parse().unwrap();
            assert_eq!(parse_real::<f64>(s.as_bytes()), Some(want64), "{s}");
            // f32 is exact only with a mantissa below 2^24.
            if s.len() < 8 {
                assert_eq!(parse_real::<f32>(s.as_bytes()), Some(want32), "{s}");
            }
        }
        // Beyond the exact range: close, not necessarily correctly rounded.
        for (s, want) in [
            ("1e300", 1e300),
            ("123456789012345678901234", 1.2345678901234568e23),
        ] {
            let got: f64 = parse_real(s.as_bytes()).unwrap();
            assert!((got / want - 1.0).abs() < 1e-13, "{s}: {got}");
        }
        for bad in ["", "-", ".", "1.2.3", "1e", "abc", "1x", "e5"] {
            assert_eq!(parse_real::<f64>(bad.as_bytes()), None, "{bad}");
        }
    }

    #[test]
    fn integers_reject_reals() {
        assert_eq!(parse_int(b"-1"), Some(-1));
        assert_eq!(parse_int(b"99"), Some(99));
        assert_eq!(parse_int(b"-2147483648"), Some(i32::MIN));
        assert_eq!(parse_int(b"2147483648"), None);
        assert_eq!(parse_int(b"1.0"), None);
        assert_eq!(parse_int(b"+"), None);
    }

    const SMALL: &str = "0 0 0  10 20\n1 30 40 255\n\
        0 3 1 0  10 10 10  0 0 0  1 1.0 250  255 0 0\n\
        0 2 2 1  0 1 0  0 -10 0  1 0.5 0  0 255 0  10 20 30\n\
        -1\n0 -1\n1 0 -1\n-1\n99 0 1 -1\n0 1 -1\n-1 trailing words are not read";

    #[test]
    fn grammar() {
        let s: SceneFile<f64> = parse(SMALL.as_bytes()).unwrap();
        assert_eq!(s.view_angles, [10.0, 20.0]);
        assert_eq!(s.light_angles, [30.0, 40.0]);
        assert_eq!(s.objects.len(), 2);
        assert_eq!(s.objects[1].rotation, Some([10.0, 20.0, 30.0]));
        assert_eq!(s.objects[1].kd, 0.5);
        assert_eq!(s.and_networks, vec![vec![0], vec![1, 0]]);
        assert_eq!(s.or_groups, vec![(None, vec![0, 1]), (Some(0), vec![1])]);
    }

    #[test]
    fn errors_name_the_line() {
        let cut = &SMALL[..SMALL.find("-1\n0 -1").unwrap()];
        let e = parse::<f32>(cut.as_bytes()).unwrap_err();
        assert_eq!(e.kind, SldErrorKind::UnexpectedEnd);
        let e = parse::<f32>(b"0 0 0 0 0\n1.0 2 3 4").unwrap_err();
        assert_eq!((e.line, e.kind), (2, SldErrorKind::NotAnInteger));
        let e = parse::<f32>(b"0 0 0 0 0 1 2 3 4 -1 5 -1").unwrap_err();
        assert_eq!(e.kind, SldErrorKind::NoSuchObject);
        assert_eq!(e.to_string(), "scene line 1: no object with this index");
    }
}
