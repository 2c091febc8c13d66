package node

import (
	"encoding/json"
	"fmt"
)

// Declaration is what another runtime (Python, in CPython or in Pyodide)
// says about a node type it implements, as JSON:
// {"summary": "...", "params": [{"name", "required", "doc"}],
// "releases_gil": false}.
type Declaration struct {
	Summary     string `json:"summary"`
	ReleasesGIL bool   `json:"releases_gil"`
	Params      []struct {
		Name     string `json:"name"`
		Required bool   `json:"required"`
		Doc      string `json:"doc"`
	} `json:"params"`
}

// ForeignSpec returns a runnable spec for a node type implemented by
// runtime rt. When r already has a placeholder spec of that runtime for the
// type (as it has for the built-in Python nodes), its documentation and
// params are kept; otherwise declJSON declares them, with params of any
// type (the foreign constructor checks them). declJSON may be empty.
func (r *Registry) ForeignSpec(name string, rt Runtime, declJSON []byte, newNode func(Params) (Node, error)) (Spec, error) {
	var decl Declaration
	if len(declJSON) > 0 {
		if err := json.Unmarshal(declJSON, &decl); err != nil {
			return Spec{}, fmt.Errorf("node type %q: bad declaration: %w", name, err)
		}
	}
	spec := Spec{Type: name, Runtime: rt}
	if old, ok := r.Lookup(name); ok && old.Runtime == rt {
		spec = *old
		spec.ReleasesGIL = old.ReleasesGIL || decl.ReleasesGIL // the engine's own word holds
	} else {
		spec.ReleasesGIL = decl.ReleasesGIL
		spec.Summary = decl.Summary
		for _, p := range decl.Params {
			spec.Params = append(spec.Params, Param{Name: p.Name, Type: TypeAny, Required: p.Required, Doc: p.Doc})
		}
	}
	spec.New = newNode
	return spec, nil
}
