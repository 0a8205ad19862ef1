//! The computation of the floating-point workload, shared by the guest
//! program (once per precision) and the host (which computes the expected
//! checksums and runs the native column from the same source): an n-body
//! simulation, `BODIES` bodies with softened gravity, integrated for
//! `STEPS` steps. Every value comes from integers through conversions and
//! the four operations and the square root, all correctly rounded, so the
//! host and the guest produce the same bits.

use core::ops::{Add, Div, Mul, Sub};

/// Steps of the simulation (about 100 million guest instructions).
pub const STEPS: u32 = 64_000;
/// Steps of the long builds (`--cfg long_run`, about 1 G instructions),
/// which benchmarks run so that compiling is a small share of the run.
pub const LONG_STEPS: u32 = 10 * STEPS;
const BODIES: usize = 8;

/// The float type of one build.
pub trait Real:
    Copy + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Div<Output = Self>
{
    /// The square root (fsqrt on the guest).
    fn sqrt(self) -> Self;
    /// `v`, exactly.
    fn from_u32(v: u32) -> Self;
    /// The bits of the value.
    fn bits(self) -> u64;
}

/// Implements [`Real`] for a float type with its square-root function.
macro_rules! impl_real {
    ($t:ty, $sqrt:path) => {
        impl Real for $t {
            fn sqrt(self) -> Self {
                $sqrt(self)
            }
            fn from_u32(v: u32) -> Self {
                v as $t
            }
            fn bits(self) -> u64 {
                u64::from(self.to_bits())
            }
        }
    };
}

#[cfg(not(target_arch = "riscv32"))]
impl_real!(f32, f32::sqrt);
#[cfg(not(target_arch = "riscv32"))]
impl_real!(f64, f64::sqrt);

#[derive(Clone, Copy)]
struct Body<R> {
    pos: [R; 3],
    vel: [R; 3],
    mass: R,
}

/// A value in [-1, 1) from the generator.
fn unit<R: Real>(seed: &mut u32) -> R {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 17;
    *seed ^= *seed << 5;
    R::from_u32(*seed % 2000) / R::from_u32(1000) - R::from_u32(1)
}

/// Runs the simulation for `steps` steps; returns the checksum: the bits of
/// the final kinetic energy, mixed with those of the positions.
pub fn run<R: Real>(steps: u32) -> u64 {
    let zero = R::from_u32(0);
    let mut seed = 0x2545_f491;
    let mut bodies = [Body {
        pos: [zero; 3],
        vel: [zero; 3],
        mass: zero,
    }; BODIES];
    for b in &mut bodies {
        b.pos = [unit(&mut seed), unit(&mut seed), unit(&mut seed)];
        let slow = R::from_u32(10);
        b.vel = [
            unit::<R>(&mut seed) / slow,
            unit::<R>(&mut seed) / slow,
            unit::<R>(&mut seed) / slow,
        ];
        b.mass = (unit::<R>(&mut seed) + R::from_u32(2)) / R::from_u32(8);
    }
    let dt = R::from_u32(1) / R::from_u32(1000);
    let soft = R::from_u32(1) / R::from_u32(100);
    for _ in 0..steps {
        for i in 0..BODIES {
            for j in i + 1..BODIES {
                let d = [0, 1, 2].map(|k| bodies[i].pos[k] - bodies[j].pos[k]);
                let d2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2] + soft;
                let mag = dt / (d2 * d2.sqrt());
                let (mi, mj) = (bodies[i].mass * mag, bodies[j].mass * mag);
                for (v, dk) in bodies[i].vel.iter_mut().zip(d) {
                    *v = *v - dk * mj;
                }
                for (v, dk) in bodies[j].vel.iter_mut().zip(d) {
                    *v = *v + dk * mi;
                }
            }
        }
        for b in &mut bodies {
            for (p, v) in b.pos.iter_mut().zip(b.vel) {
                *p = *p + v * dt;
            }
        }
    }
    let mut energy = zero;
    let mut mix = 0u64;
    for b in &bodies {
        let v2 = b.vel[0] * b.vel[0] + b.vel[1] * b.vel[1] + b.vel[2] * b.vel[2];
        energy = energy + b.mass * v2 / R::from_u32(2);
        for p in b.pos {
            mix = mix.rotate_left(7) ^ p.bits();
        }
    }
    energy.bits() ^ mix.rotate_left(32)
}
