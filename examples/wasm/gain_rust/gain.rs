//! gain: a WASM node, written with the Rust guest SDK (guest/rust/rmnode),
//! that multiplies audio samples by the "gain" param (default 1) and keeps
//! the frame's meta. The same node as examples/wasm/gain (Go) and
//! examples/wasm/gain_wat (WAT).
//!
//! Rebuild the checked-in gain.wasm from the repository root: `make wasm-rust`.

use rmnode::{Frame, Node, Output, Value};

struct Gain {
    factor: f32,
}

/// Samples per loop iteration. A sandboxed host checks its deadline once
/// per iteration; rustc unrolls this fixed-size inner loop into 16 SIMD
/// multiplies, so the checks cost a few percent.
const BLOCK: usize = 64;

impl Node for Gain {
    fn new(params: &Value) -> Result<Gain, String> {
        let factor = match params.get("gain") {
            None => 1.0,
            Some(v) => v.as_f64().ok_or("gain: param gain must be a number")? as f32,
        };
        Ok(Gain { factor })
    }

    fn process(&mut self, input: &Frame, out: &mut Output) -> Result<(), String> {
        let a = input.audio().map_err(|e| format!("gain: {}", e))?;
        let dst = out.audio(input.meta(), a.samples.len());
        let g = self.factor;
        let mut d = dst.chunks_exact_mut(BLOCK);
        let mut s = a.samples.chunks_exact(BLOCK);
        for (d, s) in (&mut d).zip(&mut s) {
            for i in 0..BLOCK {
                d[i] = s[i] * g;
            }
        }
        for (d, s) in d.into_remainder().iter_mut().zip(s.remainder()) {
            *d = s * g;
        }
        Ok(())
    }
}

rmnode::export_node!(Gain);
