package server

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core/frame"
	"github.com/remotemedia/remotemedia/remote/pb"
)

func TestMetrics(t *testing.T) {
	m := NewMetrics()
	ts := serve(t, Options{Metrics: m})
	st := open(t, context.Background(), ts.dial(t), calculator())
	require.NoError(t, st.Send(chunk(t, 0, frame.JSON(1))))
	first, err := st.Recv()
	require.NoError(t, err)
	require.NotNil(t, first.GetResult())
	require.NoError(t, st.Send(chunk(t, 1, frame.Text("x"))))
	_, _ = recvAll(t, st)
	require.True(t, eventually(func() bool { return ts.Sessions() == 0 }, time.Second))

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	for _, line := range []string{
		"remotemedia_sessions_open 0",
		"remotemedia_sessions_total 1",
		"remotemedia_chunks_in_total 2",
		"remotemedia_chunks_out_total 1",
		`remotemedia_errors_total{type="` + pb.ErrorType_ERROR_TYPE_NODE_EXECUTION.String() + `"} 1`,
		"remotemedia_session_seconds_count 1",
	} {
		assert.Contains(t, body, line+"\n")
	}
}
