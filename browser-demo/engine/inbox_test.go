//go:build js && wasm

package main

import (
	"strconv"
	"testing"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInbox_refusesAPushPastTheBound(t *testing.T) {
	q := newInbox()
	for i := range maxQueued {
		require.True(t, q.put(frame.Text(strconv.Itoa(i))), "push %d", i)
	}
	assert.False(t, q.put(frame.Text("refused")), "the queue is full")

	frames, ended, err := q.take(nil)
	require.NoError(t, err)
	assert.False(t, ended)
	require.Len(t, frames, maxQueued, "the refused push queued nothing")
	assert.Equal(t, strconv.Itoa(maxQueued-1), frames[maxQueued-1].TextValue())
	assert.True(t, q.put(frame.Text("7")), "taking makes room again")
}

func TestInbox_endsAfterTheQueuedFrames(t *testing.T) {
	q := newInbox()
	require.True(t, q.put(frame.Text("1")))
	q.fail(errQueueFull)
	frames, ended, err := q.take(nil)
	require.NoError(t, err)
	assert.False(t, ended)
	assert.Len(t, frames, 1)
	_, ended, err = q.take(frames)
	assert.True(t, ended)
	assert.ErrorIs(t, err, errQueueFull)
}
