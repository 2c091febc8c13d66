package nodes

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseJSONPath(t *testing.T) {
	tests := []struct {
		path    string
		want    []pathStep
		wantErr string
	}{
		{"user.name", []pathStep{{key: "user"}, {key: "name"}}, ""},
		{"items[0].id", []pathStep{{key: "items"}, {index: 0, isIndex: true}, {key: "id"}}, ""},
		{"$.a.b", []pathStep{{key: "a"}, {key: "b"}}, ""},
		{"$[1][-1]", []pathStep{{index: 1, isIndex: true}, {index: -1, isIndex: true}}, ""},
		{`meta["content.type"]`, []pathStep{{key: "meta"}, {key: "content.type"}}, ""},
		{`["a \"q\""].b`, []pathStep{{key: `a "q"`}, {key: "b"}}, ""},
		{"$", nil, ""},
		{"", nil, "path is empty"},
		{"a..b", nil, "empty key"},
		{"a.", nil, "empty key"},
		{"$a", nil, "expected . or [ after $"},
		{"a[x]", nil, `index "x" is not an integer`},
		{"a[1", nil, "missing ]"},
		{`a["b]`, nil, "unterminated quoted key"},
		{"a[0]b", nil, `expected . or [ before "b"`},
		{"a]b", nil, `unexpected character in key "a]b"`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, err := parseJSONPath(tt.path)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got.steps)
		})
	}
}

func TestJSONPath_Lookup(t *testing.T) {
	record := jsonFrame(t, `{"user": {"name": "ada", "tags": ["x", "y"]}, "n": null, "a.b": 1}`).JSONValue()
	tests := []struct {
		path    string
		want    any
		wantErr string
	}{
		{"user.name", "ada", ""},
		{"user.tags[1]", "y", ""},
		{"user.tags[-2]", "x", ""},
		{`["a.b"]`, jsonFrame(t, `1`).JSONValue(), ""},
		{"n", nil, ""},
		{"$", record, ""},
		{"user.age", nil, `$.user has no key "age"`},
		{"user.tags[2]", nil, "$.user.tags has 2 items, no index 2"},
		{"user.name.first", nil, "$.user.name is a string, not an object"},
		{"user[0]", nil, "$.user is an object, not a list"},
		{"n.x", nil, "$.n is null, not an object"},
		{`["a.b"].c`, nil, `$["a.b"] is a number, not an object`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p, err := parseJSONPath(tt.path)
			require.NoError(t, err)
			got, err := p.lookup(record)
			if tt.wantErr != "" {
				assert.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}
