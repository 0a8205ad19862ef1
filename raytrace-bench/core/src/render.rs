//! The frame loop (SPEC 16) and the P3 PPM output (17): rows are traced
//! one ahead of the row being finished, in three rotating buffers, and
//! each finished row is written at once.

use alloc::vec::Vec;

use crate::diffuse::{PER_GROUP, directions, pixel_group};
use crate::scene::Scene;
use crate::trace::Pixel;
use crate::vec3::{V3, normalize};
use crate::{Real, lit};

/// The largest width or height accepted.
pub const MAX_SIZE: u32 = 8192;

/// An image size, 1..=MAX_SIZE on each axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageSize {
    width: u32,
    height: u32,
}

impl ImageSize {
    /// 128×128, the course's benchmark size and the reference's.
    pub const DEFAULT: ImageSize = ImageSize {
        width: 128,
        height: 128,
    };

    /// None when either side is 0 or above [`MAX_SIZE`].
    pub fn new(width: u32, height: u32) -> Option<ImageSize> {
        let ok = |n| (1..=MAX_SIZE).contains(&n);
        (ok(width) && ok(height)).then_some(ImageSize { width, height })
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }
}

/// One channel: truncated towards zero, clamped to 0..=255 (NaN is 0).
pub fn quantize<R: Real>(v: R) -> u8 {
    v.trunc_i32().clamp(0, 255) as u8
}

/// Appends the decimal digits of `n`.
fn push_decimal(out: &mut Vec<u8>, n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// The PPM header: `P3`, then width, height and 255.
pub fn ppm_header(size: ImageSize) -> Vec<u8> {
    let mut out = Vec::from(*b"P3\n");
    push_decimal(&mut out, size.width);
    out.push(b' ');
    push_decimal(&mut out, size.height);
    out.extend_from_slice(b" 255\n");
    out
}

/// Appends one pixel's line `R G B`.
pub fn push_pixel<R: Real>(out: &mut Vec<u8>, rgb: &V3<R>) {
    for (i, &c) in rgb.iter().enumerate() {
        push_decimal(out, u32::from(quantize(c)));
        out.push(if i == 2 { b'\n' } else { b' ' });
    }
}

/// Renders `scene` at `size` as a P3 PPM, handing the header and then each
/// row's text to `out`; stops at the first error `out` returns.
pub fn render<R: Real, E>(
    scene: &Scene<R>,
    size: ImageSize,
    out: &mut impl FnMut(&[u8]) -> Result<(), E>,
) -> Result<(), E> {
    let (w, h) = (size.width, size.height);
    out(&ppm_header(size))?;
    let dirs = directions::<R>();
    let pitch = lit!(R, 128.0) / R::from_u32(w);
    let mut prev = Vec::from_iter((0..w).map(|_| Pixel::default()));
    let mut cur = prev.clone();
    let mut next = prev.clone();
    let mut text = Vec::new();
    trace_row(scene, &dirs, size, pitch, 0, &mut cur);
    for y in 0..h {
        if y + 1 < h {
            trace_row(scene, &dirs, size, pitch, y + 1, &mut next);
        }
        text.clear();
        for x in 0..w as usize {
            let interior = x > 0 && x + 1 < w as usize && y > 0 && y + 1 < h;
            let around = interior.then(|| [&prev[x], &cur[x - 1], &cur[x + 1], &next[x]]);
            let rgb = scene.finish(&dirs, &cur[x], around);
            push_pixel(&mut text, &rgb);
        }
        out(&text)?;
        // prev ← cur, cur ← next, next ← the old prev.
        core::mem::swap(&mut prev, &mut cur);
        core::mem::swap(&mut cur, &mut next);
    }
    Ok(())
}

/// Traces row `y` into `row`: each pixel's path and pre-pass.
fn trace_row<R: Real>(
    scene: &Scene<R>,
    dirs: &[[V3<R>; PER_GROUP]],
    size: ImageSize,
    pitch: R,
    y: u32,
    row: &mut [Pixel<R>],
) {
    let (w, h) = (size.width, size.height);
    let yd = pitch * R::from_i32(y as i32 - (h / 2) as i32);
    let (sy, sz) = (&scene.screen_y, &scene.screen_z);
    let rw = [yd * sy[0] + sz[0], yd * sy[1] + sz[1], yd * sy[2] + sz[2]];
    let sx = &scene.screen_x;
    for x in (0..w).rev() {
        let xd = pitch * R::from_i32(x as i32 - (w / 2) as i32);
        let d = [xd * sx[0] + rw[0], xd * sx[1] + rw[1], xd * sx[2] + rw[2]];
        let px = &mut row[x as usize];
        px.group = pixel_group(x, y, w);
        scene.trace_path(px, normalize(&d, false));
        scene.prepass(dirs, px);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantize_truncates_then_clamps() {
        assert_eq!(quantize(289.0f64), 255);
        assert_eq!(quantize(72.9f64), 72);
        assert_eq!(quantize(-3.5f32), 0);
        assert_eq!(quantize(f64::NAN), 0);
        let mut line = Vec::new();
        push_pixel(&mut line, &[0.5f64, 10.0, 1000.0]);
        assert_eq!(line, b"0 10 255\n");
    }

    #[test]
    fn header_and_size_limits() {
        let s = ImageSize::new(128, 64).unwrap();
        assert_eq!(ppm_header(s), b"P3\n128 64 255\n");
        assert!(ImageSize::new(0, 1).is_none() && ImageSize::new(1, MAX_SIZE + 1).is_none());
    }
}
