package bindings

import (
	"encoding/json"
	"fmt"

	"github.com/remotemedia/remotemedia/core/node"
)

// Registry is a private copy of the engine's node registry, into which the
// Python side registers its node types before compiling a manifest.
type Registry struct {
	reg *node.Registry
}

// NewRegistry returns a clone of the engine's default registry.
func NewRegistry() *Registry { return &Registry{reg: node.Default().Clone()} }

// AddPythonType makes name a node type built by the Python factory at
// address factory (id() of a callable the Python caller keeps alive while
// this registry is in use). When the engine already knows name as a Python
// node (a placeholder spec), its documentation and params are kept;
// otherwise specJSON ({"summary", "params": [{"name", "required", "doc"}]})
// declares them.
func (r *Registry) AddPythonType(name string, factory uintptr, specJSON string) (err error) {
	defer guard(&err)
	if factory == 0 {
		return fmt.Errorf("register %q: null factory", name)
	}
	fac := borrowed(factory)
	spec, err := r.reg.ForeignSpec(name, node.RuntimePython, []byte(specJSON),
		func(p node.Params) (node.Node, error) { return newPyNode(fac, name, p) })
	if err != nil {
		return fmt.Errorf("register %q: %w", name, err)
	}
	return r.reg.Replace(spec)
}

// SpecsJSON lists every node type as JSON, for generating remotemedia.nodes
// and for `remotemedia nodes`.
func (r *Registry) SpecsJSON() (out string, err error) {
	defer guard(&err)
	type param struct {
		Name     string   `json:"name"`
		Type     string   `json:"type"`
		Doc      string   `json:"doc,omitempty"`
		Default  any      `json:"default,omitempty"`
		Required bool     `json:"required,omitempty"`
		Min      *float64 `json:"min,omitempty"`
		Max      *float64 `json:"max,omitempty"`
		Enum     []string `json:"enum,omitempty"`
	}
	type spec struct {
		Type        string   `json:"type"`
		Summary     string   `json:"summary"`
		Description string   `json:"description,omitempty"`
		Category    string   `json:"category,omitempty"`
		Stability   string   `json:"stability"`
		Runtime     string   `json:"runtime"`
		Runnable    bool     `json:"runnable"`
		Inputs      []string `json:"inputs,omitempty"`
		Outputs     []string `json:"outputs,omitempty"`
		Params      []param  `json:"params"`
		Example     string   `json:"example,omitempty"`
	}
	var specs []spec
	for _, s := range r.reg.Specs() {
		o := spec{Type: s.Type, Summary: s.Summary, Description: s.Description, Category: s.Category,
			Stability: string(s.Stability), Runtime: string(s.Runtime), Runnable: s.New != nil,
			Inputs: s.Inputs, Outputs: s.Outputs, Example: s.Example, Params: []param{}}
		for _, p := range s.Params {
			o.Params = append(o.Params, param{p.Name, string(p.Type), p.Doc, p.Default, p.Required, p.Min, p.Max, p.Enum})
		}
		specs = append(specs, o)
	}
	b, jerr := json.Marshal(specs)
	return string(b), jerr
}
