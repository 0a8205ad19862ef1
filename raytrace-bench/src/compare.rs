//! Comparing two P3 images with SPEC section 20's metric: per pixel the
//! largest absolute channel difference d; an f32 build passes at 128²
//! with d > 1 on at most 0.5 % of the pixels and a mean absolute channel
//! difference below 0.05.

/// How two images of the same size differ.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Difference {
    pub pixels: usize,
    /// Pixels with any difference.
    pub differing: usize,
    /// Pixels with d > 1.
    pub over_one: usize,
    /// The largest d.
    pub worst: u32,
    /// Mean |a − b| over all channels.
    pub mean_abs: f64,
}

impl Difference {
    /// SPEC's pass criteria for a deviating build.
    pub fn within_spec(&self) -> bool {
        self.over_one * 200 <= self.pixels && self.mean_abs < 0.05
    }
}

/// (width, height, channel values) of a P3 PPM with maximum 255.
pub fn parse_ppm(ppm: &[u8]) -> Result<(u32, u32, Vec<u8>), String> {
    let text = std::str::from_utf8(ppm).map_err(|_| "the image is not text".to_owned())?;
    let mut t = text.split_ascii_whitespace();
    if t.next() != Some("P3") {
        return Err("not a P3 image".into());
    }
    let mut num = |what: &str| -> Result<u32, String> {
        t.next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("bad {what} in the image"))
    };
    let (w, h, max) = (num("width")?, num("height")?, num("maximum")?);
    if max != 255 {
        return Err(format!("maximum {max}, not 255"));
    }
    let values = t
        .map(|s| {
            s.parse::<u8>()
                .map_err(|_| format!("bad channel value `{s}`"))
        })
        .collect::<Result<Vec<u8>, String>>()?;
    if values.len() as u64 != 3 * u64::from(w) * u64::from(h) {
        return Err(format!("{} values for {w}x{h} pixels", values.len()));
    }
    Ok((w, h, values))
}

/// Compares two P3 images of the same size.
pub fn compare(a: &[u8], b: &[u8]) -> Result<Difference, String> {
    let (wa, ha, va) = parse_ppm(a)?;
    let (wb, hb, vb) = parse_ppm(b)?;
    if (wa, ha) != (wb, hb) {
        return Err(format!("sizes differ: {wa}x{ha} and {wb}x{hb}"));
    }
    let mut diff = Difference {
        pixels: va.len() / 3,
        differing: 0,
        over_one: 0,
        worst: 0,
        mean_abs: 0.0,
    };
    let mut total = 0u64;
    for (pa, pb) in va.chunks(3).zip(vb.chunks(3)) {
        let d = pa
            .iter()
            .zip(pb)
            .map(|(&x, &y)| u32::from(x.abs_diff(y)))
            .inspect(|&d| total += u64::from(d))
            .max()
            .unwrap_or(0);
        diff.differing += usize::from(d > 0);
        diff.over_one += usize::from(d > 1);
        diff.worst = diff.worst.max(d);
    }
    diff.mean_abs = total as f64 / va.len().max(1) as f64;
    Ok(diff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_pixels_and_channels() {
        let a = b"P3\n2 1 255\n10 10 10\n0 0 0\n";
        let b = b"P3\n2 1 255\n10 12 10\n0 0 1\n";
        let d = compare(a, b).unwrap();
        assert_eq!((d.pixels, d.differing, d.over_one, d.worst), (2, 2, 1, 2));
        assert_eq!(d.mean_abs, 0.5);
        assert!(!d.within_spec());
        assert!(compare(a, a).unwrap().within_spec());
        assert!(compare(a, b"P3\n1 1 255\n0 0 0\n").is_err());
        assert!(parse_ppm(b"P3\n1 1 255\n0 0 256\n").is_err());
    }
}
