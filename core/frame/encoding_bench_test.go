package frame_test

import (
	"encoding/json"
	"testing"

	"github.com/remotemedia/remotemedia/core/frame"
)

// benchFrames: a 20 ms 48 kHz stereo audio frame (the hot path of a WASM
// audio node) and a small JSON frame.
func benchFrames(b *testing.B) map[string]*frame.Frame {
	audio, err := frame.NewAudio(frame.Audio{Samples: make([]float32, 2*960), SampleRate: 48000, Channels: 2})
	if err != nil {
		b.Fatal(err)
	}
	return map[string]*frame.Frame{
		"audio_20ms_48k_stereo": audio,
		"json_small": frame.JSON(map[string]any{
			"text": "hello world", "confidence": json.Number("0.93"), "final": true,
		}),
	}
}

func BenchmarkEncode(b *testing.B) {
	for name, f := range benchFrames(b) {
		b.Run(name, func(b *testing.B) {
			buf, err := frame.Encode(f)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(buf)))
			b.ReportAllocs()
			for b.Loop() {
				if buf, err = frame.AppendEncode(buf[:0], f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecode(b *testing.B) {
	for name, f := range benchFrames(b) {
		b.Run(name, func(b *testing.B) {
			buf, err := frame.Encode(f)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(buf)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := frame.Decode(buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
