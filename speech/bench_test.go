package speech

import (
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/remotemedia/remotemedia/internal/cputime"
)

// benchAudio is 10 s of 16 kHz speech and pauses, cut into 20 ms frames.
func benchAudio(b *testing.B) []*frame.Frame {
	var audio []float32
	for len(audio) < 10*16000 {
		audio = concat(audio, silence(0.4, 16000), say(b, sentence, 16000))
	}
	audio = audio[:10*16000]
	var frames []*frame.Frame
	for i := 0; i < len(audio); i += 320 {
		f, _ := frame.NewAudio(frame.Audio{Samples: audio[i : i+320], SampleRate: 16000, Channels: 1,
			Timestamp: time.Duration(i) * time.Second / 16000})
		frames = append(frames, f)
	}
	return frames
}

// feed sends frames to n as the next 10 s of its stream.
func feed(b *testing.B, n node.Node, frames []*frame.Frame) {
	var out collect
	for _, f := range frames {
		if err := n.Process(b.Context(), f, &out); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSileroVAD: one stream; one op is 10 s more of it. rtf is how
// many times faster than real time; µs/window is wall time per 32 ms
// window and cpu-µs/window the process's CPU time per window.
func BenchmarkSileroVAD(b *testing.B) {
	frames := benchAudio(b)
	n := newSpeechNode(b, sileroType, nil)
	cpu := cputime.Process()
	for b.Loop() {
		feed(b, n, frames)
	}
	const windows = 10 * 16000 / 512
	perOp := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(10/perOp, "rtf")
	b.ReportMetric(perOp/windows*1e6, "µs/window")
	b.ReportMetric((cputime.Process()-cpu).Seconds()/float64(b.N)/windows*1e6, "cpu-µs/window")
}

// BenchmarkSileroVADParallel: GOMAXPROCS streams at once, one node each;
// audio-s/s is the total throughput in seconds of audio per second.
func BenchmarkSileroVADParallel(b *testing.B) {
	frames := benchAudio(b)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		n := newSpeechNode(b, sileroType, nil)
		for pb.Next() {
			feed(b, n, frames)
		}
	})
	b.ReportMetric(float64(b.N)*10/b.Elapsed().Seconds(), "audio-s/s")
}

// BenchmarkTurnDetector: one score of an 8 s turn (features and model).
func BenchmarkTurnDetector(b *testing.B) {
	speech := concat(say(b, incompleteTurn, 16000), say(b, completeTurn, 16000))
	n := newSpeechNode(b, turnType, map[string]any{"threshold": 0.0}) // emits, so holds nothing
	cpu := cputime.Process()
	defer func() { b.ReportMetric(float64((cputime.Process()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op") }()
	for b.Loop() {
		in, _ := frame.NewAudio(frame.Audio{Samples: speech, SampleRate: 16000, Channels: 1})
		if err := n.Process(b.Context(), in, &collect{}); err != nil {
			b.Fatal(err)
		}
	}
}
