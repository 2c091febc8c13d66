package logmel

import (
	"testing"

	"github.com/remotemedia/remotemedia/internal/cputime"
)

// BenchmarkExtractor: the features of 8 s of audio, what one smart-turn
// score needs.
func BenchmarkExtractor(b *testing.B) {
	audio := testSignal(8 * SampleRate)
	dst := make([]float32, Mels*Frames(len(audio)))
	e := New()
	cpu := cputime.Process()
	defer func() { b.ReportMetric(float64((cputime.Process()-cpu).Microseconds())/1e3/float64(b.N), "cpu-ms/op") }()
	for b.Loop() {
		if err := e.Compute(dst, audio); err != nil {
			b.Fatal(err)
		}
	}
}
