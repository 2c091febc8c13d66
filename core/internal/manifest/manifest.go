// Package manifest parses and validates pipeline manifests (format v1).
package manifest

import "github.com/remotemedia/remotemedia/core/node"

// Version is the only manifest version this engine reads.
const Version = "v1"

// RuntimeFusion is the runtime key that, set to false, runs every node on
// a worker of its own instead of fusing chains of light nodes.
const RuntimeFusion = "fusion"

// Fusion reports whether the manifest lets the executor fuse nodes.
func (m *Manifest) Fusion() bool { return m.Runtime[RuntimeFusion] != false }

// Manifest is a parsed v1 manifest. Fields the engine does not interpret
// (is_streaming, capabilities, host, execution, ...) are kept in Extra maps
// and written back unchanged by MarshalJSON.
type Manifest struct {
	Version     string
	Metadata    map[string]any
	Runtime     map[string]any
	Nodes       []Node
	Connections []Connection
	Extra       map[string]any
}

// Node is one entry of "nodes".
type Node struct {
	ID     string
	Type   string
	Params map[string]any
	Extra  map[string]any
	// Resolved holds Params checked against the node type's spec, with
	// defaults filled in, ready for spec.New. Parse and Validate set it; it
	// is not written back by MarshalJSON.
	Resolved node.Params
}

// Connection is one entry of "connections": an edge From -> To.
type Connection struct {
	From  string
	To    string
	Extra map[string]any
}

// Name is metadata.name, or "" when absent.
func (m *Manifest) Name() string {
	s, _ := m.Metadata["name"].(string)
	return s
}
