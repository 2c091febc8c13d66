package wav

import (
	"bytes"
	"io"
	"testing"
)

// benchFormats are what WAV files in the wild mostly hold.
var benchFormats = []Format{PCM16, PCM24, Float32}

// BenchmarkReader_ReadFrames decodes 1 s of 48 kHz stereo in 20 ms blocks,
// as the CLI streams a file.
func BenchmarkReader_ReadFrames(b *testing.B) {
	for _, f := range benchFormats {
		b.Run(f.String(), func(b *testing.B) {
			var file bytes.Buffer
			if err := Write(&file, exactSignal(f, 48000, 2, 1), 48000, 2, f); err != nil {
				b.Fatal(err)
			}
			data := file.Bytes()
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				r, err := NewReader(bytes.NewReader(data))
				if err != nil {
					b.Fatal(err)
				}
				for {
					if _, err := r.ReadFrames(960); err == io.EOF {
						break
					} else if err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkWrite encodes 1 s of 48 kHz stereo.
func BenchmarkWrite(b *testing.B) {
	for _, f := range benchFormats {
		b.Run(f.String(), func(b *testing.B) {
			samples := exactSignal(f, 48000, 2, 1)
			b.SetBytes(int64(len(samples) * f.BytesPerSample()))
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, samples, 48000, 2, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
