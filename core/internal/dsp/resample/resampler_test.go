package resample

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNew_Errors(t *testing.T) {
	tests := []struct {
		name              string
		in, out, channels int
		q                 Quality
		want              string
	}{
		{"zero input rate", 0, 16000, 1, Medium, "rates must be positive"},
		{"negative output rate", 48000, -1, 1, Medium, "rates must be positive"},
		{"no channels", 48000, 16000, 0, Medium, "channels must be positive"},
		{"bad quality", 48000, 16000, 1, Quality(7), "invalid quality"},
		{"extreme ratio", 192000, 1001, 1, High, "resample: 192000 Hz -> 1001 Hz at high quality needs a 94 MB filter table, over the 32 MB limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.in, tt.out, tt.channels, tt.q)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestParseQuality(t *testing.T) {
	for _, q := range []Quality{Low, Medium, High} {
		got, err := ParseQuality(q.String())
		require.NoError(t, err)
		assert.Equal(t, q, got)
	}
	_, err := ParseQuality("best")
	assert.ErrorContains(t, err, `unknown quality "best"`)
}

// chunked feeds x through r in random chunk sizes (0 to maxChunk frames).
func chunked(r *Resampler, x []float32, channels, maxChunk int, rng *rand.Rand) []float32 {
	var out []float32
	for len(x) > 0 {
		n := min(rng.IntN(maxChunk+1)*channels, len(x))
		out = r.Process(out, x[:n])
		x = x[n:]
	}
	return r.Flush(out)
}

var streamingConversions = []struct{ in, out, channels int }{
	{44100, 16000, 1}, {48000, 16000, 2}, {16000, 48000, 1}, {22050, 44100, 3},
	{44100, 48000, 2}, {16000, 16000, 1}, {48000, 8000, 1}, {44100, 16001, 1},
	{96000, 8000, 1}, // decimation by 12: outputs can sit past the input held
}

func TestResampler_StreamingEquivalence(t *testing.T) {
	for _, tc := range streamingConversions {
		for _, q := range []Quality{Low, High} {
			t.Run(fmt.Sprintf("%d-%d/%dch/%s", tc.in, tc.out, tc.channels, q), func(t *testing.T) {
				rng := rand.New(rand.NewPCG(1, uint64(tc.in)))
				x := make([]float32, tc.in/5*tc.channels)
				for i := range x {
					x[i] = float32(rng.NormFloat64() * 0.3)
				}
				whole := resampleAll(tc.in, tc.out, tc.channels, q, x)
				r, err := New(tc.in, tc.out, tc.channels, q)
				require.NoError(t, err)
				for _, maxChunk := range []int{1, 7, 160, 4096} {
					got := chunked(r, x, tc.channels, maxChunk, rng)
					require.Len(t, got, len(whole), "max chunk %d", maxChunk)
					assert.InDeltaSlice(t, whole, got, 1e-6, "max chunk %d", maxChunk)
				}
			})
		}
	}
}

func TestResampler_Flush(t *testing.T) {
	tests := []struct {
		in, out, frames int
		want            int
	}{
		{48000, 16000, 48000, 16000},
		{48000, 16000, 4, 2}, // ceil(4/3)
		{48000, 16000, 1, 1},
		{44100, 16000, 441, 160},
		{44100, 16000, 442, 161},
		{16000, 48000, 1, 3},
		{22050, 44100, 1001, 2002},
		{44100, 48000, 44099, 47999}, // ceil(44099*160/147)
		{44100, 16001, 44100, 16001},
		{16000, 16000, 0, 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d-%d/%d", tt.in, tt.out, tt.frames), func(t *testing.T) {
			got := resampleAll(tt.in, tt.out, 1, Medium, make([]float32, tt.frames))
			assert.Len(t, got, tt.want)
			assert.Equal(t, int(math.Ceil(float64(tt.frames)*float64(tt.out)/float64(tt.in))), tt.want)
		})
	}
}

func TestResampler_FlushResets(t *testing.T) {
	r, err := New(44100, 16000, 2, Medium)
	require.NoError(t, err)
	x := tone(440).sample(44100, 4410, 2)
	first := r.Flush(r.Process(nil, x))
	assert.Zero(t, r.Produced(), "Flush starts a new stream")
	second := r.Flush(r.Process(nil, x))
	assert.Equal(t, first, second)
}

func TestResampler_Ready(t *testing.T) {
	r, err := New(44100, 16000, 1, High)
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 50; i++ {
		n := rng.IntN(2000)
		want := r.Ready(n)
		assert.Len(t, r.Process(nil, make([]float32, n)), want)
	}
}

func TestResampler_Channels(t *testing.T) {
	// Each channel is resampled on its own: a stereo stream equals two
	// mono streams interleaved.
	left, right := tone(440).sample(48000, 4800, 1), tone(3000).sample(48000, 4800, 1)
	stereo := make([]float32, 0, 2*len(left))
	for i := range left {
		stereo = append(stereo, left[i], right[i])
	}
	got := resampleAll(48000, 16000, 2, Medium, stereo)
	wantL, wantR := resampleAll(48000, 16000, 1, Medium, left), resampleAll(48000, 16000, 1, Medium, right)
	require.Len(t, got, 2*len(wantL))
	for i := range wantL {
		assert.Equal(t, wantL[i], got[2*i])
		assert.Equal(t, wantR[i], got[2*i+1])
	}
}

func TestResampler_Process_PanicsOnPartialFrame(t *testing.T) {
	r, err := New(48000, 16000, 2, Low)
	require.NoError(t, err)
	assert.PanicsWithValue(t, "resample: 3 samples are not whole frames of 2 channels", func() {
		r.Process(nil, make([]float32, 3))
	})
}

func TestResampler_Process_NoAllocSteadyState(t *testing.T) {
	r, err := New(44100, 16000, 1, High)
	require.NoError(t, err)
	in := tone(1000).sample(44100, 441, 1)
	out := make([]float32, 0, 1024)
	r.Process(out, in) // warm up: the history buffer reaches its working size
	allocs := testing.AllocsPerRun(100, func() { out = r.Process(out[:0], in) })
	assert.Zero(t, allocs)
}

func TestNew_ConcurrentStreamsShareTables(t *testing.T) {
	// Streams built at once race to design the same filter bank (a ratio
	// no other test uses); each must still produce the single-stream result.
	x := tone(1000).sample(44100, 4410, 1)
	var wg sync.WaitGroup
	results := make([][]float32, 8)
	for i := range results {
		wg.Go(func() {
			r, err := New(44100, 12345, 1, Low)
			if err != nil {
				panic(err)
			}
			results[i] = r.Flush(r.Process(nil, x))
		})
	}
	wg.Wait()
	want := resampleAll(44100, 12345, 1, Low, x)
	for _, got := range results {
		assert.Equal(t, want, got)
	}
}

func TestResampler_CommonRatePairs(t *testing.T) {
	// Every pair of common rates, in random chunks: the length rule holds
	// and chunking changes nothing.
	rates := []int{8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000, 88200, 96000}
	rng := rand.New(rand.NewPCG(21, 22))
	for _, in := range rates {
		for _, out := range rates {
			x := make([]float32, in/20+rng.IntN(100))
			for i := range x {
				x[i] = float32(rng.NormFloat64() * 0.3)
			}
			whole := resampleAll(in, out, 1, Low, x)
			require.Len(t, whole, (len(x)*out+in-1)/in, "%d -> %d", in, out)
			r, err := New(in, out, 1, Low)
			require.NoError(t, err)
			assert.InDeltaSlice(t, whole, chunked(r, x, 1, 300, rng), 1e-6, "%d -> %d", in, out)
		}
	}
}
