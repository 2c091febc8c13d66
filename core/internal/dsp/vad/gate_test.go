package vad

import (
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/internal/dsp/vad/vadtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGate_Release(t *testing.T) {
	// The gate passes exactly the chunks that overlap the segments the same
	// detector reports, in order, each once.
	for _, chunk := range []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 64 * time.Millisecond} {
		t.Run(chunk.String(), func(t *testing.T) {
			samples, _ := vadtest.TwoUtterances(16000, vadtest.NoiseRMS(20)).Render()
			segs := detect(t, 16000, defaultRules, samples, chunk, 0)
			require.Len(t, segs, 2)

			d, err := New(Config{SampleRate: 16000, Rules: defaultRules})
			require.NoError(t, err)
			var g Gate[int]
			var passed, want []int
			pass := func(i int) error { passed = append(passed, i); return nil }
			step := int(chunk.Seconds() * 16000)
			for i, n := 0, 0; i < len(samples); i, n = i+step, n+1 {
				from := time.Duration(i) * time.Second / 16000
				to := time.Duration(min(i+step, len(samples))) * time.Second / 16000
				if from < segs[0].End && segs[0].Start < to || from < segs[1].End && segs[1].Start < to {
					want = append(want, n)
				}
				d.Process(samples[i:min(i+step, len(samples))], from)
				g.Push(n, from, to)
				require.NoError(t, g.Release(d, false, pass))
			}
			d.Flush()
			require.NoError(t, g.Release(d, true, pass))
			assert.Equal(t, want, passed)
			assert.Empty(t, g.pending)
		})
	}
}

func TestGate_Release_PassesWhileSpeechContinues(t *testing.T) {
	// Speech must flow out during a long utterance, not only once it ends:
	// a chunk is held at most about MinSpeech plus a hop.
	v := vadtest.Voiced{F0From: 120, F0To: 160, Duration: 3 * time.Second}
	samples := append(make([]float32, 8000), v.Render(16000)...)
	d, err := New(Config{SampleRate: 16000, Rules: defaultRules})
	require.NoError(t, err)
	var g Gate[time.Duration]
	var latest time.Duration
	var worstDelay time.Duration
	for i := 0; i < len(samples); i += 320 {
		from := time.Duration(i) * time.Second / 16000
		to := from + 20*time.Millisecond
		d.Process(samples[i:i+320], from)
		g.Push(from, from, to)
		require.NoError(t, g.Release(d, false, func(at time.Duration) error {
			latest = at
			worstDelay = max(worstDelay, to-at)
			return nil
		}))
	}
	assert.Greater(t, latest, 3*time.Second, "speech audio was held back")
	assert.Less(t, worstDelay, defaultRules.MinSpeech+100*time.Millisecond)
}
