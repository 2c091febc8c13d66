package client

import (
	"context"
	"fmt"
	"strings"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/core/node"
	"github.com/remotemedia/remotemedia/remote/pb"
	"github.com/remotemedia/remotemedia/remote/wire"
)

// manifestOf returns the sub-manifest as JSON, from the inline object or the
// file. Its node types are the server's to check (they may exist only
// there), so only its shape is checked here, when it becomes a protocol
// manifest.
func manifestOf(p node.Params, readFile func(string) ([]byte, error)) ([]byte, error) {
	switch {
	case p.Has(paramManifest) && p.Has(paramManifestPath):
		return nil, fmt.Errorf("%s: set %q or %q, not both", nodeType, paramManifest, paramManifestPath)
	case p.Has(paramManifest):
		data, err := core.EncodeJSON(p[paramManifest])
		if err != nil {
			return nil, fmt.Errorf("%s: param %q: %w", nodeType, paramManifest, err)
		}
		return data, nil
	case p.Has(paramManifestPath):
		path := p.String(paramManifestPath)
		data, err := readFile(path)
		if err != nil {
			return nil, fmt.Errorf("%s: param %q: %w", nodeType, paramManifestPath, err)
		}
		return data, nil
	}
	return nil, fmt.Errorf("%s: set %q (the sub-pipeline's manifest object) or %q (its file)", nodeType, paramManifest, paramManifestPath)
}

func readManifestFile(path string) ([]byte, error) {
	return core.ReadFile(context.Background(), path, core.MaxManifestBytes)
}

// protoManifest turns the sub-manifest into the protocol's manifest and
// checks that RemotePipelineNode can run it.
func protoManifest(data []byte) (*pb.PipelineManifest, error) {
	out, err := wire.ManifestProto(data)
	if err != nil {
		return nil, err
	}
	if err := checkLinear(out); err != nil {
		return nil, err
	}
	return out, nil
}

// checkLinear refuses sub-pipelines other than one path from a source to a
// sink. The server streams outputs in arrival order; after a fan-in, or
// across several sinks, an output of a later input can arrive before one of
// an earlier input, and the client could not tell when an input is done.
func checkLinear(m *pb.PipelineManifest) error {
	preds, succs := map[string]int{}, map[string]int{}
	for _, c := range m.GetConnections() {
		preds[c.GetTo()]++
		succs[c.GetFrom()]++
	}
	var sinks []string
	for _, n := range m.GetNodes() {
		if preds[n.GetId()] > 1 {
			return fmt.Errorf("node %q merges %d inputs: RemotePipelineNode runs linear sub-pipelines only (one path from the source to the sink), "+
				"because the server streams outputs in arrival order, which after a merge is not input order", n.GetId(), preds[n.GetId()])
		}
		if succs[n.GetId()] == 0 {
			sinks = append(sinks, n.GetId())
		}
	}
	if len(sinks) > 1 {
		return fmt.Errorf("%d sinks (%s): RemotePipelineNode runs linear sub-pipelines only (one path from the source to the sink), "+
			"because the outputs of several sinks arrive interleaved, not in input order", len(sinks), strings.Join(sinks, ", "))
	}
	return nil
}
