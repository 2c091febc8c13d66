package logmel

import "testing"

// BenchmarkExtractor: the features of 8 s of audio, what one smart-turn
// score needs.
func BenchmarkExtractor(b *testing.B) {
	audio := testSignal(8 * SampleRate)
	dst := make([]float32, Mels*Frames(len(audio)))
	e := New()
	for b.Loop() {
		if err := e.Compute(dst, audio); err != nil {
			b.Fatal(err)
		}
	}
}
