package manifest

import (
	"testing"

	"github.com/remotemedia/remotemedia/core/node"
	"github.com/stretchr/testify/require"
)

func TestManifest_Validate(t *testing.T) {
	valid := func() *Manifest {
		return &Manifest{
			Version: Version,
			Nodes: []Node{
				{ID: "mul", Type: "MultiplyNode", Params: map[string]any{"multiplier": 3}},
				{ID: "add", Type: "AddNode"},
			},
			Connections: []Connection{{From: "mul", To: "add"}},
		}
	}
	tests := []struct {
		name    string
		edit    func(m *Manifest)
		path    string
		message string
	}{
		{name: "valid"},
		{name: "no version", edit: func(m *Manifest) { m.Version = "" }, path: "$.version", message: "version is missing"},
		{name: "no nodes", edit: func(m *Manifest) { m.Nodes, m.Connections = nil, nil }, path: "$.nodes", message: "no nodes"},
		{name: "Go int param out of type", edit: func(m *Manifest) { m.Nodes[0].Params["multiplier"] = "3" }, path: "$.nodes[0].params.multiplier", message: "must be a number"},
		{name: "unknown type", edit: func(m *Manifest) { m.Nodes[1].Type = "MultiplyNod" }, path: "$.nodes[1].node_type", message: `did you mean "MultiplyNode"?`},
		{name: "cycle", edit: func(m *Manifest) { m.Connections = append(m.Connections, Connection{From: "add", To: "mul"}) }, path: "$.connections", message: "cycle: mul -> add -> mul"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := valid()
			if tc.edit != nil {
				tc.edit(m)
			}
			err := m.Validate(testRegistry(t))
			if tc.path == "" {
				require.NoError(t, err)
				require.Equal(t, node.Params{"multiplier": 3.0}, m.Nodes[0].Resolved)
				require.Equal(t, node.Params{"addend": 0.0}, m.Nodes[1].Resolved)
				return
			}
			problems := requireProblems(t, err)
			require.Len(t, problems, 1, "%v", problems)
			require.Equal(t, tc.path, problems[0].Path)
			require.Contains(t, problems[0].Message, tc.message)
		})
	}
}
