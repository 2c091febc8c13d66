package nodes

import (
	"context"
	"fmt"
	"math"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

const (
	audioLevelType = "AudioLevelNode"

	// levelFloorDBFS stands for digital silence, which is -Inf dB and has no
	// JSON encoding; it is below the noise floor of 16-bit audio (-96 dB).
	levelFloorDBFS = -120.0
)

// audioLevel measures each input and emits the measurements as JSON.
type audioLevel struct{}

func (audioLevel) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	a, err := audioOf(audioLevelType, in)
	if err != nil {
		return err
	}
	var sumSquares, peak float64
	clipped := 0
	for i, x := range a.Samples {
		v := math.Abs(float64(x))
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%s: sample %d is %v; levels need finite samples", audioLevelType, i, x)
		}
		sumSquares += v * v
		peak = max(peak, v)
		if v >= 1 {
			clipped++
		}
	}
	rms := 0.0
	if len(a.Samples) > 0 {
		rms = math.Sqrt(sumSquares / float64(len(a.Samples)))
	}
	level := frame.JSON(map[string]any{
		"rms_dbfs":     dBFS(rms),
		"peak_dbfs":    dBFS(peak),
		"clipped":      int64(clipped),
		"frames":       int64(a.Frames()),
		"timestamp_ms": float64(a.Timestamp.Nanoseconds()) / 1e6,
	})
	return out.Emit(withMetaOf(level, in))
}

// dBFS converts a linear amplitude (1 = full scale) to decibels.
func dBFS(v float64) float64 {
	if v <= 0 {
		return levelFloorDBFS
	}
	return max(20*math.Log10(v), levelFloorDBFS)
}

func audioLevelSpec() node.Spec {
	return node.Spec{
		Type:    audioLevelType,
		Summary: "Measures the loudness of each audio frame: RMS and peak in dBFS, and clipped samples.",
		Description: "Emits one JSON object per input frame:\n\n" +
			"```json\n" +
			`{"clipped": 0, "frames": 960, "peak_dbfs": -3.2, "rms_dbfs": -18.5, "timestamp_ms": 20}` + "\n" +
			"```\n\n" +
			"- `rms_dbfs`: root mean square of all samples of all channels, in dB relative to full scale " +
			"(a full-scale sine is -3.01 dBFS).\n" +
			"- `peak_dbfs`: largest absolute sample, in dBFS.\n" +
			"- `clipped`: how many samples (over all channels) are at or beyond full scale, |x| >= 1.\n" +
			"- `frames`: sample frames (samples per channel) in the input.\n" +
			"- `timestamp_ms`: presentation time of the input's first sample.\n\n" +
			"Silence is reported as -120 dBFS (the true value, minus infinity, has no JSON form), and so is " +
			"anything quieter. NaN or infinite samples are an error. The audio itself is not passed on: " +
			"fan out to this node alongside the audio path. The input's metadata is kept.",
		Category:  audioCategory,
		Stability: node.Beta,
		Runtime:   node.RuntimeGo,
		Light:     true,
		Inputs:    []string{"audio"},
		Outputs:   []string{`json {"rms_dbfs", "peak_dbfs", "clipped", "frames", "timestamp_ms"}`},
		Example:   `{"id": "meter", "node_type": "AudioLevelNode", "params": {}}`,
		New:       func(node.Params) (node.Node, error) { return audioLevel{}, nil },
	}
}

func init() { node.MustRegister(audioLevelSpec()) }
