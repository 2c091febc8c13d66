package vad

import (
	"github.com/remotemedia/remotemedia/core/internal/dsp/vad/vadtest"
	"testing"
	"time"
)

// BenchmarkDetector analyses 10 s of 16 kHz speech-like audio with noise in
// 20 ms chunks; rtf is how many times faster than real time it runs.
func BenchmarkDetector(b *testing.B) {
	s := vadtest.TwoUtterances(16000, vadtest.NoiseRMS(20))
	var samples []float32
	for len(samples) < 10*16000 {
		part, _ := s.Render()
		samples = append(samples, part...)
	}
	samples = samples[:10*16000]
	b.SetBytes(int64(4 * len(samples)))
	b.ReportAllocs()
	for b.Loop() {
		d, err := New(Config{SampleRate: 16000, Rules: defaultRules})
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < len(samples); i += 320 {
			d.Process(samples[i:i+320], time.Duration(i)*time.Second/16000)
			d.Segments()
		}
		d.Flush()
	}
	b.ReportMetric(10*float64(b.N)/b.Elapsed().Seconds(), "rtf")
}
