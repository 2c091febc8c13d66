package wasmhost

import (
	"context"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// wasmNode adapts an Instance to the node API. Params go to rm_init once,
// in Init or before the first input if the executor skipped Init.
type wasmNode struct {
	inst   *Instance
	params []byte
	inited bool
}

var (
	_ node.Node        = (*wasmNode)(nil)
	_ node.Initializer = (*wasmNode)(nil)
	_ node.Flusher     = (*wasmNode)(nil)
	_ node.Closer      = (*wasmNode)(nil)
)

func (n *wasmNode) Init(ctx context.Context) error {
	if n.inited {
		return nil
	}
	n.inited = true
	return n.inst.Init(ctx, n.params)
}

func (n *wasmNode) Process(ctx context.Context, in *frame.Frame, out node.Emitter) error {
	if err := n.Init(ctx); err != nil {
		return err
	}
	return n.inst.Process(ctx, in, out)
}

func (n *wasmNode) Flush(ctx context.Context, out node.Emitter) error {
	if err := n.Init(ctx); err != nil {
		return err
	}
	return n.inst.Flush(ctx, out)
}

func (n *wasmNode) Close() error { return n.inst.Close(context.Background()) }
