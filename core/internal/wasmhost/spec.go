package wasmhost

import (
	"context"
	"fmt"

	"github.com/remotemedia/remotemedia/core/internal/jsonx"
	"github.com/remotemedia/remotemedia/core/internal/manifest"
	"github.com/remotemedia/remotemedia/core/node"
)

// TypePrefix starts every WASM node_type: "wasm:<name>".
const TypePrefix = "wasm:"

// ValidName reports whether name can be a WASM node name, i.e. both the
// <name> of "wasm:<name>" and the file nodes/<name>.wasm in a package. The
// manifest parser owns the rule.
func ValidName(name string) bool {
	return manifest.IsWASMName(name)
}

// NewSpec compiles wasm and returns the spec of node type "wasm:<name>".
// Compilation and the ABI check happen now, so a broken module fails before
// any input. Each node built by spec.New gets its own instance; the node's
// params, unvalidated, go to rm_init as JSON. The module lives as long as the
// Host.
func (h *Host) NewSpec(ctx context.Context, name string, wasm []byte) (node.Spec, error) {
	if !ValidName(name) {
		return node.Spec{}, fmt.Errorf("wasm node name %q: use letters, digits, '_', '.' or '-', starting with a letter or digit", name)
	}
	mod, err := h.Compile(ctx, name, wasm)
	if err != nil {
		return node.Spec{}, err
	}
	return node.Spec{
		Type:        TypePrefix + name,
		Summary:     fmt.Sprintf("WebAssembly node %s (ABI v%d), sandboxed.", name, ABIVersion),
		Description: "Params are passed unvalidated, as JSON, to the module's rm_init. See docs/WASM_ABI.md.",
		Category:    "wasm",
		Stability:   node.Experimental,
		Runtime:     node.RuntimeWASM,
		Inputs:      []string{"any"},
		Outputs:     []string{"any"},
		New:         mod.newNode,
	}, nil
}

func (m *Module) newNode(p node.Params) (node.Node, error) {
	params := []byte("{}")
	if len(p) > 0 {
		var err error
		if params, err = jsonx.Marshal(map[string]any(p)); err != nil {
			return nil, fmt.Errorf("wasm:%s: params: %w", m.name, err)
		}
	}
	inst, err := m.Instantiate(context.Background())
	if err != nil {
		return nil, err
	}
	return &wasmNode{inst: inst, params: params}, nil
}
