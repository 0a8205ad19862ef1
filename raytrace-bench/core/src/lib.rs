//! min-rt, the ray tracer of the University of Tokyo's CPU course (the
//! "diffuse ray tracer" edition that writes a P3 PPM), written from the
//! behaviour specification in `../shared/minrt/SPEC.md` (section numbers
//! in the docs refer to it).
//!
//! `no_std` (with `alloc`) and generic over the float type ([`Real`]:
//! `f32`, as on the course's single-precision FPUs, and `f64`, as the
//! reference image was made), so one source serves the host binary, the
//! bare-metal RV32 program and the guest OS's `/bin/minrt`. It needs no
//! libm: sin, cos and atan are the course library's own ([`math`]), sqrt
//! is the hardware instruction, and SLD numbers are parsed here.
//!
//! ```ignore
//! let scene = minrt::load::<f64>(text)?;
//! minrt::render(&scene, ImageSize::new(128, 128).unwrap(), &mut |bytes| out.write_all(bytes))?;
//! ```
#![cfg_attr(not(test), no_std)]
// Conditions are written as SPEC states them; a negated comparison keeps
// NaN on the side the original program takes.
#![allow(clippy::neg_cmp_op_on_partial_ord)]

extern crate alloc;

pub mod args;
mod diffuse;
pub mod math;
mod real;
mod render;
mod scene;
mod shape;
pub mod sld;
mod texture;
mod trace;
mod vec3;

pub use args::{Options, Precision};
pub use real::Real;
pub use render::{ImageSize, MAX_SIZE, render};
pub use scene::Scene;
pub use sld::SldError;

/// Parses and preprocesses an SLD scene.
pub fn load<R: Real>(text: &[u8]) -> Result<Scene<R>, SldError> {
    sld::parse(text).map(|file| Scene::new(&file))
}
