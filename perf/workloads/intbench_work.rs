//! The computation of the integer workload, shared by the guest program and
//! the host (which computes the expected checksum from the same source).

/// Work size: rounds of the whole workload (about 100 million instructions).
pub const ROUNDS: u32 = 40;
/// Rounds of the long build (`--cfg long_run`, about 1 G instructions),
/// which benchmarks run so that compiling is a small share of the run.
pub const LONG_ROUNDS: u32 = 10 * ROUNDS;
const DATA_WORDS: usize = 4096;
const MATRIX: usize = 24;
const SIEVE: usize = 32768;

struct XorShift(u32);

impl XorShift {
    fn next(&mut self) -> u32 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.0 = x;
        x
    }
}

// Not inlined, so that profiles name each kernel.
#[inline(never)]
fn crc32(data: &[u32]) -> u32 {
    let mut crc = !0u32;
    for &word in data {
        for byte in word.to_le_bytes() {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = (crc >> 1) ^ (0xedb8_8320 & (crc & 1).wrapping_neg());
            }
        }
    }
    !crc
}

// Not inlined, so that profiles name each kernel.
#[inline(never)]
fn fnv1a(data: &[u32]) -> u32 {
    data.iter()
        .flat_map(|w| w.to_le_bytes())
        .fold(0x811c_9dc5u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        })
}

// Not inlined, so that profiles name each kernel.
#[inline(never)]
fn heap_sort(a: &mut [u32]) {
    fn sift(a: &mut [u32], mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && a[child] < a[child + 1] {
                child += 1;
            }
            if a[root] >= a[child] {
                return;
            }
            a.swap(root, child);
            root = child;
        }
    }
    for start in (0..a.len() / 2).rev() {
        sift(a, start, a.len());
    }
    for end in (1..a.len()).rev() {
        a.swap(0, end);
        sift(a, 0, end);
    }
}

// Not inlined, so that profiles name each kernel.
#[inline(never)]
fn matmul(a: &[[i32; MATRIX]; MATRIX], b: &[[i32; MATRIX]; MATRIX]) -> u32 {
    let mut sum = 0u32;
    for row in a {
        for col in 0..MATRIX {
            let acc = row.iter().zip(b).fold(0i32, |acc, (&x, b_row)| {
                acc.wrapping_add(x.wrapping_mul(b_row[col]))
            });
            sum = sum.rotate_left(3) ^ acc as u32;
        }
    }
    sum
}

// Not inlined, so that profiles name each kernel.
#[inline(never)]
fn sieve(flags: &mut [bool; SIEVE]) -> u32 {
    flags.fill(true);
    let mut count = 0;
    for i in 2..SIEVE {
        if flags[i] {
            count += 1;
            let mut j = i * i;
            while j < SIEVE {
                flags[j] = false;
                j += i;
            }
        }
    }
    count
}

/// Runs the workload `rounds` times; returns the checksum.
pub fn run(rounds: u32) -> u32 {
    let mut rng = XorShift(0x1234_5678);
    let mut data = [0u32; DATA_WORDS];
    let mut a = [[0i32; MATRIX]; MATRIX];
    let mut b = [[0i32; MATRIX]; MATRIX];
    let mut flags = [false; SIEVE];
    let mut sum = 0u32;
    for _ in 0..rounds {
        data.iter_mut().for_each(|w| *w = rng.next());
        sum = sum.wrapping_add(crc32(&data));
        sum ^= fnv1a(&data);
        heap_sort(&mut data);
        sum = sum.wrapping_add(data[DATA_WORDS / 2]);
        for row in a.iter_mut().chain(b.iter_mut()) {
            row.iter_mut()
                .for_each(|x| *x = (rng.next() % 201) as i32 - 100);
        }
        sum = sum.rotate_left(7) ^ matmul(&a, &b);
        sum = sum.wrapping_add(sieve(&mut flags));
    }
    sum
}
