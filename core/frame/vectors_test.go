package frame_test

import (
	"encoding/hex"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/jsonx"
	"github.com/remotemedia/remotemedia/internal/testvectors"
)

// frameVector is one entry of shared/conformance/frames.json.
type frameVector struct {
	Name  string         `json:"name"`
	Value map[string]any `json:"value"`
	Hex   string         `json:"hex"`
}

// loadFrameVectors reads shared/conformance/frames.json.
func loadFrameVectors(t testing.TB) []frameVector {
	t.Helper()
	var file struct{ Frames []frameVector }
	require.NoError(t, jsonx.Unmarshal(testvectors.Read(t, "conformance/frames.json"), &file))
	require.NotEmpty(t, file.Frames)
	return file.Frames
}

// vectorFrame builds the frame a vector's value describes.
func vectorFrame(t testing.TB, v map[string]any) *frame.Frame {
	t.Helper()
	require.Len(t, v, 1, "a vector value has exactly one kind key")
	var key string
	for key = range v {
	}
	switch key {
	case "json":
		return frame.JSON(v["json"])
	case "text":
		return frame.Text(v["text"].(string))
	case "bytes_hex":
		b, err := hex.DecodeString(v["bytes_hex"].(string))
		require.NoError(t, err)
		return frame.Bytes(b)
	case "audio":
		a := v["audio"].(map[string]any)
		var samples []float32
		for _, s := range numbers(t, a["samples"]) {
			samples = append(samples, float32(s))
		}
		ts := int64(0)
		if n, ok := a["timestamp_ns"]; ok {
			ts = int64(numbers(t, []any{n})[0])
		}
		f, err := frame.NewAudio(frame.Audio{
			Samples:    samples,
			SampleRate: int(numbers(t, []any{a["sample_rate"]})[0]),
			Channels:   int(numbers(t, []any{a["channels"]})[0]),
			Timestamp:  time.Duration(ts),
		})
		require.NoError(t, err)
		return f
	case "tensor":
		tv := v["tensor"].(map[string]any)
		var shape []int
		for _, d := range numbers(t, tv["shape"]) {
			shape = append(shape, int(d))
		}
		f, err := frame.TensorFromFloat64s(frame.DType(tv["dtype"].(string)), shape, numbers(t, tv["data"]))
		require.NoError(t, err)
		return f
	}
	t.Fatalf("unknown vector value %v", v)
	return nil
}

func numbers(t testing.TB, v any) []float64 {
	t.Helper()
	items, ok := v.([]any)
	require.True(t, ok, "want an array of numbers, got %v", v)
	out := make([]float64, len(items))
	for i, item := range items {
		n, err := item.(json.Number).Float64()
		require.NoError(t, err)
		out[i] = n
	}
	return out
}
