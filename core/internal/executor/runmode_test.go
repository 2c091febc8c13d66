package executor

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

// modeOf is a node that emits the run mode its Process call sees.
func modeOf() *node.Spec {
	return spec("ModeOf", func() node.Node {
		return &fn{process: func(ctx context.Context, _ *frame.Frame, out node.Emitter) error {
			return out.Emit(frame.Text(node.RunModeOf(ctx).String()))
		}}
	})
}

func TestRunMode_SeenByNodes(t *testing.T) {
	plan := planOf(t, []string{"m"}, map[string]*node.Spec{"m": modeOf()})
	res, err := RunBatch(context.Background(), plan, Options{Mode: node.Live}, ints(1))
	require.NoError(t, err)
	assert.Equal(t, "batch", res.Outputs["m"][0].TextValue(), "RunBatch is always batch")

	for _, tt := range []struct {
		mode node.RunMode
		want string
	}{{node.Live, "live"}, {node.Batch, "batch"}} {
		r, err := Start(context.Background(), plan, Options{Mode: tt.mode})
		require.NoError(t, err)
		require.NoError(t, r.Send(context.Background(), frame.JSON(1)))
		r.CloseInput()
		var got []string
		for o := range r.Outputs() {
			got = append(got, o.Frame.TextValue())
		}
		require.NoError(t, r.Wait())
		assert.Equal(t, []string{tt.want}, got)
	}
}

func TestRunModeOf_DefaultsToLive(t *testing.T) {
	assert.Equal(t, node.Live, node.RunModeOf(context.Background()))
}
