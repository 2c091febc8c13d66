package wire_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/remote/pb"
	"github.com/remotemedia/remotemedia/remote/wire"
)

const calculator = `{"version":"v1","metadata":{"name":"calc"},
 "nodes":[{"id":"m","node_type":"MultiplyNode","params":{"multiplier":12345678901234567890}},
          {"id":"a","node_type":"AddNode","params":{"addend":1}}],
 "connections":[{"from":"m","to":"a"}]}`

func TestManifestRoundTrip(t *testing.T) {
	cfg := core.NewConfig()
	m, err := core.ParseManifest([]byte(calculator), cfg)
	require.NoError(t, err)
	p, err := wire.ManifestProto([]byte(calculator))
	require.NoError(t, err)
	assert.Equal(t, "calc", p.GetMetadata().GetName())
	assert.Equal(t, `{"multiplier":12345678901234567890}`, p.GetNodes()[0].GetParams())
	doc, err := wire.ManifestJSON(p)
	require.NoError(t, err)
	back, err := core.ParseManifest(doc, cfg)
	require.NoError(t, err)
	assert.Equal(t, m.Nodes[0].Params, back.Nodes[0].Params)
	assert.Equal(t, m.Connections[0].From, back.Connections[0].From)
}

func TestManifestJSON_BadParams(t *testing.T) {
	for params, msg := range map[string]string{`{"a":`: "params", `[1]`: "must be a JSON object"} {
		_, err := wire.ManifestJSON(&pb.PipelineManifest{Version: "v1", Nodes: []*pb.NodeManifest{{Id: "n", NodeType: "AddNode", Params: params}}})
		require.Error(t, err)
		assert.Contains(t, err.Error(), msg)
		assert.Contains(t, err.Error(), `"n"`)
	}
	_, err := wire.ManifestJSON(nil)
	assert.Error(t, err)
}
