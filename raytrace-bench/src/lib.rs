//! min-rt as a benchmark: the host side. The ray tracer itself is the
//! `minrt` crate (`core/`); this crate adds the native binary
//! (`src/main.rs`), the image comparison of SPEC section 20, the scenes
//! in `scenes/`, and the bare-metal RV32 builds (`baremetal`).
#![forbid(unsafe_code)]

pub mod baremetal;
pub mod compare;

use minrt::{ImageSize, Precision, Real, SldError};

/// The scenes shipped with the crate: `contest.sld` (the course scene,
/// verbatim) and small ones of our own for fast tests.
pub const SCENES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scenes");

/// Renders `scene` natively into a PPM in memory.
pub fn render_ppm(scene: &[u8], precision: Precision, size: u32) -> Result<Vec<u8>, SldError> {
    fn go<R: Real>(scene: &[u8], size: ImageSize) -> Result<Vec<u8>, SldError> {
        let scene = minrt::load::<R>(scene)?;
        let mut out = Vec::new();
        let done: Result<(), core::convert::Infallible> = minrt::render(&scene, size, &mut |b| {
            out.extend_from_slice(b);
            Ok(())
        });
        match done {
            Ok(()) => Ok(out),
        }
    }
    let size = ImageSize::new(size, size).unwrap_or(ImageSize::DEFAULT);
    match precision {
        Precision::F32 => go::<f32>(scene, size),
        Precision::F64 => go::<f64>(scene, size),
    }
}
