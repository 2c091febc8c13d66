package nodes

import (
	"context"
	"math"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/num"
	"github.com/remotemedia/remotemedia/core/node"
)

const (
	audioGainType        = "AudioGainNode"
	audioGainParamGainDB = "gain_db"
)

// audioGain scales every sample by a fixed factor.
type audioGain struct{ factor float32 }

func (g audioGain) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	a, err := audioOf(audioGainType, in)
	if err != nil {
		return err
	}
	if g.factor == 1 {
		return out.Emit(in) // frames are immutable: 0 dB needs no copy
	}
	samples := make([]float32, len(a.Samples))
	num.Apply(num.Multiply, samples, a.Samples, g.factor)
	res, err := frame.NewAudio(frame.Audio{Samples: samples, SampleRate: a.SampleRate, Channels: a.Channels, Timestamp: a.Timestamp})
	if err != nil {
		return err
	}
	return out.Emit(withMetaOf(res, in))
}

func audioGainSpec() node.Spec {
	return node.Spec{
		Type:    audioGainType,
		Summary: "Amplifies or attenuates audio by a fixed number of decibels.",
		Description: "Multiplies every sample by 10^(gain_db/20): +6 dB roughly doubles the amplitude, -6 dB halves it. " +
			"Samples stay float32 and are not clipped here, so a later stage can still bring them back; " +
			"AudioFormatNode clamps when it converts to integers. Rate, channels, timestamp and metadata are kept.",
		Category:  audioCategory,
		Stability: node.Beta,
		Runtime:   node.RuntimeGo,
		Light:     true,
		Inputs:    []string{"audio"},
		Outputs:   []string{"audio, same rate, channels, timestamp and metadata"},
		Params: []node.Param{{
			Name:     audioGainParamGainDB,
			Type:     node.TypeNumber,
			Doc:      "Gain in decibels; negative values attenuate, 0 passes audio through unchanged.",
			Required: true,
			Min:      node.Bound(-120),
			Max:      node.Bound(120),
		}},
		Example: `{"id": "louder", "node_type": "AudioGainNode", "params": {"gain_db": 6}}`,
		New: func(p node.Params) (node.Node, error) {
			return audioGain{factor: float32(math.Pow(10, p.Float(audioGainParamGainDB)/20))}, nil
		},
	}
}

func init() { node.MustRegister(audioGainSpec()) }
