package bindings

import (
	"context"
	"encoding/json"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
)

// Pipeline is a compiled manifest, ready to run many times.
type Pipeline struct {
	p     *core.Pipeline
	sinks []string
	close func(context.Context) error // set for packages: frees WASM modules
}

// Compile parses and validates manifestJSON against r and prepares it to
// run. queueSize 0 keeps the engine's default.
func Compile(r *Registry, manifestJSON string, queueSize int, skipErrors bool) (p *Pipeline, err error) {
	defer guard(&err)
	return compile(r, manifestJSON, core.NewConfig(), queueSize, skipErrors)
}

func compile(r *Registry, manifestJSON string, base core.Config, queueSize int, skipErrors bool) (*Pipeline, error) {
	// core.NewPipeline range-checks queueSize (0: the default).
	cfg := base.WithRegistry(r.reg).WithSkipErrors(skipErrors).WithQueueSize(queueSize)
	m, err := core.ParseManifest([]byte(manifestJSON), cfg)
	if err != nil {
		return nil, err
	}
	cp, err := core.NewPipeline(m, cfg)
	if err != nil {
		return nil, err
	}
	return &Pipeline{p: cp, sinks: cp.Sinks()}, nil
}

// SinksJSON is the JSON list of sink node ids, in manifest order. Outputs
// name their sink by its index in this list.
func (p *Pipeline) SinksJSON() string {
	b, _ := json.Marshal(p.sinks)
	return string(b)
}

func (p *Pipeline) sinkIndex(id string) int64 {
	for i, s := range p.sinks {
		if s == id {
			return int64(i)
		}
	}
	return -1
}

// deliver calls receiver(sink index, kind, ival, fval, data, aux, addr,
// nbytes, input index) for one output.
func deliver(receiver pyObject, sink int64, input int, f *frame.Frame) error {
	a := callArgs{op: sink, token: int64(input)}
	if err := frameArgs(f, &a); err != nil {
		return err
	}
	if err := receiver.call(&a); err != nil {
		if a.ival != 0 && (a.kind == kindTensor || a.kind == kindAudio) {
			// The view may never have been made; end the loan here.
			_, _ = ReleaseBuffer(a.ival)
		}
		return err
	}
	return nil
}

func metricsJSON(m []core.NodeMetrics) string {
	if m == nil {
		m = []core.NodeMetrics{}
	}
	b, _ := json.Marshal(m)
	return string(b)
}
