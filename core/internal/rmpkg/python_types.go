package rmpkg

import (
	"slices"

	"github.com/remotemedia/remotemedia/core/internal/manifest"
	"github.com/remotemedia/remotemedia/core/node"
)

// pythonTypeSummary documents the placeholder of a node type that the
// package's Python sources declare.
const pythonTypeSummary = "declared by the package's python/ sources"

// WithPythonTypes returns the registry the package's manifest is checked
// against. For a package with python/ sources it is a clone of reg in which
// every manifest node type that reg does not know, and that is no wasm:
// type, is a Python placeholder: the sources declare it, and only executing
// them would tell its params, so the params the manifest gives it pass
// unchecked, as a WASM module's do. Checking never executes package code;
// the full check happens once the sources have registered their types.
// Without python/ sources, reg is returned unchanged.
func (p *Package) WithPythonTypes(reg *node.Registry) *node.Registry {
	if len(p.PythonSources()) == 0 {
		return reg
	}
	m, err := readManifest(p.Manifest())
	if err != nil {
		return reg // the manifest check reports it
	}
	params := map[string][]node.Param{}
	var order []string
	for _, n := range m.Nodes {
		if _, known := reg.Lookup(n.Type); known || n.Type == "" {
			continue
		}
		if _, wasm := manifest.IsWASMType(n.Type); wasm {
			continue
		}
		if _, seen := params[n.Type]; !seen {
			order = append(order, n.Type)
			params[n.Type] = []node.Param{}
		}
		params[n.Type] = addAnyParams(params[n.Type], n.Params)
	}
	if len(order) == 0 {
		return reg
	}
	clone := reg.Clone()
	for _, t := range order {
		// A name the registry refuses stays unknown: the parser says why.
		_ = clone.Register(node.Spec{Type: t, Runtime: node.RuntimePython, Summary: pythonTypeSummary, Params: params[t]})
	}
	return clone
}

// addAnyParams adds each name of raw not yet in params as an optional
// param of any type.
func addAnyParams(params []node.Param, raw map[string]any) []node.Param {
	for _, name := range sortedKeys(raw) {
		if name == "" || slices.ContainsFunc(params, func(p node.Param) bool { return p.Name == name }) {
			continue
		}
		params = append(params, node.Param{Name: name, Type: node.TypeAny})
	}
	return params
}
