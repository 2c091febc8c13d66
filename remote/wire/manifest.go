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

// ManifestProto turns manifest v1 JSON into the protocol's manifest, each
// node's params as JSON text: what a client sends in StreamInit or
// ExecuteRequest. It checks only the document's shape, not its node types:
// those may exist only on the server, which validates them.
func ManifestProto(data []byte) (*pb.PipelineManifest, error) {
	v, err := core.DecodeJSON(data)
	if err != nil {
		return nil, err
	}
	doc, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("the manifest must be a JSON object")
	}
	version, _ := doc["version"].(string)
	if version == "" {
		return nil, fmt.Errorf(`the manifest has no "version" (want "v1")`)
	}
	out := &pb.PipelineManifest{Version: version}
	if md, ok := doc["metadata"].(map[string]any); ok {
		str := func(k string) string { s, _ := md[k].(string); return s }
		out.Metadata = &pb.ManifestMetadata{Name: str("name"), Description: str("description"), CreatedAt: str("created_at")}
	}
	nodes, _ := doc["nodes"].([]any)
	if len(nodes) == 0 {
		return nil, fmt.Errorf(`the manifest has no "nodes"`)
	}
	for i, n := range nodes {
		obj, _ := n.(map[string]any)
		id, _ := obj["id"].(string)
		typ, _ := obj["node_type"].(string)
		if id == "" || typ == "" {
			return nil, fmt.Errorf(`nodes[%d]: want an object with "id" and "node_type" strings`, i)
		}
		nm := &pb.NodeManifest{Id: id, NodeType: typ}
		if params, ok := obj["params"]; ok {
			if _, isObj := params.(map[string]any); !isObj {
				return nil, fmt.Errorf("nodes[%d] (%q): params must be an object", i, id)
			}
			text, err := core.EncodeJSON(params)
			if err != nil {
				return nil, fmt.Errorf("nodes[%d] (%q): params: %w", i, id, err)
			}
			nm.Params = string(text)
		}
		if s, _ := obj["is_streaming"].(bool); s {
			nm.IsStreaming = true
		}
		out.Nodes = append(out.Nodes, nm)
	}
	conns, _ := doc["connections"].([]any)
	for i, c := range conns {
		obj, _ := c.(map[string]any)
		from, _ := obj["from"].(string)
		to, _ := obj["to"].(string)
		if from == "" || to == "" {
			return nil, fmt.Errorf(`connections[%d]: want an object with "from" and "to" strings`, i)
		}
		out.Connections = append(out.Connections, &pb.Connection{From: from, To: to})
	}
	return out, nil
}
