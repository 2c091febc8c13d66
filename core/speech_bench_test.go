//go:build unix

package core_test

import (
	"context"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/dsp/vad/vadtest"
	"github.com/remotemedia/remotemedia/internal/cputime"
)

// BenchmarkSpeechPipeline runs examples/audio/speech.json (mix to mono,
// resample 48k→16k, 20 ms chunks, VAD) over 4.4 s of 48 kHz stereo
// speech-like audio in noise, fed as 20 ms frames. "x_realtime" is seconds of
// audio per second of processing; run with -cpu 1 for the one-core figure.
// "cpu_x_realtime" divides by the process's CPU time instead, which a shared
// machine's load changes much less.
func BenchmarkSpeechPipeline(b *testing.B) {
	mono, _ := vadtest.TwoUtterances(48000, vadtest.NoiseRMS(20)).Render()
	stereo := make([]float32, 2*len(mono))
	for i, s := range mono {
		stereo[2*i], stereo[2*i+1] = s, s
	}
	const frameSamples = 960 // 20 ms at 48 kHz
	var inputs []*frame.Frame
	for i := 0; i+frameSamples <= len(mono); i += frameSamples {
		f, err := frame.NewAudio(frame.Audio{
			Samples: stereo[2*i : 2*(i+frameSamples)], SampleRate: 48000, Channels: 2,
			Timestamp: time.Duration(i) * time.Second / 48000,
		})
		if err != nil {
			b.Fatal(err)
		}
		inputs = append(inputs, f)
	}
	audio := time.Duration(len(inputs)*frameSamples) * time.Second / 48000

	cfg := core.NewConfig()
	m, err := core.LoadManifest("../examples/audio/speech.json", cfg)
	if err != nil {
		b.Fatal(err)
	}
	p, err := core.NewPipeline(m, cfg)
	if err != nil {
		b.Fatal(err)
	}
	var segments int
	cpu := cputime.Process()
	for b.Loop() {
		res, err := p.Run(context.Background(), inputs)
		if err != nil {
			b.Fatal(err)
		}
		segments = len(res.Outputs["vad"])
	}
	if segments != 2 {
		b.Fatalf("want 2 speech segments, got %d", segments)
	}
	b.ReportMetric(audio.Seconds()*float64(b.N)/b.Elapsed().Seconds(), "x_realtime")
	b.ReportMetric(audio.Seconds()*float64(b.N)/(cputime.Process()-cpu).Seconds(), "cpu_x_realtime")
}
