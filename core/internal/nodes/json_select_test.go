package nodes

import (
	"context"
	"testing"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestJSONSelectNode_Process(t *testing.T) {
	records := []string{
		`{"user": {"name": "ada"}, "items": [{"id": 7}]}`,
		`{"user": {}, "items": []}`,
	}
	tests := []struct {
		name    string
		params  string
		want    []string
		wantErr string
	}{
		{"found in every record", `{"path": "$.user"}`, []string{`{"name":"ada"}`, `{}`}, ""},
		{"index then key", `{"path": "items[0].id", "drop_missing": true}`, []string{`7`}, ""},
		{"default for missing", `{"path": "user.name", "default_value": "anonymous"}`, []string{`"ada"`, `"anonymous"`}, ""},
		{"null default", `{"path": "user.name", "default_value": null}`, []string{`"ada"`, `null`}, ""},
		{"drop missing", `{"path": "user.name", "drop_missing": true}`, []string{`"ada"`}, ""},
		{"missing is an error", `{"path": "user.name"}`, []string{`"ada"`},
			`JSONSelectNode: path "user.name" not found: $.user has no key "name" (set default_value or drop_missing to allow this)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var inputs []*frame.Frame
			for _, r := range records {
				inputs = append(inputs, jsonFrame(t, r))
			}
			out, err := runNode(t, newNode(t, "JSONSelectNode", tt.params), inputs...)
			if tt.wantErr != "" {
				assert.EqualError(t, err, tt.wantErr)
			} else {
				require.NoError(t, err)
			}
			got := make([]string, len(out))
			for i, f := range out {
				got[i] = encodeJSON(t, f)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestJSONSelectNode_New(t *testing.T) {
	tests := []struct {
		name, params, wantErr string
	}{
		{"ok", `{"path": "a.b"}`, ""},
		{"path is required", `{}`, `param "path": required param is missing`},
		{"bad path", `{"path": "a..b"}`, `path "a..b": empty key`},
		{"default and drop", `{"path": "a", "default_value": 0, "drop_missing": true}`, "set default_value or drop_missing, not both"},
		{"drop_missing must be boolean", `{"path": "a", "drop_missing": "yes"}`, `param "drop_missing": must be a boolean`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tryNewNode("JSONSelectNode", tt.params)
			if tt.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorContains(t, err, tt.wantErr)
		})
	}
}

func TestJSONSelectNode_ProcessFrames(t *testing.T) {
	n := newNode(t, "JSONSelectNode", `{"path": "a"}`)
	_, err := runNode(t, n, frame.Text(`{"a": 1}`))
	assert.EqualError(t, err, "JSONSelectNode needs JSON records; got text")

	in := jsonFrame(t, `{"a": [1]}`).WithMeta(map[string]any{"seq": 3})
	out, err := runNode(t, n, in)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"seq": 3}, out[0].Meta())
	assert.Same(t, &in.JSONValue().(map[string]any)["a"].([]any)[0], &out[0].JSONValue().([]any)[0], "the selected value is shared, not copied")
}

func BenchmarkJSONSelectNode_Process(b *testing.B) {
	n := newNode(b, "JSONSelectNode", `{"path": "user.tags[1]"}`)
	in := jsonFrame(b, `{"user": {"name": "ada", "tags": ["x", "y"]}}`)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := n.Process(ctx, in, discard{}); err != nil {
			b.Fatal(err)
		}
	}
}
