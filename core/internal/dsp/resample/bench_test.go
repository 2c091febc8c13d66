//go:build unix

package resample

import (
	"fmt"
	"testing"

	"github.com/remotemedia/remotemedia/internal/cputime"
)

// BenchmarkResample converts 1 s of mono audio per iteration, in 20 ms
// chunks as a pipeline would feed it. cpu-s/audio-s is the process's CPU
// time per audio second, which a shared machine's load changes much less
// than the wall time in s/audio-s.
func BenchmarkResample(b *testing.B) {
	for _, conv := range []struct{ in, out int }{{48000, 16000}, {44100, 16000}, {16000, 48000}, {8000, 16000}, {16000, 8000}, {44100, 48000}} {
		for _, q := range []Quality{Low, Medium, High, VeryHigh} {
			b.Run(fmt.Sprintf("%d-%d/%s", conv.in, conv.out, q), func(b *testing.B) {
				r, err := New(conv.in, conv.out, 1, q)
				if err != nil {
					b.Fatal(err)
				}
				x := tone(440).sample(conv.in, conv.in, 1)
				chunk := conv.in / 50
				out := make([]float32, 0, conv.out)
				b.SetBytes(int64(4 * len(x)))
				b.ReportAllocs()
				cpu := cputime.Process()
				for b.Loop() {
					out = out[:0]
					for i := 0; i < len(x); i += chunk {
						out = r.Process(out, x[i:min(i+chunk, len(x))])
					}
				}
				b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N), "s/audio-s")
				b.ReportMetric((cputime.Process()-cpu).Seconds()/float64(b.N), "cpu-s/audio-s")
			})
		}
	}
}
