package nodes

import (
	"testing"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/g711"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestG711Encode_BytesWithFormatMeta(t *testing.T) {
	for name, law := range g711Laws {
		in := audioFrame(t, []float32{0, 0.5, -0.5, 1}, 8000, 2, 20*time.Millisecond).WithMeta(map[string]any{"call": "a"})
		got, err := runNode(t, newNode(t, g711EncodeType, `{"law": "`+name+`"}`), in)
		require.NoError(t, err)
		require.Len(t, got, 1)
		want := make([]byte, 4)
		law.Encode(want, []float32{0, 0.5, -0.5, 1})
		assert.Equal(t, want, got[0].BytesValue(), name)
		assert.Equal(t, map[string]any{
			"call": "a", "sample_rate": int64(8000), "channels": int64(2), "timestamp_ns": int64(20 * time.Millisecond),
		}, got[0].Meta())
	}
}

// Encode then decode gives back the audio as G.711 holds it, with its
// format, time and metadata.
func TestG711_RoundTrip(t *testing.T) {
	for name, law := range g711Laws {
		codes := make([]byte, 256)
		for i := range codes {
			codes[i] = byte(i)
		}
		samples := make([]float32, 256)
		law.Decode(samples, codes)
		in := audioFrame(t, samples, 16000, 2, time.Second).WithMeta(map[string]any{"call": "b"})
		encoded, err := runNode(t, newNode(t, g711EncodeType, `{"law": "`+name+`"}`), in)
		require.NoError(t, err)
		decoded, err := runNode(t, newNode(t, g711DecodeType, `{"law": "`+name+`"}`), encoded...)
		require.NoError(t, err)
		require.Len(t, decoded, 1)
		a := decoded[0].Audio()
		require.NotNil(t, a)
		assert.Equal(t, samples, a.Samples, name)
		assert.Equal(t, []any{16000, 2, time.Second}, []any{a.SampleRate, a.Channels, a.Timestamp})
		assert.Equal(t, map[string]any{"call": "b"}, decoded[0].Meta())
	}
}

// Raw payloads, as a telephony media stream sends them, take the params'
// format and get contiguous times from 0.
func TestG711Decode_RawStreamIsTimedBySamples(t *testing.T) {
	n := newNode(t, g711DecodeType, `{"law": "a-law", "sample_rate": 8000}`)
	payload := make([]byte, 160) // 20 ms at 8 kHz
	for i := range payload {
		payload[i] = byte(i)
	}
	got, err := runNode(t, n, frame.Bytes(payload), frame.Bytes(payload[:80]), frame.Bytes(payload))
	require.NoError(t, err)
	require.Len(t, got, 3)
	var times []time.Duration
	for _, f := range got {
		a := f.Audio()
		assert.Equal(t, 8000, a.SampleRate)
		assert.Equal(t, 1, a.Channels)
		times = append(times, a.Timestamp)
	}
	assert.Equal(t, []time.Duration{0, 20 * time.Millisecond, 30 * time.Millisecond}, times)
	want := make([]float32, 160)
	g711.ALaw.Decode(want, payload)
	assert.Equal(t, want, got[0].Audio().Samples)
}

func TestG711_BadInputIsAnError(t *testing.T) {
	dec := func() node.Node { return newNode(t, g711DecodeType, `{"channels": 2}`) }
	tests := []struct {
		name string
		node node.Node
		in   *frame.Frame
		want string
	}{
		{"decode text", dec(), frame.Text("hi"), "AudioG711DecodeNode needs a bytes frame of G.711 codes; got text"},
		{"odd bytes for stereo", dec(), frame.Bytes([]byte{1, 2, 3}), "AudioG711DecodeNode: 3 bytes are not a whole number of 2-channel frames"},
		{"zero rate meta", dec(), frame.Bytes([]byte{1, 2}).WithMeta(map[string]any{"sample_rate": int64(0)}),
			`AudioG711DecodeNode: meta "sample_rate" is 0, want a positive integer`},
		{"encode json", newNode(t, g711EncodeType, `{}`), frame.JSON(1.0), "AudioG711EncodeNode needs an audio frame; got json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := runNode(t, tt.node, tt.in)
			assert.EqualError(t, err, tt.want)
		})
	}
	_, err := tryNewNode(g711EncodeType, `{"law": "u-law"}`)
	assert.ErrorContains(t, err, "mu-law")
}
