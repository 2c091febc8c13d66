package manifest

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// FuzzParse checks that no input makes Parse panic, that every failure is an
// *Error with located problems, and that whatever parses survives a round trip
// through MarshalJSON and forms a DAG. Seeds: f.Add below plus
// testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		doc(`{"id":"a","node_type":"AddNode","params":{"addend":1}}`, ``),
		doc(`{"id":"a","node_type":"PassThrough"},{"id":"b","node_type":"wasm:gain","x":1}`, `{"from":"a","to":"b"}`),
		doc(`{"id":"a","node_type":"PassThrough"},{"id":"b","node_type":"PassThrough"}`, `{"from":"a","to":"b"},{"from":"b","to":"a"}`),
		doc(`{"id":"a","node_type":"ResampleNode","params":{"rate":-1}}`, `{"from":"a","to":"a"}`),
		`{"version":"v1","nodes":[{"id":"a","node_type":"AddNode","params":{"addend":01}}]}`,
		`{"version":`,
		`[]`,
	} {
		f.Add([]byte(seed))
	}
	reg := testRegistry(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data, reg)
		if err != nil {
			var merr *Error
			if !errors.As(err, &merr) || len(merr.Problems) == 0 {
				t.Fatalf("want *Error with problems, got %T: %v", err, err)
			}
			for _, p := range merr.Problems {
				if !strings.HasPrefix(p.Path, "$") || p.Message == "" {
					t.Fatalf("malformed problem %+v", p)
				}
			}
			return
		}
		for i, n := range m.Nodes {
			if n.Resolved == nil {
				t.Fatalf("valid manifest, node %d has no resolved params", i)
			}
		}
		if _, cycle := m.Graph().TopoOrder(); cycle != nil {
			t.Fatalf("valid manifest has a cycle %v", cycle)
		}
		out, err := m.MarshalJSON()
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		again, err := Parse(out, reg)
		if err != nil {
			t.Fatalf("reparse of %s: %v", out, err)
		}
		if !reflect.DeepEqual(m, again) {
			t.Fatalf("round trip through %s changed the manifest:\n%#v\n%#v", out, m, again)
		}
	})
}
