package nodes

import (
	"context"
	"fmt"
	"time"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/g711"
	"github.com/remotemedia/remotemedia/core/node"
)

const (
	g711EncodeType      = "AudioG711EncodeNode"
	g711DecodeType      = "AudioG711DecodeNode"
	g711ParamLaw        = "law"
	g711ParamSampleRate = "sample_rate"
	g711ParamChannels   = "channels"
)

var g711Laws = map[string]g711.Law{"mu-law": g711.MuLaw, "a-law": g711.ALaw}

func g711LawParam() node.Param {
	return node.Param{
		Name:    g711ParamLaw,
		Type:    node.TypeString,
		Doc:     "The G.711 companding law: mu-law (North America, Japan) or a-law (elsewhere).",
		Default: "mu-law",
		Enum:    []string{"mu-law", "a-law"},
	}
}

// g711Encode turns audio into G.711 bytes, one per sample, interleaved.
type g711Encode struct{ law g711.Law }

func (e g711Encode) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	a, err := audioOf(g711EncodeType, in)
	if err != nil {
		return err
	}
	codes := make([]byte, len(a.Samples))
	e.law.Encode(codes, a.Samples)
	return out.Emit(withMetaOf(frame.Bytes(codes), in).WithMeta(map[string]any{
		metaSampleRate:  int64(a.SampleRate),
		metaChannels:    int64(a.Channels),
		metaTimestampNs: int64(a.Timestamp),
	}))
}

// g711Decode turns G.711 bytes into audio. The format comes from the
// frame's metadata when it has it (as g711Encode writes it), else from
// the params; the time from meta timestamp_ns, else from the samples
// decoded so far, as for a raw telephony stream.
type g711Decode struct {
	law      g711.Law
	rate     int64
	channels int64
	clock    audioClock
}

func (d *g711Decode) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	if in.Kind() != frame.KindBytes {
		return fmt.Errorf("%s needs a bytes frame of G.711 codes; got %s", g711DecodeType, in.Kind())
	}
	codes, meta := in.BytesValue(), in.Meta()
	rate, channels, ts, stamped, err := d.format(meta)
	if err != nil {
		return err
	}
	if len(codes)%int(channels) != 0 {
		return fmt.Errorf("%s: %d bytes are not a whole number of %d-channel frames", g711DecodeType, len(codes), channels)
	}
	if d.clock.rate != int(rate) || stamped {
		d.clock.restart(ts, int(rate))
	}
	samples := make([]float32, len(codes))
	d.law.Decode(samples, codes)
	res, err := frame.NewAudio(frame.Audio{Samples: samples, SampleRate: int(rate), Channels: int(channels), Timestamp: d.clock.at(0)})
	if err != nil {
		return fmt.Errorf("%s: %w", g711DecodeType, err)
	}
	d.clock.advance(len(codes) / int(channels))
	if rest := withoutKeys(meta, metaSampleRate, metaChannels, metaTimestampNs); len(rest) > 0 {
		res = res.WithMeta(rest)
	}
	return out.Emit(res)
}

// format is the rate, channels and (when stamped) time of a frame.
func (d *g711Decode) format(meta map[string]any) (rate, channels int64, ts time.Duration, stamped bool, err error) {
	rate, channels = d.rate, d.channels
	for key, dst := range map[string]*int64{metaSampleRate: &rate, metaChannels: &channels} {
		v, ok, err := metaInt(meta, key)
		if err != nil {
			return 0, 0, 0, false, fmt.Errorf("%s: %w", g711DecodeType, err)
		}
		if ok && v <= 0 {
			return 0, 0, 0, false, fmt.Errorf("%s: meta %q is %d, want a positive integer", g711DecodeType, key, v)
		}
		if ok {
			*dst = v
		}
	}
	ns, stamped, err := metaInt(meta, metaTimestampNs)
	if err != nil {
		return 0, 0, 0, false, fmt.Errorf("%s: %w", g711DecodeType, err)
	}
	return rate, channels, time.Duration(ns), stamped, nil
}

func g711EncodeSpec() node.Spec {
	return node.Spec{
		Type:    g711EncodeType,
		Summary: "Encodes audio as G.711 mu-law or A-law bytes, the 8-bit audio of telephony.",
		Description: "Each sample becomes one byte, channels interleaved, exactly as sox encodes it (every 16-bit " +
			"value is tested against sox). The bytes frame carries meta sample_rate, channels and timestamp_ns " +
			"(as AudioFormatNode's tensors do), so AudioG711DecodeNode can turn it back; other metadata is kept. " +
			"Telephony is 8 kHz mono: put AudioResampleNode and AudioMixNode first.",
		Category:  audioCategory,
		Stability: node.Beta,
		Runtime:   node.RuntimeGo,
		Light:     true,
		Inputs:    []string{"audio"},
		Outputs:   []string{"bytes: one G.711 code per sample, with meta sample_rate, channels, timestamp_ns"},
		Params:    []node.Param{g711LawParam()},
		Example:   `{"id": "ulaw", "node_type": "AudioG711EncodeNode", "params": {"law": "mu-law"}}`,
		New: func(p node.Params) (node.Node, error) {
			return g711Encode{law: g711Laws[p.String(g711ParamLaw)]}, nil
		},
	}
}

func g711DecodeSpec() node.Spec {
	return node.Spec{
		Type:    g711DecodeType,
		Summary: "Decodes G.711 mu-law or A-law bytes (raw telephony audio) into audio.",
		Description: "Each byte is one sample, channels interleaved; it decodes to the standard 16-bit linear value " +
			"scaled by 1/32768, exactly as sox decodes it. The rate and channel count come from meta " +
			"sample_rate and channels when the frame has them (AudioG711EncodeNode writes them), else from " +
			"the params; the timestamp from meta timestamp_ns, else from the samples decoded so far, so a " +
			"stream of raw payloads (a telephony media stream) gets contiguous times from 0. A frame whose " +
			"length is not a whole number of frames is an error.",
		Category:  audioCategory,
		Stability: node.Beta,
		Runtime:   node.RuntimeGo,
		Light:     true,
		Inputs:    []string{"bytes: G.711 codes"},
		Outputs:   []string{"audio"},
		Params: []node.Param{
			g711LawParam(),
			{Name: g711ParamSampleRate, Type: node.TypeInteger, Doc: "Sample rate of bytes without meta sample_rate.",
				Default: int64(8000), Min: node.Bound(1), Max: node.Bound(768000)},
			{Name: g711ParamChannels, Type: node.TypeInteger, Doc: "Channels of bytes without meta channels.",
				Default: int64(1), Min: node.Bound(1), Max: node.Bound(256)},
		},
		Example: `{"id": "pcm", "node_type": "AudioG711DecodeNode", "params": {"law": "mu-law", "sample_rate": 8000}}`,
		New: func(p node.Params) (node.Node, error) {
			return &g711Decode{
				law:      g711Laws[p.String(g711ParamLaw)],
				rate:     p.Int(g711ParamSampleRate),
				channels: p.Int(g711ParamChannels),
			}, nil
		},
	}
}

func init() {
	node.MustRegister(g711EncodeSpec())
	node.MustRegister(g711DecodeSpec())
}
