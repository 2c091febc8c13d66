package server

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core"
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
		// add processed one item (the text failed in multiply): one
		// latency sample, in the +Inf bucket as in every bucket above it.
		`remotemedia_node_latency_seconds_count{node_id="add",node_type="AddNode"} 1`,
		`remotemedia_node_latency_seconds_bucket{node_id="add",node_type="AddNode",le="+Inf"} 1`,
	} {
		assert.Contains(t, body, line+"\n")
	}
	assert.Contains(t, body, `remotemedia_node_latency_seconds_count{node_id="multiply",node_type="MultiplyNode"}`)
}

// Node ids come from clients: past maxLatencySeries distinct nodes, the
// rest share one series per type, so no client can grow the server's
// metrics without bound.
func TestMetrics_NodeLatencySeriesBounded(t *testing.T) {
	l := newNodeLatency()
	for i := range maxLatencySeries + 50 {
		l.add([]core.NodeMetrics{{ID: fmt.Sprint("n", i), Type: "AddNode", Busy: time.Millisecond,
			Latency: []core.LatencyBucket{{UpperNs: 1_000_000, Count: 1}}}})
	}
	assert.Len(t, l.series, maxLatencySeries+1)
	other := l.series[[2]string{"AddNode", "_other"}]
	require.NotNil(t, other)
	assert.Equal(t, uint64(50), other.count)
	// 1 ms falls in the first bound at or above it (10 µs × 4^4 ≈ 2.56 ms).
	assert.Equal(t, uint64(50), other.counts[4])
	assert.InDelta(t, 0.05, other.sum, 1e-9)
}
