package jsonx

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDuplicateKeys(t *testing.T) {
	tests := []struct {
		doc  string
		want [][]any
	}{
		{`{"a":1,"b":2}`, nil},
		{`{"a":1,"a":2}`, [][]any{{"a"}}},
		{`{"a":{"x":1},"b":{"x":2}}`, nil},
		{`{"nodes":[{"id":"a"},{"id":"b","params":{"k":1,"k":[1,{"z":0,"z":1}]}}]}`,
			[][]any{{"nodes", 1, "params", "k"}, {"nodes", 1, "params", "k", 1, "z"}}},
		{`[[], {"a":[{"b":1}], "a":0}]`, [][]any{{1, "a"}}},
		{`{"a":"a","a":"a","a":"a"}`, [][]any{{"a"}, {"a"}}},
		{`"a"`, nil},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, DuplicateKeys([]byte(tt.doc)), tt.doc)
	}
}
