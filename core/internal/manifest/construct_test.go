package manifest

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/core/node"
)

type closeCounter struct{ closed *int }

func (c closeCounter) Process(context.Context, *frame.Frame, node.Emitter) error { return nil }
func (c closeCounter) Close() error                                              { *c.closed++; return nil }

func TestValidate_RunsTheConstructor(t *testing.T) {
	closed := 0
	reg := node.NewRegistry()
	for _, spec := range []node.Spec{
		{Type: "Picky", Params: []node.Param{{Name: "x", Type: node.TypeString}}, New: func(p node.Params) (node.Node, error) {
			if p.String("x") == "bad" {
				return nil, errors.New(`x "bad" is not allowed`)
			}
			return closeCounter{&closed}, nil
		}},
		{Type: "Panics", New: func(node.Params) (node.Node, error) { panic("boom") }},
		{Type: "PyNode", Runtime: node.RuntimePython},
	} {
		require.NoError(t, reg.Register(spec))
	}
	_, err := Parse([]byte(doc(`{"id":"a","node_type":"Picky","params":{"x":"bad"}},`+
		`{"id":"b","node_type":"Panics"},{"id":"c","node_type":"Picky","params":{"x":"ok"}},`+
		`{"id":"d","node_type":"PyNode"}`, "")), reg)
	var me *Error
	require.ErrorAs(t, err, &me)
	assert.Equal(t, []Problem{
		{Path: "$.nodes[0].params", Message: `x "bad" is not allowed`},
		{Path: "$.nodes[1].params", Message: "the Panics constructor panicked: boom"},
	}, me.Problems, "Python nodes are not constructed")
	assert.Equal(t, 1, closed, "the instance built to check c is closed")
}
