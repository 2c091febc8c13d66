package node_test

import (
	"context"
	"fmt"
	"sync"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// squarer hands each input to a backend goroutine and returns at once; the
// backend answers later, through the input's Pending.
type squarer struct {
	jobs chan job
	done sync.WaitGroup
}

type job struct {
	v int64
	p node.Pending
}

func newSquarer() *squarer {
	s := &squarer{jobs: make(chan job)}
	s.done.Add(1)
	go func() { // the "backend"
		defer s.done.Done()
		for j := range s.jobs {
			_ = j.p.Emit(frame.JSON(j.v * j.v))
			j.p.Done(nil)
		}
	}()
	return s
}

func (s *squarer) MaxInFlight() int { return 8 }

func (s *squarer) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	v, ok := in.JSONValue().(int)
	if !ok {
		return fmt.Errorf("want an integer, got %v", in.JSONValue())
	}
	s.jobs <- job{int64(v), out.(node.Deferrer).Defer()}
	return nil
}

func (s *squarer) Close() error {
	close(s.jobs)
	s.done.Wait()
	return nil
}

// A Deferring node keeps up to MaxInFlight inputs in flight; the executor
// passes its outputs on in input order.
func ExampleDeferring() {
	reg := node.NewRegistry()
	if err := reg.Register(node.Spec{Type: "Square", New: func(node.Params) (node.Node, error) { return newSquarer(), nil }}); err != nil {
		panic(err)
	}
	cfg := core.NewConfig().WithRegistry(reg)
	m, err := core.ParseManifest([]byte(`{"version": "v1", "nodes": [{"id": "sq", "node_type": "Square"}]}`), cfg)
	if err != nil {
		panic(err)
	}
	p, err := core.NewPipeline(m, cfg)
	if err != nil {
		panic(err)
	}
	res, err := p.Run(context.Background(), []*frame.Frame{frame.JSON(3), frame.JSON(4), frame.JSON(5)})
	if err != nil {
		panic(err)
	}
	for _, f := range res.Outputs["sq"] {
		fmt.Println(f.JSONValue())
	}
	// Output:
	// 9
	// 16
	// 25
}
