package core_test

import (
	"errors"
	"testing"

	"github.com/remotemedia/remotemedia/core"
	"github.com/stretchr/testify/assert"
)

func TestStreamError_nodeFailureFirstThenInputThenOutput(t *testing.T) {
	node := &core.NodeError{Node: "n", Err: errors.New("boom")}
	input := &core.InputError{Err: errors.New("bad frame")}
	output, other := errors.New("sink closed"), errors.New("run stopped")

	assert.Same(t, node, core.StreamError(node, input, output), "a node's failure explains the rest")
	assert.Same(t, input, core.StreamError(other, input, output))
	assert.Equal(t, output, core.StreamError(other, nil, output))
	assert.Equal(t, other, core.StreamError(other, nil, nil))
	assert.NoError(t, core.StreamError(nil, nil, nil))
}
