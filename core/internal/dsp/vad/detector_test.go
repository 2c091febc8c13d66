package vad

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/internal/dsp/vad/vadtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// boundaryTolerance is how far a detected (padded) segment edge may sit from
// the true edge of the speech.
const boundaryTolerance = 60 * time.Millisecond

var defaultRules = Rules{Threshold: 0.5, MinSpeech: 250 * time.Millisecond, MinSilence: 300 * time.Millisecond, Pad: 30 * time.Millisecond}

// detect runs samples through a detector in chunks of chunkMS milliseconds.
func detect(t *testing.T, rate int, rules Rules, samples []float32, chunk time.Duration, start time.Duration) []Segment {
	t.Helper()
	d, err := New(Config{SampleRate: rate, Rules: rules})
	require.NoError(t, err)
	step := int(chunk.Seconds() * float64(rate))
	var segs []Segment
	for i := 0; i < len(samples); i += step {
		ts := start + time.Duration(i)*time.Second/time.Duration(rate)
		d.Process(samples[i:min(i+step, len(samples))], ts)
		segs = append(segs, d.Segments()...)
	}
	d.Flush()
	return append(segs, d.Segments()...)
}

func assertSegments(t *testing.T, want []vadtest.Span, got []Segment) {
	t.Helper()
	require.Len(t, got, len(want), "segments: got %v, want %v", got, want)
	for i := range want {
		assert.InDelta(t, want[i].Start, got[i].Start, float64(boundaryTolerance), "segment %d start: got %v, want %v", i, got[i].Start, want[i].Start)
		assert.InDelta(t, want[i].End, got[i].End, float64(boundaryTolerance), "segment %d end: got %v, want %v", i, got[i].End, want[i].End)
	}
}

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func TestDetector_Segments(t *testing.T) {
	tests := []struct {
		name  string
		scene vadtest.Scene
	}{
		{"digital silence", vadtest.TwoUtterances(16000, 0)},
		{"SNR 30 dB", vadtest.TwoUtterances(16000, vadtest.NoiseRMS(30))},
		{"SNR 20 dB", vadtest.TwoUtterances(16000, vadtest.NoiseRMS(20))},
		{"SNR 10 dB", vadtest.TwoUtterances(16000, vadtest.NoiseRMS(10))},
		{"SNR 5 dB", vadtest.TwoUtterances(16000, vadtest.NoiseRMS(5))},
		{"8 kHz, SNR 20 dB", vadtest.TwoUtterances(8000, vadtest.NoiseRMS(20))},
		{"48 kHz, SNR 20 dB", vadtest.TwoUtterances(48000, vadtest.NoiseRMS(20))},
		{"noise burst between utterances", vadtest.Scene{Rate: 16000, Noise: vadtest.NoiseRMS(30), Parts: []vadtest.Part{
			{Gap: ms(500)},
			{Voice: &vadtest.Voiced{F0From: 120, F0To: 150, Duration: ms(900)}},
			{Gap: ms(400)},
			{Gap: ms(700), Burst: 0.1}, // as loud as the speech
			{Gap: ms(400)},
			{Voice: &vadtest.Voiced{F0From: 200, F0To: 170, Duration: ms(900)}},
			{Gap: ms(500)},
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			samples, speech := tt.scene.Render()
			got := detect(t, tt.scene.Rate, defaultRules, samples, 20*time.Millisecond, 0)
			assertSegments(t, speech, got)
		})
	}
}

func TestDetector_Rules(t *testing.T) {
	blip := vadtest.Scene{Rate: 16000, Parts: []vadtest.Part{
		{Gap: ms(500)}, {Voice: &vadtest.Voiced{F0From: 150, F0To: 150, Duration: ms(150)}}, {Gap: ms(500)},
		{Voice: &vadtest.Voiced{F0From: 150, F0To: 150, Duration: ms(600)}}, {Gap: ms(200)},
		{Voice: &vadtest.Voiced{F0From: 150, F0To: 150, Duration: ms(600)}}, {Gap: ms(500)},
	}}
	samples, speech := blip.Render()
	tests := []struct {
		name  string
		rules Rules
		want  []vadtest.Span
	}{
		// The 150 ms blip is too short; the 200 ms gap is too short to split.
		{"defaults", defaultRules, []vadtest.Span{{Start: speech[1].Start, End: speech[2].End}}},
		{"short min speech keeps the blip", Rules{Threshold: 0.5, MinSpeech: ms(100), MinSilence: ms(300), Pad: ms(30)},
			[]vadtest.Span{speech[0], {Start: speech[1].Start, End: speech[2].End}}},
		{"short min silence splits", Rules{Threshold: 0.5, MinSpeech: ms(250), MinSilence: ms(100), Pad: ms(30)},
			[]vadtest.Span{speech[1], speech[2]}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertSegments(t, tt.want, detect(t, 16000, tt.rules, samples, 20*time.Millisecond, 0))
		})
	}
}

func TestDetector_Pad(t *testing.T) {
	samples, speech := vadtest.TwoUtterances(16000, 0).Render()
	noPad := defaultRules
	noPad.Pad = 0
	bare := detect(t, 16000, noPad, samples, 20*time.Millisecond, 0)
	wide := defaultRules
	wide.Pad = ms(200)
	padded := detect(t, 16000, wide, samples, 20*time.Millisecond, 0)
	require.Len(t, bare, len(speech))
	require.Len(t, padded, len(speech))
	for i := range bare {
		assert.Equal(t, bare[i].Start-ms(200), padded[i].Start)
		assert.Equal(t, bare[i].End+ms(200), padded[i].End)
	}
}

func TestDetector_Timestamps(t *testing.T) {
	// Segment times follow the input's timestamps, including a stream that
	// starts late and a gap between chunks.
	samples, speech := vadtest.TwoUtterances(16000, vadtest.NoiseRMS(30)).Render()
	offset := 90 * time.Second
	got := detect(t, 16000, defaultRules, samples, 20*time.Millisecond, offset)
	shifted := make([]vadtest.Span, len(speech))
	for i, s := range speech {
		shifted[i] = vadtest.Span{Start: s.Start + offset, End: s.End + offset}
	}
	assertSegments(t, shifted, got)

	d, err := New(Config{SampleRate: 16000, Rules: defaultRules})
	require.NoError(t, err)
	half := len(samples) / 2
	d.Process(samples[:half], 0)
	gap := 5 * time.Second
	d.Process(samples[half:], time.Duration(half)*time.Second/16000+gap)
	d.Flush()
	segs := d.Segments()
	require.Len(t, segs, 2)
	assert.InDelta(t, speech[1].Start+gap, segs[1].Start, float64(boundaryTolerance))
}

func TestDetector_ChunkSizeIndependent(t *testing.T) {
	samples, _ := vadtest.TwoUtterances(16000, vadtest.NoiseRMS(20)).Render()
	want := detect(t, 16000, defaultRules, samples, 20*time.Millisecond, 0)
	rng := rand.New(rand.NewPCG(9, 9))
	d, err := New(Config{SampleRate: 16000, Rules: defaultRules})
	require.NoError(t, err)
	var got []Segment
	for i := 0; i < len(samples); {
		n := min(rng.IntN(2000), len(samples)-i)
		d.Process(samples[i:i+n], time.Duration(i)*time.Second/16000)
		got = append(got, d.Segments()...)
		i += n
	}
	d.Flush()
	assert.Equal(t, want, append(got, d.Segments()...))
}

func TestNew_Errors(t *testing.T) {
	tests := []struct {
		cfg  Config
		want string
	}{
		{Config{SampleRate: 4000, Rules: defaultRules}, "sample rate 4000 Hz is too low"},
		{Config{SampleRate: 16000, Rules: Rules{Threshold: 1.5}}, "threshold must be in [0, 1]"},
		{Config{SampleRate: 16000, Rules: Rules{Threshold: 0.5, Pad: -1}}, "durations must not be negative"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.want), func(t *testing.T) {
			_, err := New(tt.cfg)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}
