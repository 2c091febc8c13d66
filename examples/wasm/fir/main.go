// Command fir is a WASM node, written with guest/rmnode, that filters mono
// audio with the FIR filter of its params: {"taps": [numbers]}. Its kernel
// (package kernel) is the one the host's native-Go benchmark runs.
//
// Rebuild the checked-in fir.wasm from the repository root (make wasm-fixtures):
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -trimpath -ldflags=-s -o examples/wasm/fir/fir.wasm ./examples/wasm/fir
package main

import (
	"fmt"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/remotemedia/remotemedia/examples/wasm/fir/kernel"
	"github.com/remotemedia/remotemedia/guest/rmnode"
)

const paramTaps = "taps"

type fir struct{ filter *kernel.FIR }

func (f *fir) Init(p node.Params) error {
	taps, err := tapsParam(p)
	if err != nil {
		return err
	}
	f.filter, err = kernel.New(taps)
	return err
}

// tapsParam reads the taps param.
func tapsParam(p node.Params) ([]float32, error) {
	list, ok := p[paramTaps].([]any)
	if !ok {
		return nil, fmt.Errorf("fir: param taps must be an array of numbers")
	}
	taps := make([]float32, len(list))
	for i, v := range list {
		x, ok := v.(float64)
		if !ok {
			return nil, fmt.Errorf("fir: param taps must be an array of numbers")
		}
		taps[i] = float32(x)
	}
	return taps, nil
}

func (f *fir) Process(in *frame.Frame) (*frame.Frame, error) {
	a := in.Audio()
	if a == nil {
		return nil, fmt.Errorf("fir: expected audio, got %s", in.Kind())
	}
	if a.Channels != 1 {
		return nil, fmt.Errorf("fir: expected mono audio, got %d channels", a.Channels)
	}
	out := make([]float32, len(a.Samples))
	f.filter.Process(a.Samples, out)
	o, err := frame.NewAudio(frame.Audio{Samples: out, SampleRate: a.SampleRate, Channels: a.Channels, Timestamp: a.Timestamp})
	if err != nil {
		return nil, err
	}
	if meta := in.Meta(); len(meta) > 0 {
		o = o.WithMeta(meta)
	}
	return o, nil
}

func init() { rmnode.Register(&fir{}) }

func main() {}
