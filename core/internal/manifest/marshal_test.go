package manifest

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestManifest_MarshalJSON(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string // canonical form; "" means the input already is
	}{
		{
			name: "minimal",
			data: `{"version":"v1","nodes":[{"id":"a","node_type":"PassThrough"}]}`,
		},
		{
			name: "known members in order, extras sorted after them",
			data: `{"zeta":1,"connections":[{"to":"b","from":"a","capabilities":{"audio":true}}],"nodes":[{"runtime_hint":"cpu","params":{"addend":1.50},"node_type":"AddNode","id":"a"},{"id":"b","node_type":"wasm:gain","host":"local"}],"execution":{"mode":"x"},"runtime":{"target":"wasm32-wasi"},"metadata":{"name":"m"},"version":"v1","alpha":[null]}`,
			want: `{"version":"v1","metadata":{"name":"m"},"runtime":{"target":"wasm32-wasi"},"nodes":[{"id":"a","node_type":"AddNode","params":{"addend":1.50},"runtime_hint":"cpu"},{"id":"b","node_type":"wasm:gain","host":"local"}],"connections":[{"from":"a","to":"b","capabilities":{"audio":true}}],"alpha":[null],"execution":{"mode":"x"},"zeta":1}`,
		},
		{
			name: "empty params and connections survive",
			data: `{"version":"v1","nodes":[{"id":"a","node_type":"PassThrough","params":{}}],"connections":[]}`,
		},
	}
	reg := testRegistry(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Parse([]byte(tc.data), reg)
			require.NoError(t, err)
			out, err := json.Marshal(m)
			require.NoError(t, err)
			want := tc.want
			if want == "" {
				want = tc.data
			}
			require.Equal(t, want, string(out))

			again, err := Parse(out, reg)
			require.NoError(t, err)
			require.Equal(t, m, again, "Parse(Marshal(m)) gives m back")
		})
	}
}

func TestManifest_MarshalJSON_ExtraCannotShadowKnownMembers(t *testing.T) {
	m := &Manifest{
		Version: Version,
		Nodes:   []Node{{ID: "a", Type: "PassThrough", Extra: map[string]any{"id": "evil", "note": "kept"}}},
		Extra:   map[string]any{"version": "v9"},
	}
	out, err := m.MarshalJSON()
	require.NoError(t, err)
	require.JSONEq(t, `{"version":"v1","nodes":[{"id":"a","node_type":"PassThrough","note":"kept"}]}`, string(out))
}
