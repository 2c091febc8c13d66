package manifest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Duplicate keys were accepted silently, the last value winning (issue 9).
func TestParse_DuplicateKeys(t *testing.T) {
	data := `{"version":"v1","version":"v1",
	  "nodes":[{"id":"a","node_type":"AddNode","params":{"addend":1,"addend":2}}],
	  "connections":[]}`
	_, err := Parse([]byte(data), testRegistry(t))
	var me *Error
	require.ErrorAs(t, err, &me)
	assert.Equal(t, []Problem{
		{Path: "$.version", Message: `duplicate key "version": JSON keeps only one of its values; remove the others`},
		{Path: "$.nodes[0].params.addend", Message: `duplicate key "addend": JSON keeps only one of its values; remove the others`},
	}, me.Problems)
}
