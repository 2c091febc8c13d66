package nodes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/internal/jsonx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// conformanceCase is the part of a shared vector this test reads.
type conformanceCase struct {
	Name     string `json:"name"`
	Manifest struct {
		Nodes []struct {
			ID       string         `json:"id"`
			NodeType string         `json:"node_type"`
			Params   map[string]any `json:"params"`
		} `json:"nodes"`
		Connections []struct {
			From string `json:"from"`
			To   string `json:"to"`
		} `json:"connections"`
	} `json:"manifest"`
	Input  []any `json:"input"`
	Expect struct {
		Exit           int    `json:"exit"`
		Output         any    `json:"output"`
		OutputContains string `json:"output_contains"`
	} `json:"expect"`
}

// TestConformance_LinearChains runs the shared vectors that are a single
// chain of this package's nodes over JSON (non-string) inputs, by calling
// the nodes in order: the executor's own tests run every vector, and this
// pins down the nodes' exact JSON output without it.
func TestConformance_LinearChains(t *testing.T) {
	path := filepath.Join(repoRoot(t), "..", "shared", "conformance", "manifests.json")
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Skip("no shared conformance vectors at " + path)
	}
	require.NoError(t, err)
	var vectors struct {
		Cases []conformanceCase `json:"cases"`
	}
	require.NoError(t, jsonx.Unmarshal(data, &vectors))
	ran := 0
	for _, c := range vectors.Cases {
		chain, ok := linearChain(c)
		if !ok || c.Expect.Exit != 0 || !jsonInputs(c.Input) {
			continue
		}
		ran++
		t.Run(c.Name, func(t *testing.T) {
			var outputs []string
			for _, in := range c.Input {
				frames := []*frame.Frame{frame.JSON(in)}
				for i, typ := range chain.types {
					params, err := jsonx.Marshal(chain.params[i])
					require.NoError(t, err)
					frames, err = runNode(t, newNode(t, typ, string(params)), frames...)
					require.NoError(t, err)
				}
				for _, f := range frames {
					outputs = append(outputs, encodeJSON(t, f))
				}
			}
			got := "[" + strings.Join(outputs, ",") + "]"
			if c.Expect.OutputContains != "" {
				assert.Contains(t, got, c.Expect.OutputContains)
				return
			}
			want, err := jsonx.Marshal(c.Expect.Output)
			require.NoError(t, err)
			assert.Equal(t, string(want), got)
		})
	}
	assert.NotZero(t, ran, "no vector was a linear chain of built-in nodes")
}

type nodeChain struct {
	types  []string
	params []map[string]any
}

// linearChain orders a case's nodes along its connections when they form
// one path.
func linearChain(c conformanceCase) (nodeChain, bool) {
	nodes := c.Manifest.Nodes
	if len(c.Manifest.Connections) != len(nodes)-1 {
		return nodeChain{}, false
	}
	next := map[string]string{}
	hasIn := map[string]bool{}
	for _, e := range c.Manifest.Connections {
		if _, dup := next[e.From]; dup || hasIn[e.To] {
			return nodeChain{}, false
		}
		next[e.From], hasIn[e.To] = e.To, true
	}
	byID := map[string]int{}
	start := ""
	for i, n := range nodes {
		byID[n.ID] = i
		if !hasIn[n.ID] {
			start = n.ID
		}
	}
	var ch nodeChain
	for id := start; id != ""; id = next[id] {
		i, ok := byID[id]
		if !ok || len(ch.types) == len(nodes) {
			return nodeChain{}, false
		}
		ch.types = append(ch.types, nodes[i].NodeType)
		ch.params = append(ch.params, nodes[i].Params)
	}
	return ch, len(ch.types) == len(nodes)
}

// jsonInputs reports whether no input is a string: how strings become text
// frames is the executor's business, not this test's.
func jsonInputs(inputs []any) bool {
	for _, in := range inputs {
		if _, isString := in.(string); isString {
			return false
		}
	}
	return true
}
