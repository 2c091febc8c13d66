package nodes

import (
	"testing"

	"github.com/remotemedia/remotemedia/core/internal/jsonx"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSpecs_Documented checks what docs/NODES.md promises for every
// registered spec: it is documented, and its example is a manifest node
// object whose params validate (and, for Go nodes, construct).
func TestSpecs_Documented(t *testing.T) {
	specs := node.Default().Specs()
	require.NotEmpty(t, specs)
	for _, spec := range specs {
		t.Run(spec.Type, func(t *testing.T) {
			assert.NotEmpty(t, spec.Summary, "summary")
			assert.NotEmpty(t, spec.Description, "description")
			assert.NotEmpty(t, spec.Category, "category")
			assert.NotEmpty(t, spec.Inputs, "inputs")
			assert.NotEmpty(t, spec.Outputs, "outputs")
			for _, p := range spec.Params {
				assert.NotEmpty(t, p.Doc, "doc of param %s", p.Name)
			}
			var example struct {
				ID       string         `json:"id"`
				NodeType string         `json:"node_type"`
				Params   map[string]any `json:"params"`
			}
			require.NoError(t, jsonx.Unmarshal([]byte(spec.Example), &example), "example must be JSON")
			assert.NotEmpty(t, example.ID, "example id")
			assert.Equal(t, spec.Type, example.NodeType, "example node_type")
			params, problems := spec.ValidateParams(example.Params)
			require.Empty(t, problems, "example params")
			if spec.Runtime == node.RuntimeGo {
				_, err := spec.New(params)
				assert.NoError(t, err, "example must construct")
			} else if spec.Runtime == node.RuntimePython {
				assert.Nil(t, spec.New, "Python placeholder specs cannot be built here")
			}
		})
	}
}
