package nodes

import (
	"context"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

const (
	audioMixType            = "AudioMixNode"
	audioMixParamToChannels = "to_channels"
)

// audioMix changes the channel count of audio with a fixed matrix:
// downmixing from N to M < N channels averages every input channel i into
// output channel i mod M; upmixing copies input channel j mod N into output
// channel j.
type audioMix struct{ to int }

func (m audioMix) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	a, err := audioOf(audioMixType, in)
	if err != nil {
		return err
	}
	if a.Channels == m.to {
		return out.Emit(in)
	}
	samples := mixChannels(a.Samples, a.Channels, m.to)
	res, err := frame.NewAudio(frame.Audio{Samples: samples, SampleRate: a.SampleRate, Channels: m.to, Timestamp: a.Timestamp})
	if err != nil {
		return err
	}
	return out.Emit(withMetaOf(res, in))
}

// mixChannels converts interleaved samples from one channel count to
// another. Stereo to mono and mono to N, the common cases, get loops of
// their own that skip the general matrix's index tables.
func mixChannels(src []float32, from, to int) []float32 {
	frames := len(src) / from
	dst := make([]float32, frames*to)
	switch {
	case from == 2 && to == 1:
		for f := range dst {
			lr := src[2*f : 2*f+2]
			dst[f] = (lr[0] + lr[1]) * 0.5
		}
	case from == 1:
		for f, v := range src {
			out := dst[f*to : (f+1)*to]
			for j := range out {
				out[j] = v
			}
		}
	case to > from:
		// Output channel j copies input channel j mod from.
		srcOf := make([]int, to)
		for j := range srcOf {
			srcOf[j] = j % from
		}
		for f := range frames {
			in, out := src[f*from:(f+1)*from], dst[f*to:(f+1)*to]
			for j, i := range srcOf {
				out[j] = in[i]
			}
		}
	default:
		// Output channel i mod to averages the input channels i it receives.
		dstOf, weight := make([]int, from), make([]float32, from)
		for i := range from {
			dstOf[i] = i % to
			weight[i] = 1 / float32((from-dstOf[i]+to-1)/to)
		}
		for f := range frames {
			in, out := src[f*from:(f+1)*from], dst[f*to:(f+1)*to]
			for i, v := range in {
				out[dstOf[i]] += v * weight[i]
			}
		}
	}
	return dst
}

func audioMixSpec() node.Spec {
	return node.Spec{
		Type:    audioMixType,
		Summary: "Changes the number of audio channels: stereo to mono, mono to stereo, or any N to M.",
		Description: "The matrix is fixed and simple. Downmixing from N to M < N channels averages the input channels " +
			"i with i mod M = j into output channel j: stereo to mono is (L+R)/2, and 4 to 2 is " +
			"L = (ch0+ch2)/2, R = (ch1+ch3)/2. Upmixing copies input channel j mod N into output channel j: " +
			"mono to stereo duplicates the channel. No speaker layout (such as 5.1 centre and LFE weights) " +
			"is assumed. Audio that already has to_channels channels goes through unchanged. " +
			"Rate, timestamp and metadata are kept.",
		Category:  audioCategory,
		Stability: node.Beta,
		Runtime:   node.RuntimeGo,
		Light:     true,
		Inputs:    []string{"audio"},
		Outputs:   []string{"audio with to_channels channels, same rate, timestamp and metadata"},
		Params: []node.Param{{
			Name:     audioMixParamToChannels,
			Type:     node.TypeInteger,
			Doc:      "Number of output channels: 1 for mono, 2 for stereo.",
			Required: true,
			Min:      node.Bound(1),
			Max:      node.Bound(256),
		}},
		Example: `{"id": "mono", "node_type": "AudioMixNode", "params": {"to_channels": 1}}`,
		New: func(p node.Params) (node.Node, error) {
			return audioMix{to: int(p.Int(audioMixParamToChannels))}, nil
		},
	}
}

func init() { node.MustRegister(audioMixSpec()) }
