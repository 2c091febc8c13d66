package wire

import (
	"fmt"

	"github.com/remotemedia/remotemedia/core"
	"github.com/remotemedia/remotemedia/remote/pb"
)

// ManifestJSON writes a protocol manifest as a manifest v1 document for
// core.ParseManifest. Each node's params must be a JSON object (or empty).
// Fields the engine does not use (capabilities, host, runtime_hint, type
// hints) are left out; is_streaming is kept as manifests keep it.
func ManifestJSON(m *pb.PipelineManifest) ([]byte, error) {
	if m == nil {
		return nil, fmt.Errorf("manifest is missing")
	}
	doc := map[string]any{"version": m.GetVersion()}
	if md := m.GetMetadata(); md != nil {
		meta := map[string]any{}
		for k, v := range map[string]string{"name": md.GetName(), "description": md.GetDescription(), "created_at": md.GetCreatedAt()} {
			if v != "" {
				meta[k] = v
			}
		}
		doc["metadata"] = meta
	}
	nodes := make([]any, len(m.GetNodes()))
	for i, n := range m.GetNodes() {
		entry := map[string]any{"id": n.GetId(), "node_type": n.GetNodeType()}
		if p := n.GetParams(); p != "" {
			v, err := core.DecodeJSON([]byte(p))
			if err != nil {
				return nil, fmt.Errorf("nodes[%d] (%q): params: %w", i, n.GetId(), err)
			}
			if _, ok := v.(map[string]any); !ok {
				return nil, fmt.Errorf("nodes[%d] (%q): params must be a JSON object, got %s", i, n.GetId(), p)
			}
			entry["params"] = v
		}
		if n.GetIsStreaming() {
			entry["is_streaming"] = true
		}
		nodes[i] = entry
	}
	doc["nodes"] = nodes
	conns := make([]any, len(m.GetConnections()))
	for i, c := range m.GetConnections() {
		conns[i] = map[string]any{"from": c.GetFrom(), "to": c.GetTo()}
	}
	doc["connections"] = conns
	return core.EncodeJSON(doc)
}

// ManifestProto is a parsed manifest as a protocol manifest, params as JSON
// text: what a client sends in StreamInit or ExecuteRequest.
func ManifestProto(m *core.Manifest) (*pb.PipelineManifest, error) {
	out := &pb.PipelineManifest{Version: m.Version}
	if m.Metadata != nil {
		str := func(k string) string { s, _ := m.Metadata[k].(string); return s }
		out.Metadata = &pb.ManifestMetadata{Name: str("name"), Description: str("description"), CreatedAt: str("created_at")}
	}
	for _, n := range m.Nodes {
		nm := &pb.NodeManifest{Id: n.ID, NodeType: n.Type}
		if len(n.Params) > 0 {
			p, err := core.EncodeJSON(n.Params)
			if err != nil {
				return nil, fmt.Errorf("node %q: params: %w", n.ID, err)
			}
			nm.Params = string(p)
		}
		if s, _ := n.Extra["is_streaming"].(bool); s {
			nm.IsStreaming = true
		}
		out.Nodes = append(out.Nodes, nm)
	}
	for _, c := range m.Connections {
		out.Connections = append(out.Connections, &pb.Connection{From: c.From, To: c.To})
	}
	return out, nil
}
