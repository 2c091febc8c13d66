//! Input frames: the wire encoding v1 of docs/FRAMES.md, read in place.

use crate::json::Value;

/// A frame's kind, as its wire byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Json = 1,
    Text = 2,
    Bytes = 3,
    Audio = 4,
    Tensor = 5,
}

impl Kind {
    fn from_byte(b: u8) -> Option<Kind> {
        Some(match b {
            1 => Kind::Json,
            2 => Kind::Text,
            3 => Kind::Bytes,
            4 => Kind::Audio,
            5 => Kind::Tensor,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Json => "json",
            Kind::Text => "text",
            Kind::Bytes => "bytes",
            Kind::Audio => "audio",
            Kind::Tensor => "tensor",
        }
    }
}

pub(crate) const HEADER_LEN: usize = 8;

/// One input frame, valid for the call it is passed to.
pub struct Frame<'a> {
    kind: Kind,
    meta: &'a [u8],
    payload: &'a [u8],
    samples: &'a [f32],
}

/// An audio frame's format and samples (f32, interleaved).
pub struct Audio<'a> {
    pub samples: &'a [f32],
    pub sample_rate: u32,
    pub channels: u32,
    pub timestamp_ns: i64,
}

impl<'a> Frame<'a> {
    /// Splits an encoded frame into its parts. `samples` is the payload
    /// already copied into aligned memory when the frame is audio.
    pub(crate) fn decode(bytes: &'a [u8]) -> Result<(Kind, &'a [u8], &'a [u8]), String> {
        if bytes.len() < HEADER_LEN {
            return Err(format!("frame of {} bytes is shorter than its header", bytes.len()));
        }
        if bytes[0] != 1 {
            return Err(format!("frame version {}, want 1", bytes[0]));
        }
        let kind = Kind::from_byte(bytes[1]).ok_or_else(|| format!("unknown frame kind {}", bytes[1]))?;
        let meta_len = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
        if meta_len > bytes.len() - HEADER_LEN {
            return Err(format!("frame meta of {} bytes overruns the frame", meta_len));
        }
        let (meta, payload) = bytes[HEADER_LEN..].split_at(meta_len);
        Ok((kind, meta, payload))
    }

    pub(crate) fn new(kind: Kind, meta: &'a [u8], payload: &'a [u8], samples: &'a [f32]) -> Frame<'a> {
        Frame { kind, meta, payload, samples }
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The meta JSON object's bytes (empty when the frame has none): copy
    /// them to an output to keep the frame's format and user metadata.
    pub fn meta(&self) -> &'a [u8] {
        self.meta
    }

    /// The raw payload: UTF-8 for text and json, raw bytes otherwise.
    pub fn payload(&self) -> &'a [u8] {
        self.payload
    }

    /// The text of a text frame.
    pub fn text(&self) -> Result<&'a str, String> {
        if self.kind != Kind::Text {
            return Err(format!("expected text, got {}", self.kind.name()));
        }
        core::str::from_utf8(self.payload).map_err(|_| String::from("text frame is not UTF-8"))
    }

    /// The audio of an audio frame, its format read from the meta.
    pub fn audio(&self) -> Result<Audio<'a>, String> {
        if self.kind != Kind::Audio {
            return Err(format!("expected audio, got {}", self.kind.name()));
        }
        let meta = Value::parse(self.meta)?;
        let int = |key: &str| meta.get(key).and_then(Value::as_f64).unwrap_or(0.0);
        let (rate, channels) = (int("sample_rate"), int("channels"));
        if !(rate >= 1.0 && rate <= u32::MAX as f64 && channels >= 1.0 && channels <= u32::MAX as f64) {
            return Err(format!("audio meta has sample_rate {} and channels {}", rate, channels));
        }
        Ok(Audio {
            samples: self.samples,
            sample_rate: rate as u32,
            channels: channels as u32,
            timestamp_ns: int("timestamp_ns") as i64,
        })
    }
}

/// The meta of a new audio frame, as the host writes it.
pub fn audio_meta(sample_rate: u32, channels: u32, timestamp_ns: i64) -> String {
    if timestamp_ns == 0 {
        format!("{{\"channels\":{},\"sample_rate\":{}}}", channels, sample_rate)
    } else {
        format!("{{\"channels\":{},\"sample_rate\":{},\"timestamp_ns\":{}}}", channels, sample_rate, timestamp_ns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_abi_example() {
        // docs/WASM_ABI.md: a mono 16 kHz frame of 0.5, -1.0.
        let meta = br#"{"channels":1,"sample_rate":16000}"#;
        let mut b = vec![1u8, 4, 0, 0, meta.len() as u8, 0, 0, 0];
        b.extend_from_slice(meta);
        b.extend_from_slice(&[0, 0, 0, 0x3f, 0, 0, 0x80, 0xbf]);
        let (kind, m, payload) = Frame::decode(&b).unwrap();
        assert_eq!((kind, m, payload.len()), (Kind::Audio, &meta[..], 8));
        let samples = [0.5f32, -1.0];
        let a = Frame::new(kind, m, payload, &samples).audio().unwrap();
        assert_eq!((a.sample_rate, a.channels, a.timestamp_ns, a.samples), (16000, 1, 0, &samples[..]));
        assert_eq!(audio_meta(16000, 1, 0).as_bytes(), &meta[..]);
    }

    #[test]
    fn refuses_bad_frames() {
        assert_eq!(Frame::decode(&[1, 4]).unwrap_err(), "frame of 2 bytes is shorter than its header");
        assert_eq!(Frame::decode(&[2, 4, 0, 0, 0, 0, 0, 0]).unwrap_err(), "frame version 2, want 1");
        assert_eq!(Frame::decode(&[1, 9, 0, 0, 0, 0, 0, 0]).unwrap_err(), "unknown frame kind 9");
        assert_eq!(Frame::decode(&[1, 2, 0, 0, 9, 0, 0, 0]).unwrap_err(), "frame meta of 9 bytes overruns the frame");
        let text = Frame::new(Kind::Text, b"", b"hi", &[]);
        assert_eq!(text.text().unwrap(), "hi");
        assert_eq!(text.audio().err().unwrap(), "expected audio, got text");
        let no_rate = Frame::new(Kind::Audio, br#"{"channels":1}"#, b"", &[]);
        assert_eq!(no_rate.audio().err().unwrap(), "audio meta has sample_rate 0 and channels 1");
    }
}
