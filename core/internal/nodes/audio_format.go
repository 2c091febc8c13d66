package nodes

import (
	"context"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/wav"
	"github.com/remotemedia/remotemedia/core/node"
)

const (
	audioFormatType    = "AudioFormatNode"
	audioFormatParamTo = "to"

	audioFormatF32 = "f32"
	audioFormatS16 = "s16"

	// Metadata an int16 tensor carries so it can become audio again.
	metaSampleRate  = "sample_rate"
	metaChannels    = "channels"
	metaTimestampNs = "timestamp_ns"
)

// audioFormat converts between float audio frames and int16 PCM tensors,
// the layout most speech models and codecs take.
type audioFormat struct{ to string }

func (f audioFormat) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	var (
		res *frame.Frame
		err error
	)
	switch {
	case f.to == audioFormatS16 && in.Kind() == frame.KindAudio:
		res, err = audioToS16(in)
	case f.to == audioFormatS16 && isS16Tensor(in):
		res = in
	case f.to == audioFormatF32 && in.Kind() == frame.KindAudio:
		res = in
	case f.to == audioFormatF32 && isS16Tensor(in):
		res, err = s16ToAudio(in)
	case in.Kind() == frame.KindTensor:
		err = fmt.Errorf("%s needs audio or an int16 tensor; got a %s tensor", audioFormatType, in.Tensor().DType)
	default:
		err = fmt.Errorf("%s needs audio or an int16 tensor; got %s", audioFormatType, in.Kind())
	}
	if err != nil {
		return err
	}
	return out.Emit(res)
}

func isS16Tensor(in *frame.Frame) bool {
	t := in.Tensor()
	return t != nil && t.DType == frame.Int16
}

// audioToS16 builds an int16 tensor of shape [frames, channels], keeping the
// audio's format and time as metadata.
func audioToS16(in *frame.Frame) (*frame.Frame, error) {
	a := in.Audio()
	data := make([]byte, 2*len(a.Samples))
	for i, x := range a.Samples {
		binary.LittleEndian.PutUint16(data[2*i:], uint16(wav.Float32ToS16(x)))
	}
	t, err := frame.NewTensor(frame.Tensor{DType: frame.Int16, Shape: []int{a.Frames(), a.Channels}, Data: data})
	if err != nil {
		return nil, err
	}
	return withMetaOf(t, in).WithMeta(map[string]any{
		metaSampleRate:  int64(a.SampleRate),
		metaChannels:    int64(a.Channels),
		metaTimestampNs: int64(a.Timestamp),
	}), nil
}

// s16ToAudio reverses audioToS16. The tensor is [frames, channels] or
// [frames] (then channels comes from metadata, default 1); sample_rate
// metadata is required, timestamp_ns optional.
func s16ToAudio(in *frame.Frame) (*frame.Frame, error) {
	t, meta := in.Tensor(), in.Meta()
	rate, ok, err := metaInt(meta, metaSampleRate)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", audioFormatType, err)
	}
	if !ok {
		return nil, fmt.Errorf("%s: an int16 tensor needs meta %q to become audio", audioFormatType, metaSampleRate)
	}
	channels, hasChannels, err := metaInt(meta, metaChannels)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", audioFormatType, err)
	}
	switch {
	case len(t.Shape) == 2 && (!hasChannels || channels == int64(t.Shape[1])):
		channels = int64(t.Shape[1])
	case len(t.Shape) == 1 && !hasChannels:
		channels = 1
	case len(t.Shape) != 1: // [frames] with meta channels is fine as is

		return nil, fmt.Errorf("%s: an int16 tensor must be [frames, channels] or [frames]; got shape %v with meta channels %d",
			audioFormatType, t.Shape, channels)
	}
	ts, _, err := metaInt(meta, metaTimestampNs)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", audioFormatType, err)
	}
	samples := make([]float32, len(t.Data)/2)
	for i := range samples {
		samples[i] = wav.S16ToFloat32(int16(binary.LittleEndian.Uint16(t.Data[2*i:])))
	}
	res, err := frame.NewAudio(frame.Audio{Samples: samples, SampleRate: int(rate), Channels: int(channels), Timestamp: time.Duration(ts)})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", audioFormatType, err)
	}
	if rest := withoutKeys(meta, metaSampleRate, metaChannels, metaTimestampNs); len(rest) > 0 {
		res = res.WithMeta(rest)
	}
	return res, nil
}

// withoutKeys copies meta without the given keys.
func withoutKeys(meta map[string]any, keys ...string) map[string]any {
	rest := make(map[string]any, len(meta))
	for k, v := range meta {
		rest[k] = v
	}
	for _, k := range keys {
		delete(rest, k)
	}
	return rest
}

func audioFormatSpec() node.Spec {
	return node.Spec{
		Type:    audioFormatType,
		Summary: "Converts audio between float32 frames and int16 PCM tensors.",
		Description: "With to = s16, an audio frame becomes an int16 tensor of shape [frames, channels] " +
			"(interleaved, as most speech models and codecs take it), with metadata sample_rate, channels and " +
			"timestamp_ns so it can be turned back. Each sample is scaled by 32768, rounded to nearest and " +
			"clamped to [-32768, 32767], so +1.0 becomes 32767 and NaN becomes 0.\n\n" +
			"With to = f32, an int16 tensor becomes audio again: the sample rate comes from meta sample_rate " +
			"(required); channels from the tensor's second dimension, or from meta channels (default 1) for a " +
			"one-dimensional tensor; the timestamp from meta timestamp_ns (default 0). Those three keys leave " +
			"the metadata, other keys are kept. Input already in the target format goes through unchanged.",
		Category:  audioCategory,
		Stability: node.Beta,
		Runtime:   node.RuntimeGo,
		Light:     true,
		Inputs:    []string{"audio", "tensor (int16, [frames, channels] or [frames])"},
		Outputs:   []string{"tensor (int16) when to = s16", "audio when to = f32"},
		Params: []node.Param{{
			Name:     audioFormatParamTo,
			Type:     node.TypeString,
			Doc:      "Target format: s16 for an int16 tensor, f32 for float32 audio.",
			Required: true,
			Enum:     []string{audioFormatF32, audioFormatS16},
		}},
		Example: `{"id": "pcm16", "node_type": "AudioFormatNode", "params": {"to": "s16"}}`,
		New: func(p node.Params) (node.Node, error) {
			return audioFormat{to: p.String(audioFormatParamTo)}, nil
		},
	}
}

func init() { node.MustRegister(audioFormatSpec()) }
