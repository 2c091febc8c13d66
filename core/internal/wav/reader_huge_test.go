package wav

import (
	"bytes"
	"io"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A data size of 0xFFFFFFFF (unknown, as streaming writers leave it) or one
// larger than the file used to size the read buffer from the request:
// ReadFrames(huge) panicked with "makeslice: len out of range", or ran out
// of memory (issue 9). The huge requests below panic on that code instead of
// allocating, so a regression fails without hurting the machine.
func TestReader_ReadFramesHugeRequests(t *testing.T) {
	pcm := make([]byte, 3*readBlockBytes+6) // several read steps of readBlockBytes
	for i := range pcm {
		pcm[i] = byte(i)
	}
	s16 := fmtBody(1, 2, 48000, 16) // 4-byte frames
	whole := len(pcm) / 4 * 4
	for _, tt := range []struct {
		name    string
		file    []byte
		wantErr string
	}{
		{"unknown size", riff(chunk("fmt ", s16, -1), chunk("data", pcm[:whole], unknownSize)), ""},
		{"unknown size, stray bytes", riff(chunk("fmt ", s16, -1), chunk("data", pcm[:whole+2], unknownSize)),
			"wav: data ends inside a sample frame: 2 stray bytes after 196609 frames"},
		{"size larger than the file", riff(chunk("fmt ", s16, -1), chunk("data", pcm[:whole], 0xFFFFFFF0)),
			"wav: truncated data chunk: header says 4294967280 bytes, file has 786436"},
	} {
		for _, n := range []int{math.MaxInt, math.MaxInt / 4, 1 << 40} {
			r, err := NewReader(bytes.NewReader(tt.file))
			require.NoError(t, err)
			got, err := r.ReadFrames(n)
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr, tt.name)
				continue
			}
			require.NoError(t, err, tt.name)
			require.Len(t, got, whole/2, "%s: every sample of the file in one block", tt.name)
			_, err = r.ReadFrames(n)
			require.ErrorIs(t, err, io.EOF)
			assert.Equal(t, int64(whole/4), r.Position())
		}
	}
}

// A read buffer grown for one block is reused: reading a stream in
// small blocks after a large one still returns the right samples.
func TestReader_ReusesItsBuffer(t *testing.T) {
	samples := []float32{0.5, -0.5, 0.25, -0.25, 0.125, -0.125}
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, samples, 8000, 1, Float32))
	r, err := NewReader(&buf)
	require.NoError(t, err)
	first, err := r.ReadFrames(4)
	require.NoError(t, err)
	rest, err := r.ReadFrames(1 << 40)
	require.NoError(t, err)
	assert.Equal(t, samples, append(first, rest...))
}
