// Command gain is a WASM node, written with guest/rmnode, that multiplies
// audio samples by the "gain" param (default 1).
//
// Rebuild the checked-in gain.wasm from the repository root (make wasm-fixtures):
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -trimpath -ldflags=-s -o examples/wasm/gain/gain.wasm ./examples/wasm/gain
package main

import (
	"fmt"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/remotemedia/remotemedia/guest/rmnode"
)

const paramGain = "gain"

type gain struct{ factor float32 }

func (g *gain) Init(p node.Params) error {
	g.factor = 1
	if p.Has(paramGain) {
		g.factor = float32(p.Float(paramGain))
	}
	return nil
}

func (g *gain) Process(in *frame.Frame) (*frame.Frame, error) {
	a := in.Audio()
	if a == nil {
		return nil, fmt.Errorf("gain: expected audio, got %s", in.Kind())
	}
	out := make([]float32, len(a.Samples))
	for i, s := range a.Samples {
		out[i] = s * g.factor
	}
	f, err := frame.NewAudio(frame.Audio{Samples: out, SampleRate: a.SampleRate, Channels: a.Channels, Timestamp: a.Timestamp})
	if err != nil {
		return nil, err
	}
	if meta := in.Meta(); len(meta) > 0 {
		f = f.WithMeta(meta)
	}
	return f, nil
}

func init() { rmnode.Register(&gain{factor: 1}) }

func main() {}
