package core_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/frame"
)

func TestNewPipeline_HammerOneManifest(t *testing.T) {
	cfg := core.NewConfig()
	m, err := core.ParseManifest([]byte(calculator), cfg)
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := core.NewPipeline(m, cfg)
			if !assert.NoError(t, err) {
				return
			}
			res, err := p.Run(context.Background(), []*frame.Frame{frame.JSON(1)})
			if assert.NoError(t, err) {
				assert.Equal(t, []string{"add"}, res.Sinks)
			}
		}()
	}
	wg.Wait()
}

func TestNewPipeline_PythonNodeNeedsPythonRuntime(t *testing.T) {
	cfg := core.NewConfig()
	m, err := core.ParseManifest([]byte(`{"version":"v1","nodes":[{"id":"t","node_type":"TextProcessorNode"}]}`), cfg)
	require.NoError(t, err)
	_, err = core.NewPipeline(m, cfg)
	require.ErrorContains(t, err, "needs the Python runtime: use the pip-installed remotemedia")
	assert.Equal(t, core.CodeUnsupported, core.ErrorCode(err))
}

// Chains of light nodes run fused unless the manifest says runtime.fusion
// false; the outputs are the same, and a fused node shows no queue.
func TestNewPipeline_RuntimeFusionFalseTurnsFusionOff(t *testing.T) {
	const chain = `{"version":"v1",%s"nodes":[{"id":"m","node_type":"MultiplyNode","params":{"multiplier":2}},
		{"id":"a","node_type":"AddNode","params":{"addend":1}}],"connections":[{"from":"m","to":"a"}]}`
	queueCaps := map[string][]int{}
	for name, runtime := range map[string]string{"fused": ``, "unfused": `"runtime":{"fusion":false},`} {
		cfg := core.NewConfig()
		m, err := core.ParseManifest(fmt.Appendf(nil, chain, runtime), cfg)
		require.NoError(t, err)
		p, err := core.NewPipeline(m, cfg)
		require.NoError(t, err)
		res, err := p.Run(context.Background(), []*frame.Frame{frame.JSON(1), frame.JSON(5)})
		require.NoError(t, err)
		require.Len(t, res.Outputs["a"], 2)
		assert.Equal(t, "3 11", fmt.Sprint(res.Outputs["a"][0].JSONValue(), res.Outputs["a"][1].JSONValue()), name)
		for _, nm := range res.Metrics {
			queueCaps[name] = append(queueCaps[name], nm.QueueCap)
		}
	}
	assert.Positive(t, queueCaps["fused"][0])
	assert.Zero(t, queueCaps["fused"][1], "a runs on m's worker")
	assert.Equal(t, queueCaps["unfused"][0], queueCaps["unfused"][1])
}
