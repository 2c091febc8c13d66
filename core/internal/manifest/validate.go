package manifest

import (
	"maps"
	"regexp"
	"strings"

	"github.com/remotemedia/remotemedia/core/internal/echo"
	"github.com/remotemedia/remotemedia/core/internal/suggest"
	"github.com/remotemedia/remotemedia/core/node"
)

// idPattern keeps ids usable in paths, file names and CLI flags.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// Validate checks a manifest built in code the way Parse checks a document,
// and fills each Node.Resolved. It returns nil or an *Error listing every
// problem. A nil reg means node.Default(). It writes Resolved, so do not call
// it while another goroutine reads m.
func (m *Manifest) Validate(reg *node.Registry) error {
	var c collector
	m.validate(reg, true, &c)
	return c.err()
}

// validate checks m; with types false it skips node types and params.
func (m *Manifest) validate(reg *node.Registry, types bool, c *collector) {
	if reg == nil {
		reg = node.Default()
	}
	switch m.Version {
	case Version:
	case "":
		c.addf("$.version", "version is missing; expected %q", Version)
	default:
		c.addf("$.version", "unsupported version %s; expected %q", echo.Quote(m.Version), Version)
	}
	if len(m.Nodes) == 0 {
		c.addf("$.nodes", "no nodes: a pipeline needs at least one node")
	}
	if v, ok := m.Runtime[RuntimeFusion]; ok {
		if _, isBool := v.(bool); !isBool {
			c.addf("$.runtime."+RuntimeFusion, "fusion must be true or false, got %s", echo.JSON(v))
		}
	}
	ids := m.checkIDs(c)
	for i := range m.Nodes {
		if types {
			m.Nodes[i].Resolved = m.Nodes[i].resolve(reg, i, c)
		} else {
			m.Nodes[i].checkTypeName(i, c)
		}
		m.Nodes[i].checkPlacement(i, c)
	}
	m.checkConnections(ids, c)
}

// checkIDs reports missing, malformed and duplicate ids, and returns the index
// of the first node using each id.
func (m *Manifest) checkIDs(c *collector) map[string]int {
	first := make(map[string]int, len(m.Nodes))
	for i, n := range m.Nodes {
		if n.ID == "" {
			c.addf(nodePath(i, "id"), "id is missing")
			continue
		}
		if j, dup := first[n.ID]; dup {
			c.addf(nodePath(i, "id"), "duplicate id %s (first used by %s)", echo.Quote(n.ID), elem("$.nodes", j))
			continue
		}
		first[n.ID] = i
		if !idPattern.MatchString(n.ID) {
			c.addf(nodePath(i, "id"), "id %s must match %s", echo.Quote(n.ID), idPattern)
		}
	}
	return first
}

// resolve checks the type and params of node i and returns its params with
// defaults filled in, or nil when they are not valid.
func (n *Node) resolve(reg *node.Registry, i int, c *collector) node.Params {
	if !n.checkTypeName(i, c) {
		return nil
	}
	spec, ok := reg.Lookup(n.Type)
	if !ok {
		if _, wasm := IsWASMType(n.Type); wasm {
			return n.uncheckedParams()
		}
		c.add(nodePath(i, "node_type"), func() string {
			return "unknown node_type " + echo.Quote(n.Type) + suggest.Hint(n.Type, reg.Types())
		})
		return nil
	}
	if spec.Runtime == node.RuntimeWASM && len(spec.Params) == 0 {
		return n.uncheckedParams()
	}
	params, errs := spec.ValidateParams(n.Params)
	for _, e := range errs {
		c.addf(field(nodePath(i, "params"), e.Param), "%s", e.Message)
	}
	if len(errs) > 0 {
		return nil
	}
	if err := tryNew(spec, params); err != nil {
		c.addf(nodePath(i, "params"), "%s", err)
		return nil
	}
	return params
}

// checkTypeName reports a missing node_type or a malformed WASM one, the
// rules that hold whatever node types are registered.
func (n *Node) checkTypeName(i int, c *collector) bool {
	switch {
	case n.Type == "":
		c.addf(nodePath(i, "node_type"), "node_type is missing")
		return false
	case strings.HasPrefix(n.Type, wasmPrefix):
		if _, ok := IsWASMType(n.Type); !ok {
			c.addf(nodePath(i, "node_type"), "WASM node_type %s: the module name must match %s", echo.Quote(n.Type), wasmName)
			return false
		}
	}
	return true
}

// uncheckedParams passes params through for WASM modules that declare none:
// the module checks its own params in rm_init.
func (n *Node) uncheckedParams() node.Params {
	params := node.Params{}
	maps.Copy(params, n.Params)
	return params
}
