package rmpkg

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/remotemedia/remotemedia/core/internal/jsonx"
	"github.com/remotemedia/remotemedia/core/internal/manifest"
)

// manifestView is the part of a manifest a package needs: its runtime block
// and which nodes are WASM modules. Full manifest checks are the parser's.
type manifestView struct {
	Version  string         `json:"version"`
	Metadata map[string]any `json:"metadata"`
	Runtime  map[string]any `json:"runtime"`
	Nodes    []struct {
		ID     string         `json:"id"`
		Type   string         `json:"node_type"`
		Params map[string]any `json:"params"`
	} `json:"nodes"`
}

func readManifest(b []byte) (*manifestView, error) {
	var m manifestView
	if err := jsonx.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("not a JSON manifest object: %v", err)
	}
	if m.Version != manifest.Version {
		return nil, fmt.Errorf("version is %q; this engine reads %q", m.Version, manifest.Version)
	}
	return &m, nil
}

// target is runtime.target, "" when absent; err when present but unusable.
func (m *manifestView) target() (string, error) {
	raw, ok := m.Runtime["target"]
	if !ok {
		return "", nil
	}
	t, ok := raw.(string)
	if !ok {
		return "", errors.New("runtime.target must be a string")
	}
	if !slices.Contains(Targets, t) {
		return t, fmt.Errorf("runtime.target is %q; a package must target %s", t, strings.Join(Targets, " or "))
	}
	return t, nil
}

// wasmNodes maps each WASM module name the manifest uses to the ids of the
// nodes using it.
func (m *manifestView) wasmNodes() map[string][]string {
	out := map[string][]string{}
	for _, n := range m.Nodes {
		if name, ok := manifest.IsWASMType(n.Type); ok {
			out[name] = append(out[name], n.ID)
		}
	}
	return out
}

func (m *manifestView) metadataString(key string) string {
	s, _ := m.Metadata[key].(string)
	return s
}
