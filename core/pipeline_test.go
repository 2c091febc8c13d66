package core_test

import (
	"context"
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
