package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/remotemedia/remotemedia/core/node"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNodes_Command(t *testing.T) {
	t.Run("text lists every registered type with its params", func(t *testing.T) {
		res := runCLI(t, "", "nodes")
		require.Equal(t, ExitOK, res.code, res.stderr)
		for _, spec := range node.Default().Specs() {
			assert.Contains(t, res.stdout, spec.Type+"  ("+string(spec.Runtime)+", "+string(spec.Stability)+")")
			for _, p := range spec.Params {
				assert.Contains(t, res.stdout, "    "+p.Name+" "+string(p.Type))
			}
		}
		assert.Contains(t, res.stdout, "    multiplier number (default 1)\n")
	})
	t.Run("json matches the specs", func(t *testing.T) {
		res := runCLI(t, "", "nodes", "--json")
		require.Equal(t, ExitOK, res.code, res.stderr)
		var got []struct {
			Type    string `json:"type"`
			Runtime string `json:"runtime"`
			Summary string `json:"summary"`
			Params  []struct {
				Name     string   `json:"name"`
				Type     string   `json:"type"`
				Doc      string   `json:"doc"`
				Required bool     `json:"required"`
				Min      *float64 `json:"min"`
			} `json:"params"`
		}
		require.NoError(t, json.Unmarshal([]byte(res.stdout), &got))
		specs := node.Default().Specs()
		require.Len(t, got, len(specs))
		for i, spec := range specs {
			assert.Equal(t, spec.Type, got[i].Type)
			assert.Equal(t, string(spec.Runtime), got[i].Runtime)
			assert.Equal(t, spec.Summary, got[i].Summary)
			require.Len(t, got[i].Params, len(spec.Params), spec.Type)
			for j, p := range spec.Params {
				assert.Equal(t, p.Name, got[i].Params[j].Name)
				assert.Equal(t, string(p.Type), got[i].Params[j].Type)
				assert.Equal(t, p.Doc, got[i].Params[j].Doc)
				assert.Equal(t, p.Required, got[i].Params[j].Required)
				assert.Equal(t, p.Min, got[i].Params[j].Min)
			}
		}
	})
	t.Run("named types only", func(t *testing.T) {
		res := runCLI(t, "", "nodes", "AddNode", "--json")
		require.Equal(t, ExitOK, res.code, res.stderr)
		assert.True(t, strings.HasPrefix(res.stdout, `[{"category"`), res.stdout)
		assert.Equal(t, 1, strings.Count(res.stdout, `"type":"AddNode"`))
		assert.NotContains(t, res.stdout, "MultiplyNode")
	})
	t.Run("unknown type", func(t *testing.T) {
		res := runCLI(t, "", "nodes", "AddNod")
		assert.Equal(t, ExitInvalid, res.code)
		assert.Equal(t, "error: unknown node type \"AddNod\" (run `remotemedia nodes` to list them)\n", res.stderr)
	})
}

func TestParamConstraints(t *testing.T) {
	tests := []struct {
		name  string
		param node.Param
		want  string
	}{
		{"none", node.Param{Name: "x", Type: node.TypeAny}, ""},
		{"required", node.Param{Name: "x", Required: true}, " (required)"},
		{"default and range", node.Param{Name: "x", Default: 0.5, Min: node.Bound(0), Max: node.Bound(1)},
			" (default 0.5, >= 0, <= 1)"},
		{"enum", node.Param{Name: "x", Default: "a", Enum: []string{"a", "b"}}, ` (default "a", one of a|b)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, paramConstraints(tt.param))
		})
	}
}
