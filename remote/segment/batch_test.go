package segment

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/frame"
)

func TestBatch_RoundTrip(t *testing.T) {
	frames := []*frame.Frame{frame.JSON(map[string]any{"a": 1}), frame.Text("hé"), frame.Bytes([]byte{0, 1, 2})}
	req, err := EncodeRequest(frames)
	require.NoError(t, err)
	got, err := DecodeRequest(req)
	require.NoError(t, err)
	require.Len(t, got, 3)
	for i := range frames {
		assert.True(t, frame.Equal(frames[i], got[i]))
	}

	res := &Result{Outputs: []Output{{0, frames[0]}, {2, frames[1]}, {EndOfStream, frames[2]}},
		Failures: []Failure{{Input: 1, Skipped: true, Message: "bad input"}}}
	b, err := EncodeResult(res)
	require.NoError(t, err)
	back, err := DecodeResult(b, 3)
	require.NoError(t, err)
	require.Len(t, back.Outputs, 3)
	assert.Equal(t, EndOfStream, back.Outputs[2].Input)
	assert.Equal(t, res.Failures, back.Failures)

	_, err = DecodeResult(b, 2)
	assert.ErrorContains(t, err, "input offset 2 outside the batch of 2")
}

func TestBatch_Malformed(t *testing.T) {
	req, err := EncodeRequest([]*frame.Frame{frame.Text("x")})
	require.NoError(t, err)
	for name, b := range map[string][]byte{
		"empty":      nil,
		"magic":      []byte("XXXX\x00\x00\x00\x00"),
		"truncated":  req[:len(req)-1],
		"trailing":   append(append([]byte{}, req...), 0),
		"huge count": []byte("RMS1\xff\xff\xff\xff"),
		"huge frame": []byte("RMS1\x01\x00\x00\x00\xff\xff\xff\xff"),
	} {
		_, err := DecodeRequest(b)
		assert.Error(t, err, name)
	}
}

// Whatever the bytes, decoding returns an error or a value, never panics.
func FuzzDecode(f *testing.F) {
	req, _ := EncodeRequest([]*frame.Frame{frame.Text("x"), frame.JSON(1)})
	res, _ := EncodeResult(&Result{Outputs: []Output{{0, frame.Text("y")}}, Failures: []Failure{{Input: 0, Message: "m"}}})
	f.Add(req)
	f.Add(res)
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = DecodeRequest(b)
		_, _ = DecodeResult(b, 4)
	})
}
