package nodes

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAudioLevel_Process(t *testing.T) {
	tests := []struct {
		name                 string
		samples              []float32
		channels             int
		wantRMS, wantPeak    float64
		wantClipped, wantLen int64
	}{
		{"full-scale sine", sine(4800, 1, 48000, 1000, 1), 1, -3.0103, 0, 200, 4800}, // 100 cycles, each reaching +1 and -1
		{"half-scale DC", []float32{0.5, -0.5, 0.5, -0.5}, 2, -6.0206, -6.0206, 0, 2},
		{"clipping", []float32{1.5, -2, 0, 0}, 1, 20 * math.Log10(math.Sqrt((2.25+4)/4)), 20 * math.Log10(2), 2, 4},
		{"silence", make([]float32, 8), 2, -120, -120, 0, 4},
		{"below the floor", []float32{1e-7}, 1, -120, -120, 0, 1},
		{"empty", []float32{}, 1, -120, -120, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := audioFrame(t, tt.samples, 48000, tt.channels, 1234500*time.Microsecond).WithMeta(map[string]any{"take": 2})
			got, err := runNode(t, newNode(t, audioLevelType, `{}`), in)
			require.NoError(t, err)
			require.Len(t, got, 1)
			level, ok := got[0].JSONValue().(map[string]any)
			require.True(t, ok)
			assert.InDelta(t, tt.wantRMS, level["rms_dbfs"], 1e-3)
			assert.InDelta(t, tt.wantPeak, level["peak_dbfs"], 1e-3)
			assert.Equal(t, tt.wantClipped, level["clipped"])
			assert.Equal(t, tt.wantLen, level["frames"])
			assert.Equal(t, 1234.5, level["timestamp_ms"])
			assert.Equal(t, map[string]any{"take": 2}, got[0].Meta())
		})
	}
}

func TestAudioLevel_EncodesAsJSON(t *testing.T) {
	got, err := runNode(t, newNode(t, audioLevelType, `{}`), audioFrame(t, []float32{0.5, 0.5}, 8000, 1, 20*time.Millisecond))
	require.NoError(t, err)
	assert.JSONEq(t, `{"clipped":0,"frames":2,"peak_dbfs":-6.020599913279624,"rms_dbfs":-6.020599913279624,"timestamp_ms":20}`,
		encodeJSON(t, got[0]))
}

func TestAudioLevel_Errors(t *testing.T) {
	n := newNode(t, audioLevelType, `{}`)
	_, err := runNode(t, n, audioFrame(t, []float32{0, float32(math.NaN())}, 8000, 1, 0))
	assert.EqualError(t, err, "AudioLevelNode: sample 1 is NaN; levels need finite samples")
	_, err = runNode(t, n, audioFrame(t, []float32{float32(math.Inf(-1))}, 8000, 1, 0))
	assert.EqualError(t, err, "AudioLevelNode: sample 0 is -Inf; levels need finite samples")
	_, err = runNode(t, n, jsonFrame(t, `{"rms": 1}`))
	assert.EqualError(t, err, "AudioLevelNode needs an audio frame; got json")
	_, err = tryNewNode(audioLevelType, `{"window_ms": 20}`)
	assert.EqualError(t, err, `param "window_ms": AudioLevelNode takes no params`)
}
