package segment

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core"
)

// BenchmarkSessionPush: the host side of a placed segment, per frame, for
// 20 ms audio frames through AudioGainNode -> AudioLevelNode.
func BenchmarkSessionPush(b *testing.B) {
	sub := `{"version": "v1", "nodes": [{"id": "gain", "node_type": "AudioGainNode", "params": {"gain_db": -3}},
	  {"id": "level", "node_type": "AudioLevelNode"}], "connections": [{"from": "gain", "to": "level"}]}`
	cfg := core.NewConfig().WithMarks(true)
	m, err := core.ParseManifest([]byte(sub), cfg)
	require.NoError(b, err)
	p, err := core.NewPipeline(m, cfg)
	require.NoError(b, err)
	s, err := Open(p)
	require.NoError(b, err)
	defer s.Abort()
	req, err := EncodeRequest(audioInputs(128))
	require.NoError(b, err)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Push(req); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*128)/1000, "us/frame")
}
