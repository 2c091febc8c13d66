//! fir: a WASM node, written with the Rust guest SDK (guest/rust/rmnode),
//! that filters mono audio with an FIR filter: y[n] = sum_k taps[k] x[n-k],
//! keeping the last samples of each frame as history for the next, so a
//! stream filters as one signal. Params: {"taps": [numbers]} (1 to 8192).
//! The same node as examples/wasm/fir (Go, sharing its kernel with the
//! native-Go benchmark).
//!
//! Rebuild the checked-in fir.wasm from the repository root: `make wasm-rust`.

use core::arch::wasm32::{f32x4_add, f32x4_extract_lane, f32x4_mul, f32x4_splat, v128, v128_load};
use rmnode::{Frame, Node, Output, Value};

/// Taps per pass of the inner loop. A sandboxed host checks its deadline
/// once per loop iteration, so each iteration does 4 outputs x 64 taps
/// (64 SIMD multiply-adds); taps are zero-padded to a multiple of it.
const CHUNK: usize = 64;
const MAX_TAPS: usize = 8192;

struct Fir {
    /// The taps reversed and zero-padded: y[n] = sum_j rev[j] * ext[n + j].
    rev: Vec<f32>,
    /// The last taps-1 input samples, then this frame's, then zeros.
    ext: Vec<f32>,
    history: usize,
}

impl Node for Fir {
    fn new(params: &Value) -> Result<Fir, String> {
        let taps = params.get("taps").and_then(Value::as_array).ok_or("fir: param taps must be an array of numbers")?;
        if taps.is_empty() || taps.len() > MAX_TAPS {
            return Err(format!("fir: param taps has {} taps, want 1 to {}", taps.len(), MAX_TAPS));
        }
        let padded = (taps.len() + CHUNK - 1) / CHUNK * CHUNK;
        let mut rev = vec![0.0f32; padded];
        for (j, t) in taps.iter().rev().enumerate() {
            rev[j] = t.as_f64().ok_or("fir: param taps must be an array of numbers")? as f32;
        }
        let history = taps.len() - 1;
        Ok(Fir { rev, ext: vec![0.0; history], history })
    }

    fn process(&mut self, input: &Frame, out: &mut Output) -> Result<(), String> {
        let a = input.audio().map_err(|e| format!("fir: {}", e))?;
        if a.channels != 1 {
            return Err(format!("fir: expected mono audio, got {} channels", a.channels));
        }
        let n = a.samples.len();
        // ext = history, samples, then zeros that the padded taps and the
        // last partial group of 4 outputs read.
        self.ext.truncate(self.history);
        self.ext.extend_from_slice(a.samples);
        self.ext.resize(self.history + n + self.rev.len() + 4, 0.0);
        let dst = out.audio(input.meta(), n);
        filter(&self.rev, &self.ext, dst);
        // Keep the last taps-1 samples of history + input.
        self.ext.copy_within(n..n + self.history, 0);
        Ok(())
    }
}

fn filter(rev: &[f32], ext: &[f32], dst: &mut [f32]) {
    assert!(rev.len() % CHUNK == 0 && ext.len() >= dst.len() + rev.len() + 4);
    let mut groups = dst.chunks_exact_mut(4);
    let mut n = 0;
    for y in &mut groups {
        y.copy_from_slice(&dot4(rev, &ext[n..]));
        n += 4;
    }
    let rest = groups.into_remainder();
    let len = rest.len();
    rest.copy_from_slice(&dot4(rev, &ext[n..])[..len]);
}

/// The four outputs at ext[0..], ext[1..], ext[2..] and ext[3..].
#[inline(always)]
fn dot4(rev: &[f32], ext: &[f32]) -> [f32; 4] {
    assert!(ext.len() >= rev.len() + 3);
    let zero = f32x4_splat(0.0);
    let mut acc = [zero; 4];
    for c in (0..rev.len()).step_by(CHUNK) {
        // Bounds asserted above; v128_load allows unaligned addresses.
        unsafe { chunk(rev.as_ptr().add(c), ext.as_ptr().add(c), &mut acc) }
    }
    [sum(acc[0]), sum(acc[1]), sum(acc[2]), sum(acc[3])]
}

/// One multiply-add of 4 taps, from tap k on, into each of the 4 outputs.
macro_rules! taps4 {
    ($rev:expr, $ext:expr, $acc:expr, $k:expr) => {
        let h = v128_load($rev.add($k) as *const v128);
        $acc[0] = f32x4_add($acc[0], f32x4_mul(h, v128_load($ext.add($k) as *const v128)));
        $acc[1] = f32x4_add($acc[1], f32x4_mul(h, v128_load($ext.add($k + 1) as *const v128)));
        $acc[2] = f32x4_add($acc[2], f32x4_mul(h, v128_load($ext.add($k + 2) as *const v128)));
        $acc[3] = f32x4_add($acc[3], f32x4_mul(h, v128_load($ext.add($k + 3) as *const v128)));
    };
}

/// CHUNK taps of four outputs, unrolled by hand: rustc rolls a loop of
/// this size back up, and each iteration would cost a deadline check.
#[inline(always)]
unsafe fn chunk(rev: *const f32, ext: *const f32, acc: &mut [v128; 4]) {
    taps4!(rev, ext, acc, 0);
    taps4!(rev, ext, acc, 4);
    taps4!(rev, ext, acc, 8);
    taps4!(rev, ext, acc, 12);
    taps4!(rev, ext, acc, 16);
    taps4!(rev, ext, acc, 20);
    taps4!(rev, ext, acc, 24);
    taps4!(rev, ext, acc, 28);
    taps4!(rev, ext, acc, 32);
    taps4!(rev, ext, acc, 36);
    taps4!(rev, ext, acc, 40);
    taps4!(rev, ext, acc, 44);
    taps4!(rev, ext, acc, 48);
    taps4!(rev, ext, acc, 52);
    taps4!(rev, ext, acc, 56);
    taps4!(rev, ext, acc, 60);
}

fn sum(v: v128) -> f32 {
    (f32x4_extract_lane::<0>(v) + f32x4_extract_lane::<1>(v)) + (f32x4_extract_lane::<2>(v) + f32x4_extract_lane::<3>(v))
}

rmnode::export_node!(Fir);
