//! Output frames: the one result of a call, and extra frames sent with emit.

use crate::frame::{Kind, HEADER_LEN};

/// The result frame of one `process` or `flush` call. The module keeps its
/// outputs (rm_keeps_output), so one buffer serves every call: it grows to
/// the largest frame and is overwritten by the next call.
pub struct Output {
    buf: Vec<u8>,
    start: usize,
    len: usize,
}

impl Output {
    pub(crate) const fn new() -> Output {
        Output { buf: Vec::new(), start: 0, len: 0 }
    }

    /// Takes the frame written during this call, as (offset in memory, length).
    pub(crate) fn take(&mut self) -> Option<(usize, usize)> {
        let len = core::mem::replace(&mut self.len, 0);
        if len == 0 {
            return None;
        }
        Some((self.buf.as_ptr() as usize + self.start, len))
    }

    /// Writes the header and meta of the result and returns its payload, of
    /// payload_len bytes, starting at a 4-byte aligned address.
    fn frame(&mut self, kind: Kind, meta: &[u8], payload_len: usize) -> &mut [u8] {
        let len = HEADER_LEN + meta.len() + payload_len;
        // Grow only: resizing down and up again would zero-fill every call.
        if self.buf.len() < len + 3 {
            self.buf.resize(len + 3, 0);
        }
        let base = self.buf.as_ptr() as usize;
        self.start = (4 - (base + HEADER_LEN + meta.len()) % 4) % 4;
        self.len = len;
        let f = &mut self.buf[self.start..self.start + len];
        write_header(f, kind, meta);
        &mut f[HEADER_LEN + meta.len()..]
    }

    /// Makes the result an audio frame with `meta` (typically the input's,
    /// or [`crate::audio_meta`]) and returns its `samples` samples to fill.
    /// Their values are left from an earlier call: write every one.
    pub fn audio(&mut self, meta: &[u8], samples: usize) -> &mut [f32] {
        let payload = self.frame(Kind::Audio, meta, samples * 4);
        // frame() aligned the payload, and f32 has no invalid bit patterns.
        unsafe { core::slice::from_raw_parts_mut(payload.as_mut_ptr() as *mut f32, samples) }
    }

    /// Makes the result a frame of `kind` with a copy of `payload`.
    pub fn frame_of(&mut self, kind: Kind, meta: &[u8], payload: &[u8]) {
        self.frame(kind, meta, payload.len()).copy_from_slice(payload);
    }

    /// Makes the result a text frame.
    pub fn text(&mut self, meta: &[u8], text: &str) {
        self.frame_of(Kind::Text, meta, text.as_bytes());
    }
}

fn write_header(f: &mut [u8], kind: Kind, meta: &[u8]) {
    f[0] = 1;
    f[1] = kind as u8;
    f[2] = 0;
    f[3] = 0;
    f[4..HEADER_LEN].copy_from_slice(&(meta.len() as u32).to_le_bytes());
    f[HEADER_LEN..HEADER_LEN + meta.len()].copy_from_slice(meta);
}

/// The bytes of samples, as the wire's little-endian f32 (wasm is little-endian).
pub fn sample_bytes(samples: &[f32]) -> &[u8] {
    unsafe { core::slice::from_raw_parts(samples.as_ptr() as *const u8, samples.len() * 4) }
}

/// Encodes one frame, as `emit` sends it.
pub fn encode(kind: Kind, meta: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut f = vec![0u8; HEADER_LEN + meta.len() + payload.len()];
    write_header(&mut f, kind, meta);
    f[HEADER_LEN + meta.len()..].copy_from_slice(payload);
    f
}

/// Log levels of `remotemedia.log`.
#[derive(Clone, Copy, Debug)]
pub enum Level {
    Debug = 0,
    Info = 1,
    Warn = 2,
    Error = 3,
}

#[cfg(target_arch = "wasm32")]
#[link(wasm_import_module = "remotemedia")]
extern "C" {
    #[link_name = "emit"]
    fn host_emit(ptr: *const u8, len: usize);
    #[link_name = "log"]
    fn host_log(level: i32, ptr: *const u8, len: usize);
}

/// Sends one extra output frame now, ahead of the call's result. Only valid
/// during `process` and `flush`; the host stops the call if the frame is
/// invalid or the run is stopping.
#[cfg(target_arch = "wasm32")]
pub fn emit(kind: Kind, meta: &[u8], payload: &[u8]) {
    let f = encode(kind, meta, payload);
    unsafe { host_emit(f.as_ptr(), f.len()) }
}

/// Logs a message through the host (which escapes and rate-limits it).
#[cfg(target_arch = "wasm32")]
pub fn log(level: Level, msg: &str) {
    unsafe { host_log(level as i32, msg.as_ptr(), msg.len()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audio_payload_is_aligned_and_framed() {
        let mut out = Output::new();
        for meta in [&b""[..], b"{}", b"{\"channels\":1,\"sample_rate\":16000}"] {
            out.audio(meta, 3).copy_from_slice(&[1.0, 2.0, 3.0]);
            let (ptr, len) = out.take().unwrap();
            assert_eq!((ptr + HEADER_LEN + meta.len()) % 4, 0);
            let f = unsafe { core::slice::from_raw_parts(ptr as *const u8, len) };
            assert_eq!(f, &encode(Kind::Audio, meta, sample_bytes(&[1.0, 2.0, 3.0]))[..]);
            assert_eq!(out.take(), None, "a call's result is taken once");
        }
    }

    #[test]
    fn text_result() {
        let mut out = Output::new();
        out.text(b"", "hi");
        let (ptr, len) = out.take().unwrap();
        let f = unsafe { core::slice::from_raw_parts(ptr as *const u8, len) };
        assert_eq!(f, &[1, 2, 0, 0, 0, 0, 0, 0, b'h', b'i']);
    }
}
