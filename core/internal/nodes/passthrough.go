package nodes

import (
	"context"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

const passThroughType = "PassThrough"

// passThrough re-emits the input frame itself: frames are immutable, so no
// copy is needed.
type passThrough struct{}

func (passThrough) Process(_ context.Context, in *frame.Frame, out node.Emitter) error {
	return out.Emit(in)
}

func passThroughSpec() node.Spec {
	return node.Spec{
		Type:    passThroughType,
		Summary: "Emits every input unchanged.",
		Description: "Any frame kind goes through as the very same frame, metadata included, without copying. " +
			"Useful as a single entry point that fans out to several branches, or as a merge point for several.",
		Category:  "utility",
		Stability: node.Stable,
		Runtime:   node.RuntimeGo,
		Light:     true,
		Inputs:    []string{"any"},
		Outputs:   []string{"the input frame"},
		Example:   `{"id": "src", "node_type": "PassThrough", "params": {}}`,
		New:       func(node.Params) (node.Node, error) { return passThrough{}, nil },
	}
}

func init() { node.MustRegister(passThroughSpec()) }
