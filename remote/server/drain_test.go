package server

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/remote/pb"
)

// Drain lets an open session finish within the grace period.
func TestDrain_SessionFinishesWithinGrace(t *testing.T) {
	ts := serve(t, Options{})
	st := open(t, context.Background(), ts.dial(t), calculator())
	drained := make(chan struct{})
	go func() { ts.Drain(10 * time.Second); close(drained) }()
	require.NoError(t, st.Send(chunk(t, 0, frame.JSON(1))))
	require.NoError(t, st.Send(control(pb.StreamControl_COMMAND_CLOSE)))
	resps, err := recvAll(t, st)
	require.ErrorIs(t, err, io.EOF)
	require.Len(t, resps, 2)
	assert.NotNil(t, resps[1].GetClosed())
	<-drained
}

// After the grace period the sessions still open are ended.
func TestDrain_GraceEndsOpenSessions(t *testing.T) {
	ts := serve(t, Options{})
	st := open(t, context.Background(), ts.dial(t), calculator())
	start := time.Now()
	ts.Drain(50 * time.Millisecond)
	assert.Less(t, time.Since(start), 5*time.Second)
	_, err := recvAll(t, st)
	assert.Error(t, err)
	assert.Equal(t, 0, ts.Sessions())
}
