package manifest

import (
	"encoding/json"
	"errors"
	"sync"
	"testing"

	"github.com/remotemedia/remotemedia/core/node"
	"github.com/stretchr/testify/require"
)

// doc builds a v1 manifest from the JSON text of its nodes and connections.
func doc(nodes, connections string) string {
	return `{"version":"v1","nodes":[` + nodes + `],"connections":[` + connections + `]}`
}

// requireProblems asserts err is an *Error and returns its problems.
func requireProblems(t *testing.T, err error) []Problem {
	t.Helper()
	var merr *Error
	require.True(t, errors.As(err, &merr), "want *manifest.Error, got %T: %v", err, err)
	require.NotEmpty(t, merr.Problems)
	return merr.Problems
}

func TestParse(t *testing.T) {
	data := `{
	  "version": "v1",
	  "metadata": {"name": "demo"},
	  "runtime": {"target": "wasm32-wasi"},
	  "is_streaming": true,
	  "nodes": [
	    {"id": "mul", "node_type": "MultiplyNode", "params": {"multiplier": 2}, "is_output_node": false},
	    {"id": "add", "node_type": "AddNode"},
	    {"id": "w", "node_type": "wasm:gain", "params": {"db": 3}},
	    {"id": "py", "node_type": "WhisperNode", "python_env": {"pip": ["x"]}}
	  ],
	  "connections": [{"from": "mul", "to": "add", "capabilities": ["audio"]}, {"from": "add", "to": "w"}]
	}`
	m, err := Parse([]byte(data), testRegistry(t))
	require.NoError(t, err)

	require.Equal(t, "v1", m.Version)
	require.Equal(t, "demo", m.Name())
	require.Equal(t, map[string]any{"target": "wasm32-wasi"}, m.Runtime)
	require.Equal(t, map[string]any{"is_streaming": true}, m.Extra)
	require.Len(t, m.Nodes, 4)
	require.Equal(t, "MultiplyNode", m.Nodes[0].Type)
	require.Equal(t, map[string]any{"multiplier": json.Number("2")}, m.Nodes[0].Params, "numbers stay exact")
	require.Equal(t, map[string]any{"is_output_node": false}, m.Nodes[0].Extra)
	require.Equal(t, map[string]any{"pip": []any{"x"}}, m.Nodes[3].Extra["python_env"])
	require.Equal(t, []Connection{
		{From: "mul", To: "add", Extra: map[string]any{"capabilities": []any{"audio"}}},
		{From: "add", To: "w"},
	}, m.Connections)

	require.Equal(t, node.Params{"multiplier": 2.0}, m.Nodes[0].Resolved, "validated and normalised")
	require.Equal(t, node.Params{"addend": 0.0}, m.Nodes[1].Resolved, "default filled in")
	require.Equal(t, node.Params{"db": json.Number("3")}, m.Nodes[2].Resolved, "WASM params are the module's business")
	require.Equal(t, node.Params{}, m.Nodes[3].Resolved, "a Python node is a valid entry")
}

func TestParse_Problems(t *testing.T) {
	pass := `{"id":"a","node_type":"PassThrough"}`
	passB := `{"id":"b","node_type":"PassThrough"}`
	tests := []struct {
		name    string
		data    string
		path    string
		message string
		absent  string // a substring the message must not have
	}{
		{name: "bad JSON", data: "{\"version\": \"v1\",\n  \"nodes\": [}", path: "$", message: "invalid JSON at 2:13"},
		{name: "bad JSON number", data: `{"version":"v1","nodes":[],"x":01}`, path: "$", message: "invalid JSON at 1:33"},
		{name: "empty input", data: ``, path: "$", message: "invalid JSON at 1:1"},
		{name: "invalid UTF-8", data: "{\"version\":\"v\xff\"}", path: "$", message: "invalid JSON at 1:14: not valid UTF-8"},
		{name: "not an object", data: `[1]`, path: "$", message: "must be a JSON object, got array"},
		{name: "version missing", data: `{"nodes":[` + pass + `]}`, path: "$.version", message: "version is missing"},
		{name: "version wrong", data: `{"version":"v0","nodes":[` + pass + `]}`, path: "$.version", message: `unsupported version "v0"`},
		{name: "version not a string", data: `{"version":1,"nodes":[` + pass + `]}`, path: "$.version", message: "version must be a string, got number"},
		{name: "nodes missing", data: `{"version":"v1"}`, path: "$.nodes", message: "no nodes"},
		{name: "nodes not an array", data: `{"version":"v1","nodes":{}}`, path: "$.nodes", message: "nodes must be an array, got object"},
		{name: "nodes empty", data: doc(``, ``), path: "$.nodes", message: "no nodes"},
		{name: "node not an object", data: doc(pass+`,"b"`, ``), path: "$.nodes[1]", message: "node must be an object, got string"},
		{name: "id missing", data: doc(`{"node_type":"PassThrough"}`, ``), path: "$.nodes[0].id", message: "id is missing"},
		{name: "id empty", data: doc(`{"id":"","node_type":"PassThrough"}`, ``), path: "$.nodes[0].id", message: "id is missing"},
		{name: "id not a string", data: doc(`{"id":7,"node_type":"PassThrough"}`, ``), path: "$.nodes[0].id", message: "id must be a string, got number"},
		{name: "id malformed", data: doc(`{"id":"a b","node_type":"PassThrough"}`, ``), path: "$.nodes[0].id", message: `id "a b" must match`},
		{name: "id duplicate", data: doc(pass+","+passB+","+pass, ``), path: "$.nodes[2].id", message: `duplicate id "a" (first used by $.nodes[0])`},
		{name: "node_type missing", data: doc(`{"id":"a"}`, ``), path: "$.nodes[0].node_type", message: "node_type is missing"},
		{name: "node_type not a string", data: doc(`{"id":"a","node_type":null}`, ``), path: "$.nodes[0].node_type", message: "node_type must be a string, got null"},
		{name: "node_type misspelt", data: doc(`{"id":"a","node_type":"AddNod"}`, ``), path: "$.nodes[0].node_type", message: `unknown node_type "AddNod" (did you mean "AddNode"?)`},
		{name: "node_type unknown", data: doc(`{"id":"a","node_type":"Zebra"}`, ``), path: "$.nodes[0].node_type", message: `unknown node_type "Zebra"`, absent: "did you mean"},
		{name: "wasm type without module", data: doc(`{"id":"a","node_type":"wasm:"}`, ``), path: "$.nodes[0].node_type", message: `WASM node_type "wasm:": the module name must match`},
		{name: "params not an object", data: doc(`{"id":"a","node_type":"ResampleNode","params":[]}`, ``), path: "$.nodes[0].params", message: "params must be an object, got array"},
		{name: "param wrong type", data: doc(`{"id":"a","node_type":"AddNode","params":{"addend":"ten"}}`, ``), path: "$.nodes[0].params.addend", message: `must be a number, got string "ten"`},
		{name: "param unknown", data: doc(`{"id":"a","node_type":"AddNode","params":{"adend":1}}`, ``), path: "$.nodes[0].params.adend", message: `did you mean "addend"?`},
		{name: "param odd name", data: doc(`{"id":"a","node_type":"PassThrough","params":{"x y":1}}`, ``), path: `$.nodes[0].params["x y"]`, message: "PassThrough takes no params"},
		{name: "param required", data: doc(`{"id":"a","node_type":"ResampleNode"}`, ``), path: "$.nodes[0].params.rate", message: "required param is missing"},
		{name: "param out of range", data: doc(`{"id":"a","node_type":"ResampleNode","params":{"rate":0}}`, ``), path: "$.nodes[0].params.rate", message: "must be >= 1"},
		{name: "metadata not an object", data: `{"version":"v1","metadata":"x","nodes":[` + pass + `]}`, path: "$.metadata", message: "metadata must be an object, got string"},
		{name: "runtime not an object", data: `{"version":"v1","runtime":[],"nodes":[` + pass + `]}`, path: "$.runtime", message: "runtime must be an object, got array"},
		{name: "runtime fusion not a bool", data: `{"version":"v1","runtime":{"fusion":"off"},"nodes":[` + pass + `]}`, path: "$.runtime.fusion", message: `fusion must be true or false, got string "off"`},
		{name: "connections not an array", data: `{"version":"v1","nodes":[` + pass + `],"connections":{}}`, path: "$.connections", message: "connections must be an array, got object"},
		{name: "connection not an object", data: doc(pass, `"a->b"`), path: "$.connections[0]", message: "connection must be an object"},
		{name: "connection from missing", data: doc(pass, `{"to":"a"}`), path: "$.connections[0].from", message: "missing node id"},
		{name: "connection to not a string", data: doc(pass, `{"from":"a","to":1}`), path: "$.connections[0].to", message: "to must be a string, got number"},
		{name: "connection to unknown", data: doc(pass, `{"from":"a","to":"nowhere"}`), path: "$.connections[0].to", message: `unknown node id "nowhere"`},
		{name: "connection from misspelt", data: doc(pass+`,{"id":"second","node_type":"PassThrough"}`, `{"from":"secnd","to":"a"}`), path: "$.connections[0].from", message: `unknown node id "secnd" (did you mean "second"?)`},
		{name: "self-loop", data: doc(pass, `{"from":"a","to":"a"}`), path: "$.connections[0]", message: "self-loop: a -> a is a cycle"},
		{name: "duplicate connection", data: doc(pass+","+passB, `{"from":"a","to":"b"},{"from":"a","to":"b"}`), path: "$.connections[1]", message: "duplicate connection a -> b (same as $.connections[0])"},
		{name: "cycle", data: doc(pass+","+passB+`,{"id":"c","node_type":"PassThrough"}`, `{"from":"c","to":"a"},{"from":"a","to":"b"},{"from":"b","to":"c"}`), path: "$.connections", message: "cycle: a -> b -> c -> a"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Parse([]byte(tc.data), testRegistry(t))
			require.Nil(t, m)
			problems := requireProblems(t, err)
			require.Len(t, problems, 1, "one problem, not its consequences: %v", problems)
			require.Equal(t, tc.path, problems[0].Path)
			require.Contains(t, problems[0].Message, tc.message)
			if tc.absent != "" {
				require.NotContains(t, problems[0].Message, tc.absent)
			}
			require.Contains(t, err.Error(), problems[0].String())
		})
	}
}

func TestParse_ReportsEveryProblemAtOnce(t *testing.T) {
	data := `{
	  "version": "v2",
	  "nodes": [
	    {"id": "a", "node_type": "AddNode", "params": {"addend": "x"}},
	    {"id": "a", "node_type": "MultiplyNode"},
	    {"id": "b", "node_type": "AddNod"},
	    {"id": "c", "node_type": "PassThrough"},
	    42
	  ],
	  "connections": [
	    {"from": "a", "to": "ghost"},
	    {"from": "b", "to": "c"},
	    {"from": "c", "to": "b"}
	  ]
	}`
	_, err := Parse([]byte(data), testRegistry(t))
	problems := requireProblems(t, err)

	got := map[string]string{}
	for _, p := range problems {
		got[p.Path] = p.Message
	}
	want := map[string]string{
		"$.nodes[4]":               "must be an object",
		"$.version":                `unsupported version "v2"`,
		"$.nodes[1].id":            `duplicate id "a"`,
		"$.nodes[0].params.addend": "must be a number",
		"$.nodes[2].node_type":     `did you mean "AddNode"?`,
		"$.connections[0].to":      `unknown node id "ghost"`,
		"$.connections":            "cycle: b -> c -> b",
	}
	require.Len(t, problems, len(want), "%v", problems)
	for path, msg := range want {
		require.Contains(t, got[path], msg, "problem at %s", path)
	}
}

func TestParse_NilRegistryMeansDefault(t *testing.T) {
	_, err := Parse([]byte(doc(`{"id":"a","node_type":"NoSuchTypeAnywhere"}`, ``)), nil)
	problems := requireProblems(t, err)
	require.Contains(t, problems[0].Message, `unknown node_type "NoSuchTypeAnywhere"`)
}

// TestParse_Concurrent hammers one registry from many parses, for -race.
func TestParse_Concurrent(t *testing.T) {
	reg := testRegistry(t)
	good := []byte(doc(`{"id":"a","node_type":"AddNode"},{"id":"b","node_type":"MultiplyNode"}`, `{"from":"a","to":"b"}`))
	bad := []byte(doc(`{"id":"a","node_type":"AddNod"}`, ``))
	var wg sync.WaitGroup
	errs := make([]error, 16)
	for g := range errs {
		wg.Go(func() {
			for range 50 {
				if _, err := Parse(good, reg); err != nil {
					errs[g] = err
					return
				}
				if _, err := Parse(bad, reg); err == nil {
					errs[g] = errors.New("bad manifest accepted")
					return
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
}
