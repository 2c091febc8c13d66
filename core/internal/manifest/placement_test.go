package manifest

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestPlacement_Validate(t *testing.T) {
	tests := []struct {
		name, placement, path, message string
	}{
		{name: "not an object", placement: `"ray"`, path: "$.nodes[0].placement", message: "must be an object"},
		{name: "no backend", placement: `{}`, path: "$.nodes[0].placement.backend", message: "backend is missing"},
		{name: "unknown backend", placement: `{"backend": "dask"}`, path: "$.nodes[0].placement.backend", message: `must be "ray"`},
		{name: "unknown key", placement: `{"backend": "ray", "gpus": 1}`, path: "$.nodes[0].placement.gpus", message: `unknown placement key "gpus"`},
		{name: "fraction of an actor", placement: `{"backend": "ray", "concurrency": 1.5}`, path: "$.nodes[0].placement.concurrency", message: "must be an integer between 1 and 1024, got number 1.5"},
		{name: "too many", placement: `{"backend": "ray", "concurrency": 1e9}`, path: "$.nodes[0].placement.concurrency", message: "between 1 and 1024"},
		{name: "negative cpus", placement: `{"backend": "ray", "num_cpus": -1}`, path: "$.nodes[0].placement.num_cpus", message: "between 0 and 1024"},
		{name: "null", placement: `{"backend": "ray", "batch_frames": null}`, path: "$.nodes[0].placement.batch_frames", message: "got null"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := `{"version": "v1", "nodes": [{"id": "a", "node_type": "MultiplyNode", "placement": ` + tc.placement + `}]}`
			_, err := Parse([]byte(doc), testRegistry(t))
			problems := requireProblems(t, err)
			require.Len(t, problems, 1, "%v", problems)
			require.Equal(t, tc.path, problems[0].Path)
			require.Contains(t, problems[0].Message, tc.message)
		})
	}
}

func TestPlacement_Defaults(t *testing.T) {
	doc := `{"version": "v1", "nodes": [{"id": "a", "node_type": "MultiplyNode", "placement": {"backend": "ray", "num_cpus": 0.5, "concurrency": 2}},
	  {"id": "b", "node_type": "AddNode"}], "connections": [{"from": "a", "to": "b"}]}`
	m, err := Parse([]byte(doc), testRegistry(t))
	require.NoError(t, err)
	got, err := json.Marshal(m.Placements())
	require.NoError(t, err)
	require.JSONEq(t, `{"a": {"backend": "ray", "num_cpus": 0.5, "num_gpus": 0, "concurrency": 2,
	  "batch_frames": 32, "batch_ms": 20, "batches_in_flight": 2}}`, string(got))
}
