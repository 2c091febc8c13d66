package wav

import (
	"bytes"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzRead feeds arbitrary bytes to the reader. Seeds: the sox fixtures in
// testdata plus the corner cases in testdata/fuzz/FuzzRead. Run it with
// `make fuzz-wav`.
func FuzzRead(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join("testdata", "*.wav"))
	require.NoError(f, err)
	for _, name := range seeds {
		data, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		info, samples, err := Read(bytes.NewReader(data))
		streamed, streamErr := readInBlocks(data, 7)
		// A huge block must cost only what the file holds (issue 9: it
		// panicked on unknown data sizes).
		oneBlock, oneBlockErr := readInBlocks(data, math.MaxInt)
		if err != nil {
			require.Error(t, streamErr, "whole read failed with %v", err)
			require.Error(t, oneBlockErr, "whole read failed with %v", err)
			return
		}
		require.NoError(t, streamErr)
		require.NoError(t, oneBlockErr)
		requireSameSamples(t, samples, oneBlock)
		require.Equal(t, int64(len(samples)), info.Frames*int64(info.Channels))
		requireSameSamples(t, samples, streamed)

		// Whatever decodes must survive a write and a second read unchanged.
		var buf bytes.Buffer
		require.NoError(t, Write(&buf, samples, info.SampleRate, info.Channels, info.Format))
		info2, again, err := Read(&buf)
		require.NoError(t, err)
		require.Equal(t, *info, *info2)
		requireSameSamples(t, samples, again)
	})
}

func readInBlocks(data []byte, n int) ([]float32, error) {
	r, err := NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var all []float32
	for {
		block, err := r.ReadFrames(n)
		if err == io.EOF {
			return all, nil
		}
		if err != nil {
			return nil, err
		}
		all = append(all, block...)
	}
}

// requireSameSamples compares bit patterns, so NaN payloads must match too.
func requireSameSamples(t *testing.T, want, got []float32) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		if math.Float32bits(want[i]) != math.Float32bits(got[i]) {
			require.Failf(t, "sample differs", "sample %d: want %v, got %v", i, want[i], got[i])
		}
	}
}
