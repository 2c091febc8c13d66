package executor

import (
	"context"
	"fmt"

	"github.com/remotemedia/remotemedia/core/frame"
)

// SendTo feeds one input item to the source node with id source only, as a
// remote client does when its chunk names a node. The item takes the next
// input index like Send's. A node that is not a source is an error.
func (r *Run) SendTo(ctx context.Context, source string, f *frame.Frame) error {
	for _, s := range r.sources {
		if r.plan.Nodes[s].ID == source {
			one := [1]*frame.Frame{f}
			return r.sendTo(ctx, []int{s}, one[:])
		}
	}
	return fmt.Errorf("send: %q is not a source node of this pipeline", source)
}

// Sources are the ids of the nodes Send feeds, in manifest order.
func (r *Run) Sources() []string {
	ids := make([]string, len(r.sources))
	for i, s := range r.sources {
		ids[i] = r.plan.Nodes[s].ID
	}
	return ids
}
